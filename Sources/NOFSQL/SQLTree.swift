import NOFCore
import Foundation

/// One file of the project's `SQL/` tree, embedded in the binary at build time.
public struct SQLFile: Sendable, Equatable {
    /// Path below `SQL/`, e.g. `logic/dw.refresh_league.sql`.
    public let path: String
    /// The file's text, byte for byte.
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The folder: `migrations`, `logic`, `views`, `reports` or `tests`.
    public var folder: String { path.split(separator: "/").first.map(String.init) ?? "" }

    /// The file name without `.sql`: the object it defines (`dw.refresh_league`), the
    /// migration (`003_facts`), the report (`league-table`) or the rule (`segments_are_1_to_4`).
    public var name: String {
        let last = (path as NSString).lastPathComponent
        return last.hasSuffix(".sql") ? String(last.dropLast(4)) : last
    }

    /// SHA-256 of the text as UTF-8, lower-case hex (what `audit.schema_migration` and
    /// `audit.schema_object` record).
    public var sha256: String { SQLTree.sha256(text) }

    /// Values of `-- key: value` lines in the file's leading comment block, e.g. the
    /// `depends` or `supersedes` of a migration or logic file.
    public func header(_ key: String) -> [String] {
        // Reads line by line and stops at the first line of SQL: the files run to hundreds of
        // lines, and splitting and trimming all of them cost most of a report's start-up.
        var values: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let trimmed = Self.trimmed(rest[..<end])
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
            guard trimmed.hasPrefix("--") else {
                if trimmed.isEmpty { continue }
                break
            }
            let body = Self.trimmed(trimmed.dropFirst(2))
            if body.hasPrefix(key + ":") {
                values.append(String(Self.trimmed(body.dropFirst(key.count + 1))))
            }
        }
        return values
    }

    /// `line` without leading and trailing spaces, tabs and carriage returns.
    static func trimmed(_ line: Substring) -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = line.firstIndex(where: { !blank($0) }), let last = line.lastIndex(where: { !blank($0) }) else { return "" }
        return line[first...last]
    }
}

/// The embedded `SQL/` tree: `migrations/`, `logic/`, `views/`, `reports/` and `tests/`.
public enum SQLTree {
    /// Every embedded file, ordered by path.
    public static let files: [SQLFile] = embeddedSQLFiles.map { SQLFile(path: $0.path, text: $0.text) }

    /// The files of one folder, ordered by path.
    public static func files(in folder: String) -> [SQLFile] {
        files.filter { $0.folder == folder }
    }

    /// SHA-256 of the text as UTF-8, lower-case hex.
    public static func sha256(_ text: String) -> String { SHA256Hasher.hex(of: Data(text.utf8)) }
}
