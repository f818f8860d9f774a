import Foundation

/// One line chart as responsive SVG (a viewBox, drawn at its container's width): months on a
/// shared time axis labelled "Apr 2025", a line broken wherever a month is missing, England as
/// a neutral grey line with square marks, the target in force dashed and labelled, the
/// field-test months shaded, partial and flagged points drawn hollow in their own shapes and
/// explained in the legend, the highlighted organisation in the strong colour and the others
/// muted. Its <title> and <desc> say what it shows; the numbers are in the section's table.
struct LineChart {
    typealias H = HTMLReport
    struct Series {
        var name: String
        var code: String
        var points: [Int: Double] = [:]
        /// Flag text per point (partial, small numbers, stale…).
        var flags: [Int: String] = [:]
    }

    let table: ReportTable
    let chart: ChartSpec
    let axis: H.TimeAxis
    let highlight: String?
    var series: [Series] = []
    var england: [Int: Double] = [:]
    var targets: [Int: Double] = [:]
    var fieldTest: Set<Int> = []
    let yFormat: ColumnFormat?

    static let partialFlag = "partial: made from fewer providers than expected"
    static let shapes: [H.Swatch] = [.diamond, .square, .hollow]

    init(table: ReportTable, x xi: Int, y yi: Int, chart: ChartSpec, axis: H.TimeAxis, highlight: String?) {
        self.table = table
        self.chart = chart
        self.axis = axis
        self.highlight = highlight
        yFormat = table.rows.first.flatMap { ReportFormat.format(table, row: $0, column: yi) }
        let si = chart.series.flatMap(table.columnIndex)
        let ci = chart.code.flatMap(table.columnIndex)
        let ti = chart.target.flatMap(table.columnIndex)
        let fi = chart.fieldTest.flatMap(table.columnIndex)
        let pi = chart.partialColumn.flatMap(table.columnIndex)
        let ei = chart.england.flatMap(table.columnIndex)
        let gi = chart.flag.flatMap(table.columnIndex)
        for row in table.rows {
            guard let i = axis.index(row[xi]) else { continue }
            if let ti, let t = H.number(row[ti]) { targets[i] = t }
            if let fi, H.isFieldTestMonth(row[fi]) { fieldTest.insert(i) }
            if let ei, let e = H.number(row[ei]) { england[i] = e }
            guard let y = H.number(row[yi]) else { continue }
            let name = si.map { row[$0].display } ?? H.header(table, chart.y)
            let code = ci.map { row[$0].display } ?? name
            let n = series.firstIndex { $0.name == name } ?? series.count
            if n == series.count { series.append(Series(name: name, code: code)) }
            series[n].points[i] = y
            if let pi, row[pi].display.hasPrefix("partial") { series[n].flags[i] = Self.partialFlag }
            if let gi, !row[gi].display.trimmingCharacters(in: .whitespaces).isEmpty { series[n].flags[i] = row[gi].display }
        }
    }

    var highlighted: Bool { series.contains { isHighlight($0) } }
    func isHighlight(_ s: Series) -> Bool { highlight.map { s.code.caseInsensitiveCompare($0) == .orderedSame } ?? false }

    func color(_ n: Int) -> String {
        if highlighted { return isHighlight(series[n]) ? H.highlightColor : H.mutedColor }
        return H.palette[n % H.palette.count]
    }

    /// Runs of consecutive months with a value: each is one polyline, so a gap stays a gap.
    static func runs(_ points: [Int: Double]) -> [[Int]] {
        var runs: [[Int]] = []
        for i in points.keys.sorted() {
            if let last = runs.last?.last, last == i - 1 { runs[runs.count - 1].append(i) } else { runs.append([i]) }
        }
        return runs
    }

    func figure(id: String, title: String?, width: Double, height: Double, shownOn: String? = nil) -> String? {
        let values = series.flatMap { $0.points.values } + Array(targets.values) + Array(england.values)
        guard !axis.keys.isEmpty, !series.isEmpty, let lo = values.min(), let hi = values.max() else { return nil }
        let scale = H.niceAxis(lo, hi)
        let tickText = scale.ticks.map { H.format($0, yFormat) }
        let left = max(58, 30 + 7 * Double(tickText.map(\.count).max() ?? 3)), right = 30.0, topPad = 14.0, bottomPad = 38.0
        let plotW = width - left - right, plotH = height - topPad - bottomPad
        let count = axis.keys.count
        func px(_ i: Int) -> Double { count == 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(count - 1) }
        func py(_ v: Double) -> Double { topPad + plotH * (1 - (v - scale.bottom) / (scale.top - scale.bottom)) }
        let unit = H.unit(table, chart, rows: table.rows)
        let yTitle = H.axisTitle(chart, unit: unit, table: table)
        let label = title ?? "\(H.header(table, chart.y)) by \(H.header(table, chart.x))"
        var svg = "<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"\(id)t \(id)d\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)t\">\(H.escape(label)): \(H.escape(yTitle))</title><desc id=\"\(id)d\">\(H.escape(description(unit: unit)))</desc>"
        // The field-test window: a shaded band over the months its sites did not report, its
        // label at the top or the bottom, whichever is further from the target line.
        let stepW = count > 1 ? plotW / Double(count - 1) : plotW
        let shaded = fieldTest.sorted()
        if let first = shaded.first, let last = shaded.last {
            let x0 = max(left, px(first) - stepW / 2), x1 = min(width - right, px(last) + stepW / 2)
            svg += "<rect class=\"field-test\" x=\"\(H.f1(x0))\" y=\"\(Int(topPad))\" width=\"\(H.f1(max(x1 - x0, 2)))\" height=\"\(Int(plotH))\" fill=\"#e8edee\"><title>A&amp;E four-hour field test: \(H.escape(axis.label(first))) to \(H.escape(axis.label(last))), sites not reporting</title></rect>"
            let targetNear = shaded.compactMap { targets[$0] }.map(py)
            let topFree = targetNear.allSatisfy { $0 > topPad + 18 }
            svg += "<text class=\"field-test-label\" x=\"\(H.f1(x0 + 3))\" y=\"\(H.f1(topFree ? topPad + 11 : topPad + plotH - 4))\">field test</text>"
        }
        for (v, text) in zip(scale.ticks, tickText) {
            svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(H.f1(py(v)))\" y2=\"\(H.f1(py(v)))\" stroke=\"#d8dde0\"/>"
            svg += "<text x=\"\(Int(left - 4))\" y=\"\(H.f1(py(v) + 4))\" text-anchor=\"end\">\(text)</text>"
        }
        svg += "<text class=\"axis-title\" transform=\"translate(12 \(H.f1(topPad + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(H.escape(yTitle))</text>"
        for i in axis.ticks(room: Int(plotW / 62)) {
            svg += "<text x=\"\(H.f1(px(i)))\" y=\"\(Int(height - bottomPad + 16))\" text-anchor=\"middle\">\(H.escape(axis.label(i)))</text>"
        }
        svg += "<text class=\"x-title\" x=\"\(H.f1(left + plotW / 2))\" y=\"\(Int(height - 4))\" text-anchor=\"middle\">\(H.escape(H.header(table, chart.x)))</text>"
        svg += targetLine(px: px, py: py)
        // England under the series, in grey with square marks.
        for run in Self.runs(england) where run.count > 1 {
            svg += "<polyline class=\"england\" fill=\"none\" stroke=\"\(H.englandColor)\" stroke-width=\"2\" points=\"\(run.map { "\(H.f1(px($0))),\(H.f1(py(england[$0] ?? 0)))" }.joined(separator: " "))\"/>"
        }
        for (i, v) in england.sorted(by: { $0.key < $1.key }) {
            svg += "<rect x=\"\(H.f1(px(i) - 2.5))\" y=\"\(H.f1(py(v) - 2.5))\" width=\"5\" height=\"5\" fill=\"\(H.englandColor)\"><title>England \(H.escape(axis.label(i))): \(H.format(v, yFormat))</title></rect>"
        }
        let flagTexts = Array(Set(series.flatMap { $0.flags.values })).sorted()
        let order = series.indices.sorted { isHighlight(series[$0]) == isHighlight(series[$1]) ? $0 < $1 : !isHighlight(series[$0]) }
        for n in order {
            let s = series[n], color = color(n), width = isHighlight(s) ? 3 : 2
            for run in Self.runs(s.points) where run.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(width)\" points=\"\(run.map { "\(H.f1(px($0))),\(H.f1(py(s.points[$0] ?? 0)))" }.joined(separator: " "))\"/>"
            }
            for (i, v) in s.points.sorted(by: { $0.key < $1.key }) {
                let cx = px(i), cy = py(v)
                let tip = "<title>\(H.escape(s.name)) \(H.escape(axis.label(i))): \(H.format(v, yFormat))\(s.flags[i].map { " (\(H.escape($0)))" } ?? "")</title>"
                guard let flag = s.flags[i], let k = flagTexts.firstIndex(of: flag) else {
                    svg += "<circle cx=\"\(H.f1(cx))\" cy=\"\(H.f1(cy))\" r=\"2.8\" fill=\"\(color)\">\(tip)</circle>"
                    continue
                }
                svg += Self.marker(Self.shapes[k % Self.shapes.count], cx, cy, color) + tip + "</g>"
            }
        }
        svg += "</svg>"
        var items: [(swatch: String, label: String)] = []
        for n in series.indices where title == nil || series.count > 1 || !england.isEmpty {
            items.append((H.swatch(color(n), .line), series[n].name + (isHighlight(series[n]) ? " (highlighted)" : "")))
        }
        if !england.isEmpty { items.append((H.swatch(H.englandColor, .block), "England")) }
        if !targets.isEmpty { items.append((H.swatch(H.targetColor, .dashed), "target in force")) }
        if !shaded.isEmpty { items.append((H.swatch("", .shade), "A&E four-hour field test: the sites' months not reported")) }
        for (k, flag) in flagTexts.enumerated() { items.append((H.swatch(color(0), Self.shapes[k % Self.shapes.count]), flag)) }
        if series.contains(where: { Self.runs($0.points).count > 1 }) { items.append(("", "a break in a line: months with no figure")) }
        let heading = title.map { "<h3 class=\"panel-title\">\(H.escape($0))</h3>" } ?? ""
        let classes = ["chart"] + (title == nil ? ["wide"] : []) + (shownOn.map { [$0] } ?? [])
        return "<figure class=\"\(classes.joined(separator: " "))\">\(heading)\(svg)\(H.legend(items))</figure>"
    }

    /// A flagged point: hollow, in a shape of its own, opened as a group its <title> closes.
    static func marker(_ shape: H.Swatch, _ x: Double, _ y: Double, _ color: String) -> String {
        let stroke = "fill=\"#ffffff\" stroke=\"\(color)\" stroke-width=\"2\""
        switch shape {
        case .diamond: return "<g class=\"flagged\"><path d=\"M\(H.f1(x)) \(H.f1(y - 5))L\(H.f1(x + 5)) \(H.f1(y))L\(H.f1(x)) \(H.f1(y + 5))L\(H.f1(x - 5)) \(H.f1(y))Z\" \(stroke)/>"
        case .square: return "<g class=\"flagged\"><rect x=\"\(H.f1(x - 4))\" y=\"\(H.f1(y - 4))\" width=\"8\" height=\"8\" \(stroke)/>"
        default: return "<g class=\"flagged\"><circle cx=\"\(H.f1(x))\" cy=\"\(H.f1(y))\" r=\"4.5\" \(stroke)/>"
        }
    }

    /// The target in force, stepping where it changes, labelled at its right end.
    func targetLine(px: (Int) -> Double, py: (Double) -> Double) -> String {
        let known = targets.sorted { $0.key < $1.key }
        guard let last = known.last else { return "" }
        var out = ""
        if Set(known.map(\.value)).count == 1 {
            out += "<line class=\"target\" x1=\"\(H.f1(px(0)))\" x2=\"\(H.f1(px(axis.keys.count - 1)))\" y1=\"\(H.f1(py(last.value)))\" y2=\"\(H.f1(py(last.value)))\" stroke=\"\(H.targetColor)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"><title>target in force: \(H.format(last.value, yFormat))</title></line>"
        } else {
            let points = known.map { "\(H.f1(px($0.key))),\(H.f1(py($0.value)))" }.joined(separator: " ")
            out += "<polyline class=\"target\" fill=\"none\" stroke=\"\(H.targetColor)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" points=\"\(points)\"><title>target in force</title></polyline>"
        }
        let x = Set(known.map(\.value)).count == 1 ? px(axis.keys.count - 1) : px(last.key)
        out += "<text class=\"target-label\" x=\"\(H.f1(x))\" y=\"\(H.f1(py(last.value) - 4))\" text-anchor=\"end\">target \(H.format(last.value, yFormat))</text>"
        return out
    }

    /// The text alternative: each series from its first to its latest figure, the target and
    /// England's latest, and how many months have no figure.
    func description(unit: String?) -> String {
        let u = unit.map { $0 == "%" ? "%" : " " + $0 } ?? ""
        var parts: [String] = []
        if let first = axis.keys.indices.first, let last = axis.keys.indices.last {
            parts.append("From \(axis.label(first)) to \(axis.label(last)).")
        }
        for s in series.prefix(12) {
            let known = s.points.sorted { $0.key < $1.key }
            guard let a = known.first, let b = known.last else { continue }
            let missing = (a.key...b.key).count - known.count
            parts.append("\(s.name): \(H.format(a.value, yFormat))\(u) in \(axis.label(a.key))" + (a.key == b.key ? "" : " to \(H.format(b.value, yFormat))\(u) in \(axis.label(b.key))")
                + (missing > 0 ? ", \(missing) months without a figure" : "") + (s.flags.isEmpty ? "" : ", \(s.flags.count) flagged") + ".")
        }
        if let e = england.max(by: { $0.key < $1.key }) { parts.append("England \(H.format(e.value, yFormat))\(u) in \(axis.label(e.key)).") }
        if let t = targets.max(by: { $0.key < $1.key }) { parts.append("Target \(H.format(t.value, yFormat))\(u).") }
        return parts.joined(separator: " ") + " The figures are in the table of this section."
    }
}
