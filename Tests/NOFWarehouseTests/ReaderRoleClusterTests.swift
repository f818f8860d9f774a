import Foundation
import NOFPostgres
import Testing
import TestSupport

/// Issue 30: the BI reader role has a statement timeout and no TEMP in the cluster's other
/// databases, and --check looks at every database it may connect to.
@Suite("grant-reader across the cluster")
struct ReaderRoleClusterTests {
    @Test("the reader gets a statement_timeout; in a second database it cannot create a temp table; --check examines that database too")
    func secondDatabase() throws {
        try withTestDatabase { db in
            try withTestDatabase(migrated: false) { second in
                let role = "reader_" + db.name.suffix(8)
                let admin = try db.connect()
                defer { _ = try? admin.execute("DROP OWNED BY \(identifier: role)"); _ = try? admin.execute("DROP ROLE IF EXISTS \(identifier: role)") }
                let granted = try runNofdb(["grant-reader", role, "--password-stdin", "--statement-timeout", "60", "--database-url", db.conninfo],
                                           input: "s3cret-\(role)\n")
                #expect(granted.status == 0, "\(granted.stdout)\(granted.stderr)")
                #expect(granted.stdout.contains("statement_timeout 60 s"))
                let config = try admin.value("SELECT array_to_string(rolconfig, ',') AS config FROM pg_roles WHERE rolname = \(role)", as: String.self)
                #expect(config == "statement_timeout=60000")

                // As the reader, in the second database (a trust cluster: no password asked).
                try admin.execute("GRANT CONNECT ON DATABASE \(identifier: second.name) TO \(identifier: role)")
                let asReader = try Connection(ConnectionConfig(conninfo: second.config.conninfo + " user=\(role)"))
                #expect(throws: PostgresError.self) { try asReader.execute("CREATE TEMP TABLE t (x integer)") }
                let check = try runNofdb(["grant-reader", role, "--check", "--database-url", db.conninfo])
                #expect(check.stdout.contains("database \(second.name):"), "\(check.stdout)")
                #expect(!check.stdout.contains("database temp"), "\(check.stdout)")
            }
        }
    }
}
