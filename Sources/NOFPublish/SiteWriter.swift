import CShims
import Foundation
import NOFCore

/// What a published page was built from and what it holds: the site's manifest records one per
/// file, so the next `publish` can skip pages whose inputs did not change and rewrite only files
/// whose bytes did.
public struct PageRecord: Codable, Sendable, Equatable {
    /// A fingerprint of the data the page reads (nofdb's version, the page, the loads behind it).
    public var inputs: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
}

/// Writes a site so that a reader never sees it half-written: every file goes into a staging
/// folder beside the destination, which then takes the destination's place in one atomic step
/// (Linux `renameat2` with RENAME_EXCHANGE; two renames elsewhere). A file whose bytes did not
/// change is linked from the previous site, not rewritten, so its modification time stays.
public final class SiteWriter {
    public static let manifestName = ".nofdb-site.json"

    let destination: URL
    let staging: URL
    let previous: [String: PageRecord]
    private(set) var records: [String: PageRecord] = [:]
    /// Files written anew, and files carried over unchanged.
    public private(set) var written = 0
    public private(set) var unchanged = 0

    public init(destination: URL) throws {
        let fm = FileManager.default
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).publishing-\(getpid())")
        if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        let manifest = self.destination.appendingPathComponent(Self.manifestName)
        if let data = try? Data(contentsOf: manifest),
           let decoded = try? JSONDecoder().decode([String: PageRecord].self, from: data) {
            previous = decoded
        } else {
            previous = [:]
        }
    }

    /// True when the previous site has `path`, built from the same inputs: `reuse` it instead
    /// of building it again.
    public func canReuse(_ path: String, inputs: String) -> Bool {
        guard previous[path]?.inputs == inputs else { return false }
        return FileManager.default.fileExists(atPath: destination.appendingPathComponent(path).path)
    }

    /// Carries `path` over from the previous site unchanged.
    public func reuse(_ path: String) throws {
        guard let record = previous[path] else { return }
        try link(path)
        records[path] = record
        unchanged += 1
    }

    /// Writes `path` (relative to the site root) unless the previous site has the same bytes.
    public func write(_ path: String, _ data: Data, inputs: String) throws {
        let sha = SHA256Hasher.hex(of: data)
        records[path] = PageRecord(inputs: inputs, sha256: sha)
        if previous[path]?.sha256 == sha, FileManager.default.fileExists(atPath: destination.appendingPathComponent(path).path) {
            try link(path)
            unchanged += 1
            return
        }
        let target = staging.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        written += 1
    }

    public func write(_ path: String, _ text: String, inputs: String) throws {
        try write(path, Data(text.utf8), inputs: inputs)
    }

    /// The previous site's file, hard-linked into the staging folder (copied where links fail).
    private func link(_ path: String) throws {
        let fm = FileManager.default
        let source = destination.appendingPathComponent(path)
        let target = staging.appendingPathComponent(path)
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if (try? fm.linkItem(at: source, to: target)) == nil {
            try fm.copyItem(at: source, to: target)
        }
    }

    /// Writes the manifest and puts the staged site in the destination's place.
    public func commit() throws {
        let fm = FileManager.default
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(records).write(to: staging.appendingPathComponent(Self.manifestName))
        if !fm.fileExists(atPath: destination.path) {
            try fm.moveItem(at: staging, to: destination)
            return
        }
        if nofdb_exchange_paths(staging.path, destination.path) != 0 {
            // No atomic exchange here: the shortest gap two renames allow.
            let old = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + "-old")
            try fm.moveItem(at: destination, to: old)
            try fm.moveItem(at: staging, to: destination)
            try fm.removeItem(at: old)
            return
        }
        // The staging path now holds the previous site.
        try fm.removeItem(at: staging)
    }

    /// Removes the staging folder; the destination is untouched.
    public func abort() {
        try? FileManager.default.removeItem(at: staging)
    }
}
