import Foundation
import NOFCore
@testable import NOFPublish
@testable import NOFReports
import Testing

/// The published site's rules that need no database: relative links, search, the page frame,
/// fingerprints, sections drawn inside a page, and the site's own SQL files.
@Suite("Site rules")
struct SiteRulesTests {
    @Test("links are relative to the page, and no path can leave its folder")
    func paths() {
        #expect(SitePaths.link(from: "org/RBD.html", to: SitePaths.home) == "../index.html")
        #expect(SitePaths.link(from: "index.html", to: SitePaths.organisation("RBD")) == "org/RBD.html")
        #expect(SitePaths.link(from: "league/x.html", to: SitePaths.standard("ae_4h_all")) == "../standard/ae_4h_all.html")
        #expect(SitePaths.link(from: "org/RBD.html", to: SitePaths.organisation("R0D")) == "R0D.html")
        #expect(SitePaths.link(from: "org/index.html", to: "") == "../")
        #expect(SitePaths.link(from: "index.html", to: "") == "")
        #expect(SitePaths.organisation("../../etc/passwd") == "org/______etc_passwd.html")
        #expect(SitePaths.slug("13-month trend") == "13-month-trend")
        #expect(SitePaths.slug("The data behind its league position") == "the-data-behind-its-league-position")
        let quarter = LeagueTableKey(league: "nof", peerGroup: "acute", domain: "urgent_and_emergency_care", periodType: "quarter",
                                     period: YearMonth(constant: 2021, 10))
        #expect(SitePaths.league(quarter) == "league/nof-acute-urgent-and-emergency-care-2021-Q3.html")
        #expect(quarter.periodLabel == "Q3 2021/22")
        #expect(quarter.months.map(\.description) == ["2021-10", "2021-11", "2021-12"])
        let month = LeagueTableKey(league: "operational", peerGroup: "ambulance", domain: "overall", periodType: "month",
                                   period: YearMonth(constant: 2021, 1))
        #expect(SitePaths.league(month) == "league/operational-ambulance-overall-2021-01.html")
    }

    static let entries = [
        SearchIndex.Entry(c: "RBD", n: "Dorset County Hospital NHS Foundation Trust", t: "", u: "org/RBD.html"),
        SearchIndex.Entry(c: "R0D", n: "University Hospitals Dorset NHS Foundation Trust", t: "", u: "org/R0D.html"),
        SearchIndex.Entry(c: "RTH", n: "Oxford University Hospitals NHS Foundation Trust", t: "", u: "org/RTH.html"),
        SearchIndex.Entry(c: "RQM", n: "Chelsea and Westminster Hospital NHS Foundation Trust", t: "", u: "org/RQM.html"),
    ]

    @Test("search finds by code or the beginnings of any words of the name, in any order and case")
    func search() {
        func codes(_ query: String) -> [String] { SearchIndex.search(query, in: Self.entries).map(\.c) }
        #expect(codes("dorset") == ["RBD", "R0D"])
        #expect(codes("dor coun") == ["RBD"])
        #expect(codes("hospitals university") == ["R0D", "RTH"])
        #expect(codes("rbd") == ["RBD"])
        #expect(codes("R0D") == ["R0D"])
        #expect(codes("chelsea westm") == ["RQM"])
        #expect(codes("manchester").isEmpty)
        #expect(codes("  ").isEmpty)
    }

    @Test("the search index is JSON, and the script assigns the same JSON for pages opened from file://")
    func searchFiles() throws {
        let json = try SearchIndex.json(Array(Self.entries.prefix(1)))
        #expect(String(decoding: json, as: UTF8.self) == #"[{"c":"RBD","n":"Dorset County Hospital NHS Foundation Trust","t":"","u":"org/RBD.html"}]"#)
        let script = String(decoding: try SearchIndex.script(Array(Self.entries.prefix(1))), as: UTF8.self)
        #expect(script == "window.nofdbSearch = " + String(decoding: json, as: UTF8.self) + ";\n")
    }

    @Test("every page: a language, a skip link, the trail home, one h1, the data's date twice, the sample warning, relative assets")
    func frame() {
        var page = SitePage(path: "org/RBD.html", title: "Dorset County Hospital NHS Foundation Trust (RBD)",
                            trail: [("Organisations A–Z", SitePaths.organisations)], section: .organisations)
        page.date = DataDate(newest: YearMonth(constant: 2025, 4), loadedAt: "2026-12-06 09:59")
        page.body = "<p>body</p>"
        let html = PageChrome.render(page, sample: true)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"))
        #expect(html.contains("<main id=\"main\">"))
        #expect(html.components(separatedBy: "<h1>").count == 2)
        #expect(html.components(separatedBy: "Data to April 2025, loaded 2026-12-06 09:59 UTC").count == 3)
        #expect(html.contains("<li><a href=\"../index.html\">Home</a></li><li><a href=\"index.html\">Organisations A–Z</a></li><li aria-current=\"page\">"))
        #expect(html.contains("Sample data:"))
        #expect(html.contains("href=\"../assets/site.css\"") && html.contains("src=\"../assets/site.js\""))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!PageChrome.render(page, sample: false).contains("Sample data:"))
        // A sample notice a report carried is not said twice.
        page.notices = [ReportRunner.sampleNotice, "Cancer league: not an overall ranking."]
        let twice = PageChrome.render(page, sample: true)
        #expect(twice.components(separatedBy: "Sample data:").count == 2)
        #expect(twice.contains("Cancer league: not an overall ranking."))
    }

    static func slice(_ dataset: String, _ year: Int, _ month: Int, load: Int, at: String = "2026-01-01 10:00") -> SiteInventory.Slice {
        SiteInventory.Slice(dataset: dataset, period: YearMonth(constant: year, month), loadId: load, loadedAt: at, sample: false)
    }

    @Test("a page's fingerprint changes with the slices it reads and no others; its date is its newest month and load")
    func fingerprints() {
        var inventory = SiteInventory()
        inventory.slices = [Self.slice("ae", 2021, 11, load: 1), Self.slice("ae", 2021, 12, load: 2, at: "2026-01-02 10:00"),
                            Self.slice("ambulance", 2021, 1, load: 3), Self.slice("ods_trusts", 2026, 6, load: 4, at: "2026-01-03 09:00")]
        let before = Fingerprinter(inventory: inventory, build: "b")
        let ae = PageInputs(datasets: ["ae"]), ambulance = PageInputs(datasets: ["ambulance"])
        let november = PageInputs(datasets: ["ae"], months: [YearMonth(constant: 2021, 11)])
        #expect(before.dataDate(ae) == DataDate(newest: YearMonth(constant: 2021, 12), loadedAt: "2026-01-02 10:00"))
        #expect(before.dataDate(PageInputs(datasets: ["ae", "ods_trusts"])).newest == YearMonth(constant: 2021, 12))
        inventory.slices[1] = Self.slice("ae", 2021, 12, load: 5)
        let after = Fingerprinter(inventory: inventory, build: "b")
        #expect(before.fingerprint("p", ae) != after.fingerprint("p", ae))
        #expect(before.fingerprint("p", ambulance) == after.fingerprint("p", ambulance))
        #expect(before.fingerprint("p", november) == after.fingerprint("p", november))
        #expect(before.fingerprint("p", ambulance) != before.fingerprint("q", ambulance))
        #expect(before.fingerprint("p", ambulance) != Fingerprinter(inventory: inventory, build: "another build").fingerprint("p", ambulance))
        // The ODS reference (names, ICBs) and sample data concern every page.
        inventory.slices[3] = Self.slice("ods_trusts", 2026, 6, load: 6)
        #expect(after.fingerprint("p", ambulance) != Fingerprinter(inventory: inventory, build: "b").fingerprint("p", ambulance))
    }

    static func table() -> ReportTable {
        var table = ReportTable(title: "Standards", columns: [
            ReportColumn(name: "org_code", kind: .text), ReportColumn(name: "org_name", kind: .text),
            ReportColumn(name: "value", kind: .number), ReportColumn(name: "month", kind: .text, format: .month),
        ], rows: [
            [.text("RBD"), .text("DORSET COUNTY HOSPITAL"), .number("1234.5"), .text("2025-04")],
            [.text("XYZ"), .text("NOWHERE"), .null, .text("2025-03")],
        ])
        table.footnotes = ["A note."]
        return table
    }

    @Test("a section inside a site page: ids prefixed, an introduction, links, sort keys, something after the table")
    func sectionOptions() {
        var options = HTMLSectionOptions()
        options.idPrefix = "b1-"
        options.headingLevel = 3
        options.sortable = true
        options.link = { table, row, column in table.columns[column].name == "org_name" && row == 0 ? "../org/RBD.html" : nil }
        options.introduction = { _, _ in "<p>intro</p>" }
        options.afterTable = { index, _ in "<p class=\"downloads\">after \(index)</p>" }
        let html = HTMLReport.sectionHTML(Self.table(), index: 2, options: options)
        #expect(html.hasPrefix("<section aria-labelledby=\"b1-s2\">\n<h3 id=\"b1-s2\">Standards</h3>\n<p>intro</p>"))
        #expect(html.contains("<caption id=\"b1-t2\">"))
        #expect(html.contains("<table data-sortable>"))
        #expect(html.contains("<a href=\"../org/RBD.html\">Dorset County Hospital</a>"))
        #expect(html.contains("data-sort=\"1234.5\">1,234.5</td>"))
        #expect(html.contains("data-sort=\"2025-04\">Apr 2025</td>"))
        #expect(!html.contains("NOWHERE</a>"))
        let after = html.range(of: "after 2")?.lowerBound, table = html.range(of: "</table>")?.lowerBound, note = html.range(of: "A note.")?.lowerBound
        #expect(table != nil && after != nil && note != nil && table! < after! && after! < note!)
        // The report page itself is drawn as before: no sort keys, links or prefixes.
        let plain = HTMLReport.sectionHTML(Self.table(), index: 0)
        #expect(plain.hasPrefix("<section aria-labelledby=\"s0\">\n<h2 id=\"s0\">Standards</h2>\n<div class=\"table-wrap\""))
        #expect(!plain.contains("data-sort") && !plain.contains("<a "))
    }

    @Test("one page's part of a table made for many: its rows, their units, the footnotes its rows still need")
    func tableSplit() {
        var table = ReportTable(title: "T", columns: [ReportColumn(name: "page_key", kind: .text), ReportColumn(name: "flag", kind: .text)],
                                rows: [[.text("A"), .text("† not reported")], [.text("B"), .text("")]],
                                footnotes: ["† not reported: the field test.", "Always."])
        table.rowUnits = ["%", "minutes"]
        let b = table.rows(at: [1]).removingColumn("page_key")
        #expect(b.columns.map(\.name) == ["flag"])
        #expect(b.rows == [[.text("")]])
        #expect(b.rowUnits == ["minutes"])
        #expect(b.footnotes == ["Always."])
        #expect(table.rows(at: [0]).footnotes.count == 2)
    }

    @Test("the site's SQL files parse, and every section of the per-page ones says whose page a row is for")
    func siteQueries() throws {
        for name in ["organisations", "standards", "home", "method"] {
            let definition = try SiteCatalog.named(name)
            #expect(!definition.sections.isEmpty)
            #expect(definition.parameters.isEmpty, "\(name) takes parameters; the site runs it once for every page")
            if name == "organisations" || name == "standards" {
                for section in definition.sections {
                    #expect(section.sql.contains("AS page_key"), "\(name) / \(section.title) has no page_key column")
                }
            }
        }
        #expect(SiteCatalog.definitions.count == 4)
        #expect(throws: PublishError.self) { try SiteCatalog.named("nothing") }
    }

    @Test("the script and style sheet make no request: no URL, no import, no fetch")
    func assetsStayLocal() {
        for text in [SiteAssets.script, SiteAssets.stylesheet] {
            #expect(!text.contains("http:") && !text.contains("https:") && !text.contains("//cdn"))
            #expect(!text.contains("@import") && !text.contains("fetch(") && !text.contains("XMLHttpRequest"))
        }
    }
}
