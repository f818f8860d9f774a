import Foundation

/// The SVG charts of an HTML report: line charts (one axis per standard, the target dashed,
/// field-test months shaded, partial points hollow) and bar or dot charts for league tables.
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

    /// The words of an axis title: the spec's, else the value column's name, with the unit.
    static func axisTitle(_ chart: ChartSpec, unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return chart.axisTitle ?? chart.y.replacingOccurrences(of: "_", with: " ") }
        // A generic value column is titled by its unit alone ("per cent (%)", "minutes").
        guard let words = chart.axisTitle ?? (chart.y == "value" ? nil : chart.y.replacingOccurrences(of: "_", with: " ")) else {
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

    /// Charts for a section: a figure of small multiples, one line chart or one bar/dot chart;
    /// nil when the columns are missing or there is nothing to plot.
    static func chartSVG(_ table: ReportTable, _ chart: ChartSpec, id: String) -> String? {
        guard let xi = table.columnIndex(chart.x), let yi = table.columnIndex(chart.y) else { return nil }
        var table = table
        if let column = chart.onlyColumn, let value = chart.onlyValue, let ci = table.columnIndex(column) {
            table.rows = table.rows.filter { $0[ci].display == value }
        }
        switch chart.kind {
        case .bar: return barChart(table, xi, yi, chart, id)
        case .line:
            if let panelColumn = chart.panels, let pi = table.columnIndex(panelColumn) {
                var names: [String] = []
                var groups: [String: [[ReportCell]]] = [:]
                for row in table.rows {
                    let name = row[pi].display
                    if groups[name] == nil { names.append(name) }
                    groups[name, default: []].append(row)
                }
                let panels = names.enumerated().compactMap { n, name -> String? in
                    guard let rows = groups[name] else { return nil }
                    var part = table
                    part.rows = rows
                    return lineChart(part, xi, yi, chart, id: "\(id)p\(n)", title: name, width: 380, height: 230, color: palette[0])
                }
                guard !panels.isEmpty else { return nil }
                return "<div class=\"panels\">\n" + panels.joined(separator: "\n") + "\n</div>"
            }
            // One drawing for wide screens and one for phones (CSS shows one): a viewBox scales
            // text with the chart, so a 640-wide chart on a 400 px screen would be unreadable.
            guard let wide = lineChart(table, xi, yi, chart, id: id, title: nil, width: 640, height: 300, color: nil, shownOn: "wide-only"),
                  let narrow = lineChart(table, xi, yi, chart, id: id + "n", title: nil, width: 360, height: 280, color: nil, shownOn: "narrow-only")
            else { return nil }
            return wide + "\n" + narrow
        }
    }

    /// HTML legend items (they wrap with the page instead of being cut).
    static func legend(_ items: [(swatch: String, label: String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "<ul class=\"legend\">" + items.map { "<li>\($0.swatch)\(escape($0.label))</li>" }.joined() + "</ul>"
    }

    static func swatch(_ color: String, hollow: Bool = false, dashed: Bool = false, shade: Bool = false) -> String {
        if shade { return "<span class=\"sw shade\"></span>" }
        if dashed { return "<span class=\"sw dash\" style=\"border-color:\(color)\"></span>" }
        return "<span class=\"sw\(hollow ? " hollow" : "")\" style=\"\(hollow ? "border-color" : "background"):\(color)\"></span>"
    }

    /// Whether a field-test marker cell says the month is one the field-test sites did not report.
    static func isFieldTestMonth(_ cell: ReportCell) -> Bool {
        if let n = number(cell) { return n > 0 }
        return cell.display.contains("†")
    }

    /// One line chart (responsive SVG: a viewBox, drawn at the width of its container), with
    /// an axis title and unit, the target in force as a dashed line, the field-test months
    /// shaded, partial points hollow, and an HTML legend under it.
    static func lineChart(_ table: ReportTable, _ xi: Int, _ yi: Int, _ chart: ChartSpec, id: String, title: String?,
                          width: Double, height: Double, color: String?, shownOn: String? = nil) -> String? {
        let si = chart.series.flatMap { table.columnIndex($0) }
        let ti = chart.target.flatMap { table.columnIndex($0) }
        let fi = chart.fieldTest.flatMap { table.columnIndex($0) }
        let pi = chart.partialColumn.flatMap { table.columnIndex($0) }
        var xs: [String] = []
        var series: [(name: String, points: [String: Double])] = []
        var partial: Set<String> = []
        var targets: [String: Double] = [:]
        var fieldTestMonths: Set<String> = []
        for row in table.rows {
            let x = row[xi].display
            if !xs.contains(x) { xs.append(x) }
            if let ti, let t = number(row[ti]) { targets[x] = t }
            if let fi, isFieldTestMonth(row[fi]) { fieldTestMonths.insert(x) }
            guard let y = number(row[yi]) else { continue }
            let name = si.map { row[$0].display } ?? (title ?? chart.y)
            if let pi, row[pi].display.hasPrefix("partial") { partial.insert(name + "\u{1F}" + x) }
            if let index = series.firstIndex(where: { $0.name == name }) {
                series[index].points[x] = y
            } else {
                series.append((name, [x: y]))
            }
        }
        xs.sort()
        let values = series.flatMap { $0.points.values } + targets.values
        guard !xs.isEmpty, !series.isEmpty, let lo = values.min(), let hi = values.max() else { return nil }
        let axis = niceAxis(lo, hi)
        let top = axis.top, bottom = axis.bottom
        let left = 56.0, right = 14.0, topPad = 12.0, bottomPad = 34.0
        let plotW = width - left - right, plotH = height - topPad - bottomPad
        func px(_ i: Int) -> Double { xs.count == 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(xs.count - 1) }
        func py(_ v: Double) -> Double { topPad + plotH * (1 - (v - bottom) / (top - bottom)) }
        let unit = self.unit(table, chart, rows: table.rows)
        let yTitle = axisTitle(chart, unit: unit)
        let label = title ?? "\(chart.y) by \(chart.x)"
        var svg = "<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"\(id)t\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)t\">\(escape(label)): \(escape(yTitle)) by \(escape(chart.x))</title>"
        // The field-test window: a shaded band over the months its sites did not report.
        let stepW = xs.count > 1 ? plotW / Double(xs.count - 1) : plotW
        let shaded = xs.indices.filter { fieldTestMonths.contains(xs[$0]) }
        if let first = shaded.first, let last = shaded.last {
            let x0 = max(left, px(first) - stepW / 2), x1 = min(width - right, px(last) + stepW / 2)
            svg += "<rect class=\"field-test\" x=\"\(f1(x0))\" y=\"\(Int(topPad))\" width=\"\(f1(max(x1 - x0, 2)))\" height=\"\(Int(plotH))\" fill=\"#e8edee\"><title>A&amp;E four-hour field test: \(escape(xs[first])) to \(escape(xs[last])), sites not reporting</title></rect>"
            svg += "<text class=\"field-test-label\" x=\"\(f1(x0 + 3))\" y=\"\(Int(topPad + 11))\">field test</text>"
        }
        for v in axis.ticks {
            let y = py(v)
            svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(f1(y))\" y2=\"\(f1(y))\" stroke=\"#d8dde0\"/>"
            svg += "<text x=\"\(Int(left - 4))\" y=\"\(f1(y + 4))\" text-anchor=\"end\">\(format(v))</text>"
        }
        svg += "<text class=\"axis-title\" transform=\"translate(12 \(f1(topPad + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yTitle))</text>"
        let maxLabels = max(2, Int(plotW / 62))
        let step = max(1, Int((Double(xs.count) / Double(maxLabels)).rounded(.up)))
        for (i, x) in xs.enumerated() where i % step == 0 {
            svg += "<text x=\"\(f1(px(i)))\" y=\"\(Int(height - bottomPad + 15))\" text-anchor=\"middle\">\(escape(x))</text>"
        }
        svg += "<text class=\"x-title\" x=\"\(f1(left + plotW / 2))\" y=\"\(Int(height - 4))\" text-anchor=\"middle\">\(escape(chart.x))</text>"
        // The target in force, stepping where it changes.
        let targetPoints = xs.enumerated().compactMap { i, x in targets[x].map { "\(f1(px(i))),\(f1(py($0)))" } }
        if targetPoints.count == 1, let only = xs.firstIndex(where: { targets[$0] != nil }), let t = targets[xs[only]] {
            svg += "<line class=\"target\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(f1(py(t)))\" y2=\"\(f1(py(t)))\" stroke=\"#425563\" stroke-dasharray=\"5 3\"/>"
        } else if targetPoints.count > 1 {
            svg += "<polyline class=\"target\" fill=\"none\" stroke=\"#425563\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" points=\"\(targetPoints.joined(separator: " "))\"><title>target in force</title></polyline>"
        }
        var items: [(swatch: String, label: String)] = []
        for (n, s) in series.enumerated() {
            let color = color ?? palette[n % palette.count]
            let points = xs.enumerated().compactMap { i, x in s.points[x].map { "\(f1(px(i))),\(f1(py($0)))" } }
            if points.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            }
            for (i, x) in xs.enumerated() {
                guard let v = s.points[x] else { continue }
                let cx = f1(px(i)), cy = f1(py(v))
                if partial.contains(s.name + "\u{1F}" + x) {
                    svg += "<circle class=\"partial\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"4\" fill=\"#ffffff\" stroke=\"\(color)\" stroke-width=\"2\"><title>\(escape(s.name)) \(escape(x)): \(format(v)) (partial: not all providers)</title></circle>"
                } else {
                    svg += "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"2.5\" fill=\"\(color)\"><title>\(escape(s.name)) \(escape(x)): \(format(v))</title></circle>"
                }
            }
            if title == nil || series.count > 1 { items.append((swatch(color), s.name)) }
        }
        svg += "</svg>"
        if !targetPoints.isEmpty { items.append((swatch("#425563", dashed: true), "target in force")) }
        if !shaded.isEmpty { items.append((swatch("", shade: true), "A&E four-hour field test: the sites' months not reported")) }
        if !partial.isEmpty { items.append((swatch(color ?? palette[0], hollow: true), "partial: made from fewer providers than expected")) }
        let heading = title.map { "<h3 class=\"panel-title\">\(escape($0))</h3>" } ?? ""
        let classes = ["chart"] + (title == nil ? ["wide"] : []) + (shownOn.map { [$0] } ?? [])
        return "<figure class=\"\(classes.joined(separator: " "))\">\(heading)\(svg)\(legend(items))</figure>"
    }

    static let segmentColors = [1: "#007f3b", 2: "#78be20", 3: "#ffb81c", 4: "#d5281b", 5: "#7c2855"]

    /// A bar chart (or, where lower is better, a dot chart whose axis runs from worse on the
    /// left to better on the right) as HTML rows: every row of the table, labels that wrap,
    /// an axis with ticks and its title, and a key for segment colours.
    static func barChart(_ table: ReportTable, _ li: Int, _ vi: Int, _ chart: ChartSpec, _ id: String) -> String? {
        let segmentColumn = chart.x == "segment" ? nil : table.columnIndex("segment")
        let items = table.rows.compactMap { row -> (String, Double, Int?)? in
            let segment: Int? = segmentColumn.flatMap { Int(row[$0].display) }
            return number(row[vi]).map { (row[li].display, $0, segment) }
        }
        guard !items.isEmpty else { return nil }
        let values = items.map(\.1)
        let axis = niceAxis(min(values.min() ?? 0, 0), values.max() ?? 1)
        let lowerBetter = chart.better == .lower
        // Lower is better: the axis is reversed, so better sits further right.
        func position(_ v: Double) -> Double {
            let f = (v - axis.bottom) / (axis.top - axis.bottom) * 100
            return lowerBetter ? 100 - f : f
        }
        let unit = self.unit(table, chart, rows: table.rows)
        let title = axisTitle(chart, unit: unit) + (lowerBetter ? " · lower is better →" : (chart.better == .higher ? " · higher is better →" : ""))
        var html = "<figure class=\"chart hchart\" role=\"img\" aria-labelledby=\"\(id)t\">"
        html += "<div class=\"axis-title\" id=\"\(id)t\">\(escape(title))</div>"
        for item in items {
            let color = item.2.flatMap { segmentColors[$0] } ?? palette[0]
            let p = max(0, min(100, position(item.1)))
            let mark = lowerBetter
                ? "<span class=\"hdot\" style=\"left:\(f1(p))%;background:\(color)\"></span>"
                : "<span class=\"hbar\" style=\"width:\(f1(max(p, 0.3)))%;background:\(color)\"></span>"
            html += "<div class=\"hrow\" title=\"\(escape(item.0)): \(format(item.1))\"><span class=\"hlabel\">\(escape(item.0))</span><span class=\"htrack\">\(mark)</span><span class=\"hval\">\(format(item.1))</span></div>"
        }
        html += "<div class=\"hrow haxis\" aria-hidden=\"true\"><span class=\"hlabel\"></span><span class=\"htrack\">"
        for v in axis.ticks {
            html += "<span class=\"tick\" style=\"left:\(f1(position(v)))%\">\(format(v))</span>"
        }
        html += "</span><span class=\"hval\"></span></div>"
        let segments = Set(items.compactMap(\.2)).sorted()
        if !segments.isEmpty {
            html += legend(segments.map { (swatch(segmentColors[$0] ?? palette[0]), $0 == 5 ? "segment 5 (Recovery Support Programme)" : "segment \($0)") })
        }
        html += "</figure>"
        return html
    }
}
