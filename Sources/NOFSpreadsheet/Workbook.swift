import Foundation

/// A cell of a written workbook (reports' `--format xlsx`, the sample generator's files).
public enum WorkbookCell: Sendable {
    case empty
    case text(String)
    case number(Double)
    /// A formula cell with a cached result (XLS: FreeXL reads no value from these, as from the
    /// England Total row of the real DM01 files).
    case formula(Double)
    /// An Excel date (first of a month), written as a serial number with a date format.
    case date(year: Int, month: Int, day: Int)
}

public struct WorkbookSheet: Sendable {
    public var name: String
    public var rows: [[WorkbookCell]]
    /// XLSX: the first row is a header: bold, frozen when scrolling, with an autofilter over
    /// the table (a data sheet, as Excel users expect one).
    public var header = false
    /// XLSX: an Excel number format per column for the cells below the header ("mmm yyyy",
    /// "[m]:ss", "0.0", "#,##0"); a date cell in a column without one shows as "mmm-yy".
    public var numberFormats: [Int: String] = [:]
    /// XLSX: formats of single cells, by row (0 = the first row) then column, over the column's.
    public var cellNumberFormats: [Int: [Int: String]] = [:]
    /// XLSX: column widths in characters (nil: Excel's default).
    public var columnWidths: [Double]?

    public init(name: String, rows: [[WorkbookCell]], header: Bool = false, numberFormats: [Int: String] = [:], columnWidths: [Double]? = nil) {
        self.name = name
        self.rows = rows
        self.header = header
        self.numberFormats = numberFormats
        self.columnWidths = columnWidths
    }
}

/// A fixed timestamp for archive entries, so the same sample is the same bytes every time.
public let fixedArchiveDate = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01

/// Excel's 1900 date serial for a date (1 = 1900-01-01, counting the fictional 29 Feb 1900).
public func excelSerial(year: Int, month: Int, day: Int) -> Int {
    var components = DateComponents()
    components.year = year
    components.month = month
    components.day = day
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let date = calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    return Int((date.timeIntervalSince1970 / 86400).rounded()) + 25569
}
