import Foundation
import NOFCore

/// The AmbSYS time series workbook (`AmbSYS-Time-Series-until-YYYYMMDD.xlsx`), sheet `Raw`:
/// the same A-codes as the AmbSYS CSV, in a different shape.
///
/// - Row 5 is the header: `Concatenated, Year, Month, Reg, (blank), Area, Trust, A0, A1, …`.
///   `Year` is the financial year (`2017-18`), `Month` the month name (`AUGUST`); `Reg` holds
///   the region code and the blank column the region name; `Area` holds the organisation
///   code (trust, `ENG` or a region) and `Trust` the trust's name. Columns after the A-codes
///   are the workbook's own working (`Days`, `C1.Prod`, …) and are not data.
/// - Rows with `Area` = `ENG` or a region code (rows 6–397 in the real file) are England and
///   region rows made of formulas over the trust rows (SUMIFS, and weighted means for
///   centiles). Their cached values are the workbook's own England and region figures, and
///   are used only where they are data: a code no trust in the row's scope reported that
///   month is NULL, not the 0 a formula over `-` cells gives. The England counts are checked
///   against the sum of the trusts as for the CSV.
/// - From the `Raw data` row (row 400) one row per trust and month. `-` is "not applicable"
///   (NULL). A trust-month whose every A-code is 0 is a month the trust did not report: the
///   CSV has `.` throughout, so every code is stored as NULL, never 0. So is an all-incidents
///   count (A7) of 0 beside positive category counts (A8–A12), which cannot be a count.
/// - The workbook has region rows only for regions of several trusts; for a region of one
///   trust in a month, the region row repeats that trust's figures, as the CSV does.
final class AmbulanceWorkbookNormaliser: Normaliser {
    typealias Value = AmbulanceRows.Value

    let context: IngestContext
    let header: [String]
    let sheet: String?
    let yearColumn: Int
    let monthColumn: Int
    let regionColumn: Int
    let regionNameColumn: Int
    let codeColumn: Int
    let nameColumn: Int
    let codeColumns: [(index: Int, code: String)]
    let rows: AmbulanceRows

    /// England and region rows, kept until the trust rows show which codes were reported.
    struct Aggregate {
        var period: YearMonth
        var code: String
        var name: String
        var values: [Value]
        var line: Int
    }
    var aggregates: [Aggregate] = []
    /// Trust rows as written (after the not-reported rules), per month.
    struct TrustMonth {
        var code: String
        var regionCode: String
        var regionName: String
        var values: [Value]
        var line: Int
    }
    var trusts: [YearMonth: [TrustMonth]] = [:]
    var notReported: [String] = []
    var impossibleA7: [String] = []

    init(context: IngestContext, header: [String], sheet: String?) throws {
        self.context = context
        self.header = header
        self.sheet = sheet
        let names = header.map(normaliseHeader)
        func column(_ name: String) throws -> Int {
            guard let i = names.firstIndex(of: name) else {
                throw LoadError(file: context.fileName, reason: "the AmbSYS time series sheet has no \"\(name)\" column in its header")
            }
            return i
        }
        yearColumn = try column("year")
        monthColumn = try column("month")
        regionColumn = try column("reg")
        regionNameColumn = regionColumn + 1
        codeColumn = try column("area")
        nameColumn = try column("trust")
        var columns: [(Int, String)] = []
        for (i, cell) in header.enumerated() where i > nameColumn {
            let code = cell.trimmingCharacters(in: .whitespaces).uppercased()
            if code.range(of: "^A[0-9]+$", options: .regularExpression) != nil { columns.append((i, code)) }
        }
        codeColumns = columns
        rows = AmbulanceRows(context: context, codes: columns.map(\.1))
    }

    /// `2017-18` and `AUGUST` → August 2017; `2018-19` and `JANUARY` → January 2019.
    static func period(financialYear: String, month: String) -> YearMonth? {
        let parts = financialYear.split(separator: "-")
        guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]), (start + 1) % 100 == end % 100,
              let m = YearMonth.monthNumber(month.trimmingCharacters(in: .whitespaces))
        else { return nil }
        return YearMonth(year: m >= 4 ? start : start + 1, month: m)
    }

    func value<R: RowCells>(_ row: R, _ i: Int, _ reader: RowReader<R>) throws -> Value {
        let text = row.text(i)
        if text.isEmpty || text == "-" || text == "." { return .null }
        switch row.decimal(i) {
        case .value(let v): return .number(v)
        case .blank: return .null
        case .invalid:
            throw reader.fail(i, "is neither a number nor '-' (the workbook's mark for not applicable)")
        }
    }

    func row<R: RowCells>(_ row: R) throws {
        if row.isBlankRow { return }
        let reader = RowReader(row: row, header: header, sheet: sheet)
        let year = row.text(yearColumn)
        let month = row.text(monthColumn)
        // The "Raw data" label between the England and region rows and the trust rows.
        if year.isEmpty, month.isEmpty { return }
        context.rowsRead += 1
        do {
            guard let period = Self.period(financialYear: year, month: month) else {
                throw reader.fail(yearColumn, "Year and Month must be a financial year and a month name (e.g. 2017-18 and AUGUST); Month is \"\(month)\"")
            }
            let code = try reader.text(codeColumn) ?? ""
            var values: [Value] = []
            values.reserveCapacity(codeColumns.count)
            for column in codeColumns { values.append(try value(row, column.index, reader)) }
            if code.uppercased() == "ENG" || code.range(of: "^Y[0-9]{2}$", options: .regularExpression) != nil {
                let name = code.uppercased() == "ENG" ? "England" : (row.text(regionNameColumn).isEmpty ? code : row.text(regionNameColumn))
                aggregates.append(Aggregate(period: period, code: code.uppercased() == "ENG" ? "Eng" : code, name: name, values: values, line: row.rowNumber))
                return
            }
            let regionCode = row.text(regionColumn)
            guard regionCode.range(of: "^Y[0-9]{2}$", options: .regularExpression) != nil else {
                throw reader.fail(regionColumn, "is not an NHS England region code (Y56 … Y63)")
            }
            let name = try reader.text(nameColumn, required: false) ?? code
            let numbers = values.compactMap { value -> Double? in
                if case .number(let n) = value { return Double(n) }
                return nil
            }
            if numbers.allSatisfy({ $0 == 0 }) {
                // Nothing reported: the CSV has '.' in every column of such a month.
                values = Array(repeating: .null, count: values.count)
                notReported.append("\(code) \(period)")
            } else if let a7 = codeColumns.firstIndex(where: { $0.code == "A7" }), values[a7] == .number("0") {
                let categories = ["A8", "A9", "A10", "A11", "A12"].compactMap { c in codeColumns.firstIndex { $0.code == c } }
                if categories.contains(where: { if case .number(let n) = values[$0], let v = Double(n), v > 0 { return true } else { return false } }) {
                    values[a7] = .null
                    impossibleA7.append("\(code) \(period)")
                }
            }
            try rows.write(
                period: period, code: code, name: name, level: "trust", regionCode: regionCode, values: values,
                line: row.rowNumber, reject: { reader.fail(self.codeColumn, $0) },
                rejectCell: { reader.fail(self.codeColumns[$0].index, $1) })
            trusts[period, default: []].append(
                TrustMonth(code: code, regionCode: regionCode, regionName: row.text(regionNameColumn), values: values, line: row.rowNumber))
        } catch let rejection as RowRejection {
            context.reject(rejection.reject)
        }
    }

    func finish() throws {
        var written: Set<String> = []
        // England and region rows: the workbook's cached values, where some trust in scope
        // reported the code that month.
        for aggregate in aggregates {
            let scope = (trusts[aggregate.period] ?? []).filter { aggregate.code == "Eng" || $0.regionCode == aggregate.code }
            var values = aggregate.values
            for i in values.indices where !scope.contains(where: { $0.values[i] != .null }) {
                values[i] = .null
            }
            let level = aggregate.code == "Eng" ? "england" : "region"
            do {
                try rows.write(
                    period: aggregate.period, code: aggregate.code, name: aggregate.name, level: level,
                    regionCode: level == "region" ? aggregate.code : nil, values: values, line: aggregate.line,
                    reject: { RowRejection(reject: Reject(line: aggregate.line, column: self.header[self.codeColumn], value: aggregate.code, reason: $0, sheet: self.sheet)) },
                    rejectCell: { RowRejection(reject: Reject(line: aggregate.line, column: self.codeColumns[$0].code, reason: $1, sheet: self.sheet)) })
                written.insert("\(aggregate.period) \(aggregate.code)")
            } catch let rejection as RowRejection {
                context.reject(rejection.reject)
            }
        }
        // Regions of one trust have no row in the workbook: the CSV repeats the trust's figures.
        for (period, months) in trusts.sorted(by: { $0.key < $1.key }) {
            let byRegion = Dictionary(grouping: months, by: \.regionCode)
            for (region, members) in byRegion.sorted(by: { $0.key < $1.key }) where !written.contains("\(period) \(region)") {
                guard members.count == 1, let trust = members.first else {
                    context.warn("region_rows", period, "region \(region) has \(members.count) trusts but no region row in the workbook: no region figures for it")
                    continue
                }
                do {
                    try rows.write(
                        period: period, code: region, name: trust.regionName.isEmpty ? region : trust.regionName, level: "region",
                        regionCode: region, values: trust.values, line: trust.line,
                        reject: { RowRejection(reject: Reject(line: trust.line, column: self.header[self.regionColumn], value: region, reason: $0, sheet: self.sheet)) },
                        rejectCell: { RowRejection(reject: Reject(line: trust.line, column: self.codeColumns[$0].code, reason: $1, sheet: self.sheet)) })
                } catch let rejection as RowRejection {
                    context.reject(rejection.reject)
                }
            }
        }
        if !notReported.isEmpty {
            context.warn(
                "not_reported", nil,
                "\(notReported.count) trust-months are 0 in every column, which the workbook writes for a month a trust did not report (the AmbSYS CSV has '.'): stored as not reported (NULL), not 0: "
                    + notReported.prefix(8).joined(separator: ", ") + (notReported.count > 8 ? " and \(notReported.count - 8) more" : ""))
        }
        if !impossibleA7.isEmpty {
            context.warn(
                "not_reported", nil,
                "\(impossibleA7.count) trust-months have all incidents (A7) 0 beside positive category counts: A7 stored as not reported (NULL): "
                    + impossibleA7.prefix(8).joined(separator: ", "))
        }
        rows.finish()
    }
}
