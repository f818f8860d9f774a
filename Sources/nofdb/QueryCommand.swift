import ArgumentParser
import Foundation
import NOFPostgres
import NOFReports

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run ad-hoc SQL read-only, as the nofdb_query sandbox role (the nof views only), bounded in time and memory.",
        discussion: """
            Named parameters are bound as real parameters, never spliced into the SQL:
              nofdb query "SELECT * FROM nof.standard_performance
                           WHERE org_code = :org" --param org=RBD

            Bounded: --timeout covers the whole command (running, fetching, writing); a row over 16 MB is refused on the server, saying why (nofdb holds one row in memory at a time); csv and json stream every row (csv without --param straight from COPY … TO STDOUT, PostgreSQL's CSV); the table format cuts cells at 200 characters, with a note.

            Exit status: 0 done, 1 failed, refused or timed out, 64 usage (a statement that does not read, a missing --param), 65 SQL the server cannot read, 69 no database.
            """)

    @OptionGroup var database: ReadDatabaseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The SQL (or use --file).")
    var sql: String?

    @Option(help: "Read the SQL from this file.")
    var file: String?

    @Option(name: .customLong("param"), help: "name=value for a :name placeholder (repeatable).")
    var params: [String] = []

    @Option(help: "Seconds the whole command may take: running the query, fetching and writing its rows (default 30).")
    var timeout = 30

    @Option(name: .customLong("limit"), parsing: .unconditional, help: ArgumentHelp(
        "At most this many rows: table, markdown, html and xlsx keep 10,000 by default; csv and json stream every row unless --limit is given. A whole number, 1 or more.",
        valueName: "limit"))
    var limitText: String?

    var limit: Int? { limitText.flatMap { Int($0) } }

    @Flag(help: "Run with the connecting user's full rights instead of the nofdb_query sandbox (reads dw and audit; for a superuser, files and programs too). Use with care.")
    var unrestricted = false

    func validate() throws {
        if (sql == nil) == (file == nil) { throw ValidationError("give the SQL as an argument or with --file, not both") }
        for p in params where !p.contains("=") { throw ValidationError("--param \(p): use name=value") }
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
        try RowLimit.validate(limitText)
    }

    /// The characters of a cell each collected format shows (a table cell wider than the
    /// terminal helps nobody; a spreadsheet cell holds at most 32,767).
    var cellCharacters: Int {
        switch output.format {
        case .table: return 200
        case .xlsx: return 32_767
        default: return 10_000
        }
    }

    func run() throws {
        var text = sql ?? ""
        if let file {
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
        }
        var values: [String: String] = [:]
        for p in params {
            let parts = p.split(separator: "=", maxSplits: 1).map(String.init)
            values[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        let connection = try database.connect()
        if unrestricted {
            Console.note("warning: --unrestricted: the query runs with the connecting user's full rights, outside the nofdb_query sandbox")
        }
        let runner = QueryRunner(connection: connection)
        var limits = QueryRunner.Limits(timeoutSeconds: timeout, rows: limit)
        if output.format == .csv || output.format == .json {
            // Streamed: rows go to the file or standard output as they arrive.
            // A file is written beside its name and renamed when the query has finished, so a
            // failed or timed-out query never leaves a partial file that looks whole.
            let partial = output.output.map { $0 + ".part" }
            let handle: FileHandle
            if let partial {
                guard FileManager.default.createFile(atPath: partial, contents: nil), let file = FileHandle(forWritingAtPath: partial) else {
                    throw ReportError("cannot write \(partial)", kind: .usage)
                }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            let sink = OutputSink(fileDescriptor: handle.fileDescriptor)
            do {
                if output.excel { try sink.write("\u{FEFF}") }
                try runner.stream(text, parameters: values, format: output.format == .csv ? .csv : .json, limits: limits,
                                  unrestricted: unrestricted, to: sink)
            } catch {
                try? sink.flush()
                if let partial {
                    try? handle.close()
                    try? FileManager.default.removeItem(atPath: partial)
                }
                throw error
            }
            if let path = output.output, let partial {
                try handle.close()
                _ = try? FileManager.default.removeItem(atPath: path)
                try FileManager.default.moveItem(atPath: partial, toPath: path)
                Console.note("wrote \(path)")
            }
            return
        }
        limits.cellCharacters = cellCharacters
        let report = try runner.run(text, parameters: values, limits: limits, unrestricted: unrestricted)
        try output.emit(report)
    }
}
