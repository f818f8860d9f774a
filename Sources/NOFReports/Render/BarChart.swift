import Foundation

/// A bar chart, or where lower is better a dot chart whose axis runs from worse on the left to
/// better on the right, as HTML rows (labels wrap with the page): sorted by the measure, best
/// first, organisations by name; the target in force as a labelled dashed line; England as a
/// grey square; the highlighted organisation in the strong colour, ▶-marked and outlined, the
/// others muted; flagged values hollow and explained; league segments coloured and written
/// ("S1"); a league score axis over the real score range (1 best to 4 worst).
extension HTMLReport {
    struct BarItem {
        var label: String
        var code: String
        var value: Double
        var segment: Int?
        var flag: String?
        var target: Double?
        var isEngland: Bool { code == "ENG" || label == "England" }
    }

    static func barItems(_ table: ReportTable, _ li: Int, _ vi: Int, _ chart: ChartSpec) -> [BarItem] {
        let segmentColumn = chart.x == "segment" ? nil : table.columnIndex("segment")
        let labelName = table.columns[li].name
        // Organisations by name: a code label is shown as the name beside it, with the code.
        let nameColumn = labelName.hasSuffix("code") ? table.columnIndex("org_name") : nil
        let codeColumn = chart.code.flatMap(table.columnIndex) ?? (labelName.hasSuffix("code") ? li : table.columnIndex("org_code"))
        let ti = chart.target.flatMap(table.columnIndex), fi = chart.flag.flatMap(table.columnIndex)
        let pi = chart.partialColumn.flatMap(table.columnIndex)
        var items = table.rows.compactMap { row -> BarItem? in
            guard let value = number(row[vi]) else { return nil }
            let code = codeColumn.map { row[$0].display } ?? ""
            var label = nameColumn.map { ReportFormat.titleCase(row[$0].display) } ?? row[li].display
            if ReportFormat.isName(table.columns[nameColumn ?? li].name) { label = ReportFormat.titleCase(label) }
            if nameColumn != nil, !code.isEmpty, code != "ENG" { label += " (\(code))" }
            var flag = fi.map { row[$0].display.trimmingCharacters(in: .whitespaces) }
            if flag?.isEmpty ?? true, let pi, row[pi].display.hasPrefix("partial") { flag = "partial" }
            return BarItem(label: label.isEmpty ? "(none)" : label, code: code, value: value,
                           segment: segmentColumn.flatMap { Int(row[$0].display) },
                           flag: flag?.isEmpty ?? true ? nil : flag, target: ti.flatMap { number(row[$0]) })
        }
        // Sorted by the measure, best first, when the chart says which way is better.
        switch chart.better {
        case .lower: items.sort { $0.value < $1.value }
        case .higher: items.sort { $0.value > $1.value }
        case nil: break
        }
        return items
    }

    static func barChart(_ table: ReportTable, _ li: Int, _ vi: Int, _ chart: ChartSpec, _ id: String, highlight: String?) -> String? {
        let items = barItems(table, li, vi, chart)
        guard !items.isEmpty else { return nil }
        let valueFormat = table.rows.first.flatMap { ReportFormat.format(table, row: $0, column: vi) }
        let values = items.map(\.value)
        let targets = items.compactMap(\.target)
        let target = targets.isEmpty ? nil : Dictionary(targets.map { ($0, 1) }, uniquingKeysWith: +).max { $0.value < $1.value }?.key
        let lowerBetter = chart.better == .lower
        // A league score runs from 1 (best) to 4 (worst): its axis spans that range.
        let isScore = valueFormat == .score || chart.y.contains("score")
        var axis = niceAxis(min(values.min() ?? 0, 0), max(values.max() ?? 1, target ?? 0))
        if isScore, (values.min() ?? 1) >= 1, (values.max() ?? 4) <= 4 { axis = (1, 4, [1, 2, 3, 4]) }
        // Lower is better: the axis is reversed, so better sits further right.
        func position(_ v: Double) -> Double {
            let f = (v - axis.bottom) / (axis.top - axis.bottom) * 100
            return max(0, min(100, lowerBetter ? 100 - f : f))
        }
        let marked = items.contains { item in highlight.map { item.code.caseInsensitiveCompare($0) == .orderedSame } ?? false }
        let segments = Set(items.compactMap(\.segment)).sorted()
        let unit = self.unit(table, chart, rows: table.rows)
        let better = lowerBetter ? " · lower is better: better to the right →" : (chart.better == .higher ? " · higher is better: better to the right →" : "")
        let title = axisTitle(chart, unit: unit, table: table) + better
        let u = unit.map { $0 == "%" ? "%" : " " + $0 } ?? ""
        var summary = "\(chart.kind == .bar && lowerBetter ? "Dot" : "Bar") chart of \(title), \(items.count) rows"
        if let best = items.first, let worst = items.last, chart.better != nil {
            summary += ", best \(best.label) \(format(best.value, valueFormat))\(u), worst \(worst.label) \(format(worst.value, valueFormat))\(u)"
        }
        if let target { summary += ", target \(format(target, valueFormat))\(u)" }
        if let eng = items.first(where: \.isEngland) { summary += ", England \(format(eng.value, valueFormat))\(u)" }
        if marked, let h = items.first(where: { $0.code.caseInsensitiveCompare(highlight ?? "") == .orderedSame }) {
            summary += ", highlighted \(h.label) \(format(h.value, valueFormat))\(u) (\(1 + (items.firstIndex { $0.code == h.code } ?? 0)) of \(items.count))"
        }
        summary += ". The figures are in the table of this section."
        var html = "<figure class=\"chart hchart\" role=\"img\" aria-label=\"\(escape(summary))\">"
        html += "<div class=\"axis-title\">\(escape(title))</div>"
        let flags = Array(Set(items.compactMap(\.flag))).sorted()
        for item in items {
            let isMarked = marked && item.code.caseInsensitiveCompare(highlight ?? "") == .orderedSame
            let color = item.isEngland ? englandColor : item.segment.flatMap { segmentColors[$0] }
                ?? (marked ? (isMarked ? highlightColor : mutedColor) : palette[0])
            let p = position(item.value)
            var classes = item.flag == nil ? "" : " flagged"
            if item.isEngland { classes += " sq" }
            let mark = lowerBetter || isScore
                ? "<span class=\"hdot\(classes)\" style=\"left:\(f1(p))%;background:\(color);border-color:\(color)\"></span>"
                : "<span class=\"hbar\" style=\"width:\(f1(max(p, 0.3)))%;\(item.flag == nil ? "background:\(color)" : "background:#fff;border:2px solid \(color);box-sizing:border-box")\"></span>"
            let targetMark = target.map { "<span class=\"htarget\" style=\"left:\(f1(position($0)))%\"></span>" } ?? ""
            let rowClass = "hrow" + (isMarked ? " hl" : "") + (item.isEngland ? " eng" : "")
            let shown = format(item.value, valueFormat) + (item.segment.map { " S\($0)" } ?? "") + (item.flag == nil ? "" : " *")
            html += "<div class=\"\(rowClass)\"><span class=\"hlabel\">\(isMarked ? "▶ " : "")\(escape(item.label))</span><span class=\"htrack\">\(targetMark)\(mark)</span><span class=\"hval\">\(escape(shown))</span></div>"
        }
        html += "<div class=\"hrow haxis\"><span class=\"hlabel\"></span><span class=\"htrack\">"
        for (n, v) in axis.ticks.enumerated() {
            let edge = (n == 0) != lowerBetter ? " first" : (n == axis.ticks.count - 1) != lowerBetter ? " last" : ""
            let words = isScore && v == 1 ? " best" : isScore && v == 4 ? " worst" : ""
            html += "<span class=\"tick\(n == 0 || n == axis.ticks.count - 1 ? edge : "")\" style=\"left:\(f1(position(v)))%\">\(valueFormat == .minutes ? format(v) : format(v, valueFormat))\(words)</span>"
        }
        if let target {
            let p = position(target)
            html += "<span class=\"tlabel\(p < 12 ? " first" : p > 88 ? " last" : "")\" style=\"left:\(f1(p))%\">target \(format(target, valueFormat))</span>"
        }
        html += "</span><span class=\"hval\"></span></div>"
        var legendItems: [(swatch: String, label: String)] = segments.map {
            (swatch(segmentColors[$0] ?? palette[0]), $0 == 5 ? "S5: segment 5 (Recovery Support Programme)" : "S\($0): segment \($0)")
        }
        if marked, let code = highlight { legendItems.append((swatch(segments.isEmpty ? highlightColor : "", segments.isEmpty ? .solid : .ring), "▶ \(code): highlighted")) }
        if marked, segments.isEmpty { legendItems.append((swatch(mutedColor), "other organisations")) }
        if items.contains(where: \.isEngland) { legendItems.append((swatch(englandColor, .block), "England")) }
        if target != nil { legendItems.append((swatch(targetColor, .dashed), "target in force")) }
        for flag in flags { legendItems.append((swatch(palette[0], .hollow), "* hollow: \(flag)")) }
        html += legend(legendItems)
        html += "</figure>"
        return html
    }
}
