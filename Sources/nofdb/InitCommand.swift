import ArgumentParser
import Foundation
import NOFWarehouse

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the warehouse schema (applies pending migrations; safe to repeat).")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let connection = try database.connect()
        let report = try Migrator(connection: connection).migrate(onWait: {
            Console.note("another nofdb is initialising this database; waiting for it to finish…")
        })
        for migration in report.applied {
            print("applied migration \(String(format: "%03d", migration.version))_\(migration.name) (\(migration.milliseconds) ms)")
        }
        if report.viewsRecreated > 0 { print("created \(report.viewsRecreated) view files in schema nof") }
        if report.upToDate {
            print("database \(connection.config) is up to date (schema version \(report.latestVersion)); nothing to do")
        } else {
            print("database \(connection.config) is at schema version \(report.latestVersion)")
        }
    }
}
