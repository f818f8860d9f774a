import Foundation
import NOFSpreadsheet

/// `--format xlsx`: a report as a real workbook (the project's own XLSX writer): one sheet
/// per section with a header row and typed cells (numbers as numbers, dates as dates), then a
/// Notes sheet with the title, parameters, footnotes and source.
public enum ReportWorkbook {
    public static func sheets(_ report: ReportResult) -> [WorkbookSheet] {
        var used: Set<String> = ["Notes"]
        var sheets: [WorkbookSheet] = []
        for table in report.sections {
            var rows: [[WorkbookCell]] = [table.columns.map { .text($0.name) }]
            for row in table.rows { rows.append(row.map(cell)) }
            sheets.append(WorkbookSheet(name: sheetName(table.title, used: &used), rows: rows))
        }
        var notes: [[WorkbookCell]] = [[.text(report.title)], []]
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
        sheets.append(WorkbookSheet(name: "Notes", rows: notes))
        return sheets
    }

    public static func write(_ report: ReportResult, to url: URL) throws {
        try XLSXWriter.write(sheets(report), to: url)
    }

    static func cell(_ cell: ReportCell) -> WorkbookCell {
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
