import Foundation
import NOFPostgres
import Testing
import TestSupport

/// A primary and a real streaming hot standby (Scripts/pg-local start / start-standby): loads go
/// to the primary, every canned report reads the same from the standby, writes there are refused.
@Suite("streaming replica: read from a hot standby", .serialized)
struct ReplicaTests {
    /// Runs Scripts/pg-local and returns the variables it exports.
    func pgLocal(_ arguments: [String]) throws -> [String: String] {
        let process = Process()
        process.executableURL = TestEnvironment.packageRoot.appendingPathComponent("Scripts/pg-local")
        process.arguments = arguments
        // Files, not pipes: the server pg-local starts keeps inherited descriptors open, so a
        // pipe would never reach its end.
        let dir = try TestEnvironment.temporaryDirectory("pg-local")
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let text = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let problem = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else { throw PostgresError(kind: .client, message: "pg-local \(arguments): \(problem)") }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { values[pair[0]] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
        }
        return values
    }

    @Test("load on the primary, wait for the standby, every report reads the same there; writes to the standby are refused at once")
    func replica() throws {
        let primary = try pgLocal(["start"])
        let primaryDir = primary["NOFDB_PG_DIR"] ?? ""
        defer { _ = try? pgLocal(["stop", primaryDir]) }
        let primaryServer = try #require(primary["NOFDB_TEST_DATABASE_URL"])
        let admin = try Connection(ConnectionConfig(conninfo: primaryServer))
        try admin.execute("CREATE DATABASE nofdb_replica")
        let standby = try pgLocal(["start-standby", primaryDir])
        defer { _ = try? pgLocal(["stop", standby["NOFDB_STANDBY_DIR"] ?? ""]) }
        let p = primaryServer.replacingOccurrences(of: "postgresql:///postgres?", with: "postgresql:///nofdb_replica?")
        let s = try #require(standby["NOFDB_STANDBY_URL"]).replacingOccurrences(of: "postgresql:///postgres?", with: "postgresql:///nofdb_replica?")

        let initialise = try runNofdb(["init", "--database-url", p])
        #expect(initialise.status == 0, "\(initialise.stderr)")
        let load = try runNofdb(["load", TestEnvironment.nhseFile("ae").path, TestEnvironment.nhseFile("rtt").path,
                                 "--database-url", p, "--wait-replicas", "60"])
        #expect(load.status == 0, "\(load.stdout)\(load.stderr)")
        #expect(load.stderr.contains("standbys have replayed the load"), "\(load.stderr)")

        // Every canned report: the same output from the standby (--read-url) as from the primary.
        let list = try runNofdb(["report", "--list"])
        let names = list.stdout.split(separator: "\n").compactMap { line -> String? in
            let first = line.split(separator: " ").first.map(String.init) ?? ""
            return ["league-table", "trust", "national", "field-test", "segments", "rtt-waits", "cancer", "diagnostics", "ambulance",
                    "nof-official", "loads", "revisions", "coverage", "syncs"].contains(first) ? first : nil
        }
        #expect(Set(names).count >= 12, "\(names)")
        for name in Set(names).sorted() {
            let extra = name == "trust" ? ["RBD"] : []
            // Markdown: every section, and no generation time that would differ.
            let onPrimary = try runNofdb(["report", name] + extra + ["--format", "markdown", "--database-url", p])
            let onStandby = try runNofdb(["report", name] + extra + ["--format", "markdown", "--database-url", p, "--read-url", s])
            #expect(onPrimary.status == onStandby.status, "\(name): \(onStandby.stderr)")
            #expect(onPrimary.stdout == onStandby.stdout, "\(name) differs on the standby")
        }
        let query = try runNofdb(["query", "select count(*) from nof.standard_performance", "--format", "csv"],
                                 environment: ["NOFDB_READ_URL": s, "DATABASE_URL": p])
        #expect(query.status == 0 && query.stdout != "count\n0\n", "\(query.stdout)\(query.stderr)")
        let status = try runNofdb(["status", "--read-url", s])
        #expect(status.stdout.contains("hot standby"), "\(status.stdout)")
        let primaryStatus = try runNofdb(["status", "--database-url", p])
        #expect(primaryStatus.stdout.contains("primary with 1 streaming standbys"), "\(primaryStatus.stdout)")
        let check = try runNofdb(["check", "--read-url", s])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // Write commands pointed at the standby fail at once with what to do.
        for command in [["load", TestEnvironment.nhseFile("ae").path], ["init"], ["grant-reader", "bi_x"], ["rebuild"], ["restore", "1"]] {
            let r = try runNofdb(command + ["--database-url", s])
            #expect(r.status == 1, "\(command): \(r.stdout)")
            #expect(r.stderr.contains("this server is a read-only standby; give the primary's URL"), "\(command): \(r.stderr)")
        }
    }
}
