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

    /// Qualified names (`dw.x`, `nof.y`) the SQL mentions outside `--` comments and string
    /// literals (a COMMENT's text may name other views without depending on them).
    static func references(in sql: String) -> Set<String> {
        var found = Set<String>()
        let chars = Array(sql.utf8)
        let quote = UInt8(ascii: "'"), dash = UInt8(ascii: "-"), newline = UInt8(ascii: "\n")
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == quote {
                // Skip the literal ('' is an escaped quote inside it).
                var j = i + 1
                while j < chars.count {
                    if chars[j] == quote {
                        if j + 1 < chars.count, chars[j + 1] == quote { j += 2; continue }
                        break
                    }
                    j += 1
                }
                i = j + 1
                continue
            }
            if c == dash, i + 1 < chars.count, chars[i + 1] == dash {
                while i < chars.count, chars[i] != newline { i += 1 }
                continue
            }
            // Start of an identifier that is not part of a longer one.
            let isStart = i == 0 || !(isIdentifierByte(chars[i - 1]) || chars[i - 1] == UInt8(ascii: "."))
            if isStart, let dot = prefixSchema(chars, i) {
                var j = dot + 1
                while j < chars.count, isIdentifierByte(chars[j]) { j += 1 }
                if j > dot + 1 {
                    found.insert(String(decoding: chars[i..<j], as: UTF8.self).lowercased())
                }
                i = j
                continue
            }
            i += 1
        }
        return found
    }

    private static func prefixSchema(_ chars: [UInt8], _ i: Int) -> Int? {
        for schema in ["dw.", "nof.", "audit.", "staging."] {
            let bytes = Array(schema.utf8)
            if i + bytes.count <= chars.count, Array(chars[i..<(i + bytes.count)]).map({ $0 | 0x20 }) == bytes.map({ $0 | 0x20 }) {
                return i + bytes.count - 1
            }
        }
        return nil
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }

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

/// Why `init` refused to continue, with what to do about it.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// What `nofdb init` did.
public struct MigrationReport: Sendable {
    public var applied: [(version: Int, name: String, milliseconds: Int)] = []
    /// Migrations recorded with an earlier text they supersede, now recorded with the new one.
    public var rebaselined: [String] = []
    public var alreadyApplied = 0
    /// Logic files (re)applied because they are new or their checksum changed.
    public var logicApplied: [String] = []
    /// Logic objects dropped because their file is gone.
    public var logicRemoved: [String] = []
    public var viewsRecreated = 0
    /// What setting up the query sandbox did or could not do (dw.secure_query_sandbox).
    public var sandboxNotes: [String] = []
    /// Dataset-months whose marts were rebuilt after the change (nil: no rebuild needed).
    public var martsRebuilt: Int?
    public var rebuildMilliseconds = 0
    public var latestVersion = 0
    /// True when nothing had to be done.
    public var upToDate: Bool {
        applied.isEmpty && rebaselined.isEmpty && logicApplied.isEmpty && logicRemoved.isEmpty && viewsRecreated == 0
    }
}

/// Brings a database to the embedded `SQL/` tree, in one transaction: pending migrations (each
/// recorded with its checksum), then logic files whose checksum changed, then the views when
/// any of them (or anything under them) changed, then a rebuild of derived tables and marts.
public struct Migrator {
    public static let lock = AdvisoryLock("init")
    let connection: Connection!
    let migrations: [Migration]
    let logic: [SchemaObject]
    let views: [SchemaObject]

    public init(
        connection: Connection?, migrations: [Migration] = WarehouseSQL.migrations,
        logic: [SchemaObject] = WarehouseSQL.logic, views: [SchemaObject] = WarehouseSQL.views
    ) {
        self.connection = connection
        self.migrations = migrations
        self.logic = logic
        self.views = views
    }

    /// The checksum of the embedded tree, recorded once a database matches it. Computed from
    /// the files alone, without ordering the objects by their dependencies (which every
    /// command's start-up would otherwise pay for): the checksum does not depend on order.
    public static let embeddedTreeChecksum: String = treeChecksum(
        migrations: WarehouseSQL.migrations,
        objects: (SQLTree.files(in: "logic") + SQLTree.files(in: "views")).map { ($0.path, $0.sha256) })

    /// The checksum recorded once a database matches these files (see `requireCurrent`).
    var treeChecksum: String {
        Self.treeChecksum(migrations: migrations, objects: (logic + views).map { ($0.key, $0.checksum) })
    }

    /// SHA-256 of one line per migration (`m<version> <checksum>`) and per function or view
    /// file (`<path below SQL/> <checksum>`), sorted.
    static func treeChecksum(migrations: [Migration], objects: [(key: String, checksum: String)]) -> String {
        let parts = migrations.map { "m\($0.version) \($0.checksum)" } + objects.map { "\($0.key) \($0.checksum)" }
        return SQLTree.sha256(parts.sorted().joined(separator: "\n"))
    }

    /// Brings the database up to date. Two concurrent runs are safe: they serialise on an
    /// advisory lock and the second finds nothing left to do. Nothing is half-applied: any
    /// error rolls the whole run back.
    public func migrate(onWait: () -> Void = {}) throws -> MigrationReport {
        try connection.withAdvisoryLock(Self.lock, onWait: onWait) {
            try connection.transaction { db in try migrate(db) }
        }
    }

    private func migrate(_ db: Connection) throws -> MigrationReport {
        // A dependency cycle among the files is a mistake in the tree: say where.
        _ = try WarehouseSQL.dependencyOrder(logic)
        _ = try WarehouseSQL.dependencyOrder(views)
        try bootstrap(db)
        var report = MigrationReport()
        report.latestVersion = migrations.last?.version ?? 0
        let appliedMigrations = try appliedChecksums(db)
        var recorded = try recordedObjects(db)
        let known = Set(migrations.map(\.version))
        if let unknown = appliedMigrations.keys.filter({ !known.contains($0) }).max() {
            throw MigrationError(
                message: "the database has migration \(unknown) applied, which this nofdb does not know: it was initialised by a newer nofdb. Upgrade nofdb.")
        }

        // Logic is created without checking function bodies (as pg_dump restores do), so a
        // function may name a table, view or function created later in the run.
        try db.execute("SET LOCAL check_function_bodies = off")
        let logicByName = Dictionary(logic.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var appliedLogic = Set<String>()
        func applyLogic(_ object: SchemaObject) throws {
            guard !appliedLogic.contains(object.name) else { return }
            appliedLogic.insert(object.name)
            for dependency in object.dependencies { if let d = logicByName[dependency] { try applyLogic(d) } }
            guard recorded[object.key] != object.checksum else { return }
            try run(db, object.sql, in: object.key)
            try record(db, object.key, object.checksum)
            recorded[object.key] = object.checksum
            report.logicApplied.append(object.name)
        }

        // 1. Migrations, each after the logic it declares it needs. When any is pending the
        // views go first, so a migration may change or replace a table a view reads.
        if migrations.contains(where: { appliedMigrations[$0.version] == nil }) {
            try dropViews(db, recorded: recorded)
        }
        for migration in migrations {
            if let existing = appliedMigrations[migration.version] {
                if existing.checksum == migration.checksum {
                    report.alreadyApplied += 1
                    continue
                }
                if migration.supersedes.contains(existing.checksum) {
                    try db.execute(
                        "UPDATE audit.schema_migration SET name = $2, checksum = $3 WHERE version = $1",
                        [migration.version, migration.name, migration.checksum])
                    report.rebaselined.append(migration.label)
                    continue
                }
                throw MigrationError(
                    message: """
                        migration \(migration.label) was applied on \(existing.appliedAt) but its text has changed since (checksum \(existing.checksum.prefix(12))… in the database, \(migration.checksum.prefix(12))… in this nofdb).
                        Applied migrations must not be edited: restore the original file and add a new migration with the change.
                        """)
            }
            for name in migration.depends {
                guard let object = logicByName[name] else {
                    throw MigrationError(message: "SQL/migrations/\(migration.label).sql depends on \(name), which is not a file in SQL/logic")
                }
                try applyLogic(object)
            }
            let started = Date()
            try run(db, migration.sql, in: "migrations/\(migration.label).sql")
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            try db.execute(
                "INSERT INTO audit.schema_migration (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)",
                [migration.version, migration.name, migration.checksum, ms])
            report.applied.append((migration.version, migration.name, ms))
        }

        // 2. Which objects changed, decided before anything is dropped.
        let logicChanged = logic.contains { recorded[$0.key] != $0.checksum && !appliedLogic.contains($0.name) }
        let logicGone = recorded.keys.filter { $0.hasPrefix("logic/") && !logic.map(\.key).contains($0) }.sorted()
        let viewKeys = Set(views.map(\.key))
        let viewsChanged = views.contains { recorded[$0.key] != $0.checksum }
            || recorded.keys.contains { $0.hasPrefix("views/") && !viewKeys.contains($0) }
        let dwViewsChanged = views.contains { $0.schema == "dw" && recorded[$0.key] != $0.checksum }
        let schemaChanged = !report.applied.isEmpty || !report.rebaselined.isEmpty || !report.logicApplied.isEmpty
        let recreateViews = viewsChanged || logicChanged || !logicGone.isEmpty || schemaChanged

        // 3. Views go first, so functions they use can be replaced or dropped.
        if recreateViews { try dropViews(db, recorded: recorded) }

        // 4. Logic files whose checksum changed, in dependency order; then objects whose file is gone.
        for object in logic { try applyLogic(object) }
        for key in logicGone {
            let name = String(key.dropFirst("logic/".count).dropLast(".sql".count))
            let parts = name.split(separator: ".").map(String.init)
            if parts.count == 2 {
                let signatures = try db.query(
                    """
                    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                     WHERE n.nspname = $1 AND p.proname = $2
                    """, [parts[0], parts[1]]) { $0.string(0) ?? "" }
                for signature in signatures where !signature.isEmpty {
                    try run(db, "DROP \(try kindOfRoutine(db, signature)) \(signature)", in: key)
                }
            }
            try db.execute("DELETE FROM audit.schema_object WHERE name = $1", [key])
            report.logicRemoved.append(name)
        }

        // 5. Views, in dependency order.
        if recreateViews {
            for view in views {
                try run(db, view.sql, in: view.key)
                try record(db, view.key, view.checksum)
            }
            try db.execute("DELETE FROM audit.schema_object WHERE name LIKE 'views/%' AND NOT (name = ANY ($1::text[]))",
                           ["{" + views.map { "\"\($0.key)\"" }.joined(separator: ",") + "}"])
            report.viewsRecreated = views.count
            // Reader roles granted earlier get SELECT on the new views too.
            let readers = try db.query("SELECT role_name FROM audit.reader_role") { $0.string(0) ?? "" }
            for reader in readers where !reader.isEmpty {
                try db.execute("GRANT SELECT ON ALL TABLES IN SCHEMA nof TO \(Connection.quoteIdentifier(reader))")
            }
        }

        // 6. Derived tables and marts, when anything that computes them changed.
        if schemaChanged || !report.logicApplied.isEmpty || dwViewsChanged || !logicGone.isEmpty {
            let started = Date()
            let rebuilt = try db.scalar("SELECT dw.after_schema_change()").flatMap { Int($0) } ?? 0
            report.martsRebuilt = rebuilt
            report.rebuildMilliseconds = Int(Date().timeIntervalSince(started) * 1000)
        }
        // 7. The nofdb query sandbox role and its grants (idempotent; the views may be new).
        report.sandboxNotes = try db.query("SELECT unnest(dw.secure_query_sandbox())") { $0.string(0) ?? "" }
        try record(db, "tree", treeChecksum)
        return report
    }

    private func kindOfRoutine(_ db: Connection, _ signature: String) throws -> String {
        try db.scalar("SELECT CASE prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END FROM pg_proc WHERE oid = $1::regprocedure", [signature]) ?? "FUNCTION"
    }

    /// Drops every view nofdb manages, in one statement (so their order does not matter). A
    /// view of someone else's that depends on one of them stops the run with its name.
    private func dropViews(_ db: Connection, recorded: [String: String]) throws {
        let dwNames = Set(views.filter { $0.schema == "dw" }.map(\.name)
            + recorded.keys.filter { $0.hasPrefix("views/dw.") }.map { String($0.dropFirst("views/".count).dropLast(4)) })
        let existing = try db.query(
            "SELECT format('%I.%I', schemaname, viewname), schemaname || '.' || viewname FROM pg_views WHERE schemaname IN ('nof', 'dw')"
        ) { ($0.string(0) ?? "", $0.string(1) ?? "") }
        let drop = existing.filter { $0.1.hasPrefix("nof.") || dwNames.contains($0.1) }.map(\.0)
        guard !drop.isEmpty else { return }
        do {
            try db.execute("DROP VIEW IF EXISTS \(drop.joined(separator: ", "))")
        } catch let error as PostgresError where error.sqlState == "2BP01" {
            throw MigrationError(message: """
                nofdb must recreate its views, but objects outside nofdb depend on them: \(error.detail ?? error.message)
                Drop those objects (keep their definitions), run nofdb init, then create them again.
                """)
        }
    }

    /// Runs one file's SQL, naming the file in any error.
    private func run(_ db: Connection, _ sql: String, in path: String) throws {
        do {
            try db.executeScript(sql)
        } catch var error as PostgresError {
            error.message = "in SQL/\(path): \(error.message)"
            throw error
        }
    }

    private func record(_ db: Connection, _ key: String, _ checksum: String) throws {
        try db.execute(
            """
            INSERT INTO audit.schema_object (name, checksum) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()
            """, [key, checksum])
    }

    /// The highest applied migration, or nil when the database was never initialised.
    public static func currentVersion(_ connection: Connection) throws -> Int? {
        let exists = try connection.scalar("SELECT to_regclass('audit.schema_migration') IS NOT NULL")
        guard exists == "t" else { return nil }
        return try connection.scalar("SELECT max(version) FROM audit.schema_migration").flatMap { Int($0) }
    }

    /// Throws a clear message unless the database matches this nofdb's SQL tree exactly.
    public static func requireCurrent(_ connection: Connection) throws {
        let latest = WarehouseSQL.migrations.last?.version ?? 0
        guard let current = try currentVersion(connection) else {
            throw MigrationError(message: "the database \(connection.config) has no nofdb schema yet. Run `nofdb init` first.")
        }
        if current < latest {
            throw MigrationError(
                message: "the database schema is at version \(current) but this nofdb needs \(latest). Run `nofdb init` to apply the pending migrations.")
        }
        let recorded = try connection.scalar("SELECT checksum FROM audit.schema_object WHERE name = 'tree'")
        if recorded != embeddedTreeChecksum {
            throw MigrationError(
                message: "the warehouse's SQL (functions and views) differs from this nofdb's. Run `nofdb init` with this nofdb to apply it.")
        }
    }

    private func bootstrap(_ db: Connection) throws {
        try db.executeScript(
            """
            CREATE SCHEMA IF NOT EXISTS audit;
            COMMENT ON SCHEMA audit IS 'nofdb internals: migrations, load log, rejects, sync log. Not for BI tools.';
            CREATE TABLE IF NOT EXISTS audit.schema_migration (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now(),
                duration_ms integer
            );
            CREATE TABLE IF NOT EXISTS audit.schema_object (
                name       text PRIMARY KEY,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """)
    }

    private func appliedChecksums(_ db: Connection) throws -> [Int: (checksum: String, appliedAt: String)] {
        var result: [Int: (String, String)] = [:]
        for row in try db.execute(
            "SELECT version, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI') FROM audit.schema_migration"
        ).rows {
            if let v = try row.int(0) { result[v] = (row.string(1) ?? "", row.string(2) ?? "") }
        }
        return result
    }

    private func recordedObjects(_ db: Connection) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try db.execute("SELECT name, checksum FROM audit.schema_object").rows {
            if let name = row.string(0) { result[name] = row.string(1) ?? "" }
        }
        return result
    }
}
