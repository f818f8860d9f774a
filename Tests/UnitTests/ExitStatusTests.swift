import Foundation
import NOFCore
import Testing

/// Issue 30: one table of exit statuses for every command (README "Exit status", NOFCore's
/// ExitStatus). Runs the built binary (NOFDB_BIN, else .build/debug/nofdb) with no database:
/// a wrong command line is 64 for every command, a database that cannot be reached 69.
@Suite("exit status: one table for every command")
struct ExitStatusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["NOFDB_BIN"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return root.appendingPathComponent(".build/debug/nofdb")
    }

    /// Runs nofdb; returns its exit status and standard error. Never reaches a database: the URL
    /// names a socket directory that does not exist.
    static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["DATABASE_URL", "NOFDB_READ_URL", "PGHOST", "PGDATABASE", "PGPORT", "PGUSER"] { env[key] = nil }
        env["DATABASE_URL"] = unreachable
        env["XDG_DATA_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("nofdb-exit-\(UUID().uuidString)").path
        process.environment = env
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let unreachable = "postgresql:///nofdb?host=/nonexistent-nofdb-socket-dir&port=5"

    /// Every subcommand, with arguments it needs to get as far as the database.
    static let commands: [(name: String, arguments: [String])] = [
        ("init", []), ("load", ["/dev/null"]), ("report", ["league-table"]), ("query", ["select 1"]), ("orgs", ["x"]),
        ("status", []), ("check", []), ("sync", ["--dry-run"]), ("restore", ["1"]), ("rebuild", []),
        ("grant-reader", ["bi"]), ("db", ["status"]), ("sample", []), ("xls-check", []),
    ]

    @Test("the table is one: each status has one meaning, the usage and data codes are sysexits'")
    func table() {
        #expect(ExitStatus.usage.rawValue == 64 && ExitStatus.dataError.rawValue == 65)
        #expect(ExitStatus.databaseUnavailable.rawValue == 69 && ExitStatus.lockHeld.rawValue == 75)
        #expect(Set(ExitStatus.allCases.map(\.rawValue)).count == ExitStatus.allCases.count)
        #expect(ExitStatus.allCases.allSatisfy { !$0.meaning.isEmpty })
        let readme = (try? String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        #expect(readme.contains("### Exit status"))
        for status in ExitStatus.allCases {
            #expect(readme.contains("| \(status.rawValue) |"), "README's exit status table lists \(status.rawValue)")
        }
    }

    @Test("an unknown option is a usage error (64) for every command")
    func unknownOption() throws {
        for command in Self.commands {
            let result = try Self.run([command.name] + command.arguments + ["--no-such-option"])
            #expect(result.status == ExitStatus.usage.rawValue, "\(command.name): \(result.status) \(result.stderr)")
        }
    }

    @Test("values out of range are usage errors (64), whether the parser or the command finds them")
    func badValues() throws {
        let cases: [[String]] = [
            ["report", "league-table", "--period", "banana"], ["query", "select 1", "--limit", "-1"], ["query", "select 1", "--timeout", "0"],
            ["load", "/dev/null", "--keep-revisions", "500"], ["grant-reader", "bi", "--statement-timeout", "-5"],
            ["report", "no-such-report"], ["query"], ["report", "league-table", "--format", "pdf"],
        ]
        for arguments in cases {
            let result = try Self.run(arguments)
            #expect(result.status == ExitStatus.usage.rawValue, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("Error"), "\(arguments): says what is wrong: \(result.stderr)")
        }
    }

    @Test("a database that cannot be reached is 69 for every command that needs one")
    func unreachableDatabase() throws {
        for command in Self.commands where !["sample", "xls-check", "db"].contains(command.name) {
            let result = try Self.run([command.name] + command.arguments + ["--database-url", Self.unreachable])
            #expect(result.status == ExitStatus.databaseUnavailable.rawValue, "\(command.name): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("could not connect"), "\(command.name): \(result.stderr)")
        }
    }
}
