import Foundation

/// The output formats of `nofdb report` and `nofdb query`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, markdown, html, xlsx
}

/// How a terminal table should look.
public struct TerminalStyle: Sendable {
    public var width: Int
    public var color: Bool
    public init(width: Int = 120, color: Bool = false) {
        self.width = width
        self.color = color
    }
}

public enum ReportRenderer {
    public static func render(_ report: ReportResult, as format: OutputFormat, style: TerminalStyle = TerminalStyle()) -> String {
        switch format {
        case .table: return terminal(report, style: style)
        case .csv: return csv(report)
        case .json: return json(report)
        case .markdown: return markdown(report)
        case .html: return HTMLReport.render(report)
        // A workbook is bytes, written by ReportWorkbook; as text, the Markdown.
        case .xlsx: return markdown(report)
        }
    }

    // MARK: Terminal

    public static func terminal(_ report: ReportResult, style: TerminalStyle) -> String {
        let bold = style.color ? "\u{1B}[1m" : "", dim = style.color ? "\u{1B}[2m" : "", reset = style.color ? "\u{1B}[0m" : ""
        var out: [String] = []
        out.append(bold + report.title + reset)
        // Notices first: what the figures are and are not (sample data, a one-domain league).
        for notice in report.notices {
            // Wrapped 2 narrower: continuation lines are indented by two spaces.
            out += wrap("! " + notice, width: max(1, style.width - 2)).enumerated().map { bold + ($0.offset == 0 ? "" : "  ") + $0.element + reset }
        }
        // Prose (parameters, notes, footnotes) wraps at the terminal's width like the tables.
        func prose(_ text: String) -> [String] { wrap(text, width: style.width).map { dim + $0 + reset } }
        let params = report.parameters.filter { $0.0 != "note" }.map { "\($0.0): \($0.1)" }.joined(separator: "  ")
        if !params.isEmpty { out.append(contentsOf: prose(params)) }
        for note in report.parameters.filter({ $0.0 == "note" }) { out.append(contentsOf: prose(note.1)) }
        for table in report.sections {
            out.append("")
            if report.sections.count > 1 || table.title != "Query" { out.append(bold + table.title + reset) }
            let highlighted = ReportFormat.highlightedRows(report, table)
            out.append(contentsOf: TerminalTable(table, style: style, highlighted: highlighted).lines())
            if let code = report.highlight, !highlighted.isEmpty { out.append(contentsOf: prose("▶ \(code): the organisation asked about (--highlight)")) }
            for footnote in table.footnotes { out.append(contentsOf: prose(footnote)) }
        }
        return out.joined(separator: "\n")
    }

    static func terminalTable(_ table: ReportTable, style: TerminalStyle) -> [String] {
        TerminalTable(table, style: style).lines()
    }

    // MARK: CSV (RFC 4180)

    /// The first table as RFC 4180 CSV (CRLF line ends; fields quoted when needed). With more
    /// than one table, each further table follows after an empty line with its own header.
    public static func csv(_ report: ReportResult) -> String {
        report.sections.map { table in
            csvLine(table.columns.map(\.name)) + table.rows.map { csvLine($0.map(\.display)) }.joined()
        }.joined(separator: "\r\n")
    }

    /// One CSV record with its CRLF (for streaming a large result row by row).
    public static func csvLine(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ") || text.hasSuffix(" ") {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    // MARK: JSON

    static func jsonValue(_ cell: ReportCell) -> Any {
        switch cell {
        case .null: return NSNull()
        case .text(let t), .date(let t): return t
        case .integer(let i): return i
        case .number(let n): return NSDecimalNumber(string: n, locale: Locale(identifier: "en_US_POSIX"))
        case .bool(let b): return b
        }
    }

    public static func json(_ report: ReportResult) -> String {
        let formatter = ISO8601DateFormatter()
        let object: [String: Any] = [
            "report": report.name,
            "title": report.title,
            "generated_at": formatter.string(from: report.generatedAt),
            // Keys in snake_case for JSON consumers ("peer group" -> peer_group, "passed over" -> passed_over).
            "parameters": Dictionary(report.parameters.map { ($0.0.replacingOccurrences(of: " ", with: "_"), $0.1) },
                                     uniquingKeysWith: { a, _ in a }),
            "notices": report.notices,
            "highlight": report.highlight.map { $0 as Any } ?? NSNull(),
            "sections": report.sections.map { table -> [String: Any] in
                [
                    "title": table.title,
                    "columns": table.columns.map { column -> [String: Any] in
                        var entry: [String: Any] = ["name": column.name, "type": column.kind.rawValue]
                        if let label = column.label { entry["label"] = label }
                        if let format = column.format { entry["format"] = format.rawValue }
                        return entry
                    },
                    "rows": table.rows.map { row in
                        Dictionary(zip(table.columns.map(\.name), row.map(jsonValue)), uniquingKeysWith: { a, _ in a })
                    },
                    "footnotes": table.footnotes,
                ]
            },
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Markdown

    public static func markdown(_ report: ReportResult) -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = ["# \(escape(report.title))", ""]
        for notice in report.notices { out.append("> **\(escape(notice))**") }
        if !report.notices.isEmpty { out.append("") }
        if !report.parameters.isEmpty {
            out.append(report.parameters.map { "**\($0.0)**: \(escape($0.1))" }.joined(separator: " · "))
            out.append("")
        }
        for table in report.sections {
            out.append("## \(escape(table.title))")
            out.append("")
            if table.rows.isEmpty {
                out.append("_No rows._")
            } else {
                let highlighted = ReportFormat.highlightedRows(report, table)
                out.append("| " + table.columns.map { escape($0.header) }.joined(separator: " | ") + " |")
                out.append("|" + table.columns.map { $0.kind == .integer || $0.kind == .number ? "---:" : "---" }.joined(separator: "|") + "|")
                for (r, row) in ReportFormat.cells(table).enumerated() {
                    // The highlighted organisation's row in bold (and marked, not by weight alone).
                    let shown = highlighted.contains(r) ? row.enumerated().map { $0.element.isEmpty ? "" : ($0.offset == 0 ? "▶ " : "") + "**\(escape($0.element))**" } : row.map(escape)
                    out.append("| " + shown.joined(separator: " | ") + " |")
                }
                if let code = report.highlight, !highlighted.isEmpty { out.append(""); out.append("▶ **\(escape(code))**: the organisation asked about (--highlight)") }
            }
            out.append("")
            for footnote in table.footnotes { out.append("> " + escape(footnote)) }
            if !table.footnotes.isEmpty { out.append("") }
        }
        return out.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailing() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
