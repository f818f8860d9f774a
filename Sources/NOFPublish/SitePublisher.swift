import Foundation
import NOFCore
import NOFPostgres
import NOFReports
import NOFWarehouse

/// What one `publish` did.
public struct PublishSummary: Sendable {
    public let destination: URL
    /// HTML pages in the site.
    public var pages = 0
    /// Pages built this time, and pages carried over without being built (inputs unchanged).
    public var built = 0
    public var reused = 0
    /// Files whose bytes were written, files linked unchanged from the previous site, and
    /// files of the previous site the new one no longer has.
    public var filesWritten = 0
    public var filesUnchanged = 0
    public var filesRemoved = 0
    /// The files written, relative to the site's root.
    public var written: [String] = []
    public var sample = false
    public var seconds = 0.0
    /// Seconds per kind of page (home, league, org, standard, data …).
    public var timings: [String: Double] = [:]
}

/// `nofdb publish DIR`: the dashboard as a static site built from the warehouse — Home, a page
/// per league table, organisation and standard, the field test, method and data, search and
/// every public view as CSV. It reads one consistent snapshot (a REPEATABLE READ, READ ONLY
/// transaction, every report in it as the sandbox role), builds only the pages whose inputs
/// changed since the last publish, rewrites only the files whose bytes changed, and swaps the
/// new site into place in one step.
public struct SitePublisher {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    public func publish(to destination: URL, progress: (String) -> Void = { _ in }) throws -> PublishSummary {
        let started = Date()
        try Migrator.requireCurrent(connection)
        let writer = try SiteWriter(destination: destination)
        var summary = PublishSummary(destination: destination.standardizedFileURL)
        do {
            try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                try build(writer, &summary, progress)
                try connection.execute("COMMIT")
            } catch {
                _ = try? connection.execute("ROLLBACK")
                throw error
            }
            summary.filesRemoved = writer.removed.count
            try writer.commit()
        } catch {
            writer.abort()
            throw error
        }
        summary.filesWritten = writer.written
        summary.filesUnchanged = writer.unchanged
        summary.written = writer.writtenPaths
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private func build(_ writer: SiteWriter, _ summary: inout PublishSummary, _ progress: (String) -> Void) throws {
        // Report queries are small and many; JIT compilation would only add seconds to each.
        try connection.execute("SET LOCAL jit = off")
        let reports = SiteReports(connection: connection)
        let inventory = try reports.sandboxed { try SiteInventory.read($0) }
        guard inventory.slices.contains(where: { !$0.dataset.hasPrefix("ods_") }) else {
            throw PublishError("nothing to publish yet: load NHS England's files first (nofdb load DIR, or nofdb sync)")
        }
        summary.sample = inventory.sample
        let fingerprinter = Fingerprinter(inventory: inventory, build: BuildIdentity.current)
        let site = SiteBuild(reports: reports, inventory: inventory, fingerprinter: fingerprinter)
        var emitter = PageEmitter(writer: writer, fingerprinter: fingerprinter, sample: inventory.sample)

        // The data folder first: its files are written on a second connection while the pages are built.
        let views = try reports.sandboxed { try DataFolder.views($0) }
        let dataKey = fingerprinter.fingerprint("data/", DataFolder.inputs(fingerprinter))
        var exports: [DataFolder.View] = []
        for view in views where DataFolder.leftOut[view.name] == nil {
            let path = SitePaths.dataCSV(view.name)
            if writer.canReuse(path, inputs: dataKey) { try writer.reuse(path) } else { exports.append(view) }
        }
        let export = try startExport(exports, writer, reports)
        do {
            try buildPages(site, &emitter, progress)
            try emitter.page(SitePaths.data, nil) { DataFolder.index(views, site) }
        } catch {
            _ = try? export?.wait()
            throw error
        }
        progress("data folder")
        let dataStarted = Date()
        if let export {
            for name in try export.wait() { try writer.adopt(SitePaths.dataCSV(name), inputs: dataKey) }
        }
        emitter.note("data/*.csv (waited)", Date().timeIntervalSince(dataStarted))
        let entries = SearchIndex.entries(inventory)
        try writer.write(SitePaths.searchIndex, try SearchIndex.script(entries), inputs: "always")
        try writer.write("assets/search-index.json", try SearchIndex.json(entries), inputs: "always")
        try writer.write(SitePaths.stylesheet, SiteAssets.stylesheet, inputs: "always")
        try writer.write(SitePaths.script, SiteAssets.script, inputs: "always")
        summary.pages = emitter.pages
        summary.built = emitter.built
        summary.reused = emitter.reused
        summary.timings = emitter.seconds
        summary.timings["(of which workbooks)"] = emitter.workbookSeconds.total
    }

    /// Starts writing `views` on a second connection in this snapshot (PostgreSQL exports a
    /// snapshot from a primary or, since version 10, a standby, but not from a savepoint: this
    /// runs at the transaction's top level); nil when there is nothing to write.
    private func startExport(_ views: [DataFolder.View], _ writer: SiteWriter, _ reports: SiteReports) throws -> DataExportRun? {
        guard !views.isEmpty else { return nil }
        let snapshot = try connection.value("SELECT pg_export_snapshot() AS snapshot", as: String.self)
        let files = Dictionary(uniqueKeysWithValues: views.map { ($0.name, writer.stagingURL(SitePaths.dataCSV($0.name))) })
        return DataExport(config: connection.config, snapshot: snapshot, views: views, files: files).start()
    }

    private func buildPages(_ site: SiteBuild, _ emitter: inout PageEmitter, _ progress: (String) -> Void) throws {
        let inventory = site.inventory, fingerprinter = site.fingerprinter
        let all = PageInputs(datasets: fingerprinter.allDatasets)
        let loaded = fingerprinter.allDatasets
        try emitter.page(SitePaths.home, all) { try HomePage.build(site) }
        try emitter.page(SitePaths.leagues, nil) { LeaguePages.index(site) }
        for (n, table) in inventory.leagueTables.enumerated() {
            try emitter.page(SitePaths.league(table.key), LeaguePages.inputs(table, inventory)) { try LeaguePages.build(table, site) }
            if n % 50 == 49 { progress("league tables: \(n + 1) of \(inventory.leagueTables.count)") }
        }
        try emitter.page(SitePaths.organisations, nil) { OrganisationPages.index(site) }
        let providers = inventory.providers
        for (n, code) in providers.enumerated() {
            try emitter.page(SitePaths.organisation(code), OrganisationPages.inputs(code, inventory)) {
                var (page, content) = try OrganisationPages.build(code, site)
                page.date = fingerprinter.dataDate(PageInputs(datasets: inventory.providerDatasets[code] ?? []))
                return (page, content)
            }
            if n % 100 == 99 { progress("organisations: \(n + 1) of \(providers.count)") }
        }
        try emitter.page(SitePaths.standards, nil) { StandardPages.index(site) }
        for standard in inventory.standards where loaded.contains(standard.dataset) {
            try emitter.page(SitePaths.standard(standard.code), StandardPages.inputs(standard)) { try StandardPages.build(standard, site) }
        }
        try emitter.page(SitePaths.fieldTest, FieldTestPage.inputs) { try FieldTestPage.build(site) }
        try emitter.page(SitePaths.method, PageInputs(datasets: loaded, extra: ["loads \(inventory.loadLogMark)"])) { try MethodPage.build(site) }
    }
}

/// Turns built pages into files: the page, a CSV beside each of its tables and its workbook;
/// or carries a page over from the previous site when its inputs have not changed.
struct PageEmitter {
    let writer: SiteWriter
    let fingerprinter: Fingerprinter
    let sample: Bool
    private(set) var pages = 0
    private(set) var built = 0
    private(set) var reused = 0
    /// Seconds spent building and writing each kind of page (its folder), for NOFDB_TIMING=1.
    private(set) var seconds: [String: Double] = [:]
    let workbookSeconds = Accumulator()

    init(writer: SiteWriter, fingerprinter: Fingerprinter, sample: Bool) {
        self.writer = writer
        self.fingerprinter = fingerprinter
        self.sample = sample
    }

    /// A page at `path` built from `inputs` (nil: cheap, built every time; its bytes decide
    /// whether it is rewritten).
    mutating func page(_ path: String, _ inputs: PageInputs?, _ build: () throws -> (SitePage, PageContent)) throws {
        pages += 1
        let key = inputs.map { fingerprinter.fingerprint(path, $0) } ?? "always"
        if inputs != nil, writer.canReuse(path, inputs: key) {
            try writer.reuse(path)
            reused += 1
            return
        }
        let started = Date()
        defer {
            let kind = path.contains("/") ? String(path.prefix { $0 != "/" }) : path
            seconds[kind, default: 0] += Date().timeIntervalSince(started)
        }
        do {
            var (page, content) = try build()
            if page.date == DataDate(), let inputs { page.date = fingerprinter.dataDate(inputs) }
            try emit(page, content, key: key)
            built += 1
        } catch let error as PublishError {
            throw error
        } catch {
            throw PublishError("building \(path): \(error)")
        }
    }

    mutating func note(_ kind: String, _ seconds: Double) { self.seconds[kind, default: 0] += seconds }

    func emit(_ page: SitePage, _ content: PageContent, key: String) throws {
        var page = page
        page.body = content.html + page.body
        try writer.write(page.path, PageChrome.render(page, sample: sample), inputs: key)
        for (table, csv) in content.tables {
            let text = ReportRenderer.csv(ReportResult(name: page.path, title: table.title, parameters: [], sections: [table]))
            try writer.write(csv, "\u{FEFF}" + text, inputs: key, owner: page.path)
        }
        guard !content.tables.isEmpty else { return }
        var workbook = ReportResult(name: page.path, title: page.title, parameters: [("data", page.date.sentence)],
                                    sections: content.tables.map(\.table), generatedAt: page.date.workbookDate)
        workbook.notices = (sample ? [PageChrome.sampleNotice] : []) + page.notices.filter { $0 != ReportRunner.sampleNotice }
        let started = Date()
        try writer.write(content.workbook, inputs: key, owner: page.path) { url in try ReportWorkbook.write(workbook, to: url) }
        workbookSeconds.add(Date().timeIntervalSince(started))
    }
}

/// A running total a non-mutating method can add to.
final class Accumulator {
    private(set) var total = 0.0
    func add(_ seconds: Double) { total += seconds }
}
