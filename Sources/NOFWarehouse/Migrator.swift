import Foundation
import NOFPostgres

/// One numbered migration from `SQL/migrations/NNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// The SQL that travels inside the binary.
public enum WarehouseSQL {
    /// Migrations in version order.
    public static var migrations: [Migration] {
        EmbeddedSQL.files.compactMap { file -> Migration? in
            guard file.path.hasPrefix("migrations/") else { return nil }
            let base = file.path.dropFirst("migrations/".count).dropLast(".sql".count)
            let digits = base.prefix { $0.isNumber }
            guard let version = Int(digits) else { return nil }
            let name = base.dropFirst(digits.count).drop { $0 == "_" }
            return Migration(version: version, name: String(name), sql: file.text)
        }.sorted { $0.version < $1.version }
    }

    /// View definitions, in file-name order (the numeric prefix orders dependencies).
    public static var views: [(name: String, sql: String)] {
        EmbeddedSQL.files.filter { $0.path.hasPrefix("views/") }
            .sorted { $0.path < $1.path }
            .map { (String($0.path.dropFirst("views/".count)), $0.text) }
    }
}

/// Why `init` refused to continue, with what to do about it.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// What `nofdb init` did.
public struct MigrationReport: Sendable {
    public var applied: [(version: Int, name: String, milliseconds: Int)] = []
    public var alreadyApplied = 0
    public var viewsRecreated = 0
    public var latestVersion = 0
    /// True when nothing had to be done.
    public var upToDate: Bool { applied.isEmpty && viewsRecreated == 0 }
}

/// Applies pending migrations, each in its own transaction and recorded with a checksum,
/// then (re)creates the public views when their text changed.
public struct Migrator {
    public static let lock = AdvisoryLock("init")
    let connection: Connection
    let migrations: [Migration]
    let views: [(name: String, sql: String)]

    public init(
        connection: Connection, migrations: [Migration] = WarehouseSQL.migrations,
        views: [(name: String, sql: String)] = WarehouseSQL.views
    ) {
        self.connection = connection
        self.migrations = migrations
        self.views = views
    }

    /// Runs every pending migration. Two concurrent runs are safe: they serialise on an
    /// advisory lock and the second finds nothing left to do.
    public func migrate(onWait: () -> Void = {}) throws -> MigrationReport {
        try connection.withAdvisoryLock(Self.lock, onWait: onWait) {
            try bootstrap()
            var report = MigrationReport()
            let applied = try appliedChecksums()
            for migration in migrations {
                let checksum = try self.checksum(migration.sql)
                if let existing = applied[migration.version] {
                    guard existing.checksum == checksum else {
                        throw MigrationError(
                            message: """
                                migration \(String(format: "%03d", migration.version))_\(migration.name) was applied on \(existing.appliedAt) but its text has changed since (checksum \(existing.checksum.prefix(12))… in the database, \(checksum.prefix(12))… in this nofdb).
                                Applied migrations must not be edited: restore the original file and add a new migration with the change.
                                """)
                    }
                    report.alreadyApplied += 1
                    continue
                }
                let started = Date()
                try connection.transaction { db in
                    try db.executeScript(migration.sql)
                    try db.execute(
                        "INSERT INTO audit.schema_migration (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)",
                        [migration.version, migration.name, checksum, Int(Date().timeIntervalSince(started) * 1000)])
                }
                report.applied.append((migration.version, migration.name, Int(Date().timeIntervalSince(started) * 1000)))
            }
            let known = Set(migrations.map(\.version))
            if let unknown = applied.keys.filter({ !known.contains($0) }).max() {
                throw MigrationError(
                    message: "the database has migration \(unknown) applied, which this nofdb does not know: it was initialised by a newer nofdb. Upgrade nofdb.")
            }
            report.latestVersion = migrations.last?.version ?? 0
            report.viewsRecreated = try refreshViews()
            return report
        }
    }

    /// The highest applied migration, or nil when the database was never initialised.
    public static func currentVersion(_ connection: Connection) throws -> Int? {
        let exists = try connection.scalar("SELECT to_regclass('audit.schema_migration') IS NOT NULL")
        guard exists == "t" else { return nil }
        return try connection.scalar("SELECT max(version) FROM audit.schema_migration").flatMap { Int($0) }
    }

    /// Throws a clear message unless every migration this nofdb knows has been applied.
    public static func requireCurrent(_ connection: Connection) throws {
        let latest = WarehouseSQL.migrations.last?.version ?? 0
        let current = try currentVersion(connection)
        guard let current else {
            throw MigrationError(message: "the database \(connection.config) has no nofdb schema yet. Run `nofdb init` first.")
        }
        if current < latest {
            throw MigrationError(
                message: "the database schema is at version \(current) but this nofdb needs \(latest). Run `nofdb init` to apply the pending migrations.")
        }
    }

    private func bootstrap() throws {
        try connection.executeScript(
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

    private func appliedChecksums() throws -> [Int: (checksum: String, appliedAt: String)] {
        var result: [Int: (String, String)] = [:]
        for row in try connection.execute(
            "SELECT version, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI') FROM audit.schema_migration"
        ).rows {
            if let v = try row.int(0) { result[v] = (row.string(1) ?? "", row.string(2) ?? "") }
        }
        return result
    }

    private func checksum(_ text: String) throws -> String {
        try connection.scalar("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [text]) ?? ""
    }

    /// Drops and recreates every view in the public `nof` schema when the view SQL changed.
    /// Returns how many view files were applied (0 when up to date).
    private func refreshViews() throws -> Int {
        guard !views.isEmpty else { return 0 }
        let combined = views.map { "-- \($0.name)\n\($0.sql)" }.joined(separator: "\n")
        let checksum = try self.checksum(combined)
        let current = try connection.scalar("SELECT checksum FROM audit.schema_object WHERE name = 'views'")
        if current == checksum { return 0 }
        try connection.transaction { db in
            // Drop what exists (views and functions we own in nof), then create all anew.
            // Dropping individual objects keeps the schema, so default privileges granted to
            // reader roles survive.
            let existing = try db.query(
                "SELECT format('%I.%I', schemaname, viewname) FROM pg_views WHERE schemaname = 'nof'"
            ) { $0.string(0) ?? "" }
            for view in existing where !view.isEmpty {
                try db.execute("DROP VIEW IF EXISTS \(view) CASCADE")
            }
            for view in views {
                do {
                    try db.executeScript(view.sql)
                } catch var error as PostgresError {
                    error.message = "in SQL/views/\(view.name): \(error.message)"
                    throw error
                }
            }
            try db.execute(
                """
                INSERT INTO audit.schema_object (name, checksum) VALUES ('views', $1)
                ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()
                """, [checksum])
            // Reader roles granted earlier get SELECT on the new views too.
            let readers = try db.query("SELECT role_name FROM audit.reader_role") { $0.string(0) ?? "" }
            for reader in readers where !reader.isEmpty {
                try db.execute("GRANT SELECT ON ALL TABLES IN SCHEMA nof TO \(Connection.quoteIdentifier(reader))")
            }
        }
        return views.count
    }
}
