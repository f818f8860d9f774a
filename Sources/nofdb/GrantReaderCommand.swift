import ArgumentParser
import Foundation
import NOFCore
import NOFWarehouse

struct GrantReaderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant-reader",
        abstract: "Create or update a read-only role for BI tools (reads the nof views and nothing else).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Role name, e.g. powerbi.")
    var role: String

    @Flag(name: .customLong("password-stdin"), help: "Read a password from standard input and let the role log in.")
    var passwordStdin = false

    @Flag(help: "Audit the role instead: list every privilege it has beyond reading the nof views, in every database of the cluster it may connect to (exit 1 if any).")
    var check = false

    @Option(name: .customLong("statement-timeout"), help: ArgumentHelp(
        "The role's statement_timeout in seconds, so a BI query cannot hold a backend for ever (0 for none).",
        valueName: "seconds"))
    var statementTimeout = ReaderRole.defaultStatementTimeoutSeconds

    func validate() throws {
        if statementTimeout < 0 || statementTimeout > 86_400 {
            throw ValidationError("--statement-timeout \(statementTimeout): give seconds from 0 (none) to 86400 (a day)")
        }
    }

    func run() throws {
        if check {
            let connection = try database.connect(for: "grant-reader")
            let databases = try ReaderRole.checkEveryDatabase(role, on: connection)
            let findings = databases.reduce(0) { $0 + $1.findings.count }
            let unexamined = databases.filter { $0.problem != nil }
            for db in databases {
                if let problem = db.problem {
                    print("database \(db.database): \(problem)")
                } else if db.findings.isEmpty {
                    print("database \(db.database): role \(role) reads the nof views and nothing else")
                } else {
                    print("database \(db.database): role \(role) has \(db.findings.count) privileges beyond the nof views:")
                    for f in db.findings { print("  \(f.kind): \(f.object)") }
                }
            }
            if findings > 0 || !unexamined.isEmpty { throw ExitCode(ExitStatus.failure.rawValue) }
            return
        }
        var password: String?
        if passwordStdin {
            password = readLine(strippingNewline: true)
            guard let password, !password.isEmpty else { throw ValidationError("no password on standard input") }
        }
        let connection = try database.connect(for: "grant-reader")
        let outcome = try ReaderRole.grant(role, password: password, statementTimeoutSeconds: statementTimeout, on: connection)
        print("\(outcome.created ? "created" : "updated") role \(outcome.role): SELECT on every view in schema nof, nothing else"
              + (outcome.canLogin ? " (can log in)" : " (no login: GRANT \(outcome.role) TO a user)")
              + "; statement_timeout " + (statementTimeout == 0 ? "none" : "\(statementTimeout) s"))
        for note in outcome.notes { print("note: \(note)") }
        print("next: \(ReaderRole.odbcAdvice)")
    }
}
