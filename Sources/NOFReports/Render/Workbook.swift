import Foundation
import NOFSpreadsheet

/// `--format xlsx`: a report as a real workbook (the project's own XLSX writer). One sheet per
/// section: the labels as a bold header row that stays in view, an autofilter, columns wide
/// enough to read, and typed cells: months as dates shown "mmm yyyy", dates as dates, minutes
/// as Excel times ([m]:ss), percentages and weeks to 0.0, counts as #,##0. Then a Notes sheet:
/// the notices first, the title, parameters, footnotes and source.
public enum ReportWorkbook {
    public static func sheets(_ report: ReportResult) -> [WorkbookSheet] {
        var used: Set<String> = ["Notes"]
        var sheets: [WorkbookSheet] = []
        for table in report.sections {
            let formats = ReportFormat.formats(table)
            var rows: [[WorkbookCell]] = [table.columns.map { .text($0.header) }]
            var cellFormats: [Int: [Int: String]] = [:]
            for (r, row) in table.rows.enumerated() {
                rows.append(row.indices.map { c in
                    guard formats[c] == .byUnit else { return cell(row[c], format: formats[c]) }
                    // A column that mixes standards: each row in its own unit's format.
                    let own = table.cellFormat(row: r, column: c)
                    if let code = own.flatMap({ excelFormat(table.columns[c], $0) }) { cellFormats[r + 1, default: [:]][c] = code }
                    return cell(row[c], format: own)
                })
            }
            var numberFormats: [Int: String] = [:]
            for (c, column) in table.columns.enumerated() {
                if let code = excelFormat(column, formats[c]) { numberFormats[c] = code }
            }
            let shown = ReportFormat.cells(table)
            let widths = table.columns.indices.map { c -> Double in
                let longest = max(table.columns[c].header.count, shown.map { $0[c].count }.max() ?? 0)
                return Double(min(max(longest + 2, 8), 60))
            }
            var sheet = WorkbookSheet(name: sheetName(table.title, used: &used), rows: rows, header: true,
                                      numberFormats: numberFormats, columnWidths: widths)
            sheet.cellNumberFormats = cellFormats
            sheets.append(sheet)
        }
        var notes: [[WorkbookCell]] = report.notices.map { [.text($0)] }
        if !notes.isEmpty { notes.append([]) }
        notes += [[.text(report.title)], []]
        notes.append([.text("parameter"), .text("value")])
        for (name, value) in report.parameters { notes.append([.text(name), .text(value)]) }
        notes.append([])
        notes.append([.text("section"), .text("footnote")])
        for table in report.sections {
            for footnote in table.footnotes { notes.append([.text(table.title), .text(footnote)]) }
        }
        notes.append([])
        notes.append([.text("generated"), .text(ISO8601DateFormatter().string(from: report.generatedAt))])
        notes.append([.text("source"), .text("NHS England statistics (Open Government Licence v3.0), loaded and computed by nofdb")])
        sheets.append(WorkbookSheet(name: "Notes", rows: notes, columnWidths: [24, 100]))
        return sheets
    }

    public static func write(_ report: ReportResult, to url: URL) throws {
        try XLSXWriter.write(sheets(report), to: url)
    }

    /// The Excel number format of a column: from its format, else dates as dates and counts
    /// grouped (identifiers and years are not).
    static func excelFormat(_ column: ReportColumn, _ format: ColumnFormat?) -> String? {
        switch format {
        case .month: return "mmm yyyy"
        case .minutes: return "[m]:ss"
        case .percent, .weeks: return "0.0"
        case .count: return "#,##0"
        case .score: return "0.00"
        case .byUnit: return nil
        case nil:
            if column.kind == .date { return "yyyy-mm-dd" }
            if column.kind == .integer, !ReportFormat.isIdentifier(column.name) { return "#,##0" }
            return nil
        }
    }

    static func cell(_ cell: ReportCell, format: ColumnFormat? = nil) -> WorkbookCell {
        switch (cell, format) {
        case (.text(let t), .month), (.date(let t), .month):
            guard let ym = ReportFormat.yearMonth(t) else { return .text(t) }
            return .date(year: ym.year, month: ym.month, day: 1)
        // Minutes as a fraction of a day, which Excel shows as [m]:ss and sums as times.
        case (.integer(let i), .minutes): return .number(Double(i) / 1440)
        case (.number(let n), .minutes): return Double(n).map { .number($0 / 1440) } ?? .text(n)
        default: break
        }
        switch cell {
        case .null: return .empty
        case .text(let t): return .text(t)
        case .integer(let i): return .number(Double(i))
        case .number(let n): return Double(n).map(WorkbookCell.number) ?? .text(n)
        case .bool(let b): return .text(b ? "yes" : "no")
        case .date(let d):
            let parts = d.prefix(10).split(separator: "-").compactMap { Int($0) }
            return parts.count == 3 ? .date(year: parts[0], month: parts[1], day: parts[2]) : .text(d)
        }
    }

    /// Excel's rules: at most 31 characters, none of : \ / ? * [ ], unique in the workbook.
    static func sheetName(_ title: String, used: inout Set<String>) -> String {
        let cleaned = String(title.map { ":\\/?*[]".contains($0) ? "-" : $0 }).trimmingCharacters(in: .whitespaces)
        let base = String((cleaned.isEmpty ? "Sheet" : cleaned).prefix(31))
        var name = base
        var n = 2
        while used.contains(name) {
            let suffix = " (\(n))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        used.insert(name)
        return name
    }
}
