import CShims
import Foundation
import NOFCore

/// What a published file was built from and what it holds: the site's manifest records one per
/// file, so the next `publish` can skip pages whose inputs did not change and rewrite only files
/// whose bytes did.
public struct PageRecord: Codable, Sendable, Equatable {
    /// A fingerprint of the data the page reads (nofdb's build, the page, the loads behind it).
    public var inputs: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
    /// The page a download belongs to (its CSV and workbook files): carried over with it.
    public var owner: String?

    public init(inputs: String, sha256: String, owner: String? = nil) {
        self.inputs = inputs
        self.sha256 = sha256
        self.owner = owner
    }
}

/// A destination that cannot take a site, said so the user can pick another.
public struct PublishError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Writes a site so that a reader never sees it half-written: every file goes into a staging
/// folder beside the destination, which then takes the destination's place in one atomic step
/// (Linux `renameat2` with RENAME_EXCHANGE; two renames elsewhere). A file whose bytes did not
/// change is linked from the previous site, not rewritten, so its modification time and inode
/// stay. The destination must be new, empty, or a site nofdb published (it is replaced whole).
public final class SiteWriter {
    public static let manifestName = ".nofdb-site.json"

    let destination: URL
    let staging: URL
    let previous: [String: PageRecord]
    private(set) var records: [String: PageRecord] = [:]
    /// Files written anew, and files carried over unchanged.
    public private(set) var written = 0
    public private(set) var unchanged = 0
    /// The paths written anew (relative to the site's root), in the order written.
    public private(set) var writtenPaths: [String] = []

    public init(destination: URL) throws {
        let fm = FileManager.default
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let manifest = self.destination.appendingPathComponent(Self.manifestName)
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: self.destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PublishError("\(self.destination.path) is a file: give a folder for the site (new, empty, or a site nofdb published)")
            }
            let entries = try fm.contentsOfDirectory(atPath: self.destination.path)
            guard entries.isEmpty || fm.fileExists(atPath: manifest.path) else {
                throw PublishError("\(self.destination.path) holds files and is not a site nofdb published (it has no \(Self.manifestName)); publish replaces the whole folder, so give a new or empty folder")
            }
        }
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        Self.removeAbandonedStaging(beside: self.destination)
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).publishing-\(getpid())")
        if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        if let data = try? Data(contentsOf: manifest),
           let decoded = try? JSONDecoder().decode([String: PageRecord].self, from: data) {
            previous = decoded
        } else {
            previous = [:]
        }
    }

    /// Staging folders of runs that died (their process is gone): removed, so they do not pile up.
    static func removeAbandonedStaging(beside destination: URL) {
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent).publishing-"
        guard let names = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let pid = Int32(rest.prefix { $0.isNumber }) ?? 0
            guard pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// True when the previous site has `path`, built from the same inputs, and every file it
    /// owned: `reuse` it instead of building it again.
    public func canReuse(_ path: String, inputs: String) -> Bool {
        guard previous[path]?.inputs == inputs else { return false }
        let fm = FileManager.default
        return ([path] + owned(by: path)).allSatisfy { fm.fileExists(atPath: destination.appendingPathComponent($0).path) }
    }

    /// The previous site's files that belong to the page at `path` (its downloads).
    func owned(by path: String) -> [String] {
        previous.filter { $0.value.owner == path }.map(\.key).sorted()
    }

    /// Carries `path` and the files it owned over from the previous site unchanged.
    public func reuse(_ path: String) throws {
        for file in [path] + owned(by: path) {
            guard let record = previous[file] else { continue }
            try link(file)
            records[file] = record
            unchanged += 1
        }
    }

    /// Writes `path` (relative to the site's root) unless the previous site has the same bytes.
    public func write(_ path: String, _ data: Data, inputs: String, owner: String? = nil) throws {
        let sha = SHA256Hasher.hex(of: data)
        try claim(path, sha: sha, inputs: inputs, owner: owner) { target in
            // Not synced file by file (thousands of fsyncs): `commit` syncs the file system once.
            let status = data.withUnsafeBytes { nofdb_write_file(target.path, $0.baseAddress, $0.count) }
            guard status == 0 else {
                throw PublishError("cannot write \(target.path): \(String(cString: strerror(errno)))")
            }
        }
    }

    public func write(_ path: String, _ text: String, inputs: String, owner: String? = nil) throws {
        try write(path, Data(text.utf8), inputs: inputs, owner: owner)
    }

    /// Writes `path` with `produce`, which writes the file at the URL it is given (a workbook,
    /// a CSV streamed from the database); kept only when its bytes differ from the previous
    /// site's file, which is linked instead otherwise.
    public func write(_ path: String, inputs: String, owner: String? = nil, produce: (URL) throws -> Void) throws {
        let target = stagingURL(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try produce(target)
        try adopt(path, inputs: inputs, owner: owner)
    }

    /// Where `path` is written before the site is swapped into place (for writers that work
    /// on their own, such as the data export's second connection; `adopt` the file after).
    public func stagingURL(_ path: String) -> URL { staging.appendingPathComponent(path) }

    /// Takes a file written at `stagingURL(path)` into the site: kept when its bytes changed,
    /// else replaced by a link to the previous site's identical file.
    public func adopt(_ path: String, inputs: String, owner: String? = nil) throws {
        let target = stagingURL(path)
        let sha = try SHA256Hasher.hex(of: Data(contentsOf: target, options: .alwaysMapped))
        records[path] = PageRecord(inputs: inputs, sha256: sha, owner: owner)
        if previous[path]?.sha256 == sha, FileManager.default.fileExists(atPath: destination.appendingPathComponent(path).path) {
            try FileManager.default.removeItem(at: target)
            try link(path)
            unchanged += 1
            return
        }
        written += 1
        writtenPaths.append(path)
    }

    private func claim(_ path: String, sha: String, inputs: String, owner: String?, write: (URL) throws -> Void) throws {
        records[path] = PageRecord(inputs: inputs, sha256: sha, owner: owner)
        if previous[path]?.sha256 == sha, FileManager.default.fileExists(atPath: destination.appendingPathComponent(path).path) {
            try link(path)
            unchanged += 1
            return
        }
        let target = staging.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try write(target)
        written += 1
        writtenPaths.append(path)
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

    /// Files of the previous site the new one no longer has (an organisation gone, a view dropped).
    public var removed: [String] { previous.keys.filter { records[$0] == nil }.sorted() }

    /// Writes the manifest, flushes the staged files to disk, and puts the staged site in the
    /// destination's place.
    public func commit() throws {
        let fm = FileManager.default
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(records).write(to: staging.appendingPathComponent(Self.manifestName))
        // Every file on disk before the swap: a crash after it never shows empty pages.
        guard nofdb_sync_filesystem(staging.path) == 0 else {
            throw PublishError("cannot flush the site to disk at \(staging.path): \(String(cString: strerror(errno)))")
        }
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
