import Foundation
import NOFCore

/// DM01 Monthly Diagnostics web file, Provider (XLS): the `Provider by Test` sheet is the
/// fact. The period comes from the metadata block above the header. The England `Total` row
/// is not a provider (its cells are formulas FreeXL cannot read, so it cannot be checked);
/// each provider's `Total` test row is the file's total instead (missing or not adding up: the
/// month is held back), and the `Provider` sheet is checked against the sums by test.
final class DiagnosticsNormaliser: Normaliser {
    let context: IngestContext
    let header: [String]
    let sheet: String?
    var period: YearMonth?
    let columns: [String: Int]
    /// Per provider: sums over tests 1–15 of [total, 6+, 13+, bands…, planned, unscheduled, waiting-list activity].
    var sums: [String: [Int]] = [:]
    var providerTotals: [String: (line: Int, values: [Int])] = [:]
    var seen: Set<String> = []

    static let bandCount = 14

    init(context: IngestContext, header: [String], sheet: String?) {
        self.context = context
        self.header = header
        self.sheet = sheet
        var map: [String: Int] = [:]
        for (i, cell) in header.enumerated() where !cell.isEmpty {
            map[normaliseHeader(cell)] = map[normaliseHeader(cell)] ?? i
        }
        columns = map
    }

    func preamble(_ rows: [[String]]) throws {
        for row in rows {
            if let label = row.firstIndex(where: { $0.lowercased() == "period:" }), label + 1 < row.count {
                period = parseLabelledPeriod(row[label + 1])
            }
        }
        if period == nil {
            throw LoadError(
                file: context.fileName,
                reason: "the metadata block above the header has no \"Period:\" cell naming the month (e.g. \"July 2025\")")
        }
    }

    func column(_ name: String) -> Int? { columns[normaliseHeader(name)] }

    /// The numeric columns in fact order: total, 6+, 13+, 14 bands, planned, unscheduled, waiting list.
    lazy var measureColumns: [Int?] = {
        ["Total Waiting List", "Number waiting 6+ Weeks", "Number waiting 13+ Weeks"].map(column)
            + dm01BandHeaders.map(column)
            + ["Planned tests / procedures", "Unscheduled tests / procedures",
               "Waiting list tests / procedures (excluding planned)"].map(column)
    }()

    func row<R: RowCells>(_ row: R) throws {
        if row.isBlankRow { return }
        guard let period else { return }
        let reader = RowReader(row: row, header: header, sheet: sheet)
        guard let codeColumn = column("Provider Code"), let testColumn = column("Diagnostic ID") else { return }
        let code = row.text(codeColumn)
        let nameColumn = column("Provider Name")
        if code.isEmpty, nameColumn.map({ row.text($0).lowercased() == "total" }) ?? false {
            return  // England Total row: formulas, not a provider
        }
        context.rowsRead += 1
        do {
            guard let code = try reader.text(codeColumn) else { return }
            guard case .value(let test) = row.integer(testColumn), (1...16).contains(test) else {
                throw reader.fail(testColumn, "is not a diagnostic test number 1–16")
            }
            var values: [Int?] = []
            for (i, column) in measureColumns.enumerated() {
                guard let column else { values.append(nil); continue }
                // Activity columns may be blank; waiting-list columns may not.
                values.append(i < 3 + Self.bandCount ? try reader.count(column) : try reader.optionalCount(column))
            }
            let name = nameColumn.map { row.text($0) } ?? code
            let regionCode = column("Regional Team Code").map { row.text($0) }
            if test == 16 {
                providerTotals[code] = (row.rowNumber, values.map { $0 ?? 0 })
                return
            }
            guard seen.insert("\(code)|\(test)").inserted else {
                throw reader.fail(testColumn, "test \(test) appears twice for provider \(code)")
            }
            let bands = values[3..<(3 + Self.bandCount)].map { $0 ?? 0 }
            try context.sink.withRow(.diagnostics, period, line: row.rowNumber) { e in
                e.appendField(period.firstDay); e.appendTab()
                e.appendField(code); e.appendTab()
                e.appendField(regionCode); e.appendTab()
                e.appendInt(test); e.appendTab()
                e.appendInt(values[0]); e.appendTab()
                e.appendInt(values[1]); e.appendTab()
                e.appendInt(values[2]); e.appendTab()
                e.append(UInt8(ascii: "{"))
                for (i, b) in bands.enumerated() {
                    if i > 0 { e.append(UInt8(ascii: ",")) }
                    e.appendInt(b)
                }
                e.append(UInt8(ascii: "}"))
                for v in values[(3 + Self.bandCount)...] {
                    e.appendTab()
                    e.appendInt(v)
                }
            }
            var sum = sums[code] ?? Array(repeating: 0, count: values.count)
            for (i, v) in values.enumerated() { sum[i] += v ?? 0 }
            sums[code] = sum
            context.seeOrganisation(code, period: period) {
                OrganisationSeen(name: name, parentCode: regionCode, parentName: column("Regional Team Name").map { row.text($0) }, regionCode: regionCode)
            }
            context.rowsLoaded += 1
        } catch let rejection as RowRejection {
            context.reject(rejection.reject)
        }
    }

    static let measureNames = ["total waiting list", "waiting 6+ weeks", "waiting 13+ weeks"]
        + dm01BandHeaders + ["planned", "unscheduled", "waiting-list activity"]

    func finish() throws {
        var mismatches: [String] = []
        for (code, total) in providerTotals.sorted(by: { $0.key < $1.key }) {
            let sum = sums[code] ?? Array(repeating: 0, count: total.values.count)
            for i in 0..<min(3, total.values.count) where total.values[i] != sum[i] {
                mismatches.append("\(code) \(Self.measureNames[i]): Total row \(total.values[i]), tests sum to \(sum[i])")
            }
        }
        guard let period else { return }
        if !mismatches.isEmpty {
            context.totalsProblem(period, missing: false,
                                  "\(mismatches.count) provider Total rows (test 16) differ from the sum of their tests: " + mismatches.prefix(5).joined(separator: "; "))
        }
        let missingTotals = Set(sums.keys).subtracting(providerTotals.keys)
        if !missingTotals.isEmpty {
            context.totalsProblem(period, missing: true,
                                  "\(missingTotals.count) providers have no Total test row (test 16), so their tests cannot be checked: " + missingTotals.sorted().prefix(5).joined(separator: ", "))
        }
    }

    /// Checks the `Provider` sheet (one row per provider, all tests) against the sums by test.
    func checkProviderSheet(header providerHeader: [String], rows: [SheetRow]) {
        let names = providerHeader.map(normaliseHeader)
        guard let codeColumn = names.firstIndex(of: "provider code"),
              let totalColumn = names.firstIndex(of: "total waiting list"),
              let sixColumn = names.firstIndex(of: "number waiting 6+ weeks")
        else {
            context.warn("provider_sheet", period, "the Provider sheet has no Provider Code / Total Waiting List columns to check")
            return
        }
        var mismatches: [String] = []
        var checked = 0
        for row in rows {
            let code = row.text(codeColumn)
            guard !code.isEmpty, let sum = sums[code] else { continue }
            checked += 1
            if case .value(let total) = row.integer(totalColumn), total != sum[0] {
                mismatches.append("\(code): Provider sheet \(total), Provider by Test sums to \(sum[0])")
            }
            if case .value(let six) = row.integer(sixColumn), six != sum[1] {
                mismatches.append("\(code) 6+ weeks: Provider sheet \(six), Provider by Test sums to \(sum[1])")
            }
        }
        if !mismatches.isEmpty {
            context.warn("provider_sheet_mismatch", period,
                         "\(mismatches.count) of \(checked) providers differ between the Provider and Provider by Test sheets: "
                            + mismatches.prefix(5).joined(separator: "; "))
        }
    }
}
