import Foundation
import NOFPostgres
import Testing
import TestSupport

@Suite("libpq layer")
struct ConnectionTests {
    @Test("a bad host gives a message without the password")
    func badHost() throws {
        let secret = "Sup3r-S3cret-pw"
        let config = ConnectionConfig(
            conninfo: "postgresql://someone:\(secret)@nonexistent-host.invalid:5432/x?connect_timeout=3")
        let error = #expect(throws: PostgresError.self) { try Connection(config) }
        let text = String(describing: error)
        #expect(error?.kind == .connection)
        #expect(text.contains("nonexistent-host.invalid"))
        #expect(!text.contains(secret))
        #expect(!config.description.contains(secret))
    }

    @Test("a refused password is never echoed")
    func badPassword() throws {
        try withTestDatabase(migrated: false) { db in
            let admin = try db.connect()
            _ = try? admin.execute("CREATE ROLE nofdb_password_test LOGIN PASSWORD 'the-right-one'")
            let wrong = "Wr0ng-Pa55word-xyz"
            var options = db.config.parsedOptions() ?? [:]
            options["user"] = "nofdb_password_test"
            options["password"] = wrong
            let conninfo = options.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            let error = #expect(throws: PostgresError.self) {
                try Connection(ConnectionConfig(conninfo: conninfo))
            }
            let text = String(describing: error)
            #expect(text.contains("password authentication failed"))
            #expect(!text.contains(wrong))
            // And the right password works, so the failure above was the password's.
            options["password"] = "the-right-one"
            let ok = try Connection(ConnectionConfig(conninfo: options.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")))
            #expect(try ok.value("SELECT current_user AS who", as: String.self) == "nofdb_password_test")
        }
    }

    @Test("a malformed connection string is refused clearly")
    func malformed() {
        let error = #expect(throws: PostgresError.self) {
            try Connection(ConnectionConfig(conninfo: "host=x port"))
        }
        #expect(String(describing: error).contains("invalid database connection string"))
    }

    @Test("parameters round-trip exactly: quotes, Unicode, empty strings, NULL")
    func parameters() throws {
        try withTestDatabase(migrated: false) { db in
            let c = try db.connect()
            let values: [String?] = [
                "O'Brien \"quoted\" \\ back", "Ysbyty Gwynedd — ‘Cymru’ 🏥 Ünïcödé", "", nil,
                "Robert'); DROP TABLE students;--", "tab\tnew\nline",
            ]
            let result = try c.execute(
                """
                SELECT \(values[0]) AS v0, \(values[1]) AS v1, \(values[2]) AS v2, \(values[3]) AS v3, \(values[4]) AS v4,
                       \(values[5]) AS v5, \(values[2]) = '' AS empty, \(values[3]) IS NULL AS is_null
                """)
            #expect(result.rowCount == 1)
            let row = try #require(result.rows.first)
            for (i, expected) in values.enumerated() {
                #expect(try row.decode("v\(i)", as: String?.self) == expected)
            }
            #expect(try row.decode("empty", as: Bool.self) == true)
            #expect(try row.decode("is_null", as: Bool.self) == true)
            // The same values as one text[] (quotes, backslashes, an empty string and a NULL
            // element escaped by the client): the server sees each element as it was.
            let array = try #require(try c.execute(
                """
                SELECT \(values) AS a, cardinality(\(values)) AS n, array_position(\(values), NULL) AS null_at,
                       (\(values))[1] = \(values[0]) AND (\(values))[6] = \(values[5]) AS escaped
                """).rows.first)
            #expect(try array.decode("a", as: [String?].self) == values)
            #expect(try array.decode("escaped", as: Bool.self) == true)
            #expect(try array.decode("n", as: Int.self) == values.count)
            #expect(try array.decode("null_at", as: Int?.self) == 4)
        }
    }

    @Test("typed access: integers, numeric as Decimal, dates, booleans, NULL")
    func typedAccess() throws {
        try withTestDatabase(migrated: false) { db in
            let c = try db.connect()
            let row = try #require(try c.execute(
                """
                SELECT 42::int AS i, 9007199254740993::bigint AS big, 43.5::numeric(12,1) AS n, DATE '2024-11-01' AS d, true AS b,
                       NULL::int AS missing, 0.1::numeric + 0.2::numeric AS sum
                """
            ).rows.first)
            #expect(try row.decode("i", as: Int.self) == 42)
            #expect(try row.decode("big", as: Int.self) == 9_007_199_254_740_993)
            #expect(try row.decode("n", as: Decimal.self) == Decimal(string: "43.5"))
            #expect(try row.decode("d", as: PostgresDate.self) == PostgresDate(year: 2024, month: 11, day: 1))
            #expect(try row.decode("b", as: Bool.self) == true)
            #expect(try row.decode("missing", as: Int?.self) == nil)
            #expect(try row.decode("sum", as: Decimal.self) == Decimal(string: "0.3"))
            #expect(row.result.columnTypes[0] == .int4)
            #expect(row.result.columnTypes[2] == .numeric)
        }
    }

    @Test("command tags and affected rows")
    func commandTags() throws {
        try withTestDatabase(migrated: false) { db in
            let c = try db.connect()
            try c.execute("CREATE TABLE t (a int)")
            let insert = try c.execute("INSERT INTO t SELECT generate_series(1, 7)")
            #expect(insert.commandTag == "INSERT 0 7")
            #expect(insert.affectedRows == 7)
            #expect(try c.execute("DELETE FROM t WHERE a > \(4)").affectedRows == 3)
        }
    }

    @Test("errors carry SQLSTATE, message, detail and the SQL but not the bound values")
    func errors() throws {
        try withTestDatabase(migrated: false) { db in
            let c = try db.connect()
            try c.execute("CREATE TABLE u (code text PRIMARY KEY)")
            let code = "RBD"
            try c.execute("INSERT INTO u VALUES (\(code))")
            let error = #expect(throws: PostgresError.self) {
                try c.execute("INSERT INTO u VALUES (\(code))")
            }
            #expect(error?.sqlState == .uniqueViolation)
            #expect(error?.detail?.contains("already exists") == true)
            #expect(error?.sql == "INSERT INTO u VALUES ($1)")
            let syntax = #expect(throws: PostgresError.self) { try c.execute("SELEC 1") }
            #expect(syntax?.sqlState == .syntaxError)
            #expect(syntax?.position == 1)
        }
    }

    @Test("a throwing transaction leaves nothing behind")
    func transactionRollback() throws {
        struct Boom: Error {}
        try withTestDatabase(migrated: false) { db in
            let c = try db.connect()
            try c.execute("CREATE TABLE t (a int)")
            #expect(throws: Boom.self) {
                try c.transaction { tx in
                    try tx.execute("INSERT INTO t VALUES (1), (2)")
                    try tx.execute("CREATE TABLE t2 (b int)")
                    throw Boom()
                }
            }
            #expect(try c.value("SELECT count(*) AS n FROM t", as: Int.self) == 0)
            #expect(try c.value("SELECT to_regclass('t2') IS NULL AS gone", as: Bool.self) == true)
            #expect(!c.inTransaction)
            try c.transaction { tx in try tx.execute("INSERT INTO t VALUES (3)") }
            #expect(try c.value("SELECT count(*) AS n FROM t", as: Int.self) == 1)
        }
    }

    @Test("advisory locks: a second holder fails at once with --no-wait semantics")
    func advisoryLocks() throws {
        try withTestDatabase(migrated: false) { db in
            let a = try db.connect()
            let b = try db.connect()
            let lock = AdvisoryLock("load:test")
            try a.withAdvisoryLock(lock) {
                #expect(throws: LockBusyError.self) {
                    try b.withAdvisoryLock(lock, wait: false) {}
                }
            }
            var ran = false
            try b.withAdvisoryLock(lock, wait: false) { ran = true }
            #expect(ran)
            // Transaction scope: released at commit.
            try a.transaction { tx in
                try tx.advisoryTransactionLock(lock)
                #expect(throws: LockBusyError.self) { try b.advisoryTransactionLock(lock, wait: false) }
            }
            try b.transaction { tx in try tx.advisoryTransactionLock(lock, wait: false) }
        }
    }
}
