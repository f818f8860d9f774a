import Foundation
import Testing
import TestSupport

/// `nofdb load` on a terminal: a progress line per file redrawn in place and one finished
/// line per file; nothing of that when standard error is not a terminal or with --quiet.
/// The terminal is a real pseudo-terminal (util-linux `script`).
@Suite("load progress on a terminal")
struct ProgressTests {
    func onTerminal(_ args: [String]) throws -> String {
        let command = ([TestEnvironment.nofdbBinary.path] + args).map { "'\($0.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: " ")
        let r = try runProgram(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], environment: ["NO_COLOR": "1"])
        return r.stdout
    }

    @Test("a progress line and a finished line per file on a terminal, none otherwise or with --quiet; skipped files named")
    func progress() throws {
        try withTestDatabase { db in
            let dir = try TestEnvironment.temporaryDirectory("progress")
            let ae = TestEnvironment.nhseFile("ae")
            let names = try FileManager.default.contentsOfDirectory(atPath: ae.path).filter { $0.hasSuffix(".csv") }.sorted().prefix(2)
            #expect(names.count == 2)
            for name in names {
                try FileManager.default.copyItem(at: ae.appendingPathComponent(name), to: dir.appendingPathComponent(name))
            }
            try "notes".write(to: dir.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)

            let shown = try onTerminal(["load", "--database-url", db.conninfo, dir.path])
            #expect(shown.contains("\r\u{1B}[K\(names[0]): reading "), "progress line drawn in place:\n\(shown)")
            for name in names {
                #expect(shown.contains("✓ \(name)  loaded  ae 20"), "finished line for \(name):\n\(shown)")
            }
            #expect(shown.contains("skipped \(dir.appendingPathComponent("README.txt").path): not a .csv, .xlsx, .xls or .zip file"))
            #expect(shown.contains("2 files: 2 loaded"), "the summary still prints")

            let quiet = try onTerminal(["load", "--quiet", "--database-url", db.conninfo, dir.path])
            #expect(!quiet.contains("\u{1B}[K") && !quiet.contains("✓ "), "--quiet: no progress\n\(quiet)")
            #expect(quiet.contains("2 files: 0 loaded, 2 unchanged"))

            let piped = try runNofdb(["load", "--database-url", db.conninfo, dir.path])
            #expect(!piped.stderr.contains("\u{1B}[K") && !piped.stderr.contains("✓ "), "not a terminal: no progress\n\(piped.stderr)")
            #expect(piped.stderr.contains("skipped \(dir.appendingPathComponent("README.txt").path)"))
        }
    }
}
