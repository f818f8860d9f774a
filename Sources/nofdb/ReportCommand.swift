import ArgumentParser
import Foundation
import NOFPostgres
import NOFIngest
import NOFReports

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

    @Option(
        help: ArgumentHelp(
            "YYYY-MM, YYYY-Qn (financial year starting in YYYY, Q1 = April-June) or latest (for league-table and segments: the newest quarter with at least 10 organisations of the peer group ranked, preferring the one covering the most datasets).",
            valueName: "period"),
        transform: { text in
            do { return try PeriodRequest(text) } catch { throw ValidationError(String(describing: error)) }
        })
    var period = PeriodRequest.latest

    @Option(name: .customLong("peer-group"), help: "League tables: the peer group compared (from trust types; default acute).")
    var peerGroup: PeerGroup?

    @Option(help: "League table: nof (the NHS Oversight Framework metrics these datasets provide; the default) or operational (nofdb's wider set of standards).")
    var league: League?

    @Option(help: "League tables: one NOF domain, or overall (the default).")
    var domain: Domain?

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

    @Option(help: "Mark this organisation (code or name) in the report's tables and charts (provider reports and league tables).")
    var highlight: String?

    @Option(help: "Only this section of a report with several (see --list), e.g. movers.")
    var section: String?

    @Option(help: "Only this load (loads report: the load and every row it rejected; revisions report: what replacing that load's revision changed).")
    var load: Int?

    @Option(help: "Only this dataset (revisions report).")
    var dataset: Dataset?

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
        options.highlight = highlight
        options.load = load
        options.dataset = dataset?.rawValue
        options.league = league
        let connection = try database.connect()
        let report = try ReportRunner(connection: connection).run(definition, options: options)
        try output.emit(report)
    }
}
