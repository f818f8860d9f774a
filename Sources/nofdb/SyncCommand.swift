import ArgumentParser
import Foundation
import NOFCore
import NOFIngest
import NOFSync

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Find, download and load each new or revised publication (the scheduled job).",
        discussion: """
            Reads each dataset's NHS England pages, follows the links the sources file names, downloads files that are new or changed (conditional requests; SHA-256) into the cache directory and loads them. Running it again at once does nothing.

            Sources: --sources FILE, else $XDG_CONFIG_HOME/nofdb/sources.json (or ~/.config/nofdb/sources.json), else the built-in file (nofdb sync --print-sources).
            Exit status: 0 done (or nothing new), 2 loaded with rejected rows, 1 a page, download or load failed, 4 the source could not be reached at all.
            Schedule it with Scripts/cron.example or Scripts/nofdb-sync.{service,timer}.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Datasets to sync (default: all in the sources file): ae, ambulance, rtt, cancer, diagnostics, ods_trusts, ods_successors.")
    var datasets: [String] = []

    @Option(help: "A sources file (JSON) to use instead of the built-in one.")
    var sources: String?

    @Flag(name: .customLong("print-sources"), help: "Print the built-in sources file and exit (copy it to edit it).")
    var printSources = false

    @Flag(name: .customLong("dry-run"), help: "List what would be fetched and loaded; download and load nothing.")
    var dryRun = false

    @Option(help: "Only files for this month or later (YYYY-MM), for a backfill.")
    var since: String?

    @Option(name: .customLong("cache-dir"), help: "Where downloads go (default $XDG_CACHE_HOME/nofdb).")
    var cacheDir: String?

    @Option(help: "Seconds to wait for a server before retrying.")
    var timeout: Double = 60

    @Option(help: "Retries after a failed request (with back-off).")
    var retries = 3

    @Flag(help: "Print a machine-readable JSON summary.")
    var json = false

    @Flag(help: "Fail a file if any of its rows is rejected.")
    var strict = false

    func validate() throws {
        if let since, YearMonth(since) == nil { throw ValidationError("--since \(since): use YYYY-MM") }
        if timeout <= 0 { throw ValidationError("--timeout must be positive") }
        if retries < 0 { throw ValidationError("--retries cannot be negative") }
    }

    @Flag(name: .shortAndLong, help: "No progress or per-file lines on a terminal (the summary still prints).")
    var quiet = false

    @Option(name: .customLong("wait-replicas"), help: ArgumentHelp(
        "After loading, wait up to this many seconds until every streaming standby has replayed it (exit 6 if one has not).",
        valueName: "seconds"))
    var waitReplicas: Double?

    func run() async throws {
        if printSources {
            print(SourcesFile.defaultJSON)
            return
        }
        let file = try loadSources()
        var options = SyncOptions(cacheDirectory: cacheDir.map { URL(fileURLWithPath: $0) } ?? SyncOptions.defaultCacheDirectory())
        options.datasets = datasets
        options.dryRun = dryRun
        options.since = since.flatMap(YearMonth.init)
        options.timeout = timeout
        options.retries = retries
        options.load = LoadOptions(strict: strict)
        options.load.xlsHelper = XLSCheckCommand.helper
        options.load.onWait = { Console.note($0) }
        let progress = ProgressLine(enabled: Console.stderrIsTerminal && !json && !quiet)
        progress.attach(to: &options.load)
        let connection = try options.dryRun ? database.connect(for: "sync") : database.connectMigrated(for: "sync")
        let report = try await Syncer(connection: connection, sources: file, options: options).run()
        progress.clear()
        if json {
            print(SyncSummary.json(report))
        } else {
            print(SyncSummary.text(report))
        }
        if let waitReplicas, !options.dryRun, try !ReplicaWait.run(connection, seconds: waitReplicas),
           report.exitCode == 0 || report.exitCode == 2 {
            throw ExitCode(ExitStatus.replicaBehind.rawValue)
        }
        throw ExitCode(report.exitCode)
    }

    func loadSources() throws -> SourcesFile {
        if let sources { return try SourcesFile.load(from: URL(fileURLWithPath: sources)) }
        let env = ProcessInfo.processInfo.environment
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        let user = config.appendingPathComponent("nofdb/sources.json")
        if FileManager.default.fileExists(atPath: user.path) { return try SourcesFile.load(from: user) }
        return try SourcesFile.defaultSources()
    }
}
