import Foundation
import NOFCore
import NOFPostgres

/// Official NHS Oversight Framework CSVs: the quarterly data file (one row per trust ×
/// quarter × metric) and the league table (one row per trust). Loaded into their own facts
/// so nofdb's league tables can be set beside the official ones. A quarter is a slice.
final class NOFNormaliser: Normaliser {
    let context: IngestContext
    let header: [String]
    let isLeague: Bool
    var seen: [YearMonth: [String: Int]] = [:]

    init(context: IngestContext, header: [String], isLeague: Bool) {
        self.context = context
        self.header = header
        self.isLeague = isLeague
    }

    func row<R: RowCells>(_ row: R) throws {
        if row.isBlankRow { return }
        context.rowsRead += 1
        let reader = RowReader(row: row, header: header, sheet: nil)
        do {
            guard let quarterText = try reader.text(0) else { return }
            guard let quarter = FinancialQuarter(quarterText), let period = quarter.months.first else {
                throw reader.fail(0, "is not a quarter such as Q4 2025/26")
            }
            let region = try reader.text(1, required: false)
            let trustType = try reader.text(2, required: false)
            let subtype = try reader.text(3, required: false)
            guard let code = try reader.text(4) else { return }
            let name = try reader.text(5, required: false) ?? code
            if isLeague {
                try leagueRow(row, reader, period, quarter, region, trustType, subtype, code)
            } else {
                try metricRow(row, reader, period, quarter, region, trustType, subtype, code)
            }
            context.seeOrganisation(code, period: period) {
                OrganisationSeen(name: name, parentCode: nil, parentName: region, regionCode: nil)
            }
            context.rowsLoaded += 1
        } catch let rejection as RowRejection {
            context.reject(rejection.reject)
        }
    }

    private func wholeNumber<R: RowCells>(_ reader: RowReader<R>, _ i: Int) throws -> Int? {
        guard let text = try reader.optionalDecimal(i) else { return nil }
        guard let value = Double(text), value == value.rounded() else { throw reader.fail(i, "is not a whole number") }
        return Int(value)
    }

    private func leagueRow<R: RowCells>(
        _ row: R, _ reader: RowReader<R>, _ period: YearMonth, _ quarter: FinancialQuarter, _ region: String?,
        _ trustType: String?, _ subtype: String?, _ code: String
    ) throws {
        let average = try reader.optionalDecimal(6)
        let averageRange = try reader.text(7, required: false)
        let segment = try wholeNumber(reader, 8)
        if let segment, !(1...5).contains(segment) { throw reader.fail(8, "is not a segment 1–5") }
        let deficitText = try reader.text(9, required: false)?.lowercased()
        let deficit: Bool?
        switch deficitText {
        case "yes", "y", "true", "1": deficit = true
        case "no", "n", "false", "0": deficit = false
        case nil: deficit = nil
        default: throw reader.fail(9, "is not Yes or No")
        }
        let rank = try wholeNumber(reader, 10)
        let rankRange = try reader.text(11, required: false)
        if let first = firstLine(period, code, row.rowNumber) {
            throw reader.fail(4, "\(code) appears twice in the \(quarter) league table (first on line \(first))")
        }
        try context.sink.withRow(.nofLeague, period, line: row.rowNumber) { e in
            Self.appendTrust(&e, period, quarter, code, trustType, subtype, region)
            e.appendField(average); e.appendTab()
            e.appendField(averageRange); e.appendTab()
            e.appendInt(segment); e.appendTab()
            e.appendField(deficit.map { $0 ? "true" : "false" }); e.appendTab()
            e.appendInt(rank); e.appendTab()
            e.appendField(rankRange)
        }
    }

    private func metricRow<R: RowCells>(
        _ row: R, _ reader: RowReader<R>, _ period: YearMonth, _ quarter: FinancialQuarter, _ region: String?,
        _ trustType: String?, _ subtype: String?, _ code: String
    ) throws {
        let domain = try reader.text(6, required: false)
        let subDomain = try reader.text(7, required: false)
        guard let metric = try reader.text(8) else { return }
        let description = try reader.text(9, required: false)
        let reportingDate = try reader.text(10, required: false)
        let units = try reader.text(11, required: false)
        let numbers = try (12...16).map { try reader.optionalDecimal($0) }
        let key = "\(code)|\(metric)|\(units ?? "")"
        if let first = firstLine(period, key, row.rowNumber) {
            throw reader.fail(8, "\(metric) (\(units ?? "no units")) appears twice for \(code) in \(quarter) (first on line \(first))")
        }
        try context.sink.withRow(.nofMetric, period, line: row.rowNumber) { e in
            Self.appendTrust(&e, period, quarter, code, trustType, subtype, region)
            e.appendField(domain); e.appendTab()
            e.appendField(subDomain); e.appendTab()
            e.appendField(metric); e.appendTab()
            e.appendField(description); e.appendTab()
            e.appendField(reportingDate); e.appendTab()
            e.appendField(units)
            for n in numbers {
                e.appendTab()
                e.appendField(n)
            }
        }
    }

    /// Records `key` for the quarter; returns the line it was first seen on if it is a repeat.
    private func firstLine(_ period: YearMonth, _ key: String, _ line: Int) -> Int? {
        if let first = seen[period]?[key] { return first }
        seen[period, default: [:]][key] = line
        return nil
    }

    /// The columns both official facts start with: quarter, trust and where it sits.
    private static func appendTrust(
        _ e: inout CopyTextEncoder, _ period: YearMonth, _ quarter: FinancialQuarter, _ code: String,
        _ trustType: String?, _ subtype: String?, _ region: String?
    ) {
        e.appendField(period.firstDay); e.appendTab()
        e.appendField(quarter.description); e.appendTab()
        e.appendField(code); e.appendTab()
        e.appendField(trustType); e.appendTab()
        e.appendField(subtype); e.appendTab()
        e.appendField(region); e.appendTab()
    }

    func finish() throws {}
}
