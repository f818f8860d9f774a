import ArgumentParser
import Foundation
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

    func run() throws {
        var password: String?
        if passwordStdin {
            password = readLine(strippingNewline: true)
            guard let password, !password.isEmpty else { throw ValidationError("no password on standard input") }
        }
        let connection = try database.connect()
        let outcome = try ReaderRole.grant(role, password: password, on: connection)
        print("\(outcome.created ? "created" : "updated") role \(outcome.role): SELECT on every view in schema nof, nothing else"
              + (outcome.canLogin ? " (can log in)" : " (no login: GRANT \(outcome.role) TO a user)"))
    }
}
