import ArgumentParser
import Foundation
import NOFPublish

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the dashboard as a static website built from the warehouse.",
        discussion: """
            Writes DIR: Home (England against each standard, the newest leagues and what was \
            loaded when), a page per league table, organisation and standard, the A&E field \
            test, method and data, an organisation search, CSV and Excel downloads beside every \
            table, and every public view as CSV in DIR/data. No network requests: open \
            DIR/index.html in a browser, or serve DIR with any web server.

            Run it again after each load: only the pages whose data changed are built again, only \
            files whose bytes changed are rewritten, and the new site replaces the old in one \
            step, so readers never see a half-written site. DIR must be new, empty, or a site \
            nofdb published (it is replaced whole).

            Examples:
              nofdb publish /srv/www/nhs-performance
              # to preview it on http://localhost:8000/
              python3 -m http.server --directory /srv/www/nhs-performance 8000
            """)

    @OptionGroup var database: ReadDatabaseOptions

    @Argument(help: "The site's folder: new, empty, or a site nofdb published before.")
    var directory: String

    @Flag(help: "List the files written (the rest were unchanged).")
    var verbose = false

    func run() throws {
        let connection = try database.connect()
        let destination = URL(fileURLWithPath: directory)
        let summary = try SitePublisher(connection: connection).publish(to: destination) { step in
            if Console.stderrIsTerminal { Console.note(step) }
        }
        if verbose { for path in summary.written { print(path) } }
        if ProcessInfo.processInfo.environment["NOFDB_TIMING"] == "1" {
            for (kind, seconds) in summary.timings.sorted(by: { $0.value > $1.value }) {
                Console.note(kind.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%7.2f s", seconds))
            }
        }
        let seconds = String(format: "%.1f", summary.seconds)
        print("nofdb: published \(summary.pages) pages to \(summary.destination.path) in \(seconds) s: \(summary.built) built, \(summary.reused) unchanged since the last publish; \(summary.filesWritten) files written, \(summary.filesUnchanged) kept, \(summary.filesRemoved) removed.")
        if summary.sample { print("nofdb: the warehouse holds sample data; every page says so.") }
        print("nofdb: preview with: python3 -m http.server --directory \(summary.destination.path) 8000")
    }
}
