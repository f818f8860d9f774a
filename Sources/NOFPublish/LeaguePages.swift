import Foundation
import NOFCore
import NOFReports

/// A page per league table (league, peer group, domain and quarter, plus the newest month
/// while its quarter is not whole), made by the league-table report; and the index of them.
enum LeaguePages {
    /// What a league table's page reads: its quarter's (or month's) slices of the datasets
    /// its metrics come from, and which other tables the same period has (linked from it).
    static func inputs(_ table: SiteInventory.LeagueTable, _ inventory: SiteInventory) -> PageInputs {
        let key = table.key
        let datasets = inventory.leagueDatasets[SiteInventory.leagueDatasetsKey(key.league, key.peerGroup, key.domain)] ?? []
        return PageInputs(datasets: datasets, months: Set(key.months), extra: siblings(key, inventory).map(SitePaths.league))
    }

    /// The other tables of the same peer group and period (both leagues, every domain).
    static func siblings(_ key: LeagueTableKey, _ inventory: SiteInventory) -> [LeagueTableKey] {
        inventory.leagueTables.map(\.key).filter {
            $0.peerGroup == key.peerGroup && $0.periodType == key.periodType && $0.period == key.period && $0 != key
        }
    }

    /// "NOF urgent and emergency care league: acute trusts, Q3 2021/22"; an overall table is
    /// "NOF league table: …". The page's scope line says whether it is an overall ranking.
    static func title(_ key: LeagueTableKey) -> String {
        let league = key.league == "nof" ? "NOF" : "Operational"
        let table = key.domain == "overall" ? "\(league) league table" : "\(league) \(SiteWords.domain(key.domain).lowercased()) league"
        return "\(table): \(SiteWords.peerGroup(key.peerGroup).lowercased()), \(key.periodLabel)"
    }

    static func build(_ table: SiteInventory.LeagueTable, _ site: SiteBuild) throws -> (SitePage, PageContent) {
        let key = table.key
        let path = SitePaths.league(key)
        var page = SitePage(path: path, title: title(key), trail: [(SiteSection.leagues.label, SitePaths.leagues)], section: .leagues)
        var options = ReportOptions()
        options.league = League(rawValue: key.league)
        options.peerGroup = PeerGroup(rawValue: key.peerGroup)
        options.domain = Domain(rawValue: key.domain)
        options.period = key.isQuarter ? .quarter(key.period.financialQuarter) : .month(key.period)
        let report = try site.reports.canned("league-table", options)
        var content = site.content(for: path)
        var intro = "<p class=\"lead\">Rank, segment and average score of the \(HTMLReport.escape(SiteWords.peerGroup(key.peerGroup).lowercased())) "
        intro += key.isQuarter ? "in \(HTMLReport.escape(key.periodLabel)) (\(HTMLReport.escape(monthsWords(key)))). " : "in the month \(HTMLReport.escape(key.periodLabel)) (its quarter is not yet whole). "
        intro += "Scores run from 1 (best) to 4 for each metric; an organisation's average places it in a segment, 1 (best) to 4. "
        intro += key.league == "nof" ? "The metrics are the NHS Oversight Framework's that these datasets provide." : "The operational league is nofdb's own wider set of standards, not an NHS England method."
        intro += "</p>\n"
        let others = siblings(key, site.inventory)
        if !others.isEmpty {
            intro += "<p>Other tables for \(HTMLReport.escape(key.periodLabel)): "
            intro += others.map { "<a href=\"\(HTMLReport.escape(SitePaths.link(from: path, to: SitePaths.league($0))))\">\(HTMLReport.escape(shortName($0)))</a>" }.joined(separator: " · ")
            intro += ". Every quarter: <a href=\"\(HTMLReport.escape(SitePaths.link(from: path, to: SitePaths.leagues)))#\(anchor(key.league, key.peerGroup))\">league tables</a>.</p>\n"
        }
        content.prose(intro)
        content.add(report, sortable: true)
        page.notices = content.notices
        return (page, content)
    }

    static func monthsWords(_ key: LeagueTableKey) -> String {
        guard let first = key.months.first, let last = key.months.last else { return "" }
        return "\(first.longName) to \(last.longName)"
    }

    static func shortName(_ key: LeagueTableKey) -> String {
        "\(key.league == "nof" ? "NOF" : "operational") \(SiteWords.domain(key.domain).lowercased())"
    }

    static func anchor(_ league: String, _ peerGroup: String) -> String { "\(SitePaths.safe(league))-\(SitePaths.safe(peerGroup))" }

    /// Every table, by league and peer group, newest period first; no data table of its own,
    /// so no downloads (each table's page has them).
    static func index(_ site: SiteBuild) -> (SitePage, PageContent) {
        var page = SitePage(path: SitePaths.leagues, title: "League tables", section: .leagues)
        var content = site.content(for: page.path)
        var html = """
            <p class="lead">League tables rank organisations of one peer group (acute trusts, specialist trusts, ambulance trusts) \
            on the metrics loaded for a quarter. The <strong>NOF league</strong> uses the NHS Oversight Framework 2025/26 metrics these \
            datasets provide; the <strong>operational league</strong> is nofdb's own wider set of standards. An overall table ranks \
            only on metrics from at least two domains; a domain's table is that domain's league, never an overall ranking. Each \
            page states its scope: which metrics were scored, out of how many.</p>

            """
        let tables = site.inventory.leagueTables
        if tables.isEmpty {
            html += "<p>No league table yet: load A&amp;E, ambulance, RTT, cancer or diagnostics files for a whole quarter.</p>\n"
        }
        for league in ["nof", "operational"] {
            for peerGroup in ["acute", "specialist", "ambulance"] {
                let group = tables.filter { $0.key.league == league && $0.key.peerGroup == peerGroup }
                guard !group.isEmpty else { continue }
                html += "<h2 id=\"\(anchor(league, peerGroup))\">\(HTMLReport.escape(SiteWords.league(league))): \(HTMLReport.escape(SiteWords.peerGroup(peerGroup).lowercased()))</h2>\n<ul class=\"links\">\n"
                var periods: [(String, YearMonth)] = []
                for t in group where !periods.contains(where: { $0 == (t.key.periodType, t.key.period) }) { periods.append((t.key.periodType, t.key.period)) }
                for (type, period) in periods {
                    let inPeriod = group.filter { $0.key.periodType == type && $0.key.period == period }
                    let label = inPeriod.first?.key.periodLabel ?? ""
                    html += "<li><strong>\(HTMLReport.escape(label))</strong>\(type == "month" ? " (newest month; its quarter is not whole)" : ""): "
                    html += inPeriod.map { t in
                        let ranked = t.organisationsRanked == 0 ? "ranks nobody" : "\(t.organisationsRanked) ranked"
                        return "<a href=\"\(HTMLReport.escape(SitePaths.link(from: page.path, to: SitePaths.league(t.key))))\">\(HTMLReport.escape(SiteWords.domain(t.key.domain)))</a> (\(ranked))"
                    }.joined(separator: ", ")
                    html += "</li>\n"
                }
                html += "</ul>\n"
            }
        }
        content.prose(html)
        page.date = site.fingerprinter.dataDate(PageInputs(datasets: site.fingerprinter.allDatasets))
        return (page, content)
    }
}
