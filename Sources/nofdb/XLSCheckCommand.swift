import ArgumentParser
import Foundation
import NOFCore
import NOFIngest

/// `nofdb xls-check FILE` (hidden): reads every cell of an .xls and exits. `load` and `sync`
/// run it in a child process before opening a workbook themselves, because a damaged file
/// can crash the C library that reads .xls (see XLSIsolation).
struct XLSCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xls-check",
        abstract: "Read every cell of an .xls workbook (used by load and sync in a child process).",
        shouldDisplay: false)

    @Argument(help: "The .xls file.")
    var path: String

    /// How `load` and `sync` call this command: the running nofdb binary itself.
    static var helper: XLSHelper? {
        guard let executable = Bundle.main.executableURL else { return nil }
        return XLSHelper(executable: executable, arguments: ["xls-check"])
    }

    func run() throws {
        do {
            try XLSIsolation.readEverything(path: path)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}
