import Foundation
import NOFPostgres

/// A value in a report table, typed so renderers can align, format and serialise it.
public enum ReportCell: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int)
    /// An exact number kept as the database wrote it (e.g. `86.63`), so nothing is rounded twice.
    case number(String)
    case bool(Bool)
    case date(String)

    /// A cell from the database's text for a column of `kind` (nil = NULL).
    public init(text: String?, kind: ReportColumnKind) {
        guard let text else { self = .null; return }
        switch kind {
        case .integer: self = Int(text).map(ReportCell.integer) ?? .number(text)
        case .number: self = text == "NaN" ? .null : .number(text)
        case .bool: self = .bool(text == "t")
        case .date: self = .date(text)
        case .text: self = .text(text)
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .integer, .number: return true
        default: return false
        }
    }

    /// The text shown in tables and CSV (NULL is empty).
    public var display: String {
        switch self {
        case .null: return ""
        case .text(let t): return t
        case .integer(let i): return String(i)
        case .number(let n): return n
        case .bool(let b): return b ? "yes" : "no"
        case .date(let d): return d
        }
    }
}

/// The kind of a column, from the database type.
public enum ReportColumnKind: String, Sendable {
    case text, integer, number, bool, date
}

/// How a column's numbers read in the formats meant for people (table, Markdown, HTML, XLSX);
/// CSV and JSON keep the value as the database gave it.
public enum ColumnFormat: String, Sendable, CaseIterable {
    /// Minutes as m:ss (ambulance response times: 24.45 → 24:27).
    case minutes
    /// A percentage to one decimal place (74.2).
    case percent
    /// A count with thousands separators (1,730,933).
    case count
    /// Weeks to one decimal place (RTT waits).
    case weeks
    /// A league score to two decimal places.
    case score
    /// A month (`2025-04` or a date) as "Apr 2025"; a real date cell in XLSX.
    case month
    /// Each row by the unit in its own `unit` column (for columns that mix standards): `%` as
    /// percent, `minutes` as minutes, `weeks` as weeks, `count` as count (`ColumnFormat.forUnit`).
    case byUnit = "unit"

    /// The format for a value of `unit` (`%`, `minutes`, `weeks`, `count`), nil for others.
    public static func forUnit(_ unit: String) -> ColumnFormat? {
        switch unit {
        case "%": return .percent
        case "minutes": return .minutes
        case "weeks": return .weeks
        case "count": return .count
        default: return nil
        }
    }
}

public struct ReportColumn: Sendable, Equatable {
    /// The name in the SQL, CSV and JSON (snake_case).
    public var name: String
    public var kind: ReportColumnKind
    /// The header people read ("Category 2 mean"), from the report's `-- column:` line.
    public var label: String?
    public var format: ColumnFormat?
    /// Left out of terminal tables (see `ColumnStyle.wideOnly`).
    public var wideOnly = false

    public init(name: String, kind: ReportColumnKind, label: String? = nil, format: ColumnFormat? = nil) {
        self.name = name
        self.kind = kind
        self.label = label
        self.format = format
    }

    /// The header in the formats meant for people.
    public var header: String { label ?? name }
}

/// A `-- column: name | Label | format | wide` line of a report section.
public struct ColumnStyle: Sendable, Equatable {
    public var label: String?
    public var format: ColumnFormat?
    /// `wide`: a column for people joining data (a code, a unit the values already say), left
    /// out of terminal tables so the rest fits 80 columns; every other format keeps it.
    public var wideOnly = false
    public init(label: String? = nil, format: ColumnFormat? = nil, wideOnly: Bool = false) {
        self.label = label
        self.format = format
        self.wideOnly = wideOnly
    }
}

/// A chart to draw from a section (HTML output), from a report's `-- chart:` line.
public struct ChartSpec: Sendable, Equatable {
    public enum Kind: String, Sendable { case line, bar }
    /// Which way is better for a bar chart's value: lower values are drawn as dots on an axis
    /// running from worse (left) to better (right); higher (or unknown) as bars from zero.
    public enum Better: String, Sendable { case higher, lower }
    public var kind: Kind
    /// Column names: x (line) or label (bar); y or value; optional series.
    public var x: String
    public var y: String
    public var series: String?
    /// Plot only rows whose column `onlyColumn` equals `onlyValue` (e.g. unit = %).
    public var onlyColumn: String?
    public var onlyValue: String?
    /// A column whose value starting "partial" marks a point made from part of the data: drawn
    /// hollow, with a note under the chart.
    public var partialColumn: String?
    /// One small chart per value of this column (small multiples: each its own axis and unit).
    public var panels: String?
    /// The unit of the value: a column's name (its value per row) or the unit itself.
    public var unit: String?
    /// The axis title's words before the unit (default: the value column's name).
    public var axisTitle: String?
    /// A column holding the target in force: drawn as a dashed line.
    public var target: String?
    /// A column marking the A&E field-test months (a cell holding † or a count above 0):
    /// those months are shaded and labelled.
    public var fieldTest: String?
    public var better: Better?
    /// Line charts: a column holding England's value at each x, drawn as a neutral grey series.
    public var england: String?
    /// A column whose non-empty value flags a point (small numbers, stale, partial): drawn
    /// differently and explained in the legend by the flag's text.
    public var flag: String?
    /// A column of organisation codes, matched against the report's highlighted organisation
    /// (`--highlight`) when the label column holds names.
    public var code: String?

    public init(kind: Kind, x: String, y: String, series: String? = nil, onlyColumn: String? = nil, onlyValue: String? = nil,
                partialColumn: String? = nil, panels: String? = nil, unit: String? = nil, axisTitle: String? = nil,
                target: String? = nil, fieldTest: String? = nil, better: Better? = nil, england: String? = nil,
                flag: String? = nil, code: String? = nil) {
        self.kind = kind
        self.x = x
        self.y = y
        self.series = series
        self.onlyColumn = onlyColumn
        self.onlyValue = onlyValue
        self.partialColumn = partialColumn
        self.panels = panels
        self.unit = unit
        self.axisTitle = axisTitle
        self.target = target
        self.fieldTest = fieldTest
        self.better = better
        self.england = england
        self.flag = flag
        self.code = code
    }
}

public struct ReportTable: Sendable {
    public var title: String
    /// Left out of terminal tables unless asked for by --section (see `ReportResult.forTerminal`).
    public var detail = false
    /// Each row's unit, kept for `byUnit` columns even when the `unit` column is not shown.
    public var rowUnits: [String?]?
    public var columns: [ReportColumn]
    public var rows: [[ReportCell]]
    public var footnotes: [String]
    public var chart: ChartSpec?

    /// Applies a section's `-- column:` labels and formats to the columns they name.
    public mutating func style(_ styles: [String: ColumnStyle]) {
        if styles.values.contains(where: { $0.format == .byUnit }), let unit = columnIndex("unit") {
            rowUnits = rows.map { row in row[unit] == .null ? nil : row[unit].display }
        }
        for i in columns.indices {
            guard let style = styles[columns[i].name] else { continue }
            columns[i].label = style.label ?? columns[i].label
            columns[i].format = style.format ?? columns[i].format
            columns[i].wideOnly = style.wideOnly
        }
    }

    public init(title: String, columns: [ReportColumn], rows: [[ReportCell]], footnotes: [String] = [], chart: ChartSpec? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footnotes = Self.applicable(footnotes, rows)
        self.chart = chart
    }

    /// Builds a table from a query result, typing each column from its PostgreSQL type.
    public init(title: String, result: QueryResult, footnotes: [String] = [], chart: ChartSpec? = nil) {
        let types = result.columnTypes
        columns = zip(result.columnNames, types).map { name, type in
            let kind: ReportColumnKind
            switch type {
            case .int2, .int4, .int8: kind = .integer
            case .float4, .float8, .numeric: kind = .number
            case .bool: kind = .bool
            case .date: kind = .date
            default: kind = .text
            }
            return ReportColumn(name: name, kind: kind)
        }
        var rows: [[ReportCell]] = []
        rows.reserveCapacity(result.rowCount)
        for r in 0..<result.rowCount {
            var row: [ReportCell] = []
            row.reserveCapacity(columns.count)
            for (c, column) in columns.enumerated() {
                row.append(ReportCell(text: result.string(row: r, column: c), kind: column.kind))
            }
            rows.append(row)
        }
        self.title = title
        self.rows = rows
        self.footnotes = Self.applicable(footnotes, rows)
        self.chart = chart
    }

    /// A footnote that starts with one of these marks explains a cell that carries it, and is
    /// shown only when some cell does; other footnotes always apply.
    static let footnoteMarks: Set<Character> = ["†", "‡", "§", "¶"]

    static func applicable(_ footnotes: [String], _ rows: [[ReportCell]]) -> [String] {
        footnotes.filter { note in
            guard let mark = note.first, footnoteMarks.contains(mark) else { return true }
            return rows.contains { row in row.contains { $0.display.contains(mark) } }
        }
    }

    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// The format of one cell: the column's, or for a `byUnit` column the one its row's unit
    /// calls for (renderers use this, not `format` directly).
    public func cellFormat(row: Int, column: Int) -> ColumnFormat? {
        guard let format = columns[column].format else { return nil }
        guard format == .byUnit else { return format }
        guard let units = rowUnits, row < units.count, let unit = units[row] else { return nil }
        return ColumnFormat.forUnit(unit)
    }

    /// The table with only the rows at `indices` (their units kept), and only the footnotes
    /// whose marks those rows still carry: one page's part of a table made for many.
    public func rows(at indices: [Int]) -> ReportTable {
        var table = self
        table.rows = indices.map { rows[$0] }
        table.rowUnits = rowUnits.map { units in indices.map { units[$0] } }
        table.footnotes = Self.applicable(footnotes, table.rows)
        return table
    }

    /// The table without the column `name` (a key that only says which page a row is for).
    public func removingColumn(_ name: String) -> ReportTable {
        guard let index = columnIndex(name) else { return self }
        var table = self
        table.columns.remove(at: index)
        table.rows = rows.map { row in var row = row; row.remove(at: index); return row }
        return table
    }

    /// The table without its wide-only columns (the rows' units stay known to `cellFormat`).
    func withoutWideColumns() -> ReportTable {
        let keep = columns.indices.filter { !columns[$0].wideOnly }
        guard keep.count < columns.count else { return self }
        var table = self
        table.columns = keep.map { columns[$0] }
        table.rows = rows.map { row in keep.map { row[$0] } }
        return table
    }
}

/// A whole report: its name, the parameters it ran with, and its tables.
public struct ReportResult: Sendable {
    public var name: String
    public var title: String
    public var parameters: [(String, String)]
    public var sections: [ReportTable]
    public var generatedAt: Date
    /// Lines every format shows first and prominently: what the figures are and are not
    /// ("Sample data: synthetic figures…", "Cancer league — not an overall ranking").
    public var notices: [String] = []
    /// The report as a terminal shows it: detail sections (long series whose summary is another
    /// section) left out, with a last footnote naming them and how to see them.
    public func forTerminal() -> ReportResult {
        var shown = self
        for i in shown.sections.indices { shown.sections[i] = shown.sections[i].withoutWideColumns() }
        let details = sections.filter(\.detail)
        guard !details.isEmpty, details.count < sections.count else { return shown }
        shown.sections.removeAll(where: \.detail)
        let names = details.map { "'\($0.title)' (--section \($0.title.lowercased().replacingOccurrences(of: " ", with: "-")))" }
        shown.sections[shown.sections.count - 1].footnotes.append(
            "Also in this report: \(names.joined(separator: ", ")); --format html or xlsx shows every section with its charts.")
        return shown
    }

    /// An organisation code to mark in tables and charts (`--highlight`), and the column of
    /// organisation codes to find it in.
    public var highlight: String?
    public var highlightColumn = "org_code"

    public init(name: String, title: String, parameters: [(String, String)], sections: [ReportTable], generatedAt: Date = Date()) {
        self.name = name
        self.title = title
        self.parameters = parameters
        self.sections = sections
        self.generatedAt = generatedAt
    }
}
