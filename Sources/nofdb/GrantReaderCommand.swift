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

    @Flag(help: "Audit the role instead: list every privilege it has beyond reading the nof views (exit 1 if any).")
    var check = false

    func run() throws {
        if check {
            let connection = try database.connect(for: "grant-reader")
            let findings = try ReaderRole.check(role, on: connection)
            if findings.isEmpty {
                print("role \(role): reads the nof views and nothing else")
                return
            }
            print("role \(role) has \(findings.count) privileges beyond the nof views:")
            for f in findings { print("  \(f.kind): \(f.object)") }
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        var password: String?
        if passwordStdin {
            password = readLine(strippingNewline: true)
            guard let password, !password.isEmpty else { throw ValidationError("no password on standard input") }
        }
        let connection = try database.connect(for: "grant-reader")
        let outcome = try ReaderRole.grant(role, password: password, on: connection)
        print("\(outcome.created ? "created" : "updated") role \(outcome.role): SELECT on every view in schema nof, nothing else"
              + (outcome.canLogin ? " (can log in)" : " (no login: GRANT \(outcome.role) TO a user)"))
        for note in outcome.notes { print("note: \(note)") }
        print("next: \(ReaderRole.odbcAdvice)")
    }
}
