import ArgumentParser
import Foundation
import NOFPostgres
import NOFWarehouse
import NOFIngest

/// `--database-url`, shared by every command that talks to PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL URL or libpq conninfo. Default: DATABASE_URL, then PG* variables, then the embedded cluster.",
            valueName: "url"))
    var databaseURL: String?

    var locator: DatabaseLocator { DatabaseLocator(flag: databaseURL) }

    /// Connects to the primary, starting the embedded cluster when it is the database in use;
    /// refuses a hot standby at once (a write command, `command`, would fail half-way there).
    func connect(for command: String) throws -> Connection {
        let connection = try locator.connect(onStart: { Console.note($0) })
        try Replication.requirePrimary(connection, for: command)
        return connection
    }

    /// Connects and brings the schema up to date first (what a scheduled `load` or `sync`
    /// needs: no separate `init`), saying what changed on standard error.
    func connectMigrated(for command: String) throws -> Connection {
        let connection = try connect(for: command)
        let report = try Migrator(connection: connection).migrate(onWait: {
            Console.note("another nofdb is initialising the database; waiting…")
        })
        if !report.upToDate { Console.note("brought the warehouse schema up to date (schema version \(report.latestVersion)); see nofdb init") }
        for load in try InterruptedLoads.record(connection) {
            Console.note("load \(load.loadId) (\(load.fileName)) was cut off before it finished (its database session ended); recorded as interrupted: nothing from it was committed")
        }
        return connection
    }
}

/// `--database-url` and `--read-url`, for the commands that only read (report, query, status,
/// check): with a reader URL they go to that server, e.g. a hot standby.
struct ReadDatabaseOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("read-url"),
        help: ArgumentHelp(
            "A server to read from instead, e.g. a streaming replica (default NOFDB_READ_URL). Loads always go to the primary.",
            valueName: "url"))
    var readURL: String?

    func connect() throws -> Connection {
        let env = ProcessInfo.processInfo.environment
        if let url = readURL ?? env["NOFDB_READ_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try Connection(ConnectionConfig(conninfo: url))
        }
        return try database.locator.connect(onStart: { Console.note($0) })
    }
}

/// Writes to standard error (notes and warnings), keeping standard output for results.
enum Console {
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("nofdb: \(text)\n".utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width (COLUMNS, else the tty, else 120).
    static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 120
    }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// `--limit`: read as text so "-1" reaches the check (not taken for an option) and gets a
/// message that says what is allowed.
enum RowLimit {
    static func validate(_ text: String?) throws {
        guard let text else { return }
        guard let n = Int(text), n >= 1 else {
            throw ValidationError("--limit \(text): give a whole number of rows, 1 or more (leave --limit out for the default; CSV from query streams every row)")
        }
    }
}
