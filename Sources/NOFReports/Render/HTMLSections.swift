import Foundation

/// How a report's sections are drawn when they sit inside a page of someone else's making
/// (the published site puts several reports on one page, links organisations to their pages
/// and puts download links under each table). The defaults draw a report page as
/// `nofdb report --format html` always has.
public struct HTMLSectionOptions {
    /// Put before every element id, so that several reports can share a page.
    public var idPrefix = ""
    /// The heading level of section titles (2 under a page's h1).
    public var headingLevel = 2
    /// Marks tables as sortable (`data-sortable`) and gives each number, date and month cell
    /// its raw value (`data-sort`), for a script to add sort buttons to the headers; the
    /// table reads the same without it.
    public var sortable = false
    /// The address a cell links to (an organisation's page from its code or name), or nil.
    public var link: ((_ table: ReportTable, _ row: Int, _ column: Int) -> String?)?
    /// HTML placed after a section's table and before its footnotes (download links).
    public var afterTable: ((_ index: Int, _ table: ReportTable) -> String)?
    /// Marks the cells of wide-only columns (codes and units the other columns already say)
    /// with the class `wide-col`, for a style sheet to leave them out on narrow screens.
    public var markWideColumns = false
    /// HTML placed under a section's heading, before its chart (a paragraph saying what it shows).
    public var introduction: ((_ index: Int, _ table: ReportTable) -> String)?

    public init() {}
}

extension HTMLReport {
    /// Every section of `report`: its heading, chart with the line saying what it plots, table
    /// and footnotes.
    public static func sectionsHTML(_ report: ReportResult, options: HTMLSectionOptions = HTMLSectionOptions()) -> String {
        var html = ""
        for (index, table) in report.sections.enumerated() {
            html += sectionHTML(table, index: index, highlight: report.highlight,
                                highlighted: ReportFormat.highlightedRows(report, table), options: options)
        }
        return html
    }

    /// One section; `index` numbers its ids (after the options' prefix).
    public static func sectionHTML(_ table: ReportTable, index: Int, highlight: String? = nil, highlighted: Set<Int> = [],
                                   options: HTMLSectionOptions = HTMLSectionOptions()) -> String {
        let p = options.idPrefix, level = min(max(options.headingLevel, 2), 6)
        var html = "<section aria-labelledby=\"\(p)s\(index)\">\n<h\(level) id=\"\(p)s\(index)\">\(escape(table.title))</h\(level)>\n"
        if let introduction = options.introduction { html += introduction(index, table) }
        if let chart = table.chart, let figure = chartSVG(table, chart, id: "\(p)c\(index)", highlight: highlight) {
            html += "<div class=\"charts\">\n\(figure)\n<p class=\"footnote\">\(escape(chartCaption(table, chart)))</p>\n</div>\n"
        }
        html += tableHTML(table, id: "\(p)t\(index)", highlighted: highlighted, code: highlight, options: options)
        if let after = options.afterTable { html += after(index, table) }
        for footnote in table.footnotes { html += "<p class=\"footnote\">\(escape(footnote))</p>\n" }
        html += "</section>\n"
        return html
    }

    /// A table with its caption, header cells and the highlighted organisation's row marked
    /// (▶, bold, outlined, and said in words to screen readers); in a box that scrolls
    /// sideways when wide, reachable by keyboard.
    /// A cell the browser must not break across lines: a short value, or a date and time
    /// (`2026-12-06 12:25` would otherwise break after each hyphen on a narrow column).
    static func keepsTogether(_ text: String) -> Bool {
        text.count <= 12 || text.wholeMatch(of: /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?( UTC)?/) != nil
    }

    static func tableHTML(_ table: ReportTable, id: String, highlighted: Set<Int> = [], code: String? = nil,
                          options: HTMLSectionOptions = HTMLSectionOptions()) -> String {
        guard !table.rows.isEmpty else { return "<p>No rows.</p>\n" }
        let sortable = options.sortable && table.rows.count > 1
        var out = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table: \(escape(table.title))\"><table\(sortable ? " data-sortable" : "")>\n<caption id=\"\(id)\">\(escape(table.title))</caption>\n<thead><tr>"
        for column in table.columns {
            var classes = column.kind == .integer || column.kind == .number ? ["num"] : []
            if options.markWideColumns, column.wideOnly { classes.append("wide-col") }
            out += "<th scope=\"col\"\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(escape(column.header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        let segment = table.columnIndex("segment")
        let shown = ReportFormat.cells(table)
        for (r, row) in table.rows.enumerated() {
            var rowClasses: [String] = []
            if let segment, case .integer(let s) = row[segment], s == 1 || s == 4 { rowClasses.append("seg\(s)") }
            let marked = highlighted.contains(r)
            if marked { rowClasses.append("hl") }
            out += "<tr\(rowClasses.isEmpty ? "" : " class=\"\(rowClasses.joined(separator: " "))\"")>"
            for (c, cell) in row.enumerated() {
                var classes: [String] = []
                if cell.isNumeric || table.columns[c].kind == .integer || table.columns[c].kind == .number { classes.append("num") }
                if table.columns[c].name == "met", !cell.display.isEmpty { classes.append("met-\(cell.display)") }
                if keepsTogether(shown[r][c]) { classes.append("nw") } else if shown[r][c].count > 40 { classes.append("long") }
                if options.markWideColumns, table.columns[c].wideOnly { classes.append("wide-col") }
                var attr = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                if sortable, sortKeyed(cell, table.columns[c]) { attr += " data-sort=\"\(escape(cell.display))\"" }
                let mark = marked && c == 0 ? "<span class=\"mark\" aria-hidden=\"true\">▶ </span><span class=\"visually-hidden\">Highlighted: </span>" : ""
                var text = escape(shown[r][c])
                if !text.isEmpty, let href = options.link?(table, r, c) { text = "<a href=\"\(escape(href))\">\(text)</a>" }
                out += "<td\(attr)>\(mark)\(text)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        if let code, !highlighted.isEmpty {
            out += "<p class=\"footnote\">▶ \(escape(code)): the organisation asked about (--highlight), in bold and outlined.</p>\n"
        }
        return out
    }

    /// Cells a sort should read by raw value rather than by the text shown (numbers shown with
    /// separators or as m:ss, months shown as "Apr 2025").
    static func sortKeyed(_ cell: ReportCell, _ column: ReportColumn) -> Bool {
        switch cell {
        case .null: return false
        case .integer, .number, .date: return true
        default: return column.format == .month || column.kind == .integer || column.kind == .number
        }
    }
}
