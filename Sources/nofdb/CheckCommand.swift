import ArgumentParser
import Foundation
import NOFCore
import NOFReports
import NOFWarehouse

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the warehouse's data tests (SQL/tests): each is a query returning the rows that break a rule.",
        discussion: """
            Prints, per test, pass or the number of failing rows and the first few. Exit status:
            0 when every test passes, 1 when any fails (or its query errs).
              nofdb check                 every test
              nofdb check --test segments_are_1_to_4
              nofdb check --list          the tests and their rules
            """)

    @OptionGroup var database: ReadDatabaseOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "List the data tests and their rules; run nothing.")
    var list = false

    @Option(name: .customLong("test"), help: "Run only this test (repeatable).")
    var tests: [String] = []

    func run() throws {
        let all = DataTest.all
        if list {
            for test in all { print("\(test.name)\(test.scopedToPeriods ? " (also run by load)" : "")\n    \(test.rule)") }
            return
        }
        let unknown = tests.filter { name in !all.contains { $0.name == name } }
        if !unknown.isEmpty {
            throw ValidationError("unknown data test \(unknown.joined(separator: ", ")); nofdb check --list shows them")
        }
        let connection = try database.connect()
        try Migrator.requireCurrent(connection)
        let selected = tests.isEmpty ? all : all.filter { tests.contains($0.name) }
        let results = try DataTestRunner(connection: connection).run(selected)
        try output.emit(CheckReport.make(results, database: connection.config.description))
        if results.contains(where: { !$0.passed }) { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}
