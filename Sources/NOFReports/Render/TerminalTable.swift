/// A table laid out for a terminal of a given width: columns at their natural width when
/// they fit; else text columns wrapped at word boundaries, with the spare width given where
/// it saves the most lines; else, when even one word per line does not fit, one record per
/// row (label, then value). Numbers are right-aligned and never wrap; no word, ODS code or
/// date is ever split. The highlighted organisation's row is marked ▶ (bold too in colour).
struct TerminalTable {
    let headers: [String]
    let cells: [[String]]
    let numeric: [Bool]
    let highlighted: Set<Int>
    let style: TerminalStyle
    /// Spaces between columns: two, or one when that is what lets the words fit whole.
    var separator = 2

    init(_ table: ReportTable, style: TerminalStyle, highlighted: Set<Int> = []) {
        headers = table.columns.map(\.header)
        cells = ReportFormat.cells(table)
        numeric = table.columns.map { $0.kind == .integer || $0.kind == .number }
        self.highlighted = highlighted
        self.style = style
    }

    var bold: String { style.color ? "\u{1B}[1m" : "" }
    var reset: String { style.color ? "\u{1B}[0m" : "" }
    /// "▶ " before the highlighted row, two spaces before the others, when one is highlighted.
    var gutter: Int { highlighted.isEmpty ? 0 : 2 }

    func lines() -> [String] {
        if cells.isEmpty { return ["(no rows)"] }
        if let widths = columnWidths() { return tabular(widths) }
        var tight = self
        tight.separator = 1
        if let widths = tight.columnWidths() { return tight.tabular(widths) }
        return records()
    }

    /// Widths that fit the terminal without splitting a word, or nil when none do.
    func columnWidths() -> [Int]? {
        let count = headers.count
        let cellWidths = (0..<count).map { c in cells.map { $0[c].count }.max() ?? 0 }
        let natural = (0..<count).map { max(headers[$0].count, cellWidths[$0]) }
        let available = style.width - gutter - separator * max(count - 1, 0)
        if natural.reduce(0, +) <= available { return natural }
        let headerMinimum = headers.map { TextWrap.longestSegment($0, breakAfter: TextWrap.headerBreakAfter) }
        let minimum = (0..<count).map { c in
            numeric[c] ? max(cellWidths[c], headerMinimum[c])
                : max(headerMinimum[c], cells.map { TextWrap.longestSegment($0[c]) }.max() ?? 0)
        }
        guard minimum.reduce(0, +) <= available else { return nil }
        return distribute(available - minimum.reduce(0, +), from: minimum, upTo: natural)
    }

    /// Gives `slack` characters, a step at a time, to the column whose widening saves the most
    /// lines per character (rows are as tall as their tallest cell); measured on the header
    /// and the first 300 rows.
    func distribute(_ slack: Int, from minimum: [Int], upTo natural: [Int]) -> [Int] {
        var widths = minimum
        var slack = slack
        let sample = [headers] + cells.prefix(300)
        var memo: [Int: [Int: [Int]]] = [:]
        func heights(_ c: Int, _ w: Int) -> [Int] {
            if let known = memo[c]?[w] { return known }
            let h = sample.enumerated().map { r, row in
                r == 0 ? TextWrap.wrap(row[c], width: w, breakAfter: TextWrap.headerBreakAfter).count : TextWrap.wrap(row[c], width: w).count
            }
            memo[c, default: [:]][w] = h
            return h
        }
        var current = widths.indices.map { heights($0, widths[$0]) }
        while slack > 0 {
            var best: (column: Int, step: Int, gain: Double, own: Double)?
            for c in widths.indices where widths[c] < natural[c] {
                let others = sample.indices.map { r in widths.indices.filter { $0 != c }.map { current[$0][r] }.max() ?? 1 }
                let before = zip(others, current[c]).map { max($0, $1) }.reduce(0, +)
                let ownBefore = current[c].reduce(0, +)
                for step in 1...min(slack, natural[c] - widths[c]) {
                    let after = heights(c, widths[c] + step)
                    let gain = Double(before - zip(others, after).map { max($0, $1) }.reduce(0, +)) / Double(step)
                    let own = Double(ownBefore - after.reduce(0, +)) / Double(step)
                    if best == nil || (gain, own) > (best?.gain ?? 0, best?.own ?? 0) { best = (c, step, gain, own) }
                }
            }
            guard let choice = best, choice.gain > 0 || choice.own > 0 else { break }
            widths[choice.column] += choice.step
            slack -= choice.step
            current[choice.column] = heights(choice.column, widths[choice.column])
        }
        return widths
    }

    func tabular(_ widths: [Int]) -> [String] {
        let gap = String(repeating: " ", count: separator)
        func pad(_ text: String, _ c: Int) -> String {
            let space = String(repeating: " ", count: max(widths[c] - text.count, 0))
            return numeric[c] ? space + text : text + space
        }
        func rowLines(_ row: [String], header: Bool, mark: Bool) -> [String] {
            let wrapped = row.indices.map { c in
                header ? TextWrap.wrap(row[c], width: widths[c], breakAfter: TextWrap.headerBreakAfter) : TextWrap.wrap(row[c], width: widths[c])
            }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                let prefix = gutter == 0 ? "" : (mark && line == 0 ? "▶ " : "  ")
                let body = row.indices.map { c in pad(line < wrapped[c].count ? wrapped[c][line] : "", c) }.joined(separator: gap)
                return (prefix + body).trimmingTrailing()
            }
        }
        var out = rowLines(headers, header: true, mark: false).map { bold + $0 + reset }
        out.append(String(repeating: " ", count: gutter) + widths.map { String(repeating: "─", count: $0) }.joined(separator: gap))
        for (r, row) in cells.enumerated() {
            let mark = highlighted.contains(r)
            out += rowLines(row, header: false, mark: mark).map { mark ? bold + $0 + reset : $0 }
        }
        return out
    }

    /// One block per row: each column's header, then its value (empty values left out),
    /// between rules; for tables too wide to show as columns without splitting words.
    func records() -> [String] {
        let labelWidth = min(headers.map(\.count).max() ?? 0, max(style.width / 3, 8))
        let valueWidth = max(style.width - labelWidth - separator - gutter, 10)
        var out: [String] = []
        for (r, row) in cells.enumerated() {
            let mark = highlighted.contains(r)
            out.append((mark ? "▶ " : String(repeating: " ", count: gutter)) + String(repeating: "─", count: min(style.width - gutter, 40)))
            for c in row.indices where !row[c].isEmpty {
                let label = TextWrap.wrap(headers[c], width: labelWidth, breakAfter: TextWrap.headerBreakAfter)
                let value = TextWrap.wrap(row[c], width: valueWidth)
                for line in 0..<max(label.count, value.count) {
                    let l = line < label.count ? label[line] : ""
                    let v = line < value.count ? value[line] : ""
                    let text = String(repeating: " ", count: gutter) + l + String(repeating: " ", count: labelWidth - l.count + separator) + v
                    out.append(mark ? bold + text.trimmingTrailing() + reset : text.trimmingTrailing())
                }
            }
        }
        return out
    }
}
