import Foundation

/// One self-contained HTML page: styles inline, charts as inline SVG, no network requests.
public enum HTMLReport {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let palette = ["#005eb8", "#da291c", "#009639", "#ed8b00", "#7c2855", "#00a499", "#425563", "#ffb81c",
                          "#330072", "#768692"]

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2rem;color:#212b32;max-width:1200px}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}
        .params{color:#4c6272;margin:.2rem 0 1rem}
        table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
        caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{border-bottom:1px solid #d8dde0;padding:.3rem .6rem;vertical-align:top}
        th{background:#f0f4f5;text-align:left}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        td.nw{white-space:nowrap}
        tr:nth-child(even) td{background:#fafbfb}
        .met-yes{color:#007f3b;font-weight:600}.met-no{color:#d5281b;font-weight:600}
        .footnote{color:#4c6272;font-size:.85rem;margin:.2rem 0}
        figure{margin:1rem 0}figcaption{color:#4c6272;font-size:.85rem}
        .table-wrap{overflow-x:auto;max-width:100%}
        p,li,h1,h2,h3,caption{overflow-wrap:anywhere}
        .panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,330px),1fr));gap:1rem}
        .panels figure.chart{margin:0}
        figure.chart svg{display:block;width:100%;height:auto;max-width:100%}
        figure.chart.wide svg{max-width:760px}
        .panel-title{font-size:.9rem;margin:.2rem 0;font-weight:600}
        svg text{font-family:inherit;font-size:12px;fill:#212b32}
        svg text.axis-title,svg text.x-title{fill:#4c6272}
        svg text.field-test-label{fill:#4c6272;font-size:10px}
        ul.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.8rem;color:#212b32}
        ul.legend li{display:flex;align-items:center;gap:.3rem}
        .sw{display:inline-block;width:.8rem;height:.8rem;flex:none}
        .sw.hollow{border:2px solid;border-radius:50%;background:#fff;width:.5rem;height:.5rem}
        .sw.dash{border-top:2px dashed;height:0}
        .sw.shade{background:#e8edee;border:1px solid #d8dde0}
        .hchart{max-width:900px}
        .hchart .axis-title{color:#4c6272;font-size:.85rem;margin:.2rem 0 .4rem}
        .hrow{display:grid;grid-template-columns:minmax(5rem,min(16rem,40%)) minmax(4rem,1fr) 3.5rem;gap:.5rem;align-items:center;font-size:.8rem;min-height:1.1rem}
        .hlabel{overflow-wrap:anywhere;text-align:right}
        .hval{font-variant-numeric:tabular-nums}
        .htrack{position:relative;height:.8rem;background:#f0f4f5}
        .hbar{position:absolute;left:0;top:0;bottom:0}
        .hdot{position:absolute;top:50%;width:.7rem;height:.7rem;border-radius:50%;transform:translate(-50%,-50%)}
        .haxis .htrack{background:none;height:1rem;border-top:1px solid #aeb7bd}
        .tick{position:absolute;transform:translateX(-50%);font-size:.75rem;color:#4c6272;white-space:nowrap}
        .narrow-only{display:none}
        @media (max-width:600px){body{margin:.8rem}.wide-only{display:none}.narrow-only{display:block}}
        .seg1{background:#e7f3ea}.seg4{background:#fbe9e7}
        footer{margin-top:2rem;color:#768692;font-size:.8rem}
        """

    public static func render(_ report: ReportResult) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escape(report.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <main>
            <h1>\(escape(report.title))</h1>

            """
        let params = report.parameters.map { "<strong>\(escape($0.0))</strong>: \(escape($0.1))" }.joined(separator: " · ")
        if !params.isEmpty { html += "<p class=\"params\">\(params)</p>\n" }
        for (index, table) in report.sections.enumerated() {
            html += "<section aria-labelledby=\"s\(index)\">\n<h2 id=\"s\(index)\">\(escape(table.title))</h2>\n"
            if let chart = table.chart, let figure = chartSVG(table, chart, id: "c\(index)") {
                html += "<div class=\"charts\">\n\(figure)\n<p class=\"footnote\">\(escape(chartCaption(table, chart)))</p>\n</div>\n"
            }
            html += tableHTML(table)
            for footnote in table.footnotes { html += "<p class=\"footnote\">\(escape(footnote))</p>\n" }
            html += "</section>\n"
        }
        let formatter = ISO8601DateFormatter()
        html += """
            </main>
            <footer>Generated by nofdb on \(formatter.string(from: report.generatedAt)). Source: NHS England statistics (Open Government Licence v3.0).</footer>
            </body>
            </html>

            """
        return html
    }

    static func tableHTML(_ table: ReportTable) -> String {
        guard !table.rows.isEmpty else { return "<p>No rows.</p>\n" }
        var out = "<div class=\"table-wrap\"><table>\n<caption>\(escape(table.title))</caption>\n<thead><tr>"
        for column in table.columns {
            let numeric = column.kind == .integer || column.kind == .number
            out += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(escape(column.name))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        let segment = table.columnIndex("segment")
        let shown = ReportFormat.cells(table)
        for (r, row) in table.rows.enumerated() {
            var rowClass = ""
            if let segment, case .integer(let s) = row[segment], s == 1 || s == 4 { rowClass = " class=\"seg\(s)\"" }
            out += "<tr\(rowClass)>"
            for (c, cell) in row.enumerated() {
                var classes: [String] = []
                if cell.isNumeric || table.columns[c].kind == .integer || table.columns[c].kind == .number { classes.append("num") }
                if table.columns[c].name == "met", !cell.display.isEmpty { classes.append("met-\(cell.display)") }
                if shown[r][c].count <= 12 { classes.append("nw") }
                let attr = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                out += "<td\(attr)>\(escape(shown[r][c]))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        return out
    }

    static func chartCaption(_ table: ReportTable, _ chart: ChartSpec) -> String {
        switch chart.kind {
        case .line:
            return "\(chart.y) by \(chart.x)" + (chart.panels.map { ", one chart per \($0)" } ?? "")
                + (chart.series.map { " for each \($0)" } ?? "")
                + (chart.onlyValue.map { " (\(chart.onlyColumn ?? "") \($0) only)" } ?? "")
        case .bar:
            return "\(chart.y) by \(chart.x)" + (chart.better == .lower ? " (lower is better: drawn further right)" : "")
        }
    }
}
