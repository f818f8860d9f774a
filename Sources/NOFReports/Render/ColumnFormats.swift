import Foundation

/// The column formats of the formats meant for people (`-- column: name | Label | format`):
/// minutes as m:ss, percentages and weeks to one decimal, counts grouped, scores to two
/// decimals, months as "Apr 2025". CSV and JSON keep the raw values.
extension ReportFormat {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The format of each column: its declared one, else `month` for a column named month
    /// or period whose every value is a month (`2025-04`) or a date (`2025-04-01`).
    public static func formats(_ table: ReportTable) -> [ColumnFormat?] {
        table.columns.indices.map { c in
            let column = table.columns[c]
            if let format = column.format { return format }
            guard column.name == "month" || column.name == "period" else { return nil }
            let values = table.rows.map { $0[c] }.filter { $0 != .null }
            return !values.isEmpty && values.allSatisfy { yearMonth($0.display) != nil } ? .month : nil
        }
    }

    /// The format of one cell of a row: the column's, or for a `unit` column the one the row's
    /// own unit calls for (its `unit` column: %, minutes, weeks, count).
    public static func format(_ table: ReportTable, row: [ReportCell], column c: Int) -> ColumnFormat? {
        guard let format = table.columns[c].format else { return nil }
        guard format == .byUnit else { return format }
        return table.columnIndex("unit").flatMap { ColumnFormat.forUnit(row[$0].display) }
    }

    /// Year and month of `2025-04` or `2025-04-01` (nil for anything else).
    public static func yearMonth(_ text: String) -> (year: Int, month: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || (parts.count == 3 && parts[2].count == 2 && Int(parts[2]) != nil),
              parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m)
        else { return nil }
        return (y, m)
    }

    /// "2025-04" → "Apr 2025".
    public static func monthName(_ text: String) -> String? {
        yearMonth(text).map { "\(monthNames[$0.month - 1]) \($0.year)" }
    }

    /// Minutes as m:ss: 24.45 → "24:27", 7.999 → "8:00", -0.5 → "-0:30".
    public static func minutesAndSeconds(_ minutes: Double) -> String {
        let totalSeconds = Int((abs(minutes) * 60).rounded())
        return (minutes < 0 && totalSeconds > 0 ? "-" : "") + "\(totalSeconds / 60):" + String(format: "%02d", totalSeconds % 60)
    }

    /// A cell shown in `format`; nil when the format does not apply to it (text in a number
    /// column, an empty cell), which is then shown as it is.
    public static func formatted(_ cell: ReportCell, _ format: ColumnFormat) -> String? {
        if format == .month {
            switch cell {
            case .text(let t), .date(let t): return monthName(t)
            default: return nil
            }
        }
        let value: Double
        switch cell {
        case .integer(let i): value = Double(i)
        case .number(let n):
            guard let v = Double(n) else { return nil }
            value = v
        default: return nil
        }
        switch format {
        case .minutes: return minutesAndSeconds(value)
        case .percent, .weeks: return grouped(String(format: "%.1f", value))
        case .count: return grouped(String(format: "%.0f", value))
        case .score: return String(format: "%.2f", value)
        case .month, .byUnit: return nil
        }
    }

    /// The rows of `table` holding the report's highlighted organisation (`--highlight`), in
    /// its highlight column (else the chart's code column).
    public static func highlightedRows(_ report: ReportResult, _ table: ReportTable) -> Set<Int> {
        guard let code = report.highlight,
              let c = table.columnIndex(report.highlightColumn) ?? table.chart?.code.flatMap(table.columnIndex)
        else { return [] }
        return Set(table.rows.indices.filter { table.rows[$0][c].display.caseInsensitiveCompare(code) == .orderedSame })
    }
}
