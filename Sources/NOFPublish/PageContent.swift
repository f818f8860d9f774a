import Foundation
import NOFReports

/// The body of a page as it is put together from report sections and prose, with every table
/// it shows: each gets a CSV file beside it (UTF-8 with a byte-order mark, so Excel reads †,
/// ‡ and —), and the page one workbook with a sheet per table.
struct PageContent {
    let path: String
    let linker: SiteLinker
    var html = ""
    /// Every table with rows, and the path of its CSV.
    private(set) var tables: [(table: ReportTable, csv: String)] = []
    var notices: [String] = []
    private var blocks = 0
    private var usedNames: Set<String> = []

    init(path: String, linker: SiteLinker) {
        self.path = path
        self.linker = linker
    }

    /// The page's path without `.html`: the stem of its download files.
    var stem: String { path.hasSuffix(".html") ? String(path.dropLast(5)) : path }
    var workbook: String { stem + ".xlsx" }

    mutating func prose(_ text: String) { html += text }

    /// A report's notices (stated at the top of the page) and its sections.
    mutating func add(_ report: ReportResult, headingLevel: Int = 2, sortable: Bool = false, intro: String? = nil) {
        for notice in report.notices where !notices.contains(notice) { notices.append(notice) }
        add(report.sections, headingLevel: headingLevel, sortable: sortable, intro: intro)
    }

    /// Sections: heading, chart, table (links to organisations, standards and league tables;
    /// sort buttons when `sortable`), download links, footnotes; `intro` (HTML) under the
    /// first section's heading.
    mutating func add(_ sections: [ReportTable], headingLevel: Int = 2, sortable: Bool = false, intro: String? = nil) {
        let block = blocks
        blocks += 1
        var options = HTMLSectionOptions()
        options.idPrefix = "b\(block)-"
        options.headingLevel = headingLevel
        options.sortable = sortable
        options.markWideColumns = true
        options.link = linker.cellLink(from: path)
        if let intro { options.introduction = { index, _ in index == 0 ? intro : "" } }
        var csvs: [Int: String] = [:]
        for (index, table) in sections.enumerated() where !table.rows.isEmpty {
            let csv = uniqueName(stem + "-" + SitePaths.slug(table.title)) + ".csv"
            csvs[index] = csv
            tables.append((table, csv))
        }
        let page = path, workbook = self.workbook
        options.afterTable = { index, table in
            guard let csv = csvs[index] else { return "" }
            let name = HTMLReport.escape(table.title)
            return "<p class=\"downloads\">Download this table: <a href=\"\(HTMLReport.escape(SitePaths.link(from: page, to: csv)))\">CSV<span class=\"visually-hidden\"> file of “\(name)”</span></a> · <a href=\"\(HTMLReport.escape(SitePaths.link(from: page, to: workbook)))\">Excel workbook<span class=\"visually-hidden\"> of this page's tables</span></a> (sheet “\(HTMLReport.escape(Self.sheetName(table.title)))”)</p>\n"
        }
        for (index, table) in sections.enumerated() {
            html += HTMLReport.sectionHTML(table, index: index, options: options)
        }
    }

    /// The workbook sheet a table goes to (what ReportWorkbook names it, for the first table of a title).
    static func sheetName(_ title: String) -> String {
        let cleaned = String(title.map { ":\\/?*[]".contains($0) ? "-" : $0 }).trimmingCharacters(in: .whitespaces)
        return String((cleaned.isEmpty ? "Sheet" : cleaned).prefix(31))
    }

    private mutating func uniqueName(_ base: String) -> String {
        var name = base
        var n = 2
        while usedNames.contains(name) {
            name = "\(base)-\(n)"
            n += 1
        }
        usedNames.insert(name)
        return name
    }
}

/// Which cells link where: organisation names (or codes) to the organisation's page, standards
/// to theirs, and a league position to its table's page, when the site has that page.
struct SiteLinker {
    let organisations: Set<String>
    let standards: Set<String>
    /// League pages by (period type, period label, peer group, domain) of the NOF league.
    let leagueTables: [String: LeagueTableKey]

    static let nameColumns: Set<String> = ["org_name", "name", "provider", "organisation", "trust"]
    static let codeColumns = ["org_code", "predecessor", "code"]

    static func leagueLookup(_ periodType: String, _ label: String, _ peerGroup: String, _ domain: String) -> String {
        "\(periodType)|\(label)|\(peerGroup)|\(domain)"
    }

    func cellLink(from page: String) -> (ReportTable, Int, Int) -> String? {
        { table, row, column in
            guard let target = self.target(table, row, column) else { return nil }
            return SitePaths.link(from: page, to: target)
        }
    }

    /// The page a cell links to (from the site's root), or nil.
    func target(_ table: ReportTable, _ row: Int, _ column: Int) -> String? {
        let name = table.columns[column].name
        let cells = table.rows[row]
        func value(_ column: String) -> String? { table.columnIndex(column).map { cells[$0].display } }
        let hasNameColumn = table.columns.contains { Self.nameColumns.contains($0.name) }
        if Self.nameColumns.contains(name) || (!hasNameColumn && Self.codeColumns.contains(name)) {
            guard let code = Self.codeColumns.lazy.compactMap(value).first, organisations.contains(code) else { return nil }
            return SitePaths.organisation(code)
        }
        if name == "standard" || (name == "standard_code" && table.columnIndex("standard") == nil) {
            guard let code = value("standard_code"), standards.contains(code) else { return nil }
            return SitePaths.standard(code)
        }
        if name == "period", let type = value("period_type"), let peer = value("peer_group"), let domain = value("domain"),
           let key = leagueTables[Self.leagueLookup(type, cells[column].display, peer, domain)] {
            return SitePaths.league(key)
        }
        return nil
    }
}
