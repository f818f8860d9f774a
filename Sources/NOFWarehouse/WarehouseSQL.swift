import Foundation
import NOFPostgres
import NOFSQL

/// One numbered migration from `SQL/migrations/NNN_name.sql`: tables, partitions, types,
/// grants and seed data, applied once and checksummed.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// Checksums of earlier texts of this migration that a database may have recorded and
    /// that leave it in the same state (`-- supersedes:` lines), e.g. release 0.1.0's files,
    /// which also held functions that are logic files now.
    public let supersedes: [String]
    /// Logic objects the migration needs before it runs (`-- depends:` lines), e.g. a
    /// function a generated column calls.
    public let depends: [String]

    public init(version: Int, name: String, sql: String, supersedes: [String] = [], depends: [String] = []) {
        self.version = version
        self.name = name
        self.sql = sql
        self.supersedes = supersedes
        self.depends = depends
    }

    public var label: String { String(format: "%03d", version) + "_" + name }
    public var checksum: String { SQLTree.sha256(sql) }
}

/// A function or view of `SQL/logic` or `SQL/views`: one object per file, named
/// `schema.object.sql`, applied again whenever the file's checksum changes.
public struct SchemaObject: Sendable, Equatable {
    public enum Kind: String, Sendable { case logic, view }
    public let kind: Kind
    /// `dw.refresh_league`.
    public let name: String
    public let sql: String
    /// Other objects of the same kind it must follow: declared (`-- depends:`) and found in
    /// its text (a reference to another file's object name outside comments).
    public var dependencies: [String] = []

    public init(kind: Kind, name: String, sql: String) {
        self.kind = kind
        self.name = name
        self.sql = sql
    }

    /// The key recorded in `audit.schema_object`: the file's path below `SQL/`.
    public var key: String { (kind == .logic ? "logic/" : "views/") + name + ".sql" }
    public var checksum: String { SQLTree.sha256(sql) }
    public var schema: String { String(name.split(separator: ".").first ?? "") }
    public var objectName: String { String(name.split(separator: ".").dropFirst().first ?? "") }
}

/// The SQL that travels inside the binary, read from the embedded `SQL/` tree.
public enum WarehouseSQL {
    /// Migrations in version order (read from the embedded files once per process, as are
    /// `logic` and `views`: every command's start checks the database against them).
    public static let migrations: [Migration] = {
        SQLTree.files(in: "migrations").compactMap { file -> Migration? in
            let digits = file.name.prefix { $0.isNumber }
            guard let version = Int(digits) else { return nil }
            let name = file.name.dropFirst(digits.count).drop { $0 == "_" }
            return Migration(
                version: version, name: String(name), sql: file.text,
                supersedes: file.header("supersedes").compactMap { $0.split(separator: " ").first.map(String.init) },
                depends: file.header("depends").flatMap(Self.names))
        }.sorted { $0.version < $1.version }
    }()

    /// Functions and procedures, in dependency order.
    public static let logic: [SchemaObject] = objects(.logic)

    /// Views (public `nof` views and internal `dw` ones), in dependency order.
    public static let views: [SchemaObject] = objects(.view)

    static func objects(_ kind: SchemaObject.Kind) -> [SchemaObject] {
        let files = SQLTree.files(in: kind == .logic ? "logic" : "views")
        var objects = files.map { SchemaObject(kind: kind, name: $0.name, sql: $0.text) }
        let known = Set(objects.map(\.name))
        for i in objects.indices {
            let declared = files[i].header("depends").flatMap(Self.names)
            let found = references(in: objects[i].sql).filter { known.contains($0) }
            objects[i].dependencies = Array(Set(declared + found).subtracting([objects[i].name])).sorted()
        }
        return (try? dependencyOrder(objects)) ?? objects
    }

    /// `dw.a, dw.b (why)` → ["dw.a", "dw.b"].
    static func names(_ header: String) -> [String] {
        let beforeNote = header.split(separator: "(").first.map(String.init) ?? header
        return beforeNote.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Qualified names (`dw.x`, `nof.y`, `audit.…`, `staging.…`) the SQL mentions outside
    /// comments and string literals (a COMMENT's text may name other views without depending
    /// on them); inside dollar-quoted function bodies too.
    static func references(in sql: String) -> Set<String> {
        var found = Set<String>()
        let tokens = SQLTokenizer.tokens(sql)
        for (i, token) in tokens.enumerated() {
            if token.kind == .dollarQuoted, let open = token.text.dropFirst().firstIndex(of: "$") {
                let tag = token.text[...open]
                let body = token.text.dropFirst(tag.count).dropLast(token.closed ? tag.count : 0)
                found.formUnion(references(in: String(body)))
                continue
            }
            guard token.kind == .word, schemas.contains(token.text.lowercased()), i + 2 < tokens.count,
                  tokens[i + 1].kind == .symbol, tokens[i + 1].text == ".", tokens[i + 2].kind == .word,
                  i == 0 || !(tokens[i - 1].kind == .symbol && tokens[i - 1].text == ".")
            else { continue }
            found.insert(token.text.lowercased() + "." + tokens[i + 2].text.lowercased())
        }
        return found
    }

    private static let schemas: Set<String> = ["dw", "nof", "audit", "staging"]

    /// Orders objects so each comes after those it depends on (alphabetical otherwise).
    public static func dependencyOrder(_ objects: [SchemaObject]) throws -> [SchemaObject] {
        var byName: [String: SchemaObject] = [:]
        for object in objects { byName[object.name] = object }
        var ordered: [SchemaObject] = []
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ name: String, _ path: [String]) throws {
            guard let object = byName[name] else { return }
            if state[name] == 2 { return }
            if state[name] == 1 {
                throw MigrationError(message: "SQL/\(object.kind == .logic ? "logic" : "views"): dependency cycle \((path + [name]).joined(separator: " → "))")
            }
            state[name] = 1
            for dependency in object.dependencies { try visit(dependency, path + [name]) }
            state[name] = 2
            ordered.append(object)
        }
        for name in objects.map(\.name).sorted() { try visit(name, []) }
        return ordered
    }
}

