import Foundation
import NOFCore
import NOFPostgres

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
extension UnitSession {
    func planSlices(dataset: Dataset) throws -> SlicePlan {
        var plan = SlicePlan()
        let sink = context.sink
        let options = loader.options
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
                    file: result.file,
                    reason: "\(strays.count == 1 ? "a month" : "\(strays.count) months") of stray rows (\(strays.sorted().map(\.description).joined(separator: ", "))) and --strict is set, so nothing was loaded; \(fileMonths)")
            }
        }

        // 2. The file's own totals, where its layout publishes them.
        var heldPeriods = Set<YearMonth>()
        for finding in context.totals where !plan.dropped.contains(finding.period) {
            if options.strict {
                throw LoadError(file: result.file, reason: "\(finding.period): \(finding.message); with --strict nothing was loaded")
            }
            if options.allowTotalMismatch {
                context.warn("totals", finding.period, "accepted with --allow-total-mismatch: " + finding.message)
                continue
            }
            guard heldPeriods.insert(finding.period).inserted else { continue }
            let rejected = context.rejectCount > 0 && !finding.missing
                ? " (\(context.rejectCount) rejected rows are missing from the sum)" : ""
            plan.held.append(HeldSlice(
                dataset: dataset, period: finding.period, kind: .totals,
                reason: "held back: " + finding.message + rejected + "; pass --allow-total-mismatch to load it anyway"))
        }

        // 3. A slice is never replaced by less: compare each remaining month with the stored one.
        let guardRule = SliceGuard(allowShrink: options.allowShrink)
        for period in rowsPerPeriod.keys.sorted() where !plan.dropped.contains(period) && !heldPeriods.contains(period) {
            let stats = try sliceStats(dataset: dataset, period: period, newRows: rowsPerPeriod[period] ?? 0)
            switch guardRule.verdict(stats) {
            case .accept:
                plan.accepted.append(period)
            case .flag(let message):
                context.warn("slice_guard", period, message)
                plan.accepted.append(period)
            case .holdBack(let reason):
                heldPeriods.insert(period)
                plan.held.append(HeldSlice(dataset: dataset, period: period, kind: .shrink, reason: reason,
                                           lost: stats.lost, stats: stats))
            }
        }
        for period in heldPeriods {
            context.rowsLoaded -= rowsPerPeriod[period] ?? 0
            plan.dropped.insert(period)
        }
        plan.held.sort { ($0.period, $0.kind.rawValue) < ($1.period, $1.kind.rawValue) }
        return plan
    }

    /// The guard statistics of one staged month (`dw.slice_stats`).
    func sliceStats(dataset: Dataset, period: YearMonth, newRows: Int) throws -> SliceStats {
        let guardTable = dataset == .rtt ? FactTable.rttProvider : dataset.primaryTable
        let table = createdTables[SliceKey(table: guardTable, period: period)]
        let row = try connection.execute(
            "SELECT stored_rows, stored_providers, new_providers, lost::text, neighbour_providers FROM dw.slice_stats($1, $2::date, $3)",
            [dataset.rawValue, period.firstDay, table]).rows.first
        let lost = (row?.string(3) ?? "{}").trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
            .split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        return SliceStats(
            storedRows: try row?.int(0), newRows: newRows, storedProviders: try row?.int(1),
            newProviders: try row?.int(2) ?? 0, lost: lost, neighbourProviders: try row?.int(4))
    }
}
