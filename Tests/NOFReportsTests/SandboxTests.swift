import Foundation
import NOFPostgres
import Testing
import TestSupport

/// `nofdb query` as an attacker would use it, connected as the superuser (the embedded default)
/// and as an ordinary role: nothing outside the nof views is reachable, and nothing changes.
@Suite("the nofdb query sandbox", .serialized)
struct SandboxTests {
    @Test("as the superuser, files, programs, large objects, other backends, locks and internal schemas are refused; nof views read")
    func superuserAttacks() throws {
        try withTestDatabase { db in
            let c = try db.connect()
            #expect(try c.value("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", as: Bool.self), "the test connects as a superuser")
            let marker = FileManager.default.temporaryDirectory.appendingPathComponent("nofdb-sandbox-\(UUID().uuidString.prefix(6))").path
            let largeObjects = try c.value("SELECT count(*) AS n FROM pg_largeobject_metadata", as: Int.self)
            let attacks = [
                "copy (select 1) to program 'id > \(marker)'",
                "select pg_read_file('/etc/passwd')",
                "select pg_ls_dir('.')",
                "select lo_import('/etc/passwd')",
                "select lo_from_bytea(0, 'x'::bytea)",
                "select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid()",
                "select pg_advisory_lock(42)",
                "select count(*) from audit.load_log",
                "select count(*) from dw.fact_ae",
                "select rolpassword from pg_authid",
                "select set_config('role', current_setting('is_superuser'), true)",
                "/* comment */ reset role",
                "set session authorization default",
                "select txid_current()",
            ]
            for sql in attacks {
                let r = try runNofdb(["query", sql, "--database-url", db.conninfo])
                #expect(r.status != 0, "\(sql) ran: \(r.stdout)")
                #expect(r.stderr.contains("sandbox") || r.stderr.contains("read-only statement"), "\(sql): \(r.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: marker), "no program ran")
            #expect(try c.value("SELECT count(*) AS n FROM pg_largeobject_metadata", as: Int.self) == largeObjects)
            let autovacuum = try c.value("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher'", as: Int.self)
            #expect(autovacuum == 1, "the autovacuum launcher is alive")
            let ok = try runNofdb(["query", "select count(*) as n from nof.standard", "--format", "csv", "--database-url", db.conninfo])
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect(ok.stdout.contains("19"))
            // --unrestricted is the documented way round, and says so.
            let open = try runNofdb(["query", "select count(*) from audit.load_log", "--unrestricted", "--database-url", db.conninfo])
            #expect(open.status == 0 && open.stderr.contains("--unrestricted"), "\(open.stderr)")
        }
    }

    @Test("an ordinary role without the sandbox runs with its own rights; grant-reader --check finds nothing beyond the views")
    func ordinaryRole() throws {
        try withTestDatabase { db in
            let admin = try db.connect()
            let role = "nofdb_t_\(UUID().uuidString.prefix(6).lowercased())"
            // CREATE ROLE takes no parameters: the password goes in as a quoted literal.
            try admin.execute("CREATE ROLE \(identifier: role) LOGIN PASSWORD \(SQLQuery(verbatim: Connection.quoteLiteral("pw-\(role)")))")
            defer { _ = try? admin.executeScript("DROP OWNED BY \(role); DROP ROLE \(role)") }
            let grant = try runNofdb(["grant-reader", role, "--database-url", db.conninfo])
            #expect(grant.status == 0, "\(grant.stderr)")
            let audit = try runNofdb(["grant-reader", role, "--check", "--database-url", db.conninfo])
            // --check looks at every database the role may connect to; in this one it is clean
            // (the test cluster's other databases leave PUBLIC its defaults, which it reports).
            #expect(audit.stdout.contains("database \(db.name): role \(role) reads the nof views and nothing else"), "\(audit.stdout)")
            var options = db.config.parsedOptions() ?? [:]
            options["user"] = role
            options["password"] = "pw-\(role)"
            let url = options.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            let read = try runNofdb(["query", "select count(*) from nof.standard_performance", "--database-url", url])
            #expect(read.status == 0, "\(read.stderr)")
            for sql in ["select pg_read_file('/etc/passwd')", "select count(*) from dw.fact_ae", "select lo_from_bytea(0, 'x'::bytea)",
                        "select dw.meets(1, 2, '>=')"] {
                let r = try runNofdb(["query", sql, "--database-url", url])
                #expect(r.status != 0, "\(sql) ran as \(role)")
            }
            // The reader itself: no temp tables, no large objects, no internal function.
            let reader = try Connection(ConnectionConfig(conninfo: url))
            for sql in ["CREATE TEMP TABLE t (a int)", "SELECT lo_from_bytea(0, 'x'::bytea)", "SELECT dw.meets(1, 2, '>=')",
                        "SELECT * FROM audit.load_log"] {
                let error = #expect(throws: PostgresError.self, "\(sql)") { try reader.execute(SQLQuery(verbatim: sql)) }
                #expect(error?.sqlState == .insufficientPrivilege, "\(sql): \(String(describing: error))")
            }
            // The data dictionary: every view and column, described, readable by the reader.
            let views = try admin.value("SELECT count(*) AS n FROM pg_views WHERE schemaname = 'nof'", as: Int.self)
            #expect(try reader.value("SELECT count(DISTINCT view_name) AS n FROM nof.data_dictionary", as: Int.self) == views)
            #expect(try reader.value("SELECT count(*) AS n FROM nof.data_dictionary WHERE description IS NULL OR grain IS NULL", as: Int.self) == 0)
            // A privilege beyond the views shows up in the audit.
            try admin.execute("GRANT USAGE ON SCHEMA dw TO \(identifier: role)")
            let dirty = try runNofdb(["grant-reader", role, "--check", "--database-url", db.conninfo])
            #expect(dirty.status == 1)
            #expect(dirty.stdout.contains("schema usage: dw"), "\(dirty.stdout)")
        }
    }

    @Test("through psqlODBC (what Power BI and Tableau use), the reader reads every nof view; with accessible-only the catalog lists them and nothing else; any other name fails to open")
    func odbcCatalog() throws {
        try withTestDatabase { db in
            let admin = try db.connect()
            let role = "nofdb_odbc_\(UUID().uuidString.prefix(6).lowercased())"
            let grant = try runNofdb(["grant-reader", role, "--password-stdin", "--database-url", db.conninfo], input: "odbc-pw\n")
            #expect(grant.status == 0, "\(grant.stderr)")
            #expect(grant.stdout.contains("AB=0x10"), "grant-reader tells BI users the ODBC setting: \(grant.stdout)")
            defer { _ = try? admin.executeScript("DROP OWNED BY \(role); DROP ROLE \(role)") }
            let options = db.config.parsedOptions() ?? [:]
            // One row per line Scripts/odbc-catalog prints, split at tabs.
            func catalog(_ flags: [String]) throws -> [[String]] {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
                process.arguments = [TestEnvironment.packageRoot.appendingPathComponent("Scripts/odbc-catalog").path,
                                     options["host"] ?? "localhost", options["port"] ?? "5432", options["dbname"] ?? "", role] + flags
                let out = Pipe(), err = Pipe(), input = Pipe()
                process.standardOutput = out
                process.standardError = err
                process.standardInput = input
                try process.run()
                input.fileHandleForWriting.write(Data("odbc-pw\n".utf8))
                try input.fileHandleForWriting.close()
                let listing = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "Scripts/odbc-catalog \(flags) (needs odbc-postgresql, unixodbc, python3-pyodbc): \(problem)")
                return listing.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            }
            let allRows = try catalog(["--read"])
            let rows = allRows.filter { $0.first != "read" }
            let views = Set(rows.filter { $0.first == "nof" }.map { $0[1] })
            let expected = Set(try admin.query("SELECT viewname FROM pg_views WHERE schemaname = 'nof'") { try $0.decode("viewname", as: String.self) })
            #expect(!expected.isEmpty && views == expected)
            // Through the driver, as the reader: every view reads, and the data dictionary
            // describes every column of every view.
            let reads = allRows.filter { $0.first == "read" && $0.count == 3 }
            #expect(Set(reads.map { String($0[1].dropFirst(4)) }) == expected, "every nof view read through ODBC")
            for read in reads { #expect(Int(read[2]) != nil, "\(read[1]) failed through ODBC: \(read[2])") }
            let columns = try admin.value("""
                SELECT count(*) AS n FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'nof' AND c.relkind = 'v' AND a.attnum > 0 AND NOT a.attisdropped
                """, as: Int.self)
            #expect(reads.first { $0[1] == "nof.data_dictionary" }.flatMap { Int($0[2]) } == columns, "nof.data_dictionary through ODBC: one row per view column (\(columns))")

            // With psqlODBC's "accessible only" option (AB=0x10, what docs/warehouse.md and
            // grant-reader tell BI users to set), the catalog is the nof views and nothing else.
            let accessible = try catalog(["--accessible-only"])
            #expect(Set(accessible.map { $0.prefix(2).joined(separator: ".") }) == Set(expected.map { "nof.\($0)" }),
                    "accessible-only catalog: \(accessible.filter { $0.first != "nof" }.map { $0.prefix(2).joined(separator: ".") })")
            #expect(accessible.count == expected.count)

            // Without the option psqlODBC lists pg_class whatever the privileges: every other name it shows must fail to open.
            var readerOptions = options
            readerOptions["user"] = role
            readerOptions["password"] = "odbc-pw"
            let reader = try Connection(ConnectionConfig(conninfo: readerOptions.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")))
            for row in rows where row.count >= 2 && row[0] != "nof" && !row[0].hasPrefix("pg_") && row[0] != "information_schema" {
                let sql: SQLQuery = "SELECT 1 FROM \(identifier: row[1], in: row[0]) LIMIT 0"
                #expect(throws: PostgresError.self, "\(row[0]).\(row[1]) opened") { try reader.execute(sql) }
            }
        }
    }

    @Test("a password in --database-url is hidden from ps at once, with a warning; the other forms are found too")
    func passwordHiddenFromPs() throws {
        #expect(ArgumentSecrets.passwordRanges(in: "postgresql://u:s3cr%40t@host/db").map { $0.count } == [8])
        #expect(ArgumentSecrets.passwordRanges(in: "postgresql:///db?host=/tmp&password=abc&port=1").map { $0.count } == [3])
        #expect(ArgumentSecrets.passwordRanges(in: "host=/tmp password='a b\\'c' dbname=x").map { $0.count } == [8])
        #expect(ArgumentSecrets.passwordRanges(in: "host=/tmp dbname=x").isEmpty)
        try withTestDatabase { db in
            var options = db.config.parsedOptions() ?? [:]
            let secret = "hunter2-\(UUID().uuidString.prefix(8))"
            options["password"] = secret
            let url = options.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            let process = Process()
            process.executableURL = TestEnvironment.nofdbBinary
            process.arguments = ["query", "select pg_sleep(3)", "--database-url", url]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var cmdline = ""
            for _ in 0..<40 {
                Thread.sleep(forTimeInterval: 0.05)
                cmdline = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/cmdline", encoding: .utf8)) ?? ""
                if cmdline.contains("pg_sleep") && !cmdline.contains(secret) { break }
            }
            Thread.sleep(forTimeInterval: 0.3)
            let ps = Process()
            ps.executableURL = URL(fileURLWithPath: "/bin/ps")
            ps.arguments = ["-o", "args=", "-p", String(process.processIdentifier)]
            let psOut = Pipe()
            ps.standardOutput = psOut
            try ps.run()
            let shown = String(decoding: psOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            ps.waitUntilExit()
            process.waitUntilExit()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(shown.contains("pg_sleep") && !shown.contains(secret), "ps shows: \(shown)")
            #expect(shown.contains("password=********"), "\(shown)")
            #expect(stderr.contains("warning: a password on the command line"), "\(stderr)")
            #expect(!stderr.contains(secret))
            #expect(process.terminationStatus == 0, "\(stderr)")
        }
    }

    @Test("query output is bounded: table output is cut at --limit and says so; CSV and JSON stream every row unless --limit is given; a failed CSV leaves no file")
    func boundedOutput() throws {
        try withTestDatabase { db in
            let url = ["--database-url", db.conninfo]
            let table = try runNofdb(["query", "select g from generate_series(1, 12000) g", "--format", "markdown"] + url)
            #expect(table.status == 0, "\(table.stderr)")
            let rows = table.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") }.count
            #expect(rows == 10_001, "the header and 10,000 rows")
            #expect(table.stdout.contains("the first 10,000 rows only") && table.stdout.contains("--format csv"))
            let json = try runNofdb(["query", "select g from generate_series(1, 12000) g", "--format", "json"] + url)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(((object?["sections"] as? [[String: Any]])?.first?["rows"] as? [Any])?.count == 12_000, "JSON streams every row")
            let limited = try runNofdb(["query", "select g from generate_series(1, 50) g", "--limit", "7", "--format", "csv"] + url)
            #expect(parseCSV(limited.stdout).count == 8, "CSV keeps the first --limit rows when it is given")
            let dir = try TestEnvironment.temporaryDirectory("stream")
            let file = dir.appendingPathComponent("all.csv")
            let all = try runNofdb(["query", "select g, (g % 2 = 0) as even, 'a,b' as t from generate_series(1, 30000) g", "--format", "csv",
                                    "--output", file.path] + url)
            #expect(all.status == 0, "\(all.stderr)")
            let parsed = parseCSV(try String(contentsOf: file, encoding: .utf8))
            #expect(parsed.count == 30_001)
            #expect(parsed[1] == ["1", "f", "a,b"] && parsed[30_000] == ["30000", "t", "a,b"], "PostgreSQL's CSV: booleans t and f")
            let noLoad = try runNofdb(["report", "loads", "--load", "999"] + url)
            #expect(noLoad.status == 65 && noLoad.stderr.contains("no load 999"), "\(noLoad.stderr)")
            let failed = dir.appendingPathComponent("failed.csv")
            let timeout = try runNofdb(["query", "select g, pg_sleep(0.01) from generate_series(1, 500) g", "--format", "csv", "--timeout", "1",
                                        "--output", failed.path] + url)
            #expect(timeout.status != 0)
            #expect(!FileManager.default.fileExists(atPath: failed.path) && !FileManager.default.fileExists(atPath: failed.path + ".part"))
        }
    }
}
