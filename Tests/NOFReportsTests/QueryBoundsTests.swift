import Foundation
import NOFPostgres
import Testing
import TestSupport

/// Issue 30: `nofdb query` cannot exhaust the machine. Time: the timeout covers the whole
/// command. Memory: a result of any size streams at flat memory or is refused saying why.
@Suite("nofdb query bounded in time and memory")
struct QueryBoundsTests {
    /// What a run of the binary took: its status, output, wall time and peak RSS.
    struct Measured {
        let status: Int32
        let stdout: String
        let stderr: String
        let seconds: Double
        let maxRSSKilobytes: Int
    }

    /// Python runs nofdb and reports its children's peak RSS (getrusage). Not wait4 from this
    /// process: a child spawned from the test process starts with the test process's pages, and
    /// Linux keeps that high-water mark across exec, so it would report the tests' memory.
    static let measure = """
        import resource, subprocess, sys, time
        out, err = open(sys.argv[1], 'wb'), open(sys.argv[2], 'wb')
        started = time.time()
        status = subprocess.call(sys.argv[3:], stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.time() - started)
        """

    static func runMeasured(_ arguments: [String], stdoutTo: URL? = nil) throws -> Measured {
        let dir = try TestEnvironment.temporaryDirectory("measured")
        let out = stdoutTo ?? dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        let run = try runProgram(URL(fileURLWithPath: "/usr/bin/env"),
                                 ["python3", "-c", measure, out.path, err.path, TestEnvironment.nofdbBinary.path] + arguments,
                                 environment: ["NO_COLOR": "1"])
        let fields = run.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard run.status == 0, fields.count == 3, let status = Int32(fields[0]), let rss = Int(fields[1]), let seconds = Double(fields[2]) else {
            throw TestSetupError("measuring nofdb \(arguments.first ?? ""): \(run.stdout)\(run.stderr)")
        }
        let stdout = stdoutTo == nil ? ((try? String(contentsOf: out, encoding: .utf8)) ?? "") : ""
        return Measured(status: status, stdout: stdout, stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
                        seconds: seconds, maxRSSKilobytes: rss)
    }

    @Test("a 500 MB value finishes or is refused within the timeout + 5 s at no more than 100 MB, in every format, saying why")
    func fiveHundredMegabytes() throws {
        try withTestDatabase { db in
            for format in ["table", "csv", "json"] {
                let run = try Self.runMeasured(["query", "select repeat('x', 500000000) as v", "--format", format, "--timeout", "30",
                                                "--database-url", db.conninfo])
                #expect(run.seconds <= 35, "\(format): \(run.seconds) s")
                #expect(run.maxRSSKilobytes <= 100 * 1024, "\(format): peak RSS \(run.maxRSSKilobytes) KB")
                #expect(run.status == 1, "\(format): \(run.stderr)")
                #expect(run.stderr.contains("a row of the result holds 476.8 MB, more than the 16.0 MB a row may hold"), "\(format): \(run.stderr)")
            }
        }
    }

    @Test("the timeout covers the whole command: a query that would run past it stops at it (plus a little), saying so")
    func wholeCommandTimeout() throws {
        try withTestDatabase { db in
            let run = try Self.runMeasured(["query", "select pg_sleep(30)", "--timeout", "2", "--database-url", db.conninfo])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.seconds < 7, "\(run.seconds) s")
            #expect(run.stderr.contains("--timeout of 2 s"), "\(run.stderr)")
            // Many rows streamed to CSV: the writing counts too.
            let out = try TestEnvironment.temporaryDirectory("timeout").appendingPathComponent("rows.csv")
            let rows = try Self.runMeasured(["query", "select g, repeat('x', 200) from generate_series(1, 200000000) g",
                                             "--format", "csv", "--timeout", "3", "--database-url", db.conninfo], stdoutTo: out)
            #expect(rows.status == 1 && rows.seconds < 8, "\(rows.seconds) s: \(rows.stderr)")
            #expect(rows.maxRSSKilobytes <= 100 * 1024, "peak RSS \(rows.maxRSSKilobytes) KB")
        }
    }

    @Test("a 1 MB value renders in the table format at once, cut to 200 characters with a note; CSV and JSON carry it whole")
    func longValueInATable() throws {
        try withTestDatabase { db in
            let table = try Self.runMeasured(["query", "select repeat('x', 1000000) as v", "--database-url", db.conninfo])
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.seconds < 5, "\(table.seconds) s")
            #expect(!table.stdout.contains(String(repeating: "x", count: 201)))
            #expect(table.stdout.contains("1 values longer than 200 characters end in …"), "\(table.stdout)")
            let csv = try Self.runMeasured(["query", "select repeat('x', 1000000) as v", "--format", "csv", "--database-url", db.conninfo])
            #expect(csv.stdout == "v\n" + String(repeating: "x", count: 1_000_000) + "\n")
            let json = try Self.runMeasured(["query", "select repeat('x', 1000000) as v", "--format", "json", "--database-url", db.conninfo])
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let rows = (object?["sections"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]
            #expect((rows?.first?["v"] as? String)?.count == 1_000_000)
        }
    }

    @Test("CSV through COPY (no parameters) and row by row (with parameters) are the same bytes: NULL empty, an empty string quoted, booleans t/f")
    func csvPathsAgree() throws {
        try withTestDatabase { db in
            let sql = "select g, case when g % 3 = 0 then null else 'a,\"b\"' || g end as t, '' as e, g % 2 = 0 as b, 1.5::numeric * g as n from generate_series(1, 50) g where g >= :low::int"
            let copy = try runNofdb(["query", sql.replacingOccurrences(of: ":low::int", with: "1"), "--format", "csv", "--database-url", db.conninfo])
            let rows = try runNofdb(["query", sql, "--param", "low=1", "--format", "csv", "--database-url", db.conninfo])
            #expect(copy.status == 0 && rows.status == 0, "\(copy.stderr)\(rows.stderr)")
            #expect(copy.stdout == rows.stdout)
            #expect(copy.stdout.hasPrefix("g,t,e,b,n\n1,\"a,\"\"b\"\"1\",\"\",f,1.5\n"), "\(copy.stdout.prefix(80))")
            #expect(copy.stdout.contains("\n3,,\"\",f,4.5\n"))
        }
    }

    @Test("the sandbox: its work_mem and temp_file_limit apply, pg_notify and pg_listening_channels are refused")
    func sandboxLimits() throws {
        try withTestDatabase { db in
            let settings = try runNofdb(["query", "select current_setting('work_mem') as w, current_setting('temp_file_limit') as t",
                                         "--format", "csv", "--database-url", db.conninfo])
            #expect(settings.stdout == "w,t\n32MB,1GB\n", "\(settings.stdout)\(settings.stderr)")
            for sql in ["select pg_notify('c', 'x')", "select pg_listening_channels()"] {
                let refused = try runNofdb(["query", sql, "--database-url", db.conninfo])
                #expect(refused.status == 64 && refused.stderr.contains("permission denied for function"), "\(sql): \(refused.stderr)")
            }
            let spill = try runNofdb(["query", "select count(*) from (select g from generate_series(1, 100000000) g order by g desc) x",
                                      "--timeout", "120", "--database-url", db.conninfo])
            #expect(spill.status == 1 && spill.stderr.contains("temp_file_limit"), "\(spill.stderr)")
        }
    }
}
