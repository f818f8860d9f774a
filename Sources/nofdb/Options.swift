import ArgumentParser
import Foundation
import NOFPostgres
import NOFWarehouse

/// `--database-url`, shared by every command that talks to PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL URL or libpq conninfo. Default: DATABASE_URL, then PG* variables, then the embedded cluster.",
            valueName: "url"))
    var databaseURL: String?

    var locator: DatabaseLocator { DatabaseLocator(flag: databaseURL) }

    /// Connects, starting the embedded cluster when it is the database in use.
    func connect() throws -> Connection {
        try locator.connect(onStart: { Console.note($0) })
    }
}

/// Writes to standard error (notes and warnings), keeping standard output for results.
enum Console {
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("nofdb: \(text)\n".utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
