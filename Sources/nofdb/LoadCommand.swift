import ArgumentParser
import Foundation
import NOFPostgres
import NOFCore
import NOFIngest
import NOFWarehouse

struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load published NHS England files (CSV, XLSX, XLS, ZIP; files or directories).",
        discussion: """
            Each file's dataset and layout are detected from its header cells, never its name:
              ae           A&E attendances and emergency admissions (MSitAE CSV,
                           16 and 22-column layouts)
              ambulance    AmbSYS CSV (128, 153 columns, or other A-codes), or the AmbSYS
                           time series workbook (its Raw sheet; a trust's all-zero month
                           is stored as not reported)
              rtt          RTT Full CSV, raw or zipped (bands to 104 or 52 weeks;
                           pre-October 2017)
              cancer       CWT CRS provider extract (XLSX, or the same columns as CSV)
              diagnostics  DM01 Monthly Diagnostics web file, Provider (XLS)
              nof_data, nof_league
                           official NHS Oversight Framework CSVs
              ods_trusts   ODS etr.csv / ect.csv (no header: recognised by shape), one
                           snapshot per file
              ods_successors
                           ODS succ.csv (no header)
            Other NHS England products of these datasets are named and refused with what to load instead (RTT provider and commissioner workbooks, CWT commissioner and national time series, DM01 commissioner and time series, A&E workbooks); reference files nofdb carries itself (ICB lists, trust types) are skipped. README lists them all.

            A file's rows replace any earlier load of the same (dataset, month) in one transaction; loading the same bytes again is reported as unchanged. Rejected rows are stored with their line, column, value and reason (see `nofdb report loads`).

            A file is whole or it is refused: a CSV cut inside a record or holding a NUL byte, a ZIP member with a bad CRC, a workbook sheet cut short, a pipe or device instead of a file, or input past the size caps fails, and nothing from it is committed.

            A month is never replaced by less: before a month is swapped in, nofdb compares it with the stored one. If providers would disappear or rows fall below 90%, or the file's own total (A&E TOTAL row, AmbSYS England rows, DM01 provider Total rows) is missing or does not add up, that month is held back (nothing of it committed; the file's other months still load) and listed with why. A few rows of another month (under 5% of the file's largest month) are rejected as stray. The replaced month is kept as a revision (nofdb report revisions; nofdb restore LOAD_ID).

            Totals cannot catch a file that adds up to the wrong thing: each provider's key count is compared with the median of its previous 12 loaded months, and a provider over 10x (England over 2x) holds the month back (--allow-outliers loads it, recorded); over 3x, and falls, are warnings. Two different files carrying one month in one command hold that month back in both (the same bytes twice load once); a month missing inside a file's range is a warning.

            Exit status: 0 loaded (or unchanged), 2 loaded with rejected rows, 1 a file failed or a month was held back (nothing from that month was committed), 6 a standby behind (--wait-replicas), 64 usage, 69 no database, 75 another load held the lock (--no-wait).
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Files or directories to load (directories are searched recursively).")
    var paths: [String]

    @Option(help: "Skip dataset detection: load every file as this dataset.")
    var dataset: Dataset?

    @Flag(help: "Fail a file if any of its rows is rejected.")
    var strict = false

    @Flag(help: "Print a machine-readable JSON summary on standard output.")
    var json = false

    @Flag(name: .shortAndLong, help: "No progress or per-file lines on a terminal (the summary still prints).")
    var quiet = false

    @Flag(name: .customLong("no-wait"), help: "Fail at once if another load of the same dataset is running.")
    var noWait = false

    @Option(help: "Encoding of CSV files: utf-8 (NHS England's; the default) or windows-1252 (a file re-saved by Excel on Windows).")
    var encoding = TextEncoding.utf8

    @Flag(name: .customLong("allow-shrink"), help: "Replace a month even when providers would disappear or rows fall below 90% of the stored month.")
    var allowShrink = false

    @Flag(name: .customLong("allow-total-mismatch"), help: "Load a month whose own total row is missing or does not add up.")
    var allowTotalMismatch = false

    @Flag(name: .customLong("allow-outliers"), help: "Load a month the plausibility guard holds back (a provider over 10x, or England over 2x, the median of its previous 12 loaded months); recorded as warnings.")
    var allowOutliers = false

    @Option(name: .customLong("keep-revisions"), help: "How many replaced revisions to keep per month (default 3); remembered for later loads.")
    var keepRevisions: Int?

    @Option(name: .customLong("wait-replicas"), help: ArgumentHelp(
        "After the load, wait up to this many seconds until every streaming standby has replayed it (exit 6 if one has not).",
        valueName: "seconds"))
    var waitReplicas: Double?

    func validate() throws {
        if let keepRevisions, keepRevisions < 0 || keepRevisions > 100 {
            throw ValidationError("--keep-revisions \(keepRevisions): use 0 to 100")
        }
    }

    func run() throws {
        var options = LoadOptions(dataset: dataset, strict: strict, wait: !noWait)
        options.encoding = encoding
        options.xlsHelper = XLSCheckCommand.helper
        options.allowShrink = allowShrink
        options.allowTotalMismatch = allowTotalMismatch
        options.allowOutliers = allowOutliers
        options.onWait = { Console.note($0) }
        let progress = ProgressLine(enabled: Console.stderrIsTerminal && !json && !quiet)
        progress.attach(to: &options)
        let connection = try database.connectMigrated(for: "load")
        if let keepRevisions { try RevisionSettings(connection: connection).keep(keepRevisions) }
        let loader = Loader(connection: connection, options: options)
        let (results, skipped) = try loader.load(paths: paths)
        progress.clear()
        if !json {
            for item in skipped { Console.note("skipped \(item)") }
        }
        if json {
            print(LoadSummary.json(results))
        } else {
            print(LoadSummary.table(results))
        }
        let status = LoadSummary.exitCode(results)
        if let waitReplicas, try !ReplicaWait.run(connection, seconds: waitReplicas), status == 0 || status == 2 {
            throw ExitCode(ExitStatus.replicaBehind.rawValue)
        }
        throw ExitCode(status)
    }
}

/// `--wait-replicas`: waits for the standbys and says how it went on standard error.
enum ReplicaWait {
    static func run(_ connection: Connection, seconds: Double) throws -> Bool {
        let (caughtUp, standbys) = try Replication.waitForStandbys(connection, timeout: seconds)
        if standbys.isEmpty {
            Console.note("--wait-replicas: no streaming standby is connected to this server")
        } else if caughtUp {
            Console.note("all \(standbys.count) standbys have replayed the load: \(standbys.map(\.name).joined(separator: ", "))")
        } else {
            let behind = standbys.filter { !$0.caughtUp }.map { "\($0.name) (\($0.state), \($0.replayLagBytes.formatted()) bytes behind)" }
            Console.note("--wait-replicas: after \(seconds.formatted()) s, not replayed yet on \(behind.joined(separator: ", ")); readers there see the data as before")
        }
        return caughtUp
    }
}

/// On a terminal (standard error), a progress line per file redrawn in place (bytes, rows,
/// rate, elapsed), replaced by one finished line when the file is done. Does nothing when
/// standard error is not a terminal, or with --json or --quiet.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func attach(to options: inout LoadOptions) {
        guard enabled else { return }
        options.onProgress = { [self] in update($0) }
        options.onFileDone = { [self] in finished($0) }
    }

    func update(_ p: LoadProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + LoadSummary.progressText(p)).utf8))
        shown = true
    }

    func finished(_ results: [FileLoadResult]) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let lines = results.map(LoadSummary.finishedLine).joined(separator: "\n")
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + lines + "\n").utf8))
        shown = false
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
