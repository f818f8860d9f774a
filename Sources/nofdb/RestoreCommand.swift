import ArgumentParser
import Foundation
import NOFCore
import NOFIngest

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring back an archived revision: the months whose data came from load LOAD become current again.",
        discussion: """
            A load that replaces a month keeps the month it replaced as a revision (the newest 3 per month, or --keep-revisions on load). nofdb report revisions lists them, with --load ID what a replacement changed. A restore runs in one transaction, is logged like a load (kind restore), refreshes the marts and keeps what it replaces as a revision in turn, so it can be undone the same way.
              nofdb report revisions --dataset ae
              nofdb restore 17
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The load whose data to bring back (the load column of nofdb report revisions).")
    var load: Int

    @Flag(name: .customLong("no-wait"), help: "Fail at once if a load of the same dataset is running.")
    var noWait = false

    func run() throws {
        let connection = try database.connectMigrated(for: "restore")
        var options = LoadOptions(wait: !noWait)
        options.onWait = { Console.note($0) }
        do {
            let result = try Restorer(connection: connection, options: options).restore(load: load)
            let months = result.slices.map { "\($0.period) (\($0.rows.formatted()) rows)" }.joined(separator: ", ")
            print("restored the data of load \(result.restoredLoad) for \(result.dataset): \(months)")
            print("logged as load \(result.restoreId); what it replaced is kept as a revision (nofdb report revisions); marts refreshed (\(String(format: "%.2f", result.seconds)) s)")
        } catch let error as LoadError {
            Console.note(error.description)
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}

struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild every mart from the facts (standards, league tables), then run the data tests.",
        discussion: """
            The marts are a function of the facts: loads refresh them for the months they touch, and init rebuilds them when the SQL changes. rebuild does it by hand, waiting for any running load, in one transaction; nothing changes if a data test then fails.
            """)

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let connection = try database.connectMigrated(for: "rebuild")
        let (months, seconds, tests) = try Rebuilder(connection: connection).rebuild(onWait: { Console.note($0) })
        print("rebuilt the marts of \(months) dataset-months from the facts in \(String(format: "%.2f", seconds)) s; all \(tests.count) data tests pass")
    }
}
