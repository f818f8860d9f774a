import Foundation
import NOFPostgres
import NOFWarehouse
import Synchronization
import Testing

/// Where the tests find their PostgreSQL server, the shared NHS files and the built binary.
public enum TestEnvironment {
    /// A superuser connection to the throwaway test cluster (`Scripts/test` starts it).
    public static func serverConfig() throws -> ConnectionConfig {
        let env = ProcessInfo.processInfo.environment
        guard let url = env["NOFDB_TEST_DATABASE_URL"] ?? env["DATABASE_URL"], !url.isEmpty else {
            throw TestSetupError(
                "NOFDB_TEST_DATABASE_URL is not set: run the tests with Scripts/test, which starts a throwaway PostgreSQL cluster")
        }
        return ConnectionConfig(conninfo: url, source: .explicit)
    }

    /// The project root (the folder holding Package.swift).
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `../shared` (or NOFDB_SHARED_DIR): real NHS England files, docs and reference data.
    public static var sharedDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["NOFDB_SHARED_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// True when the full set of real files is there (`data/nhse` under `sharedDirectory`).
    /// Without it the tests read the committed corpus, and the tests that need more are
    /// skipped by name (`.sharedData(…)`).
    public static let hasSharedData: Bool = {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(
            atPath: sharedDirectory.appendingPathComponent("data/nhse").path, isDirectory: &isDirectory) && isDirectory.boolValue
    }()

    /// The small corpus of real NHS England files committed with the project (Tests/Corpus,
    /// see its README): what the tests read when ../shared is absent.
    public static var corpusDirectory: URL { packageRoot.appendingPathComponent("Tests/Corpus") }

    /// A real NHS England file, `relative` to `data/nhse` (e.g. `ae/MSitAE-April-2018.csv`):
    /// from ../shared when it is there, else from the committed corpus (`nhseFile("")` is the
    /// folder itself).
    public static func nhseFile(_ relative: String) -> URL {
        let base = hasSharedData ? sharedDirectory.appendingPathComponent("data/nhse") : corpusDirectory.appendingPathComponent("nhse")
        return relative.isEmpty ? base : base.appendingPathComponent(relative)
    }

    /// The AmbSYS CSV: the whole file (42 months) from ../shared, else the corpus excerpt
    /// (six whole months of it).
    public static var ambsysFile: URL {
        nhseFile(hasSharedData ? "ambsys/AmbSYS-to-Jan-2021.csv" : "ambsys/AmbSYS-to-Jan-2021-excerpt.csv")
    }

    /// A real ODS reference file under `../shared/data/ods/` (never in the corpus: that
    /// folder's README asks for the files not to be copied into the project).
    public static func odsFile(_ name: String) -> URL {
        sharedDirectory.appendingPathComponent("data/ods").appendingPathComponent(name)
    }

    /// A real file of another NHS England product, under `../shared/data/products/`.
    public static func productFile(_ name: String) -> URL {
        sharedDirectory.appendingPathComponent("data/products").appendingPathComponent(name)
    }

    /// Where the real files come from, for messages.
    public static var realDataSource: String {
        hasSharedData ? "the full set in \(sharedDirectory.path)" : "the committed corpus (Tests/Corpus)"
    }

    /// The built `nofdb` executable (NOFDB_BIN, else .build/debug/nofdb).
    public static var nofdbBinary: URL {
        if let path = ProcessInfo.processInfo.environment["NOFDB_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent(".build/debug/nofdb")
    }

    /// A new empty temporary folder.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("nofdb-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A database of its own for one test, cloned from a migrated template, dropped afterwards.
public final class TestDatabase: @unchecked Sendable {
    public let name: String
    public let config: ConnectionConfig

    private init(name: String, config: ConnectionConfig) {
        self.name = name
        self.config = config
    }

    private static let templateLock = Mutex<String?>(nil)

    /// The name of the migrated template for the current migrations and views.
    static func templateName(server: ConnectionConfig) throws -> String {
        try templateLock.withLock { cached in
            if let cached { return cached }
            let name = "nofdb_tpl_" + Migrator.embeddedTreeChecksum.prefix(16)
            let admin = try Connection(server)
            try admin.withAdvisoryLock(AdvisoryLock("test-template")) {
                if try admin.value("SELECT count(*) AS n FROM pg_database WHERE datname = \(name)", as: Int.self) == 0 {
                    let building = name + "_building"
                    try admin.execute("DROP DATABASE IF EXISTS \(identifier: building)")
                    try admin.execute("CREATE DATABASE \(identifier: building)")
                    do {
                        let db = try Connection(server.withDatabase(building))
                        _ = try Migrator(connection: db).migrate()
                        db.close()
                    }
                    try admin.execute("ALTER DATABASE \(identifier: building) RENAME TO \(identifier: name)")
                }
            }
            cached = name
            return name
        }
    }

    /// Creates a fresh database; `migrated` clones the template that has every migration.
    public static func make(migrated: Bool = true) throws -> TestDatabase {
        let server = try TestEnvironment.serverConfig()
        let name = "nofdb_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try Connection(server)
        if migrated {
            let template = try templateName(server: server)
            try admin.execute("CREATE DATABASE \(identifier: name) TEMPLATE \(identifier: template)")
        } else {
            try admin.execute("CREATE DATABASE \(identifier: name)")
        }
        return TestDatabase(name: name, config: server.withDatabase(name))
    }

    public func connect() throws -> Connection { try Connection(config) }

    /// A postgres:// style conninfo other processes (the nofdb binary) can use.
    public var conninfo: String { config.conninfo }

    public func drop() {
        guard let server = try? TestEnvironment.serverConfig(), let admin = try? Connection(server) else { return }
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
    }
}

/// Runs `body` with a fresh database and drops it afterwards.
public func withTestDatabase<T>(migrated: Bool = true, _ body: (TestDatabase) throws -> T) throws -> T {
    let db = try TestDatabase.make(migrated: migrated)
    defer { db.drop() }
    return try body(db)
}

/// The result of running the nofdb binary.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs the built nofdb binary with `arguments` and the given extra environment.
public func runNofdb(
    _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
    input: String? = nil
) throws -> CommandResult {
    var env = environment
    if env["NO_COLOR"] == nil { env["NO_COLOR"] = "1" }
    return try runProgram(TestEnvironment.nofdbBinary, arguments, environment: env, removing: removing, input: input)
}

/// Runs a program with `arguments`, this process's environment plus `environment` (less the
/// names in `removing`), and `input` on its standard input; collects both outputs.
public func runProgram(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
    input: String? = nil
) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for key in removing { env.removeValue(forKey: key) }
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let inPipe = Pipe()
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try? inPipe.fileHandleForWriting.close()
    let outBox = DataCollector(out.fileHandleForReading)
    let errBox = DataCollector(err.fileHandleForReading)
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus,
        stdout: String(decoding: outBox.finish(), as: UTF8.self),
        stderr: String(decoding: errBox.finish(), as: UTF8.self))
}

/// Reads a pipe to its end on a background thread.
final class DataCollector: @unchecked Sendable {
    private let group = DispatchGroup()
    private var data = Data()
    init(_ handle: FileHandle) {
        group.enter()
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.group.leave()
        }
    }
    func finish() -> Data {
        group.wait()
        return data
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the full set of real NHS England files is present
    /// (`../shared`, or NOFDB_SHARED_DIR); otherwise it is skipped by name with `why` — the
    /// facts it asserts are about files the committed corpus does not hold. `Scripts/test`
    /// counts and lists these skips.
    public static func sharedData(_ why: String) -> Self {
        .enabled(if: TestEnvironment.hasSharedData, Comment(rawValue: "without ../shared (not in the committed corpus): " + why))
    }
}
