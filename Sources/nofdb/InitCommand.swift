import ArgumentParser
import Foundation
import NOFSQL
import NOFWarehouse
import NOFIngest

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the warehouse schema (applies pending migrations; safe to repeat).")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "List the SQL files embedded in this nofdb (path and SHA-256); connect to nothing.")
    var list = false

    @Flag(name: .customLong("print-view-docs"), help: .hidden)
    var printViewDocs = false

    func run() throws {
        if list {
            for file in SQLTree.files { print("\(file.sha256)  \(file.path)") }
            return
        }
        let connection = try database.connect(for: "init")
        if printViewDocs {
            try Migrator.requireCurrent(connection)
            print(try ViewDocs.markdown(connection), terminator: "")
            return
        }
        let report = try Migrator(connection: connection).migrate(onWait: {
            Console.note("another nofdb is initialising this database; waiting for it to finish…")
        })
        for migration in report.applied {
            print("applied migration \(String(format: "%03d", migration.version))_\(migration.name) (\(migration.milliseconds) ms)")
        }
        for label in report.rebaselined {
            print("re-recorded migration \(label): the database holds an earlier text it supersedes (same tables)")
        }
        if !report.logicApplied.isEmpty {
            print("applied \(report.logicApplied.count) logic files (SQL/logic): \(report.logicApplied.joined(separator: ", "))")
        }
        if !report.logicRemoved.isEmpty {
            print("dropped \(report.logicRemoved.count) functions whose files are gone: \(report.logicRemoved.joined(separator: ", "))")
        }
        if report.viewsRecreated > 0 { print("created \(report.viewsRecreated) views (SQL/views)") }
        if let rebuilt = report.martsRebuilt {
            print("rebuilt derived tables and the marts of \(rebuilt) dataset-months from the facts (\(report.rebuildMilliseconds) ms)")
        }
        for note in report.sandboxNotes { print("query sandbox: \(note)") }
        for load in try InterruptedLoads.record(connection) {
            print("recorded load \(load.loadId) (\(load.fileName)) as interrupted: its database session ended before it finished; nothing from it was committed")
        }
        if report.upToDate {
            print("database \(connection.config) is up to date (schema version \(report.latestVersion)); nothing to do")
        } else {
            print("database \(connection.config) is at schema version \(report.latestVersion)")
        }
    }
}
