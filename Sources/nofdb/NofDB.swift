import ArgumentParser
import Foundation
import NOFPostgres
import NOFWarehouse
import NOFReports
import NOFCore

/// The `nofdb` command: lists subcommands; each one lives in its own file.
@main
struct NofDB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nofdb",
        abstract: "Load NHS England monthly performance statistics into PostgreSQL and report on them.",
        discussion: """
            Database: --database-url, else DATABASE_URL, else the PG* variables, else \
            nofdb's own embedded PostgreSQL cluster (created and started on first use).

            Typical use:
              nofdb init                      create or upgrade the warehouse schema
              nofdb load ~/Downloads/nhse     load every published file found there
              nofdb report league-table       NOF league table, newest rankable quarter
              nofdb report --list             every canned report and its parameters
              nofdb orgs dorset               find organisations by code or name
              nofdb check                     run the data tests (SQL/tests)
              nofdb sync                      fetch and load new publications (for cron)
              nofdb publish DIR               write the dashboard as a static website
            """,
        version: NofdbVersion.current,
        subcommands: [
            InitCommand.self, LoadCommand.self, ReportCommand.self, QueryCommand.self, OrgsCommand.self, StatusCommand.self, CheckCommand.self,
            SyncCommand.self, PublishCommand.self, RestoreCommand.self, RebuildCommand.self, GrantReaderCommand.self, DBCommand.self,
            SampleCommand.self, XLSCheckCommand.self,
        ])

    /// Hides a password given in --database-url from ps before anything else runs, then runs
    /// the command as AsyncParsableCommand would.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if ArgumentSecrets.hidePasswords() {
            FileHandle.standardError.write(Data((ArgumentSecrets.warning + "\n").utf8))
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    /// Exits with the status of README's one table (`ExitStatus`): errors the parser raises keep
    /// its 64; a report's or query's own errors say whether they are usage or data; a database
    /// that cannot be reached is 69; anything else failed (1).
    static func exit(withError error: any Error) -> Never {
        let status: ExitStatus
        switch error {
        case let report as ReportError:
            switch report.kind {
            case .usage: status = .usage
            case .data: status = .dataError
            case .failure: status = .failure
            }
        case let postgres as PostgresError where postgres.kind == .connection:
            status = .databaseUnavailable
        default:
            Self.exit(withError: error as Error?)
        }
        FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        Foundation.exit(status.rawValue)
    }
}
