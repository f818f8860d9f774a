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

public struct ReportColumn: Sendable, Equatable {
    public var name: String
    public var kind: ReportColumnKind
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

    public init(kind: Kind, x: String, y: String, series: String? = nil, onlyColumn: String? = nil, onlyValue: String? = nil,
                partialColumn: String? = nil, panels: String? = nil, unit: String? = nil, axisTitle: String? = nil,
                target: String? = nil, fieldTest: String? = nil, better: Better? = nil) {
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
    }
}

public struct ReportTable: Sendable {
    public var title: String
    public var columns: [ReportColumn]
    public var rows: [[ReportCell]]
    public var footnotes: [String]
    public var chart: ChartSpec?

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
}

/// A whole report: its name, the parameters it ran with, and its tables.
public struct ReportResult: Sendable {
    public var name: String
    public var title: String
    public var parameters: [(String, String)]
    public var sections: [ReportTable]
    public var generatedAt: Date

    public init(name: String, title: String, parameters: [(String, String)], sections: [ReportTable], generatedAt: Date = Date()) {
        self.name = name
        self.title = title
        self.parameters = parameters
        self.sections = sections
        self.generatedAt = generatedAt
    }
}
