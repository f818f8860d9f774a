import Foundation
import NOFCore
import NOFIngest
import NOFPostgres
import NOFSample
@testable import NOFSync
import Testing
import TestSupport

/// A loopback HTTP server (Fixtures/test_http_server.py) serving a folder.
final class TestHTTPServer: @unchecked Sendable {
    let root: URL
    let port: Int
    private let process: Process

    init() throws {
        root = try TestEnvironment.temporaryDirectory("www")
        process = Process()
        // The system python (not a version-manager shim that would run it as a grandchild,
        // out of reach of stop()).
        let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "/usr/local/bin/python3"
        process.executableURL = URL(fileURLWithPath: python)
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/test_http_server.py")
        process.arguments = [script.path, "--root", root.path]
        let out = Pipe()
        process.standardOutput = out
        // Its own stderr: an orphaned server must never hold the test runner's pipes open.
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw TestSetupError("the test HTTP server did not start: \(line)")
        }
        self.port = port
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func mark(_ list: String, _ paths: [String]) throws {
        try Data(paths.joined(separator: "\n").utf8).write(to: root.appendingPathComponent(list))
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

@Suite("nofdb sync against a local copy of the NHS England pages", .serialized)
struct SyncTests {
    static let rttPage = "statistics/statistical-work-areas/rtt-waiting-times/"
    static let yearPage = "statistics/statistical-work-areas/rtt-waiting-times/rtt-data-2023-24/"

    /// Serves the real RTT pages (links pointed at the local server) and small RTT files in the
    /// real format at each file link on the 2023-24 page.
    static func serve() throws -> (TestHTTPServer, [(month: YearMonth, path: String)]) {
        let server = try TestHTTPServer()
        func page(_ name: String) throws -> Data {
            let html = try String(contentsOf: TestEnvironment.nhseFile("pages/\(name)"), encoding: .utf8)
            return Data(html.replacingOccurrences(of: "https://www.england.nhs.uk", with: server.base).utf8)
        }
        try server.write(rttPage + "index.html", page("rtt-waiting-times.html"))
        try server.write(yearPage + "index.html", page("rtt-data-2023-24.html"))
        // The file links on the saved page, e.g. .../2024/07/Full-CSV-data-file-Mar24-ZIP-3832K-revised.zip
        let html = try String(contentsOf: TestEnvironment.nhseFile("pages/rtt-data-2023-24.html"), encoding: .utf8)
        let links = LinkExtractor.links(in: html, base: URL(string: "https://www.england.nhs.uk/")!)
            .filter { $0.text.hasPrefix("Full CSV data file") }
        var files: [(YearMonth, String)] = []
        for link in links {
            guard let month = Syncer.month(in: link.text, pattern: "Full CSV data file (?<month>[A-Za-z]{3})(?<year>\\d{2})") else { continue }
            let path = String(link.url.path.dropFirst())
            try server.write(path, try rttZip(month, providers: 2))
            files.append((month, path))
        }
        return (server, files)
    }

    /// A small RTT Full CSV month, zipped, from nofdb's generator (exact published layout).
    static func rttZip(_ month: YearMonth, providers: Int) throws -> Data {
        var options = SampleOptions()
        options.end = month.adding(months: 1)
        options.months = 1
        options.acuteTrusts = providers
        options.independentProviders = 0
        options.rttCommissioners = 1
        options.rttTreatmentFunctions = 2
        options.datasets = ["rtt"]
        let dir = try TestEnvironment.temporaryDirectory("rttzip")
        let written = try SampleGenerator(options: options).write(to: dir)
        return try Data(contentsOf: try #require(written.first))
    }

    static func sources(_ server: TestHTTPServer) throws -> SourcesFile {
        let json = """
            {"version": 1, "datasets": {"rtt": {
              "pages": ["\(server.base)/\(rttPage)"],
              "follow": [{"link_text": "^2023-24 RTT waiting times data$", "href": "rtt-data-2023-24/?$"}],
              "files": {"link_text": "^Full CSV data file", "href": "\\\\.zip$"},
              "month_from_link_text": "Full CSV data file (?<month>[A-Za-z]{3})(?<year>\\\\d{2})"}}}
            """
        return try SourcesFile.parse(Data(json.utf8), name: "test sources")
    }

    static func options(_ cache: URL) -> SyncOptions {
        var o = SyncOptions(cacheDirectory: cache)
        o.timeout = 2
        o.retries = 1
        o.retryDelay = 0.05
        return o
    }

    @Test("first sync loads every month; a second fetches nothing; a revised file replaces its month; 404, timeout and truncation change nothing")
    func syncLifecycle() async throws {
        let (server, files) = try Self.serve()
        defer { server.stop() }
        #expect(files.count == 12)
        let db = try TestDatabase.make()
        defer { db.drop() }
        let c = try db.connect()
        let cache = try TestEnvironment.temporaryDirectory("cache")
        let sources = try Self.sources(server)

        // 1. First sync: finds the 12 months and loads them.
        let first = try await Syncer(connection: c, sources: sources, options: Self.options(cache)).run()
        #expect(first.pageProblems.isEmpty, "\(first.pageProblems)")
        #expect(first.items.count == 12)
        #expect(first.items.allSatisfy { $0.action == .loaded }, "\(first.items.map(\.reason))")
        #expect(first.exitCode == 0)
        #expect(try c.value("SELECT count(*) AS n FROM audit.load_slice WHERE dataset = 'rtt'", as: Int.self) == 12)
        let months = try #require(try c.execute("SELECT min(period) AS first, max(period) AS last FROM audit.load_slice WHERE dataset = 'rtt'").rows.first)
        #expect(try months.decode("first", as: PostgresDate?.self) == PostgresDate(year: 2023, month: 4, day: 1))
        #expect(try months.decode("last", as: PostgresDate?.self) == PostgresDate(year: 2024, month: 3, day: 1))
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("rtt").path)
        #expect(cached.count == 12 && cached.allSatisfy { !$0.hasSuffix(".part") })

        // 2. Again at once: nothing fetched, nothing loaded (the server answers 304).
        let loadsBefore = try c.value("SELECT count(*) AS n FROM audit.load_log", as: Int.self)
        let second = try await Syncer(connection: c, sources: sources, options: Self.options(cache)).run()
        #expect(second.items.count == 12)
        #expect(second.items.allSatisfy { $0.action == .skipped && $0.reason.contains("304") }, "\(second.items.map(\.reason))")
        #expect(try c.value("SELECT count(*) AS n FROM audit.load_log", as: Int.self) == loadsBefore)

        // 3. A revised month on the server is fetched and replaces its month only.
        let revised = try #require(files.first { $0.month == YearMonth(year: 2024, month: 3) })
        try server.write(revised.path, try Self.rttZip(revised.month, providers: 3))
        let third = try await Syncer(connection: c, sources: sources, options: Self.options(cache)).run()
        #expect(third.items.filter { $0.action == .loaded }.map(\.month) == [revised.month])
        #expect(third.items.filter { $0.action == .skipped }.count == 11)
        #expect(try c.value("SELECT revision FROM audit.load_slice WHERE dataset = 'rtt' AND period = '2024-03-01'", as: Int.self) == 2)
        #expect(try c.value("SELECT count(DISTINCT provider_code) AS n FROM dw.fact_rtt WHERE period = '2024-03-01'", as: Int.self) == 3)

        // 4. A 404, a timeout and a truncated download each leave the database as it was.
        let snapshot = try warehouseSnapshot(c)
        let gone = files[0], slow = files[1], cut = files[2]
        try FileManager.default.removeItem(at: server.root.appendingPathComponent(gone.path))
        try server.write(slow.path, try Self.rttZip(slow.month, providers: 4))
        try server.write(cut.path, try Self.rttZip(cut.month, providers: 5))
        try server.mark(".slow", ["/" + slow.path])
        try server.mark(".truncate", ["/" + cut.path])
        let fourth = try await Syncer(connection: c, sources: sources, options: Self.options(cache)).run()
        let failed = Dictionary(uniqueKeysWithValues: fourth.items.filter { $0.action == .failed }.compactMap { item in item.month.map { ($0, item.reason) } })
        #expect(failed[gone.month]?.contains("404") == true, "\(failed)")
        #expect(failed[slow.month]?.contains("timed out") == true, "\(failed)")
        #expect(failed[cut.month]?.contains("truncated") == true || failed[cut.month] != nil, "\(failed)")
        #expect(fourth.exitCode == 1)
        #expect(try warehouseSnapshot(c) == snapshot)
        let partials = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("rtt").path).filter { $0.hasSuffix(".part") }
        #expect(partials.isEmpty)
        // Every step is in the sync log.
        for action in ["found", "fetched", "loaded", "skipped", "failed"] {
            #expect(try c.value("SELECT count(*) AS n FROM audit.sync_log WHERE action = \(action)", as: Int.self) > 0, "\(action)")
        }
        // ...and readable by an operator: the public view and `nofdb report syncs`.
        #expect(try c.value("SELECT count(*) AS n FROM nof.sync_history WHERE action = 'loaded' AND load_status = 'loaded'", as: Int.self) == 13)
        let report = try runNofdb(["report", "syncs", "--limit", "500", "--format", "json", "--database-url", db.conninfo])
        #expect(report.status == 0, "\(report.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        let rows = ((object?["sections"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]) ?? []
        #expect(try rows.count == c.value("SELECT count(*) AS n FROM audit.sync_log", as: Int.self))
        let steps = rows.compactMap { $0["step"] as? Int }
        #expect(steps.count == rows.count && steps == steps.sorted(by: >), "newest first")
        #expect(rows.contains { ($0["reason"] as? String)?.contains("404") == true })
    }

    @Test("--dry-run lists what would be fetched and changes nothing; --since limits a backfill")
    func dryRunAndSince() async throws {
        let (server, _) = try Self.serve()
        defer { server.stop() }
        let db = try TestDatabase.make()
        defer { db.drop() }
        let c = try db.connect()
        var options = Self.options(try TestEnvironment.temporaryDirectory("cache"))
        options.dryRun = true
        let dry = try await Syncer(connection: c, sources: try Self.sources(server), options: options).run()
        #expect(dry.items.count == 12 && dry.items.allSatisfy { $0.action == .wouldFetch && $0.reason == "new" })
        #expect(try c.value("SELECT count(*) AS n FROM audit.load_log", as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM audit.sync_log", as: Int.self) == 0)
        options.dryRun = false
        options.since = YearMonth(year: 2024, month: 1)
        let since = try await Syncer(connection: c, sources: try Self.sources(server), options: options).run()
        #expect(since.items.filter { $0.action == .loaded }.count == 3)
        #expect(since.items.filter { $0.reason.hasPrefix("before --since") }.count == 9)
    }

    @Test("an unreachable source is reported with its own exit status")
    func unreachable() async throws {
        let db = try TestDatabase.make()
        defer { db.drop() }
        let json = #"{"version": 1, "datasets": {"rtt": {"pages": ["http://127.0.0.1:9/none/"], "files": {"href": "\\.zip$"}}}}"#
        var options = Self.options(try TestEnvironment.temporaryDirectory("cache"))
        options.retries = 0
        let report = try await Syncer(connection: try db.connect(), sources: try SourcesFile.parse(Data(json.utf8), name: "x"), options: options).run()
        #expect(report.unreachable)
        #expect(report.exitCode == 4)
        #expect(report.pageProblems.first?.contains("127.0.0.1:9") == true)
    }

    @Test("the sources file is validated with clear errors; the built-in one is valid")
    func sourcesValidation() throws {
        _ = try SourcesFile.defaultSources()
        let cases: [(String, String)] = [
            ("{", "not valid JSON"),
            (#"{"version": 2, "datasets": {}}"#, "version 2 is not supported"),
            (#"{"version": 1, "datasets": {}}"#, "\"datasets\" is empty"),
            (#"{"version": 1, "datasets": {"rtt": {"pages": [], "files": {"href": "x"}}}}"#, "datasets.rtt.pages: give at least one page URL"),
            (#"{"version": 1, "datasets": {"rtt": {"pages": ["ftp://x/"], "files": {"href": "x"}}}}"#, "is not an http(s) URL"),
            (#"{"version": 1, "datasets": {"rtt": {"pages": ["https://x/"], "files": {"href": "(["}}}}"#, "datasets.rtt.files.href: \"([\" is not a valid regular expression"),
            (#"{"version": 1, "datasets": {"rtt": {"pages": ["https://x/"], "files": {}}}}"#, "give link_text or href"),
            (#"{"version": 1, "datasets": {"xyz": {"pages": ["https://x/"], "files": {"href": "x"}}}}"#, "unknown dataset"),
            (#"{"version": 1, "datasets": {"rtt": {"pages": ["https://x/"]}}}"#, "missing \"files\""),
            (#"{"version": 1, "datasets": {"rtt": {"pages": ["https://x/"], "files": {"href": "x"}, "month_from_link_text": "(\\d+)"}}}"#, "named groups"),
        ]
        for (json, expected) in cases {
            let error = #expect(throws: SyncError.self, "\(json)") { try SourcesFile.parse(Data(json.utf8), name: "my-sources.json") }
            let text = String(describing: error)
            #expect(text.contains("my-sources.json") && text.contains(expected), "\(json): \(text)")
        }
        #expect(Syncer.month(in: "Full CSV data file Mar24 (ZIP, 3832K) revised", pattern: "Full CSV data file (?<month>[A-Za-z]{3})(?<year>\\d{2})") == YearMonth(year: 2024, month: 3))
        let links = LinkExtractor.links(in: #"<p><a class="x" href="/a/b.zip">Full CSV data file Mar24 (ZIP, 3832K) <span>revised</span></a> <a href='rel.csv'>A &amp; E</a></p>"#,
                                        base: URL(string: "https://host/dir/page/")!)
        #expect(links == [PageLink(url: URL(string: "https://host/a/b.zip")!, text: "Full CSV data file Mar24 (ZIP, 3832K) revised"),
                          PageLink(url: URL(string: "https://host/dir/page/rel.csv")!, text: "A & E")])
    }
}
