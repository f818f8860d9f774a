import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a GET returned.
enum FetchOutcome: Sendable {
    case notModified
    case ok(body: Data, etag: String?, lastModified: String?)
}

/// HTTP GET with a timeout, a few retries with back-off, a clear User-Agent and conditional
/// requests (If-None-Match / If-Modified-Since).
struct HTTPClient: Sendable {
    let timeout: TimeInterval
    let retries: Int
    let retryDelay: TimeInterval
    let userAgent: String
    let session: URLSession

    init(timeout: TimeInterval, retries: Int, retryDelay: TimeInterval, userAgent: String) {
        self.timeout = timeout
        self.retries = retries
        self.retryDelay = retryDelay
        self.userAgent = userAgent
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout * 10, 600)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// Whether an error means the server could not be reached at all (as opposed to a bad answer).
    static func isUnreachable(_ error: any Error) -> Bool {
        guard let error = error as? URLError else { return false }
        return [.cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet].contains(error.code)
    }

    func get(_ url: URL, etag: String? = nil, lastModified: String? = nil) async throws -> FetchOutcome {
        var attempt = 0
        while true {
            do {
                return try await once(url, etag: etag, lastModified: lastModified)
            } catch let error as SyncError {
                if case .http(_, let status) = error, status == 429 || status >= 500, attempt < retries {
                    attempt += 1
                    try await Task.sleep(nanoseconds: UInt64(retryDelay * pow(2, Double(attempt - 1)) * 1e9))
                    continue
                }
                throw error
            } catch {
                if attempt < retries {
                    attempt += 1
                    try await Task.sleep(nanoseconds: UInt64(retryDelay * pow(2, Double(attempt - 1)) * 1e9))
                    continue
                }
                if Self.isUnreachable(error) {
                    throw SyncError.unreachable("\(url.absoluteString): cannot reach the server (\(error.localizedDescription)) after \(retries + 1) attempts")
                }
                let reason = (error as? URLError)?.code == .timedOut
                    ? "timed out after \(Int(timeout)) s (\(retries + 1) attempts)"
                    : "download failed after \(retries + 1) attempts: \(error.localizedDescription)"
                throw SyncError.transfer(url: url.absoluteString, reason: reason)
            }
        }
    }

    private func once(_ url: URL, etag: String?, lastModified: String?) async throws -> FetchOutcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw SyncError.transfer(url: url.absoluteString, reason: "not an HTTP response")
        }
        if http.statusCode == 304 { return .notModified }
        guard (200..<300).contains(http.statusCode) else { throw SyncError.http(url: url.absoluteString, status: http.statusCode) }
        if let length = http.value(forHTTPHeaderField: "Content-Length").flatMap(Int.init), length != data.count {
            throw SyncError.transfer(url: url.absoluteString, reason: "truncated download: \(data.count) of \(length) bytes")
        }
        return .ok(body: data, etag: http.value(forHTTPHeaderField: "ETag"),
                   lastModified: http.value(forHTTPHeaderField: "Last-Modified"))
    }
}

/// A link on a page: its resolved address and its text.
struct PageLink: Sendable, Equatable {
    let url: URL
    let text: String
}

enum LinkExtractor {
    static let anchor: NSRegularExpression? = try? NSRegularExpression(
        pattern: "<a\\s[^>]*?href\\s*=\\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</a>",
        options: [.caseInsensitive, .dotMatchesLineSeparators])
    static let tag: NSRegularExpression? = try? NSRegularExpression(pattern: "<[^>]+>")

    /// Every `<a href>` on the page, resolved against the page's URL, with plain link text.
    static func links(in html: String, base: URL) -> [PageLink] {
        guard let anchor else { return [] }
        let ns = html as NSString
        var out: [PageLink] = []
        for match in anchor.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let href = decode(ns.substring(with: match.range(at: 1)))
            var text = ns.substring(with: match.range(at: 2))
            if let tag { text = tag.stringByReplacingMatches(in: text, range: NSRange(location: 0, length: (text as NSString).length), withTemplate: "") }
            text = decode(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            guard let url = URL(string: href, relativeTo: base)?.absoluteURL else { continue }
            out.append(PageLink(url: url, text: text))
        }
        return out
    }

    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = s
        for (entity, value) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#039;", "'"), ("&#39;", "'"),
                                ("&nbsp;", " "), ("&#8211;", "–"), ("&ndash;", "–"), ("&#8217;", "’"), ("&#038;", "&")] {
            out = out.replacingOccurrences(of: entity, with: value)
        }
        return out
    }

    static func matches(_ link: PageLink, _ rule: SourcesFile.LinkRule) -> Bool {
        func test(_ pattern: String?, _ value: String) -> Bool {
            guard let pattern else { return true }
            return value.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
        }
        return test(rule.linkText, link.text) && test(rule.href, link.url.absoluteString)
    }
}
