import Foundation
import NOFReports

/// A page per provider with data: what it is, what to read with care, every standard beside
/// England, its region and its peers, its trend, its league positions over the quarters, the
/// data behind its league position, and its predecessors and successor. The tables come from
/// SQL/site/organisations.sql, which computes the trust report's sections for every provider
/// at once.
enum OrganisationPages {
    /// What an organisation's page reads: every month of the datasets it has figures in, and,
    /// when it is in a league, of the datasets its peer group's league tables score (they
    /// decide its rank); whether its predecessors and successor have pages.
    static func inputs(_ code: String, _ inventory: SiteInventory) -> PageInputs {
        var datasets = inventory.providerDatasets[code] ?? []
        if let peer = inventory.organisations[code]?.peerGroup {
            datasets.formUnion(inventory.leagueDatasets[SiteInventory.leagueDatasetsKey("nof", peer, "overall")] ?? [])
        }
        let related = relatives(code, inventory).map { "\($0):\(inventory.providerDatasets[$0] == nil ? "no page" : "page")" }
        return PageInputs(datasets: datasets, extra: related)
    }

    static func relatives(_ code: String, _ inventory: SiteInventory) -> [String] {
        guard let o = inventory.organisations[code] else { return [] }
        return (o.predecessors ?? []) + [o.mergedInto, o.successorCode].compactMap { $0 }
    }

    static func title(_ code: String, _ inventory: SiteInventory) -> String { "\(inventory.displayName(code)) (\(code))" }

    static func build(_ code: String, _ site: SiteBuild) throws -> (SitePage, PageContent) {
        let inventory = site.inventory
        let path = SitePaths.organisation(code)
        var page = SitePage(path: path, title: title(code, inventory), trail: [(SiteSection.organisations.label, SitePaths.organisations)],
                            section: .organisations)
        var content = site.content(for: path)
        let tables = try site.organisationTables().tables(for: code)
        content.prose(facts(code, inventory, from: path))
        content.prose(readWithCare(code, tables.first, inventory, from: path))
        let names = ["Standards", "13-month trend", "League position", "League history", "The data behind its league position", "Predecessors"]
        func table(_ name: String) -> ReportTable? { names.firstIndex(of: name).flatMap { $0 < tables.count ? tables[$0] : nil } }
        if let standards = table("Standards") {
            content.prose("<p class=\"prose\">Each standard's newest figure up to \(HTMLReport.escape(inventory.providerNewest[code]?.longName ?? "its newest month")), beside England, the region and the peer group, with the target in force.</p>\n")
            content.add([standards], sortable: true)
        }
        if let trend = table("13-month trend"), !trend.rows.isEmpty { content.add([trend]) }
        let league = ["League position", "League history", "The data behind its league position"].compactMap(table).filter { !$0.rows.isEmpty }
        if league.isEmpty {
            content.prose("<h2>League tables</h2>\n<p class=\"prose\">\(HTMLReport.escape(notInLeague(code, inventory)))</p>\n")
        } else {
            content.add(league, sortable: false)
        }
        if let predecessors = table("Predecessors"), !predecessors.rows.isEmpty { content.add([predecessors]) }
        page.notices = content.notices
        return (page, content)
    }

    /// Why an organisation has no league position.
    static func notInLeague(_ code: String, _ inventory: SiteInventory) -> String {
        guard let peer = inventory.organisations[code]?.peerGroup else {
            return "Not in a league table: the league tables rank acute, specialist and ambulance trusts, and no trust-type source gives this organisation one of those peer groups."
        }
        if peer == "mental_health_community" {
            return "Not in a league table: mental health and community trusts are not ranked in these tables (their NOF metrics are not in these datasets)."
        }
        return "Not in any NOF league table of the quarters loaded: its \(SiteWords.peerGroup(peer).lowercased()) tables scored it on too few metrics, or none covers its months."
    }

    /// What the organisation is: type, peer group, region, ICB, dates, mergers, data held.
    static func facts(_ code: String, _ inventory: SiteInventory, from path: String) -> String {
        guard let o = inventory.organisations[code] else { return "" }
        func link(_ other: String) -> String {
            let name = HTMLReport.escape("\(inventory.displayName(other)) (\(other))")
            guard inventory.providerDatasets[other] != nil else { return name }
            return "<a href=\"\(HTMLReport.escape(SitePaths.link(from: path, to: SitePaths.organisation(other))))\">\(name)</a>"
        }
        var rows: [(String, String)] = [("ODS code", HTMLReport.escape(code))]
        if let type = o.trustType { rows.append(("Type", HTMLReport.escape(type + (o.trustSubtype.map { " (\($0))" } ?? "")))) }
        if let peer = o.peerGroup { rows.append(("Peer group", HTMLReport.escape(SiteWords.peerGroup(peer)))) }
        if let region = o.regionName { rows.append(("Region", HTMLReport.escape(region))) }
        if let icb = o.icbName { rows.append(("ICB", HTMLReport.escape(icb + (o.icbCode.map { " (\($0))" } ?? "")))) }
        if let open = o.openDate { rows.append(("Opened", HTMLReport.escape(open))) }
        if let close = o.closeDate { rows.append(("Closed", HTMLReport.escape(close))) }
        if let into = o.mergedInto { rows.append(("Merged into", link(into) + (o.mergedOn.map { " from \(HTMLReport.escape($0))" } ?? ""))) }
        if let today = o.successorCode, today != o.mergedInto { rows.append(("Today part of", link(today))) }
        if let predecessors = o.predecessors, !predecessors.isEmpty { rows.append(("Predecessors", predecessors.map(link).joined(separator: ", "))) }
        let datasets = (inventory.providerDatasets[code] ?? []).sorted().map(SiteWords.dataset)
        if !datasets.isEmpty {
            rows.append(("Figures in", HTMLReport.escape(datasets.joined(separator: ", ") + (inventory.providerNewest[code].map { "; newest \($0.longName)" } ?? ""))))
        }
        return "<dl class=\"facts\">" + rows.map { "<dt>\(HTMLReport.escape($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>\n"
    }

    /// The figures to read with care, said before the tables: stale, small numbers, field test,
    /// a partial England, a closed organisation.
    static func readWithCare(_ code: String, _ standards: ReportTable?, _ inventory: SiteInventory, from path: String) -> String {
        var items: [String] = []
        if let o = inventory.organisations[code], let close = o.closeDate {
            items.append("The organisation closed on \(HTMLReport.escape(close)); its figures end in \(HTMLReport.escape(inventory.providerNewest[code]?.longName ?? "its last month")).")
        }
        if inventory.fieldTestSites.contains(code) {
            items.append("An A&amp;E four-hour field-test site: its four-hour figures for the field-test months are not reported (not zero), and it is scored on its other metrics in those quarters. See <a href=\"\(HTMLReport.escape(SitePaths.link(from: path, to: SitePaths.fieldTest)))\">the field test</a>.")
        }
        // Each flag once, with the standards it applies to ("stale: as of Dec 2021 — A&E within 4 hours, …").
        if let standards, let flag = standards.columnIndex("flag"), let name = standards.columnIndex("standard") {
            var flags: [(flag: String, standards: [String])] = []
            for row in standards.rows {
                for part in row[flag].display.components(separatedBy: "; ") where !part.isEmpty {
                    if let i = flags.firstIndex(where: { $0.flag == part }) { flags[i].standards.append(row[name].display) } else { flags.append((part, [row[name].display])) }
                }
            }
            for (flag, names) in flags {
                items.append("<strong>\(HTMLReport.escape(flag))</strong> — \(HTMLReport.escape(names.joined(separator: ", "))).")
            }
        }
        guard !items.isEmpty else { return "" }
        return "<section class=\"flags\" aria-labelledby=\"care\"><h2 id=\"care\">Read with care</h2><ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul></section>\n"
    }

    /// Every organisation with a page, A to Z, with the search form.
    static func index(_ site: SiteBuild) -> (SitePage, PageContent) {
        var page = SitePage(path: SitePaths.organisations, title: "Organisations A–Z", section: .organisations)
        page.search = true
        var content = site.content(for: page.path)
        let inventory = site.inventory
        let codes = inventory.providers.sorted { inventory.displayName($0).localizedCaseInsensitiveCompare(inventory.displayName($1)) == .orderedAscending }
        var html = "<p class=\"lead\">A page for each of the \(codes.count) providers with figures in the loaded data: trusts, and the independent providers and other organisations the files list.</p>\n"
        html += HomePage.searchForm(from: page.path)
        let groups = Dictionary(grouping: codes) { code -> String in
            let first = inventory.displayName(code).uppercased().first.map(String.init) ?? "#"
            return first.first?.isLetter == true ? first : "#"
        }
        let letters = groups.keys.sorted()
        html += "<nav aria-label=\"Letters\"><ul class=\"az-letters\">" + letters.map { "<li><a href=\"#letter-\(SitePaths.safe($0))\">\(HTMLReport.escape($0))</a></li>" }.joined() + "</ul></nav>\n"
        for letter in letters {
            html += "<section class=\"az-group\" aria-labelledby=\"letter-\(SitePaths.safe(letter))\"><h2 id=\"letter-\(SitePaths.safe(letter))\">\(HTMLReport.escape(letter))</h2><ul class=\"az-list\">"
            for code in groups[letter] ?? [] {
                let meta = SearchIndex.summary(code, inventory)
                html += "<li><a href=\"\(HTMLReport.escape(SitePaths.link(from: page.path, to: SitePaths.organisation(code))))\">\(HTMLReport.escape(inventory.displayName(code))) (\(HTMLReport.escape(code)))</a>"
                html += meta.isEmpty ? "" : " <span class=\"org-meta\">\(HTMLReport.escape(meta))</span>"
                html += "</li>"
            }
            html += "</ul></section>\n"
        }
        content.prose(html)
        page.date = site.fingerprinter.dataDate(PageInputs(datasets: site.fingerprinter.allDatasets))
        return (page, content)
    }
}
