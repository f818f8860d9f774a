import Foundation


/// The manifest `nofdb sample` writes beside its files (`.nofdb-sample`: one `SHA-256  path`
/// line per file). A file whose bytes it lists is synthetic: what nofdb loads from it is marked
/// sample data (`nof.load_history.sample`), and every report says so.
public enum SampleManifest {
    /// The manifest's file name (hidden, so loading the folder does not list it as skipped).
    public static let fileName = ".nofdb-sample"

    /// Writes the manifest for `files` into `directory`.
    public static func write(files: [URL], in directory: URL) throws {
        var lines = [
            "# nofdb sample data: synthetic figures in NHS England's published formats, made by `nofdb sample`.",
            "# They are not NHS England's statistics. nofdb marks whatever it loads from these files as sample data.",
        ]
        let base = directory.standardizedFileURL.path
        for file in files {
            let data = try Data(contentsOf: file)
            var path = file.standardizedFileURL.path
            if path.hasPrefix(base + "/") { path = String(path.dropFirst(base.count + 1)) }
            lines.append("\(SHA256Hasher.hex(of: data))  \(path)")
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent(fileName))
    }

    /// True when a manifest in the file's folder or one of the three above it lists these bytes.
    public static func lists(_ file: URL, sha256: String) -> Bool {
        var folder = file.standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<4 {
            if hashes(in: folder).contains(sha256) { return true }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return false
    }

    /// The hashes a folder's manifest lists (none when it has no manifest or it cannot be read).
    static func hashes(in folder: URL) -> Set<String> {
        let url = folder.appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var hashes = Set<String>()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            if let hash = line.split(separator: " ").first, hash.count == 64 { hashes.insert(String(hash)) }
        }
        return hashes
    }
}
