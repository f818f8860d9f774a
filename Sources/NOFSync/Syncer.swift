import NOFCore
import Foundation
import NOFCore
import NOFIngest
import NOFPostgres
import NOFWarehouse
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Options for `nofdb sync`.
public struct SyncOptions: Sendable {
    public var datasets: [String] = []
    public var dryRun = false
    public var since: YearMonth?
    public var cacheDirectory: URL
    public var timeout: TimeInterval = 60
    public var retries = 3
    public var retryDelay: TimeInterval = 2
    public var userAgent = "nofdb/\(NofdbVersion.current) (loads NHS England performance statistics into PostgreSQL)"
    public var load = LoadOptions()

    public init(cacheDirectory: URL) { self.cacheDirectory = cacheDirectory }

    /// `$XDG_CACHE_HOME/nofdb`, else `~/.cache/nofdb`.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return URL(fileURLWithPath: xdg).appendingPathComponent("nofdb") }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/nofdb")
    }
}

/// One file link found on a page, and what happened to it.
public struct SyncItem: Sendable {
    public enum Action: String, Sendable {
        case wouldFetch = "would_fetch"
        case loaded, skipped, failed
    }

    public var dataset: String
    public var url: String
    public var linkText: String
    public var month: YearMonth?
    public var action: Action
    public var reason: String
    public var load: FileLoadResult?
}

/// What `nofdb sync` did.
public struct SyncReport: Sendable {
    public var items: [SyncItem] = []
    /// Pages that could not be fetched (with why).
    public var pageProblems: [String] = []
    /// True when no landing page could be reached at all.
    public var unreachable = false

    /// 0 done, 2 loaded with rejected rows, 1 something failed, 4 the source could not be reached.
    public var exitCode: Int32 {
        if unreachable { return 4 }
        let loads = items.compactMap(\.load)
        if items.contains(where: { $0.action == .failed }) || !pageProblems.isEmpty { return 1 }
        return LoadSummary.exitCode(loads)
    }
}

/// Finds, downloads and loads new or changed publications, logging every step in audit.sync_log.
public final class Syncer {
    let connection: Connection
    let sources: SourcesFile
    let options: SyncOptions
    let http: HTTPClient
    let loader: Loader

    public init(connection: Connection, sources: SourcesFile, options: SyncOptions) {
        self.connection = connection
        self.sources = sources
        self.options = options
        http = HTTPClient(timeout: options.timeout, retries: options.retries, retryDelay: options.retryDelay, userAgent: options.userAgent)
        loader = Loader(connection: connection, options: options.load)
    }

    public func run() async throws -> SyncReport {
        let wanted = options.datasets.isEmpty ? sources.datasets.keys.sorted() : options.datasets
        for dataset in wanted where sources.datasets[dataset] == nil {
            throw SyncError.sources("no sources for dataset '\(dataset)'; the file has: \(sources.datasets.keys.sorted().joined(separator: ", "))")
        }
        var report = SyncReport()
        var pagesReached = 0
        var pagesTried = 0
        for dataset in wanted {
            guard let source = sources.datasets[dataset] else { continue }
            // Discovery: landing pages, then each follow step, then the file links.
            var pages = source.pages.compactMap { URL(string: $0) }
            var level: [(URL, String)] = []
            let follows = source.follow ?? []
            for stepIndex in 0...follows.count {
                var links: [PageLink] = []
                for page in pages {
                    pagesTried += 1
                    do {
                        guard case .ok(let body, _, _) = try await http.get(page) else { continue }
                        pagesReached += 1
                        links += LinkExtractor.links(in: String(decoding: body, as: UTF8.self), base: page)
                    } catch {
                        report.pageProblems.append("\(dataset): page \(page.absoluteString): \(error)")
                        if !options.dryRun { log(dataset, page: page.absoluteString, action: "unreachable", reason: String(describing: error)) }
                    }
                }
                var seen = Set<URL>()
                if stepIndex < follows.count {
                    pages = links.filter { LinkExtractor.matches($0, follows[stepIndex]) && seen.insert($0.url).inserted }.map(\.url)
                } else {
                    level = links.filter { LinkExtractor.matches($0, source.files) && seen.insert($0.url).inserted }.map { ($0.url, $0.text) }
                }
            }
            for (url, text) in level {
                let month = source.monthFromLinkText.flatMap { Self.month(in: text, pattern: $0) }
                var item = SyncItem(dataset: dataset, url: url.absoluteString, linkText: text, month: month, action: .skipped, reason: "")
                if let since = options.since, let month, month < since {
                    item.reason = "before --since \(since)"
                    report.items.append(item)
                    continue
                }
                if options.dryRun {
                    let previous = try lastSuccess(url.absoluteString)
                    item.action = .wouldFetch
                    item.reason = previous == nil ? "new" : "known: would ask the server whether it changed"
                    report.items.append(item)
                    continue
                }
                log(dataset, page: nil, file: url.absoluteString, linkText: text, action: "found", reason: month.map { "month \($0)" })
                item = await fetchAndLoad(item, url: url)
                report.items.append(item)
            }
        }
        report.unreachable = pagesTried > 0 && pagesReached == 0
        return report
    }

    /// The month a link text names, from the dataset's month pattern.
    static func month(in text: String, pattern: String) -> YearMonth? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        let ns = text as NSString
        guard let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        let monthRange = match.range(withName: "month"), yearRange = match.range(withName: "year")
        guard monthRange.location != NSNotFound, yearRange.location != NSNotFound,
              let m = YearMonth.monthNumber(ns.substring(with: monthRange)),
              var y = Int(ns.substring(with: yearRange)) else { return nil }
        if y < 100 { y += 2000 }
        return YearMonth(year: y, month: m)
    }

    static func httpStatus(_ error: any Error) -> Int? {
        if case .http(_, let status) = error as? SyncError { return status }
        return nil
    }

    struct Previous: Decodable {
        let etag: String?
        let lastModified: String?
        let sha256: String?
    }

    /// The last successful fetch of `url` (its validators and content hash), if any.
    func lastSuccess(_ url: String) throws -> Previous? {
        try connection.query(
            """
            SELECT etag, last_modified, sha256 FROM audit.sync_log
             WHERE file_url = \(url) AND action IN ('loaded', 'skipped') AND sha256 IS NOT NULL
             ORDER BY sync_id DESC LIMIT 1
            """, as: Previous.self).first
    }

    func fetchAndLoad(_ item: SyncItem, url: URL) async -> SyncItem {
        var item = item
        let previous = (try? lastSuccess(url.absoluteString)) ?? nil
        let outcome: FetchOutcome
        do {
            outcome = try await http.get(url, etag: previous?.etag, lastModified: previous?.lastModified)
        } catch {
            item.action = .failed
            item.reason = String(describing: error)
            log(item.dataset, file: item.url, linkText: item.linkText, action: "failed", reason: item.reason,
                status: Self.httpStatus(error))
            return item
        }
        guard case .ok(let body, let etag, let lastModified) = outcome else {
            item.reason = "not modified since the last fetch (HTTP 304)"
            log(item.dataset, file: item.url, linkText: item.linkText, action: "skipped", reason: item.reason, status: 304,
                etag: previous?.etag, lastModified: previous?.lastModified, sha: previous?.sha256)
            return item
        }
        let sha = SHA256Hasher.hex(of: body)
        if sha == previous?.sha256 {
            item.reason = "content unchanged since the last fetch (same SHA-256)"
            log(item.dataset, file: item.url, linkText: item.linkText, action: "skipped", reason: item.reason, status: 200,
                etag: etag, lastModified: lastModified, sha: sha)
            return item
        }
        // Write to a temporary name and rename when complete: a partial file is never loaded.
        let directory = options.cacheDirectory.appendingPathComponent(item.dataset)
        let name = url.lastPathComponent.isEmpty ? sha : url.lastPathComponent
        let final = directory.appendingPathComponent(name)
        let partial = directory.appendingPathComponent(name + ".part")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try body.write(to: partial)
            if FileManager.default.fileExists(atPath: final.path) { try FileManager.default.removeItem(at: final) }
            try FileManager.default.moveItem(at: partial, to: final)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            item.action = .failed
            item.reason = "cannot write \(final.path): \(error.localizedDescription)"
            log(item.dataset, file: item.url, linkText: item.linkText, action: "failed", reason: item.reason)
            return item
        }
        log(item.dataset, file: item.url, linkText: item.linkText, action: "fetched", reason: "\(body.count) bytes", status: 200,
            etag: etag, lastModified: lastModified, sha: sha, cachePath: final.path)
        let results = loader.load(file: final)
        item.load = results.first
        let failed = results.first { $0.status == .failed }
        if let failed {
            item.action = .failed
            item.reason = failed.message ?? "load failed"
            log(item.dataset, file: item.url, linkText: item.linkText, action: "failed", reason: item.reason, sha: nil,
                cachePath: final.path, loadId: failed.loadId)
        } else {
            let unchanged = results.allSatisfy { $0.status == .unchanged }
            item.action = unchanged ? .skipped : .loaded
            item.reason = unchanged ? "already loaded (same bytes)" : results.map { LoadSummary.periodText($0.periods) }.joined(separator: ", ")
            log(item.dataset, file: item.url, linkText: item.linkText, action: unchanged ? "skipped" : "loaded", reason: item.reason,
                status: 200, etag: etag, lastModified: lastModified, sha: sha, cachePath: final.path, loadId: results.first?.loadId)
        }
        return item
    }

    func log(
        _ dataset: String, page: String? = nil, file: String? = nil, linkText: String? = nil, action: String, reason: String?,
        status: Int? = nil, etag: String? = nil, lastModified: String? = nil, sha: String? = nil, cachePath: String? = nil,
        loadId: Int? = nil
    ) {
        _ = try? connection.execute(
            """
            INSERT INTO audit.sync_log (dataset, page_url, file_url, link_text, action, reason, http_status, etag,
                                        last_modified, sha256, cache_path, load_id)
            VALUES (\(dataset), \(page), \(file), \(linkText), \(action), \(reason), \(status.map(Int32.init(clamping:))), \(etag),
                    \(lastModified), \(sha), \(cachePath), \(loadId))
            """)
    }
}
