import Foundation
import NOFReports

/// Home: England against each standard in its newest month (the national report), the newest
/// league of each peer group with its scope, what was loaded and when, and search.
enum HomePage {
    static func build(_ site: SiteBuild) throws -> (SitePage, PageContent) {
        var page = SitePage(path: SitePaths.home, title: "NHS performance against the standards", section: .home)
        page.search = true
        var content = site.content(for: page.path)
        content.prose("""
            <p class="lead">How England's NHS trusts are doing against the operational standards — A&amp;E, ambulance response, \
            elective waits, cancer and diagnostics — from NHS England's monthly statistics as loaded into this warehouse, \
            with NOF-style league tables. Every figure says its month, the target in force and how complete it is.</p>

            """)
        content.prose(searchForm(from: page.path))
        var national = try site.reports.canned("national")
        national.sections = national.sections.filter { !$0.detail }
        if !national.sections.isEmpty { national.sections[0].title = "England against each standard" }
        content.add(national, intro: "<p class=\"prose\">Each standard's newest month: England's figure, the target in force, whether it is met, the change on the month and on the year, and how complete the figure is. Each standard's page has its trend and its providers, regions and ICBs.</p>\n")
        content.prose(try leagues(site, from: page.path))
        content.add(try site.reports.site("home").report.sections, intro: "<p class=\"prose\">The datasets in this warehouse, their months and the file the newest month came from. The <a href=\"\(SitePaths.link(from: page.path, to: SitePaths.method))\">method and data</a> page has every load and a calendar of the months loaded; <a href=\"\(SitePaths.link(from: page.path, to: SitePaths.data))\">download the data</a> has every public view as CSV.</p>\n")
        content.prose("""
            <h2>More</h2>
            <ul class="links">
            <li><a href="\(SitePaths.link(from: page.path, to: SitePaths.leagues))">League tables</a>: every quarter, peer group and domain.</li>
            <li><a href="\(SitePaths.link(from: page.path, to: SitePaths.organisations))">Organisations A–Z</a>: a page for every provider with data.</li>
            <li><a href="\(SitePaths.link(from: page.path, to: SitePaths.standards))">Standards</a>: England's trend and every provider, region and ICB.</li>
            <li><a href="\(SitePaths.link(from: page.path, to: SitePaths.fieldTest))">The A&amp;E four-hour field test</a>: why 14 trusts have no four-hour figures from 2019 to 2023.</li>
            </ul>

            """)
        page.notices = content.notices
        return (page, content)
    }

    /// The organisation search: a form that, without JavaScript, opens the A–Z list; with it,
    /// lists matches as you type (the index is assets/search-index.js).
    static func searchForm(from path: String) -> String {
        let root = SitePaths.link(from: path, to: "")
        return """
            <form class="search" role="search" action="\(HTMLReport.escape(SitePaths.link(from: path, to: SitePaths.organisations)))" method="get" data-root="\(HTMLReport.escape(root))">
            <label for="org-search">Find an organisation by its code or any words of its name</label>
            <input id="org-search" name="q" type="search" autocomplete="off" spellcheck="false"/><button type="submit">Search</button>
            <p id="search-status" class="search-status" aria-live="polite"></p>
            <ul id="search-results" class="search-results"></ul>
            </form>

            """
    }

    /// The league the league-table report shows by default for each peer group (the newest
    /// quarter that ranks enough organisations), its scope and a link to its page.
    static func leagues(_ site: SiteBuild, from path: String) throws -> String {
        var html = "<h2>The newest league tables</h2>\n<p class=\"prose\">For each peer group, the NOF league the <code>league-table</code> report shows by default: the newest quarter in which at least 10 organisations are ranked. Every quarter, domain and the operational league are on the <a href=\"\(SitePaths.link(from: path, to: SitePaths.leagues))\">league tables</a> page.</p>\n<ul class=\"links\">\n"
        for peerGroup in PeerGroup.allCases {
            var options = ReportOptions()
            options.peerGroup = peerGroup
            options.section = "League table"
            let words = SiteWords.peerGroup(peerGroup.rawValue)
            let report: ReportResult
            do {
                report = try site.reports.canned("league-table", options)
            } catch let error as ReportError {
                html += "<li><strong>\(HTMLReport.escape(words))</strong>: no league table — \(HTMLReport.escape(error.message))</li>\n"
                continue
            }
            let parameters = Dictionary(report.parameters, uniquingKeysWith: { a, _ in a })
            let label = parameters["period"] ?? ""
            let domain = parameters["domain"] ?? "overall"
            let key = site.inventory.leagueTables.first {
                $0.key.league == "nof" && $0.key.peerGroup == peerGroup.rawValue && $0.key.domain == domain && $0.key.periodLabel == label
            }?.key
            let title = HTMLReport.escape(report.title)
            let linked = key.map { "<a href=\"\(HTMLReport.escape(SitePaths.link(from: path, to: SitePaths.league($0))))\">\(title)</a>" } ?? title
            html += "<li><strong>\(HTMLReport.escape(words))</strong>: \(linked)"
            for notice in report.notices where notice != ReportRunner.sampleNotice { html += "<br/>\(HTMLReport.escape(notice))" }
            if let passed = parameters["passed over"] { html += "<br/>Newer quarters passed over: \(HTMLReport.escape(passed))." }
            html += "</li>\n"
        }
        return html + "</ul>\n"
    }
}
