import ArgumentParser
import Foundation
import NOFPostgres
import NOFReports

struct OrgsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs",
        abstract: "Find organisations by code or words of the name, with type, region, ICB, dates, predecessors and successor.",
        discussion: """
            Examples:
              nofdb orgs dorset        R0D, RBD, RDY, and RD3 and RDZ as predecessors of R0D
              nofdb orgs "st georges"  case and punctuation do not matter
              nofdb orgs               every NHS trust
            """)

    @OptionGroup var database: ReadDatabaseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "A code (RBD) or words of the name (dorset); omitted: every NHS trust.")
    var text: [String] = []

    func run() throws {
        let connection = try database.connect()
        let search = text.joined(separator: " ")
        try output.emit(try OrganisationFinder.find(search.isEmpty ? nil : search, connection: connection))
    }
}
