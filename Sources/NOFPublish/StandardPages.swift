import Foundation
import NOFReports

/// A page per standard: what it measures and which way is better, England over every loaded
/// month against the target in force, and every provider, region and ICB in its newest month
/// (SQL/site/standards.sql, all standards at once); and the index of standards.
enum StandardPages {
    static func inputs(_ standard: SiteInventory.Standard) -> PageInputs { PageInputs(datasets: [standard.dataset]) }

    static func build(_ standard: SiteInventory.Standard, _ site: SiteBuild) throws -> (SitePage, PageContent) {
        let path = SitePaths.standard(standard.code)
        var page = SitePage(path: path, title: standard.shortName, trail: [(SiteSection.standards.label, SitePaths.standards)], section: .standards)
        var content = site.content(for: path)
        var tables = try site.standardTables().tables(for: standard.code)
        // Best first, in the standard's direction (counts follow a trust's size: not ranked).
        if tables.count > 1, standard.unit != "count" { tables[1].chart?.better = standard.higherIsBetter ? .higher : .lower }
        if tables.count > 1, standard.unit == "count" { tables[1].chart?.better = nil }
        content.prose(about(standard, newest: tables.count > 1 ? tables[1] : nil))
        for (index, table) in tables.enumerated() {
            if index > 0, table.rows.isEmpty {
                if table.title.hasPrefix("ICBs") {
                    content.prose("<h2>\(HTMLReport.escape(table.title))</h2>\n<p>\(standard.dataset == "ambulance" ? "None: an ambulance trust serves many ICBs and AmbSYS publishes no ICB split." : "None: load an ODS trusts file (etr.csv) for ICB figures.")</p>\n")
                }
                continue
            }
            content.add([table], sortable: index > 0)
        }
        page.notices = content.notices
        return (page, content)
    }

    static func about(_ standard: SiteInventory.Standard, newest: ReportTable?) -> String {
        var facts: [(String, String)] = [("Measures", standard.name), ("Unit", unitWords(standard.unit)),
                                         ("Better", standard.higherIsBetter ? "higher" : "lower")]
        if let n = standard.numerator, let d = standard.denominator { facts.append(("Made from", "\(n) / \(d)")) }
        facts.append(("Dataset", SiteWords.dataset(standard.dataset)))
        if let metric = standard.nofMetricId { facts.append(("NOF metric", metric)) }
        if let domain = standard.leagueDomain { facts.append(("League domain", SiteWords.domain(domain))) }
        facts.append(("Code", standard.code))
        if let newest, let month = newest.columnIndex("month"), let first = newest.rows.first,
           let name = ReportFormat.monthName(first[month].display) {
            facts.append(("Newest provider month", name))
        }
        return "<dl class=\"facts\">" + facts.map { "<dt>\(HTMLReport.escape($0.0))</dt><dd>\(HTMLReport.escape($0.1))</dd>" }.joined() + "</dl>\n"
    }

    static func unitWords(_ unit: String) -> String {
        switch unit {
        case "%": return "per cent"
        case "minutes": return "minutes (shown m:ss)"
        case "weeks": return "weeks"
        case "count": return "a count"
        default: return unit
        }
    }

    static func index(_ site: SiteBuild) -> (SitePage, PageContent) {
        var page = SitePage(path: SitePaths.standards, title: "Standards", section: .standards)
        var content = site.content(for: page.path)
        var html = "<p class=\"lead\">The operational standards nofdb measures, by dataset. Each page has England's trend against the target in force and every provider, region and ICB in the newest month.</p>\n"
        var datasets: [String] = []
        for s in site.inventory.standards where !datasets.contains(s.dataset) { datasets.append(s.dataset) }
        let loaded = site.fingerprinter.allDatasets
        for dataset in datasets {
            html += "<h2>\(HTMLReport.escape(SiteWords.dataset(dataset).prefix(1).uppercased() + SiteWords.dataset(dataset).dropFirst()))</h2>\n<ul class=\"links\">\n"
            for s in site.inventory.standards where s.dataset == dataset {
                let better = s.higherIsBetter ? "higher is better" : "lower is better"
                if loaded.contains(s.dataset) {
                    html += "<li><a href=\"\(HTMLReport.escape(SitePaths.link(from: page.path, to: SitePaths.standard(s.code))))\">\(HTMLReport.escape(s.shortName))</a>: \(HTMLReport.escape(s.name)) (\(better))</li>\n"
                } else {
                    html += "<li>\(HTMLReport.escape(s.shortName)): \(HTMLReport.escape(s.name)) — not loaded</li>\n"
                }
            }
            html += "</ul>\n"
        }
        content.prose(html)
        page.date = site.fingerprinter.dataDate(PageInputs(datasets: loaded))
        return (page, content)
    }
}
