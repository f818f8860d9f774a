import Foundation
import NOFPostgres
import NOFWarehouse
import Testing
import TestSupport

@Suite("migrations and nofdb init")
struct MigrationTests {
    @Test("init applies every migration once; the second run is a no-op and says so")
    func initTwice() throws {
        try withTestDatabase(migrated: false) { db in
            let first = try runNofdb(["init", "--database-url", db.conninfo])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("applied migration 001_foundation"))
            let second = try runNofdb(["init", "--database-url", db.conninfo])
            #expect(second.status == 0)
            #expect(second.stdout.contains("up to date"))
            #expect(!second.stdout.contains("applied migration"))
            let c = try db.connect()
            let count = try c.value("SELECT count(*) AS n FROM audit.schema_migration", as: Int.self)
            #expect(count == WarehouseSQL.migrations.count)
        }
    }

    @Test("an applied migration whose text changed is refused with a clear message")
    func changedMigration() throws {
        try withTestDatabase(migrated: true) { db in
            let c = try db.connect()
            var migrations = WarehouseSQL.migrations
            let original = migrations[1]
            migrations[1] = Migration(version: original.version, name: original.name, sql: original.sql + "\n-- edited\n")
            let error = #expect(throws: MigrationError.self) {
                try Migrator(connection: c, migrations: migrations).migrate()
            }
            #expect(error?.message.contains("002_dimensions") == true)
            #expect(error?.message.contains("has changed") == true)
        }
    }

    @Test("a failing migration is rolled back and not recorded")
    func failingMigration() throws {
        try withTestDatabase(migrated: true) { db in
            let c = try db.connect()
            let bad = Migration(version: 999, name: "broken", sql: "CREATE TABLE dw.half_done (a int);\nSELECT 1/0;")
            #expect(throws: PostgresError.self) {
                try Migrator(connection: c, migrations: WarehouseSQL.migrations + [bad]).migrate()
            }
            #expect(try c.value("SELECT to_regclass('dw.half_done') IS NULL AS gone", as: Bool.self) == true)
            #expect(try c.value("SELECT count(*) AS n FROM audit.schema_migration WHERE version = 999", as: Int.self) == 0)
        }
    }

    @Test("two concurrent init runs both succeed with one application")
    func concurrentInit() async throws {
        let db = try TestDatabase.make(migrated: false)
        defer { db.drop() }
        let url = db.conninfo
        async let a = Task.detached { try runNofdb(["init", "--database-url", url]) }.value
        async let b = Task.detached { try runNofdb(["init", "--database-url", url]) }.value
        let (ra, rb) = try await (a, b)
        #expect(ra.status == 0, "\(ra.stderr)")
        #expect(rb.status == 0, "\(rb.stderr)")
        let appliedOutputs = [ra.stdout, rb.stdout].filter { $0.contains("applied migration 001") }
        #expect(appliedOutputs.count == 1)
        let c = try db.connect()
        #expect(try c.value("SELECT count(*) AS n FROM audit.schema_migration", as: Int.self) == WarehouseSQL.migrations.count)
    }

    @Test("the embedded default works with no database configured")
    func embeddedDefault() throws {
        let home = try TestEnvironment.temporaryDirectory("xdg")
        _ = chmod(home.path, 0o755)
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["XDG_DATA_HOME": home.path]
        let unset = ["DATABASE_URL", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGHOSTADDR"]
        defer { _ = try? runNofdb(["db", "stop"], environment: env, removing: unset) }
        let start = try runNofdb(["db", "start"], environment: env, removing: unset)
        #expect(start.status == 0, "\(start.stdout)\(start.stderr)")
        #expect(start.stdout.contains("created a PostgreSQL cluster"))
        let initResult = try runNofdb(["init"], environment: env, removing: unset)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        #expect(initResult.stdout.contains("applied migration 001_foundation"))
        let status = try runNofdb(["db", "status"], environment: env, removing: unset)
        #expect(status.status == 0)
        #expect(status.stdout.contains("state: running"))
        #expect(status.stdout.contains("schema version: \(WarehouseSQL.migrations.last?.version ?? 0)"))
        let url = try runNofdb(["db", "url"], environment: env, removing: unset)
        #expect(url.stdout.hasPrefix("postgresql:///nofdb?host="))
        let stop = try runNofdb(["db", "stop"], environment: env, removing: unset)
        #expect(stop.status == 0)
        #expect(stop.stdout.contains("stopped"))
        let after = try runNofdb(["db", "status"], environment: env, removing: unset)
        #expect(after.stdout.contains("state: stopped"))
        #expect(after.status == 3)
    }
}
