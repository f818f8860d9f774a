import ArgumentParser
import Foundation
import NOFPostgres
import NOFReports

/// `--format` and `--output`, shared by report, query and status.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv, json, markdown, html or xlsx (a workbook: needs --output).")
    var format: String = "table"

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "CSV for Excel: start with a UTF-8 byte-order mark, so Excel on Windows reads †, ‡ and — correctly.")
    var excel = false

    @Flag(help: "CSV: add the footnotes (the field-test note among them) as trailing rows starting with \"# \".")
    var footnotes = false

    func validate() throws {
        if OutputFormat(rawValue: format) == nil {
            throw ValidationError("--format \(format): use one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if excel, format != OutputFormat.csv.rawValue { throw ValidationError("--excel applies to --format csv") }
        if footnotes, format != OutputFormat.csv.rawValue {
            throw ValidationError("--footnotes applies to --format csv (the other formats always show them)")
        }
    }

    func emit(_ report: ReportResult) throws {
        let format = OutputFormat(rawValue: format) ?? .table
        let toTerminal = output == nil && Console.stdoutIsTerminal
        let env = ProcessInfo.processInfo.environment
        let color = toTerminal && (env["NO_COLOR"] ?? "").isEmpty && env["TERM"] != "dumb"
        let style = TerminalStyle(width: Console.terminalWidth, color: color)
        if format == .xlsx {
            guard let output else {
                throw ReportError("--format xlsx writes a workbook: give --output FILE.xlsx")
            }
            do {
                try ReportWorkbook.write(report, to: URL(fileURLWithPath: output))
            } catch {
                throw ReportError("cannot write \(output): \(error)")
            }
            Console.note("wrote \(output) (\(report.sections.count + 1) sheets: one per section, then Notes)")
            return
        }
        var isDirectory: ObjCBool = false
        let toFolder = output.map { $0.hasSuffix("/") || (FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue) } ?? false
        if format == .csv, report.sections.count > 1 || toFolder {
            // Differently shaped tables do not belong in one CSV: one file per section in a
            // folder, or the user picks one.
            let slugs = report.sections.map { ReportDefinition.slug($0.title) }
            guard let output, toFolder else {
                throw ReportError("""
                    \(report.name) has \(slugs.count) sections (\(slugs.joined(separator: ", "))) and one CSV holds one table: \
                    give --section NAME, or --output DIR/ for one CSV file per section
                    """)
            }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for (table, slug) in zip(report.sections, slugs) {
                var one = report
                one.sections = [table]
                try write(csvText(one), to: (output as NSString).appendingPathComponent("\(report.name)-\(slug).csv"))
            }
            return
        }
        let text = format == .csv ? csvText(report) : ensureNewline(ReportRenderer.render(report, as: format, style: style))
        if let output {
            try write(text, to: output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    func ensureNewline(_ text: String) -> String { text.utf8.last == 10 ? text : text + "\n" }

    /// One table as CSV: a byte-order mark first with --excel, its footnotes as trailing
    /// "# " rows with --footnotes.
    func csvText(_ report: ReportResult) -> String {
        var text = ensureNewline(ReportRenderer.csv(report))
        if footnotes {
            for table in report.sections {
                for note in table.footnotes { text += ReportRenderer.csvLine(["# " + note]) }
            }
        }
        return excel ? "\u{FEFF}" + text : text
    }

    func write(_ text: String, to output: String) throws {
        do {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw ReportError("cannot write \(output): \(error.localizedDescription)")
        }
        Console.note("wrote \(output)")
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run a canned report (nofdb report --list shows them all).",
        discussion: """
            Examples:
              nofdb report league-table --period 2021-Q3 --peer-group acute
              nofdb report trust RBD --format html --output rbd.html
              nofdb report trust R0D --merged
              nofdb report cancer --icb QVV
              nofdb report national --period latest --format csv
            """)

    @OptionGroup var database: ReadDatabaseOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "List every canned report with its description and parameters.")
    var list = false

    @Argument(help: "Report name (see --list).")
    var name: String?

    @Argument(help: "Organisation code or a name matching one organisation, for reports that take one (trust).")
    var organisation: String?

    @Option(help: "YYYY-MM, YYYY-Qn (financial year starting in YYYY, Q1 = April-June) or latest (for league-table and segments: the newest quarter with at least 10 organisations of the peer group ranked, preferring the one covering the most datasets).")
    var period = "latest"

    @Option(name: .customLong("peer-group"), help: "acute, specialist or ambulance (from trust types).")
    var peerGroup = "acute"

    @Option(help: "League table: nof (the NHS Oversight Framework metrics these datasets provide; the default) or operational (nofdb's wider set of standards).")
    var league = "nof"

    @Option(help: "overall, urgent_and_emergency_care, elective, cancer or diagnostics.")
    var domain = "overall"

    @Option(help: "Only this organisation (ODS code).")
    var org: String?

    @Option(help: "Only this NHS region (code such as Y56, or name).")
    var region: String?

    @Option(help: "Only the trusts of this ICB that month (ODS code such as QVV, or name), for reports that take --region.")
    var icb: String?

    @Flag(help: "trust report: restate history on today's organisation, predecessors' figures summed in before each merger.")
    var merged = false

    @Option(name: .customLong("limit"), parsing: .unconditional, help: ArgumentHelp(
        "At most this many rows (a whole number, 1 or more).", valueName: "limit"))
    var limitText: String?

    var limit: Int? { limitText.flatMap { Int($0) } }

    @Option(help: "Only this section of a report with several (see --list), e.g. movers.")
    var section: String?

    @Option(help: "Only this load (loads report: the load and every row it rejected; revisions report: what replacing that load's revision changed).")
    var load: Int?

    @Option(help: "Only this dataset (revisions report): ae, ambulance, rtt, cancer, diagnostics, nof_data, nof_league, ods_trusts, ods_successors.")
    var dataset: String?

    func validate() throws {
        try RowLimit.validate(limitText)
    }

    func run() throws {
        if list || name == nil {
            print(ReportCatalog.listing())
            return
        }
        guard let name, let definition = ReportCatalog.named(name) else {
            let names = ReportCatalog.all.map(\.name).joined(separator: ", ")
            throw ValidationError("unknown report '\(name ?? "")'; reports: \(names)")
        }
        var options = ReportOptions()
        options.period = period
        options.peerGroup = peerGroup
        options.domain = domain
        options.org = organisation ?? org
        options.region = region
        options.icb = icb
        options.merged = merged
        options.limit = limit
        options.section = section
        options.load = load
        options.dataset = dataset
        options.league = league
        let connection = try database.connect()
        let report = try ReportRunner(connection: connection).run(definition, options: options)
        try output.emit(report)
    }
}

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run ad-hoc SQL read-only, as the nofdb_query sandbox role (the nof views only), with a statement timeout.",
        discussion: """
            Named parameters are bound as real parameters, never spliced into the SQL:
              nofdb query "SELECT * FROM nof.standard_performance WHERE org_code = :org" --param org=RBD
            """)

    @OptionGroup var database: ReadDatabaseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The SQL (or use --file).")
    var sql: String?

    @Option(help: "Read the SQL from this file.")
    var file: String?

    @Option(name: .customLong("param"), help: "name=value for a :name placeholder (repeatable).")
    var params: [String] = []

    @Option(help: "Statement timeout in seconds.")
    var timeout = 30

    @Option(name: .customLong("limit"), parsing: .unconditional, help: ArgumentHelp(
        "At most this many rows (table, json, markdown, html; default 10,000; a whole number, 1 or more). CSV streams every row.",
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
        if output.format == OutputFormat.csv.rawValue {
            // Streamed: rows go to the file or standard output as they arrive.
            // A file is written beside its name and renamed when the query has finished, so a
            // failed or timed-out query never leaves a partial file that looks whole.
            let handle: FileHandle
            let partial = output.output.map { $0 + ".part" }
            if let partial {
                guard FileManager.default.createFile(atPath: partial, contents: nil), let file = FileHandle(forWritingAtPath: partial) else {
                    throw ValidationError("cannot write \(partial)")
                }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            do {
                if output.excel { try handle.write(contentsOf: Data("\u{FEFF}".utf8)) }
                _ = try runner.run(text, parameters: values, timeoutMilliseconds: timeout * 1000, unrestricted: unrestricted) { chunk in
                    try handle.write(contentsOf: Data(chunk.utf8))
                }
            } catch {
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
        let report = try runner.run(text, parameters: values, timeoutMilliseconds: timeout * 1000,
                                    unrestricted: unrestricted, limit: limit ?? 10_000)
        try output.emit(report)
    }
}

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
