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
        // Prose (parameters, notes, footnotes) wraps at the terminal's width like the tables.
        func prose(_ text: String) -> [String] { wrap(text, width: style.width).map { dim + $0 + reset } }
        let params = report.parameters.filter { $0.0 != "note" }.map { "\($0.0): \($0.1)" }.joined(separator: "  ")
        if !params.isEmpty { out.append(contentsOf: prose(params)) }
        for note in report.parameters.filter({ $0.0 == "note" }) { out.append(contentsOf: prose(note.1)) }
        for table in report.sections {
            out.append("")
            if report.sections.count > 1 || table.title != "Query" { out.append(bold + table.title + reset) }
            out.append(contentsOf: terminalTable(table, style: style))
            for footnote in table.footnotes { out.append(contentsOf: prose(footnote)) }
        }
        return out.joined(separator: "\n")
    }

    static func terminalTable(_ table: ReportTable, style: TerminalStyle) -> [String] {
        if table.rows.isEmpty { return ["(no rows)"] }
        let headers = table.columns.map(\.name)
        let cells = ReportFormat.cells(table)
        let numericColumn = table.columns.map { $0.kind == .integer || $0.kind == .number }
        var widths = headers.indices.map { c in max(headers[c].count, cells.map { $0[c].count }.max() ?? 0) }
        // Fit the terminal: narrow the widest text columns first, down to 10 characters; their
        // text wraps within the column (whole words where it can), so nothing is cut off and
        // rows that differ only at the end of a long name stay distinct. Numbers never wrap.
        let separator = 2
        func total() -> Int { widths.reduce(0, +) + separator * max(widths.count - 1, 0) }
        // Headers wider than their values go first, wrapping after an underscore
        // ("median_" / "weeks"); then the widest text columns.
        let cellWidths = headers.indices.map { c in cells.map { $0[c].count }.max() ?? 0 }
        let headerMinimum = headers.map { h in h.split(separator: "_").map { $0.count + 1 }.max() ?? h.count }
        let minimum = headers.indices.map { c in
            numericColumn[c] ? max(cellWidths[c], min(headerMinimum[c], widths[c])) : max(min(widths[c], 10), min(headerMinimum[c], widths[c]))
        }
        while total() > style.width {
            let headerBound = widths.indices.filter { widths[$0] > max(cellWidths[$0], minimum[$0]) }
            let narrowable = headerBound.isEmpty ? widths.indices.filter { !numericColumn[$0] && widths[$0] > minimum[$0] } : headerBound
            guard let widest = narrowable.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        // Still too wide: text down to 6 characters, headers down to their values' width.
        while total() > style.width {
            let narrowable = widths.indices.filter { widths[$0] > (numericColumn[$0] ? max(cellWidths[$0], 1) : min(cellWidths[$0], 6)) && widths[$0] > 1 }
            guard let widest = narrowable.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        func pad(_ text: String, _ c: Int) -> String {
            let space = String(repeating: " ", count: max(widths[c] - text.count, 0))
            return numericColumn[c] ? space + text : text + space
        }
        let gap = String(repeating: " ", count: separator)
        func lines(of row: [String], header: Bool = false, decorate: (Int, String) -> String = { $1 }) -> [String] {
            let wrapped = row.indices.map { header ? wrapName(row[$0], width: widths[$0]) : wrap(row[$0], width: widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                row.indices.map { c in
                    let part = line < wrapped[c].count ? wrapped[c][line] : ""
                    return decorate(c, pad(part, c))
                }.joined(separator: gap).trimmingTrailing()
            }
        }
        var out: [String] = []
        out.append(contentsOf: lines(of: headers, header: true).map { (style.color ? "\u{1B}[1m" : "") + $0 + (style.color ? "\u{1B}[0m" : "") })
        out.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: gap))
        let metColumn = table.columnIndex("met")
        for row in cells {
            out.append(contentsOf: lines(of: row) { c, text in
                guard style.color, c == metColumn else { return text }
                if row[c] == "yes" { return "\u{1B}[32m" + text + "\u{1B}[0m" }
                if row[c] == "no" { return "\u{1B}[31m" + text + "\u{1B}[0m" }
                return text
            })
        }
        return out
    }

    /// A column name broken after its underscores into lines of at most `width` characters.
    static func wrapName(_ name: String, width: Int) -> [String] {
        guard name.count > width, name.contains("_") else { return wrap(name, width: width) }
        var parts: [String] = []
        var current = ""
        for ch in name {
            current.append(ch)
            if ch == "_" { parts.append(current); current = "" }
        }
        if !current.isEmpty { parts.append(current) }
        var lines: [String] = []
        var line = ""
        for part in parts {
            if line.isEmpty || line.count + part.count <= width { line += part } else { lines.append(line); line = part }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.flatMap { wrap($0, width: width) }
    }

    /// Text broken into lines of at most `width` characters, at spaces where it can and
    /// inside a word only when the word alone is longer than the line.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0, text.count > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            if current.isEmpty {
            } else if current.count + 1 + word.count <= width {
                current += " " + word
                continue
            } else {
                lines.append(current)
                current = ""
            }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            current = word
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
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
                for row in ReportFormat.cells(table) { out.append("| " + row.map(escape).joined(separator: " | ") + " |") }
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
