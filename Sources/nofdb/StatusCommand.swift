import ArgumentParser
import Foundation
import NOFPostgres
import NOFReports

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the database, schema version, months loaded per dataset and the last loads.")

    @OptionGroup var database: ReadDatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let connection = try database.connect()
        try output.emit(try StatusReport.build(connection: connection))
    }
}
