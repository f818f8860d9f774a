import Foundation
import Testing
import TestSupport

/// The published site in a real browser (Debian's headless Chromium): axe-core finds no
/// violation on each kind of page at a desktop and a phone width, no page logs an error or
/// reaches past the screen, the sort buttons sort and the search finds organisations.
@Suite("Published site in headless Chromium", .serialized)
struct SiteBrowserTests {
    /// Home, a league page, a trust page, a standard page and the field-test page.
    static let pages = ["index.html", "league/nof-acute-urgent-and-emergency-care-2021-Q3.html", "org/RBD.html",
                        "standard/ae_4h_all.html", "field-test.html", "org/index.html", "league/index.html", "method.html"]

    @Test("axe-core: no violation on Home, a league, a trust, a standard and the field-test page at 1280 and 400 px")
    func accessibility() throws {
        let site = try PublishedSite.get()
        try AxeCheck.expectNoViolations(Self.pages.map { site.url($0) }) { $0.replacingOccurrences(of: site.root.path + "/", with: "") }
    }

    /// Injected into a copy of each page: records errors; once loaded, measures overflow,
    /// clicks the first sort button twice, waits for the search to answer, and posts it all
    /// to the host page.
    static let probe = """
        <script>
        window.__errors = [];
        window.addEventListener('error', e => window.__errors.push(String(e.message)));
        const __ce = console.error; console.error = (...a) => { window.__errors.push(a.join(' ')); __ce(...a); };
        window.addEventListener('load', () => setTimeout(() => {
          const d = document.documentElement;
          const wide = [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > d.clientWidth + 1)
            .map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className : '')).slice(0, 5);
          let sort = null;
          const table = document.querySelector('table[data-sortable]');
          if (table) {
            const buttons = table.querySelectorAll('thead th button');
            const button = table.querySelector('thead th.num button') || buttons[0];
            const th = button.closest('th');
            const column = [...th.parentNode.children].indexOf(th);
            const keys = () => [...table.tBodies[0].rows].map(r => { const c = r.cells[column]; return c.hasAttribute('data-sort') ? c.getAttribute('data-sort') : c.textContent.trim(); });
            button.click(); const up = keys(); const first = th.getAttribute('aria-sort');
            button.click(); const down = keys(); const second = th.getAttribute('aria-sort');
            sort = { buttons: buttons.length, first, second, up, down };
          }
          const results = [...document.querySelectorAll('#search-results a')].map(a => a.textContent);
          parent.postMessage({ page: location.hash.slice(1), scrollWidth: d.scrollWidth, clientWidth: d.clientWidth,
                               errors: window.__errors, wide, sort, results,
                               status: (document.getElementById('search-status') || {}).textContent || '' }, '*');
        }, 50));
        </script>
        """

    struct Probe: Decodable {
        struct Sort: Decodable { let buttons: Int; let first: String?; let second: String?; let up: [String]; let down: [String] }
        let page: String
        let scrollWidth: Int
        let clientWidth: Int
        let errors: [String]
        let wide: [String]
        let sort: Sort?
        let results: [String]
        let status: String
    }

    static func chromium() -> URL? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Numbers in order, the empty cells last.
    static func sorted(_ keys: [String], ascending: Bool) -> Bool {
        let filled = keys.prefix { !$0.isEmpty }
        guard keys.dropFirst(filled.count).allSatisfy(\.isEmpty) else { return false }
        let numbers = filled.compactMap(Double.init)
        guard numbers.count == filled.count else { return false }
        return zip(numbers, numbers.dropFirst()).allSatisfy { ascending ? $0 <= $1 : $0 >= $1 }
    }

    @Test("no console error, nothing past the screen, sort buttons sort both ways, the search finds Dorset's trusts")
    func behaviour() throws {
        let browser = try #require(Self.chromium(), "Chromium is not installed: run Scripts/install-packages")
        let published = try PublishedSite.get()
        // A copy of its own (hard links: no bytes copied), which the probes may add pages to
        // while another test publishes again into the original.
        let site = try published.linkedCopy()
        var frames: [(src: String, label: String, width: Int)] = []
        for page in Self.pages {
            let probed = page.replacingOccurrences(of: ".html", with: "-probe.html")
            let html = try site.text(page).replacingOccurrences(of: "<head>", with: "<head>\n" + Self.probe)
            try html.write(to: site.url(probed), atomically: true, encoding: .utf8)
            for width in [1280, 400] {
                frames.append((probed + (page == "org/index.html" ? "?q=dorset" : ""), "\(page)@\(width)", width))
            }
        }
        defer { for page in Self.pages { try? FileManager.default.removeItem(at: site.url(page.replacingOccurrences(of: ".html", with: "-probe.html"))) } }
        var host = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>\nconst results = []; const expected = \(frames.count);\n"
        host += "window.addEventListener('message', e => { results.push(e.data); if (results.length === expected) {"
        host += " const p = document.createElement('pre'); p.id = 'probe'; p.textContent = JSON.stringify(results); document.body.appendChild(p); } });\n"
        host += "</script></head><body>\n"
        for frame in frames {
            host += "<iframe src=\"\(frame.src)#\(frame.label)\" style=\"width:\(frame.width)px;height:700px;border:0;display:block\"></iframe>\n"
        }
        host += "</body></html>\n"
        let hostPage = site.url("probe-host.html")
        try host.write(to: hostPage, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: hostPage) }
        let result = try runProgram(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                              "--disable-dev-shm-usage", "--disable-extensions", "--allow-file-access-from-files",
                                              "--window-size=1400,1000", "--virtual-time-budget=30000", "--dump-dom", hostPage.absoluteString])
        let dom = result.stdout
        guard let start = dom.range(of: "<pre id=\"probe\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            Issue.record("Chromium reported on fewer than \(frames.count) pages (status \(result.status)): \(result.stderr.suffix(800))")
            return
        }
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let probes = try JSONDecoder().decode([Probe].self, from: Data(json.utf8))
        #expect(Set(probes.map(\.page)) == Set(frames.map(\.label)))
        for p in probes {
            let width = Int(p.page.split(separator: "@").last ?? "") ?? 0
            #expect(p.clientWidth == width, "\(p.page): the viewport was \(p.clientWidth) px")
            #expect(p.errors.isEmpty, "\(p.page): console errors \(p.errors)")
            #expect(p.scrollWidth <= p.clientWidth && p.wide.isEmpty, "\(p.page) reaches past the screen: \(p.wide)")
            if let sort = p.sort {
                #expect(sort.first == "ascending" && sort.second == "descending", "\(p.page): aria-sort \(sort.first ?? "-"), \(sort.second ?? "-")")
                #expect(Self.sorted(sort.up, ascending: true), "\(p.page): not sorted up: \(sort.up.prefix(8))")
                #expect(Self.sorted(sort.down, ascending: false), "\(p.page): not sorted down: \(sort.down.prefix(8))")
            }
            if p.page.hasPrefix("org/index.html") {
                #expect(p.results.contains("Dorset County Hospital NHS Foundation Trust (RBD)"), "\(p.page): search for dorset: \(p.results)")
                #expect(p.results.contains { $0.hasSuffix("(R0D)") }, "\(p.page): search for dorset: \(p.results)")
                #expect(p.status.contains("organisations match"), "\(p.page): \(p.status)")
            }
        }
        #expect(probes.contains { $0.sort != nil && $0.page.hasPrefix("league/") }, "no sortable league table")
    }
}
