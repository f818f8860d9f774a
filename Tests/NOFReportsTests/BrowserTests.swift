import Foundation
import NOFReports
import Testing
import TestSupport

/// Every canned report's HTML rendered by a real browser (Debian's headless Chromium, installed
/// by Scripts/install-packages) at a desktop and a phone width, on the real files: nothing
/// wider than the viewport (wide tables scroll inside their own box), no script or console
/// errors, every chart with an axis title. NOFDB_SCREENSHOTS=DIR also saves a screenshot of
/// each page at each width there, to look at.
@Suite("HTML reports in headless Chromium", .serialized)
struct BrowserTests {
    /// Injected at the top of a copy of each page: records errors, and once the page has
    /// loaded posts what it measured to the host page that holds it in an iframe.
    static let probe = """
        <script>
        window.__nofdbErrors = [];
        window.addEventListener('error', e => window.__nofdbErrors.push(String(e.message)));
        const __ce = console.error; console.error = (...a) => { window.__nofdbErrors.push(a.join(' ')); __ce(...a); };
        window.addEventListener('load', () => {
          const d = document.documentElement;
          const charts = [...document.querySelectorAll('figure.chart')];
          const untitled = charts.filter(f => !f.querySelector('.axis-title') || !f.querySelector('.axis-title').textContent.trim()).length;
          const wide = [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > d.clientWidth + 1)
            .map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className : '')).slice(0, 5);
          // SVG text drawn outside its chart's box is cut off ("2021-1"); screen boxes, so rotated axis titles count as drawn.
          const clipped = [...document.querySelectorAll('svg.chart-svg')].flatMap(svg => {
            const s = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].filter(t => { const b = t.getBoundingClientRect();
              return b.width > 0 && (b.left < s.left - 1 || b.right > s.right + 1 || b.top < s.top - 1 || b.bottom > s.bottom + 1); })
              .map(t => t.textContent); }).slice(0, 5);
          parent.postMessage({ page: location.hash.slice(1), scrollWidth: d.scrollWidth, clientWidth: d.clientWidth,
                               charts: charts.length, untitled: untitled, errors: window.__nofdbErrors, wide: wide, clipped: clipped }, '*');
        });
        </script>
        """

    /// The host page: every probed page in an iframe of each width; writes the frames'
    /// reports into a <pre> (printed by --dump-dom) once all have arrived.
    static func host(_ frames: [(src: String, label: String, width: Int)]) -> String {
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>\nconst results = []; const expected = \(frames.count);\n"
        html += "window.addEventListener('message', e => { results.push(e.data); if (results.length === expected) {"
        html += " const p = document.createElement('pre'); p.id = 'nofdb-probe'; p.textContent = JSON.stringify(results); document.body.appendChild(p); } });\n"
        html += "</script></head><body>\n"
        for frame in frames {
            html += "<iframe src=\"\(frame.src)#\(frame.label)\" style=\"width:\(frame.width)px;height:700px;border:0;display:block\"></iframe>\n"
        }
        return html + "</body></html>\n"
    }

    struct Probe: Decodable {
        let page: String
        let scrollWidth: Int
        let clientWidth: Int
        let charts: Int
        let untitled: Int
        let errors: [String]
        let wide: [String]
        let clipped: [String]
    }

    static func chromium() -> URL? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }


    /// Every canned report as HTML on the real files (trust for RBD; the reports that take
    /// --highlight with RBD highlighted), by name.
    static func renderEveryReport(into dir: URL) throws -> [String: URL] {
        let fixture = try RealDataFixture.get()
        var pages: [String: URL] = [:]
        for report in ReportCatalog.all {
            let page = dir.appendingPathComponent("\(report.name).html")
            let args = ["report", report.name] + (report.name == "trust" ? ["RBD"] : [])
                + (report.highlightColumn == nil ? [] : ["--highlight", "RBD"])
                + ["--format", "html", "--output", page.path, "--database-url", fixture.db.conninfo]
            let r = try runNofdb(args)
            #expect(r.status == 0, "\(report.name): \(r.stderr)")
            if r.status == 0 { pages[report.name] = page }
        }
        return pages
    }

    @Test("every canned report at 1280 and 400 px has no axe-core violations (WCAG 2.2 AA and best practice)")
    func accessibility() throws {
        let dir = try TestEnvironment.temporaryDirectory("axe")
        let pages = try Self.renderEveryReport(into: dir)
        #expect(pages.count == ReportCatalog.all.count)
        try AxeCheck.expectNoViolations(pages.values.sorted { $0.path < $1.path }) { URL(fileURLWithPath: $0).lastPathComponent }
    }

    static let browserFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                               "--disable-dev-shm-usage", "--disable-extensions", "--allow-file-access-from-files"]

    @Test("every canned report at 1280 and 400 px: no overflow, no console errors, an axis title on every chart")
    func everyReportRenders() throws {
        let browser = try #require(Self.chromium(), "Chromium is not installed: run Scripts/install-packages (it installs Debian's chromium)")
        let dir = try TestEnvironment.temporaryDirectory("browser")
        let charted: Set<String> = ["national", "trust", "field-test", "league-table", "rtt-waits", "diagnostics", "ambulance", "cancer"]
        var frames: [(src: String, label: String, width: Int)] = []
        let pages = try Self.renderEveryReport(into: dir)
        for (name, page) in pages.sorted(by: { $0.key < $1.key }) {
            let html = try String(contentsOf: page, encoding: .utf8)
            let probed = "\(name)-probe.html"
            try html.replacingOccurrences(of: "<head>", with: "<head>\n" + Self.probe)
                .write(to: dir.appendingPathComponent(probed), atomically: true, encoding: .utf8)
            for width in [1280, 400] { frames.append((probed, "\(name)@\(width)", width)) }
        }
        let hostPage = dir.appendingPathComponent("host.html")
        try Self.host(frames).write(to: hostPage, atomically: true, encoding: .utf8)
        let result = try runProgram(browser, Self.browserFlags + [
            "--window-size=1400,1000", "--virtual-time-budget=20000", "--dump-dom", hostPage.absoluteString,
        ])
        let dom = result.stdout
        guard let start = dom.range(of: "<pre id=\"nofdb-probe\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            Issue.record("Chromium reported on fewer than \(frames.count) pages (status \(result.status)): \(result.stderr.suffix(800))")
            return
        }
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let probes = try JSONDecoder().decode([Probe].self, from: Data(json.utf8))
        #expect(Set(probes.map(\.page)) == Set(frames.map(\.label)))
        for p in probes {
            let name = String(p.page.split(separator: "@").first ?? "")
            let width = Int(p.page.split(separator: "@").last ?? "") ?? 0
            #expect(p.clientWidth == width, "\(p.page): the viewport was \(p.clientWidth) px")
            #expect(p.scrollWidth <= p.clientWidth, "\(p.page) is \(p.scrollWidth) px wide; too wide: \(p.wide)")
            #expect(p.wide.isEmpty, "\(p.page): \(p.wide) reach past the viewport")
            #expect(p.errors.isEmpty, "\(p.page): console errors \(p.errors)")
            #expect(p.untitled == 0, "\(p.page): \(p.untitled) of \(p.charts) charts have no axis title")
            #expect(p.clipped.isEmpty, "\(p.page): chart labels cut off at the edge: \(p.clipped)")
            if charted.contains(name) { #expect(p.charts >= 1, "\(p.page) drew no chart") }
        }
        // Screenshots to look at (not checked): NOFDB_SCREENSHOTS=DIR.
        if let shots = ProcessInfo.processInfo.environment["NOFDB_SCREENSHOTS"].map(URL.init(fileURLWithPath:)) {
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            for (name, page) in pages {
                for width in [1280, 400] {
                    let frame = dir.appendingPathComponent("shot-\(name)-\(width).html")
                    try "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"\(page.lastPathComponent)\" style=\"width:\(width)px;height:2400px;border:0\"></iframe></body></html>"
                        .write(to: frame, atomically: true, encoding: .utf8)
                    _ = try runProgram(browser, Self.browserFlags + [
                        "--window-size=\(width),2400", "--screenshot=\(shots.appendingPathComponent("\(name)-\(width).png").path)",
                        frame.absoluteString,
                    ])
                }
            }
        }
    }
}
