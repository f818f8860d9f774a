import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

/// Thrown by the merge when every slice of a unit was held back: nothing is committed.
struct HeldBack: Error {
    let slices: [HeldSlice]
}

/// Which slices of a unit the merge swaps in.
struct SlicePlan {
    /// Months swapped in, in order.
    var accepted: [YearMonth] = []
    /// Months not swapped in (stray rows, held back): their new tables are dropped.
    var dropped: Set<YearMonth> = []
    var held: [HeldSlice] = []
}

/// The merge's guards, applied to a unit's staged slices before anything replaces what is
/// stored: stray months become rejects, a failed totals check or a shrinking replacement
/// holds its month back, a thin first load is flagged.
struct SlicePlanner {
    let connection: Connection
    let dataset: Dataset
    let fileName: String
    let options: LoadOptions
    let stager: Stager
    /// Months another file of the same command also carries, with different content: held
    /// back whatever they hold (the reason names both files and their SHA-256s).
    var conflicts: [YearMonth: String] = [:]

    /// Decides, month by month, what may replace what is stored. Stray rows become rejects
    /// (and leave `context`'s row counts); findings that do not stop a month become warnings.
    func plan(_ context: IngestContext) throws -> SlicePlan {
        var plan = SlicePlan()
        let sink = context.sink
        var rowsPerPeriod: [YearMonth: Int] = [:]
        for period in context.periods { rowsPerPeriod[period] = sink.rows(dataset.primaryTable, period) }

        // 1. Rows belong to the file's months: a few rows of another month are stray rows.
        let strays = StrayMonths.find(rowsPerPeriod)
        if !strays.isEmpty {
            let main = rowsPerPeriod.filter { !strays.contains($0.key) }.keys.sorted()
            let fileMonths = main.count == 1 ? "the file is \(main[0])" : "the file's months are \(LoadSummary.periodText(main))"
            for period in strays.sorted() {
                let rows = rowsPerPeriod[period] ?? 0
                for line in sink.buffer(dataset.primaryTable, period)?.sourceLines() ?? [] {
                    context.reject(Reject(
                        line: line, column: "period", value: period.description,
                        reason: "row says \(period); \(fileMonths) (a month with \(rows) rows, under \(Int(StrayMonths.share * 100))% of the file's largest month, is not a slice: these rows are stray)"))
                }
                context.rowsLoaded -= rows
                context.organisations[period] = nil
                plan.dropped.insert(period)
            }
            if options.strict {
                throw LoadError(
                    file: fileName,
                    reason: "\(strays.count == 1 ? "a month" : "\(strays.count) months") of stray rows (\(strays.sorted().map(\.description).joined(separator: ", "))) and --strict is set, so nothing was loaded; \(fileMonths)")
            }
        }

        // 2. A month is missing inside the file's range: a warning naming it.
        let months = rowsPerPeriod.keys.filter { !plan.dropped.contains($0) }.sorted()
        for missing in FileGaps.missing(months, dataset: dataset) {
            context.warn("gap", missing, "the file covers \(months.first?.description ?? "") to \(months.last?.description ?? "") but has no rows for \(missing): that month is not loaded from it")
        }

        // 3. Two versions of one month in one command: neither is loaded.
        var heldPeriods = Set<YearMonth>()
        for period in months {
            guard let reason = conflicts[period] else { continue }
            heldPeriods.insert(period)
            plan.held.append(HeldSlice(dataset: dataset, period: period, kind: .conflict, reason: reason))
        }

        // 4. The file's own totals, where its layout publishes them.
        for finding in context.totals where !plan.dropped.contains(finding.period) {
            if options.strict {
                throw LoadError(file: fileName, reason: "\(finding.period): \(finding.message); with --strict nothing was loaded")
            }
            if options.allowTotalMismatch {
                context.warn("totals", finding.period, "accepted with --allow-total-mismatch: " + finding.message)
                continue
            }
            guard !heldPeriods.contains(finding.period) else { continue }
            heldPeriods.insert(finding.period)
            let rejected = context.rejectCount > 0 && !finding.missing
                ? " (\(context.rejectCount) rejected rows are missing from the sum)" : ""
            plan.held.append(HeldSlice(
                dataset: dataset, period: finding.period, kind: .totals,
                reason: "held back: " + finding.message + rejected + "; pass --allow-total-mismatch to load it anyway"))
        }

        // 5. A slice is never replaced by less: compare each remaining month with the stored one.
        // 6. Nor by figures far from each provider's own history (the plausibility guard).
        let guardRule = SliceGuard(allowShrink: options.allowShrink)
        let plausibility = PlausibilityGuard(connection: connection, dataset: dataset, allowOutliers: options.allowOutliers)
        let guardTable = dataset == .rtt ? FactTable.rttProvider : dataset.primaryTable
        for period in months where !heldPeriods.contains(period) {
            let stats = try sliceStats(period: period, newRows: rowsPerPeriod[period] ?? 0)
            switch guardRule.verdict(stats) {
            case .accept:
                break
            case .flag(let message):
                context.warn("slice_guard", period, message)
            case .holdBack(let reason):
                heldPeriods.insert(period)
                plan.held.append(HeldSlice(dataset: dataset, period: period, kind: .shrink, reason: reason,
                                           lost: stats.lost, stats: stats))
                continue
            }
            if let table = stager.table(guardTable, period),
               let reason = try plausibility.check(period: period, table: table, context: context) {
                heldPeriods.insert(period)
                plan.held.append(HeldSlice(dataset: dataset, period: period, kind: .outlier, reason: reason))
                continue
            }
            plan.accepted.append(period)
        }
        for period in heldPeriods {
            context.rowsLoaded -= rowsPerPeriod[period] ?? 0
            plan.dropped.insert(period)
        }
        plan.held.sort { ($0.period, $0.kind.rawValue) < ($1.period, $1.kind.rawValue) }
        return plan
    }

    /// The guard statistics of one staged month (`dw.slice_stats`).
    private func sliceStats(period: YearMonth, newRows: Int) throws -> SliceStats {
        let guardTable = dataset == .rtt ? FactTable.rttProvider : dataset.primaryTable
        let stored = try connection.query(
            """
            SELECT stored_rows::bigint AS stored_rows, stored_providers::bigint AS stored_providers,
                   new_providers::bigint AS new_providers, lost, neighbour_providers::bigint AS neighbour_providers
              FROM dw.slice_stats(\(dataset.rawValue), \(period), \(stager.table(guardTable, period)))
            """, as: StoredSlice.self).first
        return SliceStats(
            storedRows: stored?.storedRows, newRows: newRows, storedProviders: stored?.storedProviders,
            newProviders: stored?.newProviders ?? 0, lost: stored?.lost ?? [], neighbourProviders: stored?.neighbourProviders)
    }

    /// A row of `dw.slice_stats`.
    private struct StoredSlice: Decodable {
        let storedRows: Int?
        let storedProviders: Int?
        let newProviders: Int
        let lost: [String]
        let neighbourProviders: Int?
    }
}

/// "A file's months run without a hole": the months missing between a monthly file's first and
/// last month (the quarterly NOF files and the ODS snapshots have no monthly run).
public enum FileGaps {
    public static func missing(_ months: [YearMonth], dataset: Dataset) -> [YearMonth] {
        guard dataset.isMonthly, let first = months.first, let last = months.last, first < last else { return [] }
        let present = Set(months)
        return (0...first.distance(to: last)).map { first.adding(months: $0) }.filter { !present.contains($0) }
    }
}

extension Dataset {
    /// Whether the dataset is published month by month (a file's months should have no gap).
    public var isMonthly: Bool {
        switch self {
        case .ae, .ambulance, .rtt, .cancer, .diagnostics: return true
        case .nofData, .nofLeague, .odsTrusts, .odsSuccessors: return false
        }
    }
}
