import Foundation
import NOFCore

/// One org-month of AmbSYS as both products give it (the CSV and the time series workbook's
/// `Raw` sheet): typed into the fact's columns, every A-code kept in `acodes`, England
/// checked against the sum of the trusts, and each row's mean checked against its total.
final class AmbulanceRows {
    enum Value: Equatable {
        case null
        case number(String)
    }

    let context: IngestContext
    /// The A-codes in the order the file has them.
    let codes: [String]
    /// For each typed code, its position in `codes` (nil if the file lacks it).
    let typedPositions: [Int?]
    var seen: [YearMonth: [String: Int]] = [:]
    var meanChecks = 0
    var meanMismatches: [String] = []
    /// Per month: the England row's counts and the sums of the trusts', for the totals check.
    var england: [YearMonth: [Int?]] = [:]
    var trustSums: [YearMonth: [Int?]] = [:]
    /// Typed codes England equals the sum of the trusts on (incidents by category, total seconds).
    static let summed: [(position: Int, code: String)] = [(2, "A7"), (3, "A8"), (4, "A24"), (11, "A10"), (12, "A30"), (15, "A11"), (19, "A12")]

    init(context: IngestContext, codes: [String]) {
        self.context = context
        self.codes = codes
        typedPositions = AmbulanceNormaliser.typedCodes.map { typed in codes.firstIndex { $0 == typed.code } }
    }

    /// Writes one org-month. `values` are in `codes` order. Throws `RowRejection` (through
    /// `reject`) for a duplicate or a value that is not a whole number where one must be.
    func write(
        period: YearMonth, code: String, name: String, level: String, regionCode: String?, values: [Value],
        line: Int, reject: (String) -> RowRejection, rejectCell: (Int, String) -> RowRejection
    ) throws {
        if let first = seen[period]?[code] {
            throw reject("\(code) appears twice for \(period) (first on line \(first))")
        }
        seen[period, default: [:]][code] = line
        var typed: [Int?] = []
        for position in typedPositions {
            guard let position, case .number(let text) = values[position] else {
                typed.append(nil)
                continue
            }
            guard let v = Int(text) ?? Double(text).map({ Int($0.rounded()) }) else {
                throw rejectCell(position, "is not a whole number")
            }
            typed.append(v)
        }
        // A24 / A8 = A25: total seconds / incidents = mean seconds.
        if let incidents = typed[3], let total = typed[4], let mean = typed[5], incidents > 0 {
            meanChecks += 1
            let computed = Double(total) / Double(incidents)
            if abs(computed - Double(mean)) > 1 {
                meanMismatches.append("\(code) \(period): A24/A8 = \(String(format: "%.1f", computed)) but A25 = \(mean)")
            }
        }
        try context.sink.withRow(.ambulance, period, line: line) { e in
            e.appendField(period.firstDay); e.appendTab()
            e.appendField(code); e.appendTab()
            e.appendField(level); e.appendTab()
            e.appendField(regionCode)
            for v in typed {
                e.appendTab()
                e.appendInt(v)
            }
            e.appendTab()
            e.append(UInt8(ascii: "{"))
            for (i, column) in codes.enumerated() {
                if i > 0 { e.append(UInt8(ascii: ",")) }
                e.appendField("\"\(column)\":")
                switch values[i] {
                case .null: e.appendField("null")
                case .number(let n): e.appendField(n)
                }
            }
            e.append(UInt8(ascii: "}"))
        }
        let counted = Self.summed.map { typed[$0.position] }
        if level == "england" {
            england[period] = counted
        } else if level == "trust" {
            var sums = trustSums[period] ?? Array(repeating: nil, count: counted.count)
            for (i, v) in counted.enumerated() where v != nil { sums[i] = (sums[i] ?? 0) + (v ?? 0) }
            trustSums[period] = sums
            context.seeOrganisation(code, period: period) {
                OrganisationSeen(name: name, parentCode: regionCode, parentName: nil, regionCode: regionCode)
            }
        }
        context.rowsLoaded += 1
    }

    /// The England row of each month is the file's own total: the trusts must add up to it.
    func finish() {
        for (period, sums) in trustSums.sorted(by: { $0.key < $1.key }) {
            guard let total = england[period] else {
                context.totalsProblem(period, missing: true, "the file has no England row for \(period) (AmbSYS publishes one every month), so the trust rows cannot be checked: the file may be an excerpt")
                continue
            }
            var mismatches: [String] = []
            for (i, item) in Self.summed.enumerated() {
                if let e = total[i], let t = sums[i], e != t { mismatches.append("\(item.code): England \(e), trusts sum to \(t)") }
            }
            if !mismatches.isEmpty {
                context.totalsProblem(period, missing: false, "the England row does not equal the sum of the trust rows: " + mismatches.joined(separator: "; "))
            }
        }
        if !meanMismatches.isEmpty {
            context.warn(
                "mean_check", nil,
                "\(meanMismatches.count) of \(meanChecks) rows have A24/A8 differing from A25 by more than a second: "
                    + meanMismatches.prefix(5).joined(separator: "; "))
        }
    }
}

/// Ambulance Systems Indicators (AmbSYS): one CSV holding every month.
///
/// Every A-code of every org-month is kept (in `acodes`, `.` = NULL), including codes this
/// version of nofdb does not know; the key measures are also typed. England, region and
/// trust rows are told apart so regions that are a single trust are never counted twice.
final class AmbulanceNormaliser: Normaliser {
    /// The A-codes stored in typed columns (all times in seconds).
    static let typedCodes: [(code: String, column: String)] = [
        ("A0", "contacts"), ("A1", "calls_answered"), ("A7", "incidents"),
        ("A8", "c1_incidents"), ("A24", "c1_total_s"), ("A25", "c1_mean_s"), ("A26", "c1_p90_s"),
        ("A9", "c1t_incidents"), ("A27", "c1t_total_s"), ("A28", "c1t_mean_s"), ("A29", "c1t_p90_s"),
        ("A10", "c2_incidents"), ("A30", "c2_total_s"), ("A31", "c2_mean_s"), ("A32", "c2_p90_s"),
        ("A11", "c3_incidents"), ("A33", "c3_total_s"), ("A34", "c3_mean_s"), ("A35", "c3_p90_s"),
        ("A12", "c4_incidents"), ("A36", "c4_total_s"), ("A37", "c4_mean_s"), ("A38", "c4_p90_s"),
    ]

    let context: IngestContext
    let header: [String]
    /// (column index, A-code) for every A-code column.
    let codeColumns: [(index: Int, code: String)]
    let rows: AmbulanceRows

    init(context: IngestContext, header: [String]) {
        self.context = context
        self.header = header
        var columns: [(Int, String)] = []
        for (i, cell) in header.enumerated() where i >= 5 {
            let code = cell.trimmingCharacters(in: .whitespaces).uppercased()
            if !code.isEmpty { columns.append((i, code)) }
        }
        codeColumns = columns
        rows = AmbulanceRows(context: context, codes: columns.map(\.1))
    }

    typealias Value = AmbulanceRows.Value

    func value<R: RowCells>(_ row: R, _ i: Int, _ reader: RowReader<R>) throws -> Value {
        let text = row.text(i)
        if text.isEmpty || text == "." { return .null }
        switch row.decimal(i) {
        case .value(let v): return .number(v)
        case .blank: return .null
        case .invalid:
            // Some releases use thousands separators.
            let stripped = text.replacingOccurrences(of: ",", with: "")
            if let v = normaliseDecimal(stripped) { return .number(v) }
            throw reader.fail(i, "is neither a number nor '.' (the AmbSYS mark for not available)")
        }
    }

    func row<R: RowCells>(_ row: R) throws {
        if row.isBlankRow { return }
        context.rowsRead += 1
        let reader = RowReader(row: row, header: header, sheet: nil)
        do {
            guard case .value(let year) = row.integer(0), case .value(let month) = row.integer(1),
                  let period = YearMonth(year: year, month: month)
            else { throw reader.fail(0, "Year and Month must be a year and a month number (e.g. 2021,1)") }
            let region = try reader.text(2) ?? ""
            let code = try reader.text(3) ?? ""
            let name = try reader.text(4, required: false) ?? code
            let level: String
            var regionCode: String?
            if code.uppercased() == "ENG" {
                level = "england"
            } else if region.range(of: "^Y[0-9]{2}$", options: .regularExpression) != nil {
                level = "trust"
                regionCode = region
            } else {
                level = "region"
                regionCode = code
            }
            var values: [Value] = []
            values.reserveCapacity(codeColumns.count)
            for column in codeColumns { values.append(try value(row, column.index, reader)) }
            try rows.write(
                period: period, code: code, name: name, level: level, regionCode: regionCode, values: values,
                line: row.rowNumber, reject: { reader.fail(3, $0) },
                rejectCell: { reader.fail(self.codeColumns[$0].index, $1) })
        } catch let rejection as RowRejection {
            context.reject(rejection.reject)
        }
    }

    func finish() throws {
        rows.finish()
    }
}
