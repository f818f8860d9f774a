import Foundation
import NOFCore
import NOFPostgres

/// The ODS reference files as NHS Digital publishes them, with no header row: `etr.csv`
/// (NHS trusts) and `ect.csv` (care trusts), 27 quoted columns; `succ.csv` (successor
/// organisations), 5 columns. A file is one slice, dated by the newest open, close or
/// effective date it holds (ODS files carry no date of their own), so an older snapshot
/// and a newer one are both kept: a trust's ICB in 2024 comes from the file of that time.
final class ODSNormaliser: Normaliser {
    enum Kind { case trusts, successors }

    struct Pending {
        var line: Int
        var cells: [String?]
    }

    let context: IngestContext
    let header: [String]
    let kind: Kind
    private var rows: [Pending] = []
    private var newest: YearMonth?
    private var firstLine: [String: Int] = [:]

    init(context: IngestContext, header: [String], kind: Kind) {
        self.context = context
        self.header = header
        self.kind = kind
    }

    /// Column names for messages (the files have none).
    static let trustColumns = [
        "organisation code", "name", "NHS England region", "ICB", "address line 1", "address line 2",
        "address line 3", "address line 4", "address line 5", "postcode", "open date", "close date",
    ] + (13...27).map { "column \($0)" }
    static let successorColumns = ["old code", "new code", "reason", "effective date", "not confirmed indicator"]

    func row<R: RowCells>(_ row: R) throws {
        if row.isBlankRow { return }
        context.rowsRead += 1
        let reader = RowReader(row: row, header: header, sheet: nil)
        do {
            switch kind {
            case .trusts: try trustRow(row, reader)
            case .successors: try successorRow(row, reader)
            }
            context.rowsLoaded += 1
        } catch let rejection as RowRejection {
            context.reject(rejection.reject)
        }
    }

    private func code<R: RowCells>(_ reader: RowReader<R>, _ i: Int) throws -> String {
        guard let text = try reader.text(i) else { throw reader.fail(i, "is blank; an ODS code is required") }
        guard (3...9).contains(text.count), text.allSatisfy({ ($0.isASCII && ($0.isUppercase || $0.isNumber)) }) else {
            throw reader.fail(i, "is not an ODS code (3 to 9 capital letters and digits, e.g. RBD or G6V2S)")
        }
        return text
    }

    /// A YYYYMMDD date as YYYY-MM-DD.
    private func date<R: RowCells>(_ reader: RowReader<R>, _ i: Int, required: Bool) throws -> String? {
        guard let text = try reader.text(i, required: required) else { return nil }
        let digits = Array(text)
        guard digits.count == 8, digits.allSatisfy(\.isNumber),
              let year = Int(String(digits[0..<4])), let month = Int(String(digits[4..<6])), let day = Int(String(digits[6..<8])),
              (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day)
        else { throw reader.fail(i, "is not a date written YYYYMMDD") }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Dates the file by the rows it keeps (a rejected row's date does not count).
    private func note(_ dates: String?...) {
        for case let date? in dates {
            if let m = YearMonth(String(date.prefix(7))), newest.map({ m > $0 }) ?? true { newest = m }
        }
    }

    private func trustRow<R: RowCells>(_ row: R, _ reader: RowReader<R>) throws {
        guard row.cellCount >= 12 else { throw reader.fail(nil, "has \(row.cellCount) columns; an ODS trusts file has 27") }
        let org = try code(reader, 0)
        guard let name = try reader.text(1) else { return }
        let region = try reader.text(2, required: false)
        let icb = try reader.text(3, required: false)
        let postcode = try reader.text(9, required: false)
        let opened = try date(reader, 10, required: true)
        let closed = try date(reader, 11, required: false)
        if let first = firstLine[org] { throw reader.fail(0, "\(org) appears twice (first on line \(first))") }
        firstLine[org] = row.rowNumber
        rows.append(Pending(line: row.rowNumber, cells: [org, name, region, icb, postcode, opened, closed]))
        note(opened, closed)
    }

    private func successorRow<R: RowCells>(_ row: R, _ reader: RowReader<R>) throws {
        guard row.cellCount >= 4 else { throw reader.fail(nil, "has \(row.cellCount) columns; the ODS successor file has 5") }
        let old = try code(reader, 0)
        let new = try code(reader, 1)
        let reason = try reader.text(2, required: false)
        let effective = try date(reader, 3, required: true)
        let indicator = try reader.text(4, required: false)
        guard indicator == nil || indicator == "0" || indicator == "1" else { throw reader.fail(4, "is not 0 or 1") }
        let key = old + ">" + new
        if let first = firstLine[key] { throw reader.fail(1, "\(old) → \(new) appears twice (first on line \(first))") }
        firstLine[key] = row.rowNumber
        rows.append(Pending(line: row.rowNumber, cells: [old, new, reason, effective, indicator == "1" ? "true" : "false"]))
        note(effective)
    }

    func finish() throws {
        guard let period = newest, !rows.isEmpty else { return }
        let table: FactTable = kind == .trusts ? .odsTrust : .odsSuccessor
        for pending in rows {
            try context.sink.withRow(table, period, line: pending.line) { e in
                e.appendField(period.firstDay)
                for cell in pending.cells {
                    e.appendTab()
                    e.appendField(cell)
                }
            }
        }
    }

    /// Recognises a headerless ODS trusts file by its first row: 27 cells, an ODS code, a
    /// name, and an open date written YYYYMMDD in column 11 (cells arrive lower-cased).
    static func looksLikeTrusts(_ cells: [String]) -> Bool {
        guard cells.count == 27 else { return false }
        return isCode(cells[0]) && !cells[1].isEmpty && isDate(cells[10]) && (cells[11].isEmpty || isDate(cells[11]))
    }

    /// Recognises the headerless ODS successor file: old code, new code, reason, YYYYMMDD, 0/1.
    static func looksLikeSuccessors(_ cells: [String]) -> Bool {
        guard cells.count == 5 else { return false }
        return isCode(cells[0]) && isCode(cells[1]) && isDate(cells[3]) && ["0", "1", ""].contains(cells[4])
    }

    private static func isCode(_ s: String) -> Bool {
        (3...9).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    private static func isDate(_ s: String) -> Bool { s.count == 8 && s.allSatisfy(\.isNumber) && (s.hasPrefix("19") || s.hasPrefix("20")) }
}
