import Foundation
import NOFPostgres
import NOFPublish
import Synchronization
import Testing
import TestSupport

/// The site `nofdb publish` writes for the real files (every NHS England file in the shared
/// set and the ODS trusts and successor files), published once for the tests that read it.
final class PublishedSite: Sendable {
    let fixture: RealDataFixture
    let root: URL
    let summary: PublishSummary

    private init(fixture: RealDataFixture, root: URL, summary: PublishSummary) {
        self.fixture = fixture
        self.root = root
        self.summary = summary
    }

    private static let shared = Mutex<PublishedSite?>(nil)

    static func get() throws -> PublishedSite {
        try shared.withLock { site in
            if let site { return site }
            let fixture = try RealDataFixture.get()
            let root = try TestEnvironment.temporaryDirectory("site").appendingPathComponent("site")
            let summary = try SitePublisher(connection: try fixture.db.connect()).publish(to: root)
            let made = PublishedSite(fixture: fixture, root: root, summary: summary)
            site = made
            return made
        }
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// The site's folder copied as hard links, for tests that add files to it.
    func linkedCopy() throws -> PublishedCopy {
        let copy = try TestEnvironment.temporaryDirectory("site-copy").appendingPathComponent("site")
        let result = try runProgram(URL(fileURLWithPath: "/bin/cp"), ["-al", root.path, copy.path])
        guard result.status == 0 else { throw TestSetupError("cp -al \(root.path): \(result.stderr)") }
        return PublishedCopy(root: copy)
    }

    func text(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    /// Every file of the site, relative to its root.
    func files() throws -> [String] {
        let base = root.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [String] = []
        for case let file as URL in walker where (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            out.append(String(file.standardizedFileURL.path.dropFirst(base.count)))
        }
        return out.sorted()
    }
}

/// A copy of the published site that a test may add files to.
struct PublishedCopy {
    let root: URL
    func url(_ path: String) -> URL { root.appendingPathComponent(path) }
    func text(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }
}

/// A CSV download as rows of fields (RFC 4180; a leading byte-order mark dropped).
func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    chars.append("\n")
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\n" || c == "\r\n" {
            row.append(field); field = ""
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        } else if c != "\r" {
            field.append(c)
        }
        i += 1
    }
    return rows
}
