import Foundation
import NOFPostgres
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("a load that is killed part-way")
struct InterruptedLoadTests {

    @Test("SIGKILL mid-load commits nothing; the next load of that dataset marks the load interrupted")
    func killedMidLoad() throws {
        try withTestDatabase { db in
            let c = try db.connect()
            let path = TestEnvironment.nhseFile("ae/MSitAE-May-2018.csv").path
            // Hold the A&E fact table locked, so the load stalls once under way (creating its
            // new partition waits for the lock), as a load stuck on a busy server would.
            let blocker = try db.connect()
            try blocker.execute("BEGIN")
            try blocker.execute("LOCK TABLE dw.fact_ae IN ACCESS EXCLUSIVE MODE")
            let process = Process()
            process.executableURL = TestEnvironment.nofdbBinary
            process.arguments = ["load", path, "--database-url", db.conninfo]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the load is under way (its log row says running), then kill it.
            var running = false
            let waitStarted = Date()
            for _ in 0..<600 where !running {
                running = try c.value("SELECT count(*) AS n FROM audit.load_log WHERE status = 'running'", as: Int.self) == 1
                if !running { Thread.sleep(forTimeInterval: 0.05) }
            }
            let logged = try c.query("SELECT status || ' ' || coalesce(message, '') AS entry FROM audit.load_log ORDER BY load_id") {
                try $0.decode("entry", as: String.self)
            }
            #expect(running, "the load never started in \(Int(Date().timeIntervalSince(waitStarted))) s: process running \(process.isRunning), load log: \(logged)")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try blocker.execute("ROLLBACK")
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ae", as: Int.self) == 0, "nothing committed")
            #expect(try c.value("SELECT count(*) AS n FROM audit.load_slice", as: Int.self) == 0)
            // At once, before any other load: status sees the load's backend is gone.
            let status = try runNofdb(["status", "--format", "json", "--database-url", db.conninfo])
            let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            let last = (object?["sections"] as? [[String: Any]])?.first { $0["title"] as? String == "Last loads" }?["rows"] as? [[String: Any]]
            #expect(last?.first?["status"] as? String == "interrupted", "\(status.stdout)\(status.stderr)")

            // The next A&E load finds the stale row and says what happened to it.
            let next = try runNofdb(["load", TestEnvironment.nhseFile("ae/MSitAE-April-2018.csv").path, "--database-url", db.conninfo])
            #expect(next.status == 0, "\(next.stdout)\(next.stderr)")
            #expect(try c.value("SELECT count(*) AS n FROM audit.load_log WHERE status = 'running'", as: Int.self) == 0)
            let message = try c.value("SELECT message FROM audit.load_log WHERE file_path = \(path) AND status <> 'loaded'", as: String?.self)
            #expect(message?.hasPrefix("interrupted") == true, "\(String(describing: message))")
        }
    }
}
