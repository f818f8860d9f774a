import Foundation
import NOFPostgres
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("a load that is killed part-way")
struct InterruptedLoadTests {
    static let header = "Period,Org Code,Parent Org,Org name,Number of A&E attendances Type 1,Number of A&E attendances Type 2,Number of A&E attendances Other A&E Department,Number of attendances over 4hrs Type 1,Number of attendances over 4hrs Type 2,Number of attendances over 4hrs Other A&E Department,Patients who have waited 4-12 hs from DTA to admission,Patients who have waited 12+ hrs from DTA to admission,Emergency admissions via A&E - Type 1,Emergency admissions via A&E - Type 2,Emergency admissions via A&E - Other A&E department,Other emergency admissions"

    @Test("SIGKILL mid-load commits nothing; the next load of that dataset marks the load interrupted")
    func killedMidLoad() throws {
        // More than the loader's 1 MiB read chunk must arrive before the stall, or the first
        // read would still be waiting for it.
        let rows = (1...30_000).map { "MSitAE-April-2018,X\($0),NHS ENGLAND LONDON,SITE \($0),1,0,0,0,0,0,0,0,0,0,0,0" }
        let full = Array(([Self.header] + rows).joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
        let start = Array(([Self.header] + rows.prefix(20_000)).joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
        try withTestDatabase { db in
            let c = try db.connect()
            let dir = try TestEnvironment.temporaryDirectory("killed")
            let path = dir.appendingPathComponent("MSitAE-APRIL-2018.csv").path
            #expect(mkfifo(path, 0o600) == 0)
            // The pipe gives the whole file to nofdb's hashing pass, then only the first 20,000
            // rows to the loading pass, and holds it there until nofdb is killed. The writer is
            // a shell, as a slow network drive or a stalled upload would look to nofdb.
            let fullFile = dir.appendingPathComponent("full.bytes"), startFile = dir.appendingPathComponent("start.bytes")
            try Data(full).write(to: fullFile)
            try Data(start).write(to: startFile)
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            // The pause lets nofdb see the end of the first pass before the pipe is opened again
            // (reopened at once, the second writer would join the first pass).
            writer.arguments = ["-c", "cat \"$1\" > \"$3\"; sleep 2; (cat \"$2\"; sleep 20) > \"$3\"", "sh", fullFile.path, startFile.path, path]
            try writer.run()
            defer { if writer.isRunning { writer.terminate() } }
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
                running = try c.scalar("SELECT count(*) FROM audit.load_log WHERE status = 'running'") == "1"
                if !running { Thread.sleep(forTimeInterval: 0.05) }
            }
            let logged = try c.scalar("SELECT string_agg(status || ' ' || coalesce(message, ''), '; ') FROM audit.load_log") ?? "none"
            #expect(running, "the load never started in \(Int(Date().timeIntervalSince(waitStarted))) s: process running \(process.isRunning), load log: \(logged)")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            writer.terminate()
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(try c.scalar("SELECT count(*) FROM dw.fact_ae") == "0", "nothing committed")
            #expect(try c.scalar("SELECT count(*) FROM audit.load_slice") == "0")

            // The next A&E load finds the stale row and says what happened to it.
            let next = try runNofdb(["load", TestEnvironment.nhseFile("ae/MSitAE-April-2018.csv").path, "--database-url", db.conninfo])
            #expect(next.status == 0, "\(next.stdout)\(next.stderr)")
            #expect(try c.scalar("SELECT count(*) FROM audit.load_log WHERE status = 'running'") == "0")
            let message = try c.scalar("SELECT message FROM audit.load_log WHERE file_path = $1", [path])
            #expect(message?.hasPrefix("interrupted") == true, "\(message ?? "no row")")
        }
    }
}
