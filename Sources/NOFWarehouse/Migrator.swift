import Foundation
import NOFPostgres
import NOFSQL

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
                        "UPDATE audit.schema_migration SET name = \(migration.name), checksum = \(migration.checksum) WHERE version = \(Int32(migration.version))")
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
                """
                INSERT INTO audit.schema_migration (version, name, checksum, duration_ms)
                VALUES (\(Int32(migration.version)), \(migration.name), \(migration.checksum), \(Int32(clamping: ms)))
                """)
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
                let routines = try db.query(
                    """
                    SELECT p.oid::regprocedure::text AS signature,
                           CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END AS kind
                      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                     WHERE n.nspname = \(parts[0]) AND p.proname = \(parts[1])
                    """, as: Routine.self)
                for routine in routines {
                    // A regprocedure's text is the server's own quoted signature, not user input.
                    try run(db, "DROP \(routine.kind) \(routine.signature)", in: key)
                }
            }
            try db.execute("DELETE FROM audit.schema_object WHERE name = \(key)")
            report.logicRemoved.append(name)
        }

        // 5. Views, in dependency order.
        if recreateViews {
            for view in views {
                try run(db, view.sql, in: view.key)
                try record(db, view.key, view.checksum)
            }
            try db.execute("DELETE FROM audit.schema_object WHERE name LIKE 'views/%' AND NOT (name = ANY (\(views.map { $0.key })))")
            report.viewsRecreated = views.count
            // Reader roles granted earlier get SELECT on the new views too.
            let readers = try db.query("SELECT role_name FROM audit.reader_role") { try $0.decode("role_name", as: String.self) }
            for reader in readers {
                try db.execute("GRANT SELECT ON ALL TABLES IN SCHEMA nof TO \(identifier: reader)")
            }
        }

        // 6. Derived tables and marts, when anything that computes them changed.
        if schemaChanged || !report.logicApplied.isEmpty || dwViewsChanged || !logicGone.isEmpty {
            let started = Date()
            report.martsRebuilt = try db.value("SELECT dw.after_schema_change()::bigint AS rebuilt", as: Int.self)
            report.rebuildMilliseconds = Int(Date().timeIntervalSince(started) * 1000)
        }
        // 7. The nofdb query sandbox role and its grants (idempotent; the views may be new).
        report.sandboxNotes = try db.query("SELECT unnest(dw.secure_query_sandbox()) AS note") { try $0.decode("note", as: String.self) }
        try record(db, "tree", treeChecksum)
        return report
    }

    /// Drops every view nofdb manages, in one statement (so their order does not matter). A
    /// view of someone else's that depends on one of them stops the run with its name.
    private func dropViews(_ db: Connection, recorded: [String: String]) throws {
        let dwNames = Set(views.filter { $0.schema == "dw" }.map(\.name)
            + recorded.keys.filter { $0.hasPrefix("views/dw.") }.map { String($0.dropFirst("views/".count).dropLast(4)) })
        let existing = try db.query(
            "SELECT schemaname::text AS schema, viewname::text AS name FROM pg_views WHERE schemaname IN ('nof', 'dw')", as: QualifiedName.self)
        let drop = existing.filter { $0.schema == "nof" || dwNames.contains("\($0.schema).\($0.name)") }
        guard !drop.isEmpty else { return }
        do {
            try db.execute("DROP VIEW IF EXISTS \(SQLQuery.joined(drop.map { "\(identifier: $0.name, in: $0.schema)" }, separator: ", "))")
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
            INSERT INTO audit.schema_object (name, checksum) VALUES (\(key), \(checksum))
            ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()
            """)
    }

    /// The highest applied migration, or nil when the database was never initialised.
    public static func currentVersion(_ connection: Connection) throws -> Int? {
        let exists = try connection.value("SELECT to_regclass('audit.schema_migration') IS NOT NULL AS exists", as: Bool.self)
        guard exists else { return nil }
        return try connection.value("SELECT max(version) AS version FROM audit.schema_migration", as: Int?.self)
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
        let recorded = try connection.firstValue("SELECT checksum FROM audit.schema_object WHERE name = 'tree'", as: String.self)
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
            "SELECT version, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI') AS applied_at FROM audit.schema_migration"
        ).rows {
            result[try row.decode("version")] = (try row.decode("checksum"), try row.decode("applied_at"))
        }
        return result
    }

    private func recordedObjects(_ db: Connection) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try db.execute("SELECT name, checksum FROM audit.schema_object").rows {
            result[try row.decode("name")] = try row.decode("checksum")
        }
        return result
    }
}

/// A function or procedure found in the catalog, to drop by its signature.
private struct Routine: Decodable {
    let signature: String
    let kind: String
}

/// A schema-qualified object name read from the catalog.
private struct QualifiedName: Decodable {
    let schema: String
    let name: String
}
