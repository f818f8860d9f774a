import Foundation
import NOFCore

/// Cancer Waiting Times, CWT CRS provider extract (XLSX, or the same columns as CSV).
///
/// A workbook holds several months; each month is its own period slice. Counts are exact
/// decimals: 62-day patients shared between providers count one half each.
final class CancerNormaliser: Normaliser {
    static let standards = ["28-day FDS", "31-day Combined", "62-day Combined"]

    let context: IngestContext
    let header: [String]
    let sheet: String?
    var rowsPerPeriod: [YearMonth: Int] = [:]

    init(context: IngestContext, header: [String], sheet: String?) {
        self.context = context
        self.header = header
        self.sheet = sheet
    }

    /// The month a PERIOD cell names: an Excel date serial (45200 = 2023-10-01), or text
    /// such as 2023-10-01, 01/10/2023 or Oct-23.
    static func period(_ text: String) -> YearMonth? {
        if let serial = Double(text), serial > 20000, serial < 80000 {
            // Excel's 1900 date system: serial 1 is 1900-01-01, counting the fictional 29 Feb 1900.
            let days = Int(serial) - 25569  // days from 1970-01-01
            let date = Date(timeIntervalSince1970: Double(days) * 86400)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
            let parts = calendar.dateComponents([.year, .month], from: date)
            return parts.year.flatMap { y in parts.month.flatMap { YearMonth(year: y, month: $0) } }
        }
        if let ym = YearMonth(String(text.prefix(10))) { return ym }
        let slashes = text.split(separator: "/")
        if slashes.count == 3, let m = Int(slashes[1]), let y = Int(slashes[2].prefix(4)) {
            return YearMonth(year: y, month: m)
        }
        let dashes = text.split(separator: "-")
        if dashes.count == 2, let m = YearMonth.monthNumber(dashes[0]), let y = Int(dashes[1]) {
            return YearMonth(year: y < 100 ? 2000 + y : y, month: m)
        }
        return nil
    }

    func row<R: RowCells>(_ row: R) throws {
        if row.isBlankRow { return }
        context.rowsRead += 1
        let reader = RowReader(row: row, header: header, sheet: sheet)
        do {
            guard let periodText = try reader.text(0), let period = Self.period(periodText) else {
                throw reader.fail(0, "is not a month (an Excel date or YYYY-MM-DD)")
            }
            if let monthText = try reader.text(2, required: false), let month = YearMonth.monthNumber(monthText),
               month != period.month {
                throw reader.fail(2, "does not match PERIOD \(period)")
            }
            guard let standard = try reader.text(3) else { return }
            guard Self.standards.contains(standard) else {
                throw reader.fail(3, "is not a CRS standard (28-day FDS, 31-day Combined or 62-day Combined)")
            }
            guard let org = try reader.text(4), let route = try reader.text(5) else { return }
            let modality = try reader.text(6, required: false)
            guard let cancerType = try reader.text(7) else { return }
            let total = try reader.decimal(8)
            let within = try reader.decimal(9)
            let breaches = try reader.decimal(10)
            let locale = Locale(identifier: "en_US_POSIX")
            if let t = Decimal(string: total, locale: locale), let w = Decimal(string: within, locale: locale),
               let b = Decimal(string: breaches, locale: locale), t != w + b {
                throw reader.fail(8, "TOTAL TREATED \(total) is not WITHIN STANDARD \(within) + BREACHES \(breaches)")
            }
            try context.sink.withRow(.cancer, period, line: row.rowNumber) { e in
                e.appendField(period.firstDay); e.appendTab()
                e.appendField(org); e.appendTab()
                e.appendField(standard); e.appendTab()
                e.appendField(route); e.appendTab()
                e.appendField(modality); e.appendTab()
                e.appendField(cancerType); e.appendTab()
                e.appendField(total); e.appendTab()
                e.appendField(within); e.appendTab()
                e.appendField(breaches)
            }
            rowsPerPeriod[period, default: 0] += 1
            context.seeOrganisation(org, period: period) {
                OrganisationSeen(name: "", parentCode: nil, parentName: nil, regionCode: nil)
            }
            context.rowsLoaded += 1
        } catch let rejection as RowRejection {
            context.reject(rejection.reject)
        }
    }

    func finish() throws {}
}
