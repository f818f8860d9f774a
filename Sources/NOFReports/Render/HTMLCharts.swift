import Foundation

/// The charts of an HTML report: which kind a section's `-- chart:` line asks for, the axes
/// they share (round-number value axes, one time axis for every panel of a section), legends
/// and the words that describe each chart to someone who cannot see it.
extension HTMLReport {
    static func number(_ cell: ReportCell) -> Double? {
        switch cell {
        case .integer(let i): return Double(i)
        case .number(let n): return Double(n)
        default: return nil
        }
    }

    static func format(_ v: Double) -> String {
        if abs(v) >= 1000 || v == v.rounded() { return ReportFormat.grouped(String(format: "%.0f", v)) }
        return abs(v) < 10 ? String(format: "%.2f", v) : String(format: "%.1f", v)
    }

    /// A value as its column shows it (m:ss for minutes, one decimal for percentages…).
    static func format(_ v: Double, _ columnFormat: ColumnFormat?) -> String {
        guard let columnFormat, columnFormat != .month, let shown = ReportFormat.formatted(.number(String(v)), columnFormat) else { return format(v) }
        return shown
    }

    static func f1(_ v: Double) -> String { String(format: "%.1f", v) }

    /// A value axis on round numbers (steps of 1, 2, 2.5 or 5 × 10ⁿ, about four of them) that
    /// covers lo...hi, never below 0 for non-negative data.
    static func niceAxis(_ lo: Double, _ hi: Double) -> (bottom: Double, top: Double, ticks: [Double]) {
        let low = lo >= 0 ? 0 : lo
        let span = hi > low ? hi - low : max(abs(hi), 1)
        let raw = span / 4
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let bottom = (low / step).rounded(.down) * step
        var top = (hi / step).rounded(.up) * step
        if top <= bottom { top = bottom + step }
        let count = Int(((top - bottom) / step).rounded())
        return (bottom, top, (0...count).map { bottom + Double($0) * step })
    }

    /// The header of a column by name (its label, else the name with spaces).
    static func header(_ table: ReportTable, _ name: String) -> String {
        table.columns.first { $0.name == name }?.label ?? name.replacingOccurrences(of: "_", with: " ")
    }

    /// The words of an axis title: the spec's, else the value column's label or name, with the unit.
    static func axisTitle(_ chart: ChartSpec, unit: String?, table: ReportTable? = nil) -> String {
        let named = table.flatMap { t in t.columns.first { $0.name == chart.y }?.label } ?? chart.y.replacingOccurrences(of: "_", with: " ")
        guard let unit, !unit.isEmpty else { return chart.axisTitle ?? named }
        // A generic value column is titled by its unit alone ("per cent (%)", "minutes").
        guard let words = chart.axisTitle ?? (chart.y == "value" ? nil : named) else {
            return unit == "%" ? "per cent (%)" : unit
        }
        return words.contains("(") ? words : "\(words) (\(unit))"
    }

    /// The unit of a chart's rows: from the column the spec names, else the spec's literal.
    static func unit(_ table: ReportTable, _ chart: ChartSpec, rows: [[ReportCell]]) -> String? {
        guard let unit = chart.unit else { return nil }
        if let ui = table.columnIndex(unit) {
            let units = Set(rows.map { $0[ui].display })
            return units.count == 1 ? units.first : units.sorted().joined(separator: ", ")
        }
        return unit.replacingOccurrences(of: "_", with: " ")
    }

    /// The x axis of a section's line charts: every month from the first to the last in the
    /// section when its x values are months (so a missing month is a gap, and every panel
    /// shares one time axis), else the distinct values in order.
    struct TimeAxis {
        var keys: [String]
        var monthly: Bool

        init(_ rows: [[ReportCell]], x: Int) {
            let raw = rows.map { $0[x].display }.filter { !$0.isEmpty }
            let months = raw.compactMap(ReportFormat.yearMonth)
            if !raw.isEmpty, months.count == raw.count, let first = months.min(by: { ($0.year, $0.month) < ($1.year, $1.month) }),
               let last = months.max(by: { ($0.year, $0.month) < ($1.year, $1.month) }) {
                var keys: [String] = []
                var (y, m) = first
                while (y, m) <= (last.year, last.month), keys.count < 1200 {
                    keys.append(String(format: "%04d-%02d", y, m))
                    (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
                }
                self.keys = keys
                monthly = true
            } else {
                keys = Array(Set(raw)).sorted()
                monthly = false
            }
        }

        func index(_ cell: ReportCell) -> Int? {
            let text = cell.display
            if monthly, let ym = ReportFormat.yearMonth(text) { return keys.firstIndex(of: String(format: "%04d-%02d", ym.year, ym.month)) }
            return keys.firstIndex(of: text)
        }

        func label(_ i: Int) -> String { monthly ? ReportFormat.monthName(keys[i]) ?? keys[i] : keys[i] }

        /// The indices to label in `room` labels: every month, or every 2, 3, 6 or 12 on the
        /// quarter and year boundaries.
        func ticks(room: Int) -> [Int] {
            guard keys.count > 1 else { return keys.indices.map { $0 } }
            let steps = monthly ? [1, 2, 3, 6, 12, 24, 60] : [1, 2, 3, 5, 10, 20, 50]
            let step = steps.first { (keys.count + $0 - 1) / $0 <= max(room, 1) } ?? max(keys.count / max(room, 1), 1)
            if monthly, step >= 3, step % 3 == 0 {
                let aligned = keys.indices.filter { i in
                    guard let m = ReportFormat.yearMonth(keys[i])?.month else { return false }
                    return step == 3 ? (m - 1) % 3 == 0 : step == 6 ? (m == 1 || m == 7) : m == 1 && (ReportFormat.yearMonth(keys[i])?.year ?? 0) % (step / 12) == 0
                }
                if aligned.count >= 2 { return aligned }
            }
            return keys.indices.filter { $0 % step == 0 }
        }
    }

    /// Charts for a section: a figure of small multiples, one line chart or one bar/dot chart;
    /// nil when the columns are missing or there is nothing to plot.
    static func chartSVG(_ table: ReportTable, _ chart: ChartSpec, id: String, highlight: String? = nil) -> String? {
        guard let xi = table.columnIndex(chart.x), let yi = table.columnIndex(chart.y) else { return nil }
        var table = table
        if let column = chart.onlyColumn, let value = chart.onlyValue, let ci = table.columnIndex(column) {
            table.rows = table.rows.filter { $0[ci].display == value }
        }
        switch chart.kind {
        case .bar:
            guard let panelColumn = chart.panels, let pi = table.columnIndex(panelColumn) else {
                return barChart(table, xi, yi, chart, id, highlight: highlight)
            }
            // One chart per panel (each standard with its own target), one under another.
            let groups = panelGroups(table.rows, pi)
            let charts = groups.enumerated().compactMap { n, group -> String? in
                var part = table
                part.rows = group.rows
                return barChart(part, xi, yi, chart, "\(id)p\(n)", highlight: highlight)
                    .map { "<h3 class=\"panel-title\">\(escape(group.name))</h3>\n" + $0 }
            }
            return charts.isEmpty ? nil : charts.joined(separator: "\n")
        case .line:
            let axis = TimeAxis(table.rows, x: xi)
            if let panelColumn = chart.panels, let pi = table.columnIndex(panelColumn) {
                let panels = panelGroups(table.rows, pi).enumerated().compactMap { n, group -> String? in
                    var part = table
                    part.rows = group.rows
                    return LineChart(table: part, x: xi, y: yi, chart: chart, axis: axis, highlight: highlight)
                        .figure(id: "\(id)p\(n)", title: group.name, width: 380, height: 240)
                }
                guard !panels.isEmpty else { return nil }
                return "<div class=\"panels\">\n" + panels.joined(separator: "\n") + "\n</div>"
            }
            // One drawing for wide screens and one for phones (CSS shows one): a viewBox scales
            // text with the chart, so a 640-wide chart on a 400 px screen would be unreadable.
            let line = LineChart(table: table, x: xi, y: yi, chart: chart, axis: axis, highlight: highlight)
            guard let wide = line.figure(id: id, title: nil, width: 640, height: 300, shownOn: "wide-only"),
                  let narrow = line.figure(id: id + "n", title: nil, width: 360, height: 280, shownOn: "narrow-only")
            else { return nil }
            return wide + "\n" + narrow
        }
    }

    /// The rows of each value of the panel column, in the order the values first appear.
    static func panelGroups(_ rows: [[ReportCell]], _ column: Int) -> [(name: String, rows: [[ReportCell]])] {
        var groups: [(name: String, rows: [[ReportCell]])] = []
        for row in rows {
            let name = row[column].display
            if let i = groups.firstIndex(where: { $0.name == name }) { groups[i].rows.append(row) } else { groups.append((name, [row])) }
        }
        return groups
    }

    /// HTML legend items (they wrap with the page instead of being cut).
    static func legend(_ items: [(swatch: String, label: String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "<ul class=\"legend\">" + items.map { "<li>\($0.swatch)\(escape($0.label))</li>" }.joined() + "</ul>"
    }

    enum Swatch { case solid, line, hollow, dashed, shade, diamond, square, ring, block }

    static func swatch(_ color: String, _ kind: Swatch = .solid) -> String {
        let hidden = " aria-hidden=\"true\""
        switch kind {
        case .shade: return "<span class=\"sw shade\"\(hidden)></span>"
        case .ring: return "<span class=\"sw ring\"\(hidden)></span>"
        case .dashed: return "<span class=\"sw dash\" style=\"border-color:\(color)\"\(hidden)></span>"
        case .hollow, .diamond, .square:
            let name = kind == .hollow ? "hollow" : kind == .diamond ? "diamond" : "square"
            return "<span class=\"sw \(name)\" style=\"border-color:\(color)\"\(hidden)></span>"
        case .block: return "<span class=\"sw\" style=\"background:\(color);width:.55rem;height:.55rem\"\(hidden)></span>"
        case .line: return "<span class=\"sw line\" style=\"background:\(color)\"\(hidden)></span>"
        case .solid: return "<span class=\"sw\" style=\"background:\(color)\"\(hidden)></span>"
        }
    }

    /// Whether a field-test marker cell says the month is one the field-test sites did not report.
    static func isFieldTestMonth(_ cell: ReportCell) -> Bool {
        if let n = number(cell) { return n > 0 }
        return cell.display.contains("†")
    }
}
