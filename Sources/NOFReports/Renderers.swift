import Foundation

/// The output formats of `nofdb report` and `nofdb query`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, markdown, html
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
        }
    }

    // MARK: Terminal

    public static func terminal(_ report: ReportResult, style: TerminalStyle) -> String {
        let bold = style.color ? "\u{1B}[1m" : "", dim = style.color ? "\u{1B}[2m" : "", reset = style.color ? "\u{1B}[0m" : ""
        var out: [String] = []
        out.append(bold + report.title + reset)
        let params = report.parameters.filter { $0.0 != "note" }.map { "\($0.0): \($0.1)" }.joined(separator: "  ")
        if !params.isEmpty { out.append(dim + params + reset) }
        for note in report.parameters.filter({ $0.0 == "note" }) { out.append(dim + note.1 + reset) }
        for table in report.sections {
            out.append("")
            if report.sections.count > 1 || table.title != "Query" { out.append(bold + table.title + reset) }
            out.append(contentsOf: terminalTable(table, style: style))
            for footnote in table.footnotes { out.append(dim + footnote + reset) }
        }
        return out.joined(separator: "\n")
    }

    static func terminalTable(_ table: ReportTable, style: TerminalStyle) -> [String] {
        if table.rows.isEmpty { return ["(no rows)"] }
        let headers = table.columns.map(\.name)
        let cells = table.rows.map { $0.map(\.display) }
        var widths = headers.indices.map { c in max(headers[c].count, cells.map { $0[c].count }.max() ?? 0) }
        // Fit the terminal: shrink the widest text columns first (numbers are never cut).
        let separator = 2
        func total() -> Int { widths.reduce(0, +) + separator * max(widths.count - 1, 0) }
        while total() > style.width {
            let textColumns = widths.indices.filter { table.columns[$0].kind == .text && widths[$0] > 8 }
            guard let widest = textColumns.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        func fit(_ text: String, _ width: Int) -> String {
            text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
        }
        func pad(_ text: String, _ c: Int) -> String {
            let t = fit(text, widths[c])
            let space = String(repeating: " ", count: max(widths[c] - t.count, 0))
            let numeric = table.columns[c].kind == .integer || table.columns[c].kind == .number
            return numeric ? space + t : t + space
        }
        let gap = String(repeating: " ", count: separator)
        var lines: [String] = []
        let header = headers.indices.map { pad(headers[$0], $0) }.joined(separator: gap)
        lines.append((style.color ? "\u{1B}[1m" : "") + header.trimmingTrailing() + (style.color ? "\u{1B}[0m" : ""))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: gap))
        let metColumn = table.columnIndex("met")
        for row in cells {
            var parts = row.indices.map { pad(row[$0], $0) }
            if style.color, let m = metColumn {
                if row[m] == "yes" { parts[m] = "\u{1B}[32m" + parts[m] + "\u{1B}[0m" }
                if row[m] == "no" { parts[m] = "\u{1B}[31m" + parts[m] + "\u{1B}[0m" }
            }
            lines.append(parts.joined(separator: gap).trimmingTrailing())
        }
        return lines
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
            "sections": report.sections.map { table -> [String: Any] in
                [
                    "title": table.title,
                    "columns": table.columns.map { ["name": $0.name, "type": $0.kind.rawValue] },
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
                out.append("| " + table.columns.map { escape($0.name) }.joined(separator: " | ") + " |")
                out.append("|" + table.columns.map { $0.kind == .integer || $0.kind == .number ? "---:" : "---" }.joined(separator: "|") + "|")
                for row in table.rows { out.append("| " + row.map { escape($0.display) }.joined(separator: " | ") + " |") }
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
