import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse
import ZIPFoundation

/// Options for `nofdb load`.
public struct LoadOptions: Sendable {
    /// Skip detection of the dataset (the layout is still detected within it).
    public var dataset: Dataset?
    /// Any rejected row fails the whole file.
    public var strict = false
    /// Wait for another load of the same dataset (false: fail at once).
    public var wait = true
    /// Told when this load has to wait for another.
    public var onWait: @Sendable (String) -> Void = { _ in }
    /// The encoding of CSV files (XLSX and XLS carry their own).
    public var encoding = TextEncoding.utf8
    /// Read each .xls in this child process first, so a file that crashes FreeXL fails
    /// cleanly instead of taking nofdb down (nil: read in-process only).
    public var xlsHelper: XLSHelper?
    /// Progress reports while a file is read (bytes done, bytes total, rows read); one with
    /// nothing done yet as each file starts.
    public var onProgress: (@Sendable (LoadProgress) -> Void)?
    /// Told each file's results (one per ZIP member) as soon as that file is done.
    public var onFileDone: (@Sendable ([FileLoadResult]) -> Void)?
    /// Caps on the work one file may cause (hostile or damaged input).
    public var limits = ReadLimits.standard
    /// `--allow-shrink`: let a month be replaced by one with fewer providers or rows.
    public var allowShrink = false
    /// `--allow-total-mismatch`: load a month whose own total row is missing or does not add up.
    public var allowTotalMismatch = false
    /// `--allow-outliers`: load a month the plausibility guard would hold back (recorded as warnings).
    public var allowOutliers = false
    /// Tests only: runs between the hashing pass and the loading pass of a file.
    var betweenPasses: (@Sendable () -> Void)?

    public init(dataset: Dataset? = nil, strict: Bool = false, wait: Bool = true) {
        self.dataset = dataset
        self.strict = strict
        self.wait = wait
    }
}

/// Where a load is while it reads a file.
public struct LoadProgress: Sendable {
    public var file: String
    public var bytesDone: Int
    public var bytesTotal: Int
    public var rows: Int
    public var elapsed: Double
}

/// The outcome of loading one file (or one member of a ZIP archive).
public struct FileLoadResult: Sendable {
    public enum Status: String, Sendable {
        case loaded
        case loadedWithRejects = "loaded_with_rejects"
        case unchanged
        case failed
        /// Every slice held back by a guard: nothing committed.
        case heldBack = "held_back"
        /// Some slices loaded, others held back.
        case partial
        /// Nothing to load: reference data nofdb carries itself (the message says which).
        case skipped
    }

    public var file: String
    public var path: String
    public var member: String?
    public var sha256 = ""
    public var sizeBytes = 0
    public var dataset: Dataset?
    public var layout: String?
    /// The NHS England product the file was recognised as, when known by its structure
    /// (e.g. "AmbSYS time series workbook", "RTT Admitted Commissioner workbook").
    public var product: String?
    public var periods: [YearMonth] = []
    public var rowsRead = 0
    public var rowsLoaded = 0
    public var rowsRejected = 0
    public var warnings: [LoadWarning] = []
    /// The first rejects, for display (all are in audit.load_reject).
    public var rejects: [Reject] = []
    public var status: Status = .failed
    public var message: String?
    public var loadId: Int?
    public var seconds: Double = 0
    /// Slices this load replaced (revisions), as "dataset period".
    public var replacedSlices: [String] = []
    /// Slices the guards did not let in, with why.
    public var heldBack: [HeldSlice] = []
    /// Written by `nofdb sample` (listed in its manifest): synthetic figures.
    public var sample = false
    /// The SHA-256 of a ZIP member's own bytes (set by the month scan); `sha256` is the archive's.
    var memberSHA256: String?
    /// The SHA-256 of this unit's own content: the file's, or the ZIP member's.
    public var contentSHA256: String { memberSHA256 ?? sha256 }
}

/// Loads published files into the warehouse: detect, normalise, COPY into fresh partitions,
/// swap them in, upsert dimensions, refresh marts and record the load, all in one
/// transaction per file. A failure leaves the database as it was (and says why in the log).
public final class Loader {
    let connection: Connection
    let options: LoadOptions
    /// Set on the loader that takes the command's first look at its files (`MonthScan`):
    /// nothing touches the database.
    var scan: MonthScan.Depth?
    /// In a `.months` scan, the datasets whose months are read (those carried by two units).
    var scanDatasets: Set<Dataset> = []
    /// Months two different files of this command carry: held back, with why.
    var conflicts: [Dataset: [YearMonth: String]] = [:]
    /// Units whose content another unit of this command has (loaded once, by the first).
    var duplicates: [String: String] = [:]

    public init(connection: Connection, options: LoadOptions) {
        self.connection = connection
        self.options = options
    }

    /// Loads every file in `paths` (files, directories, ZIP archives). Never throws for a
    /// problem with one file: that file's result says `failed` and why.
    public func load(paths: [String]) throws -> (results: [FileLoadResult], skipped: [SkippedInput]) {
        let inputs = try InputExpander.expand(paths)
        var results: [FileLoadResult] = []
        for refused in inputs.refused {
            var result = FileLoadResult(file: (refused.path as NSString).lastPathComponent, path: refused.path)
            result.message = LoadError(file: result.file, reason: refused.reason).description
            recordFailure(&result, rejects: [], warnings: [])
            results.append(result)
        }
        // One version per month per load: find what the files carry before any is loaded.
        let versions = MonthScan(connection: connection, options: options).run(inputs.files)
        conflicts = versions.conflicts
        duplicates = versions.duplicates
        for file in inputs.files {
            guard connection.isConnected || results.isEmpty else {
                // The server went away under an earlier file: say so for the rest, once each.
                var result = FileLoadResult(file: file.lastPathComponent, path: file.path)
                result.status = .failed
                result.message = LoadError(file: result.file, reason: "not loaded: the connection to the database was lost while loading an earlier file",
                                           hint: "when the server is back, run the same command again").description
                results.append(result)
                continue
            }
            results += load(file: file)
        }
        return (results, inputs.skipped)
    }

    /// Loads one file: a CSV, XLSX or XLS, or every member of a ZIP archive (telling
    /// `onProgress` as it starts and `onFileDone` when it is done).
    public func load(file url: URL) -> [FileLoadResult] {
        if let progress = options.onProgress {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            progress(LoadProgress(file: url.lastPathComponent, bytesDone: 0, bytesTotal: size, rows: 0, elapsed: 0))
        }
        let done = loadOne(file: url)
        options.onFileDone?(done)
        return done
    }

    func loadOne(file url: URL) -> [FileLoadResult] {
        let display = url.lastPathComponent
        let chunked = ChunkedFile(url: url, displayName: display)
        var base = FileLoadResult(file: display, path: url.path)
        let started = Date()
        do {
            // Pass 1: SHA-256 of the bytes as given (cheap next to parsing; lets an unchanged
            // file be recognised before any work).
            // The first chunk also tells what kind of file this is (magic bytes, not the name).
            var hasher = SHA256Hasher()
            var head: [UInt8] = []
            let size = try chunked.read { chunk in
                if head.isEmpty { head = Array(chunk.prefix(4096)) }
                hasher.update(chunk)
            }
            base.sha256 = hasher.hex()
            base.sizeBytes = size
            base.sample = SampleManifest.lists(url, sha256: base.sha256)
            options.betweenPasses?()
            if size == 0 {
                throw LoadError(file: display, reason: "the file is empty (0 bytes)",
                                hint: "the download may have failed; fetch the file again")
            }
            let kind = Sniffer.kind(of: head)
            switch kind {
            case .zip:
                return try loadArchive(url: url, base: base)
            case .xls:
                return [loadUnit(base: base, kind: .xls) { pipeline in
                    try self.readXLS(path: url.path, display: display, pipeline: pipeline)
                }]
            case .csv, .xlsx:
                if let encoding = Sniffer.unreadableTextEncoding(head) {
                    throw LoadError(file: display, reason: "the file is \(encoding) text, which nofdb does not read",
                                    hint: "save it as UTF-8 or CSV (in Excel: Save As, CSV UTF-8) and load that")
                }
                if Sniffer.looksBinary(head) {
                    throw LoadError(file: display, reason: "not a CSV, XLSX, XLS or ZIP file (binary content)")
                }
                return [loadUnit(base: base, kind: .csv) { pipeline in
                    try self.readCSV(chunked: chunked, expectedSHA: base.sha256, size: base.sizeBytes, pipeline: pipeline)
                }]
            }
        } catch {
            var failed = base
            failed.status = .failed
            failed.message = String(describing: error)
            failed.seconds = Date().timeIntervalSince(started)
            recordFailure(&failed, rejects: [], warnings: [])
            return [failed]
        }
    }

    // MARK: One unit (a file or an archive member)

    /// Runs `read` through a pipeline bound to a database session for this unit.
    func loadUnit(
        base: FileLoadResult, kind: FileKind, xlsxURL: URL? = nil, _ read: (RowPipeline) throws -> Int
    ) -> FileLoadResult {
        let started = Date()
        var result = base
        if scan == nil, let first = duplicates[MonthScan.key(base)] {
            result.status = .unchanged
            result.message = "the same content as \(first) (SHA-256 \(base.sha256)), given twice in this command: loaded once"
            return result
        }
        let sink = SliceSink()
        let context = IngestContext(fileName: base.file, sink: sink)
        let session = UnitSession(loader: self, result: base, context: context)
        do {
            if kind == .xlsx {
                let workbook = try XLSXWorkbook(url: xlsxURL ?? URL(fileURLWithPath: base.path), fileName: base.file, limits: options.limits)
                let pipeline = try readXLSX(workbook) { sheet in
                    RowPipeline(fileName: base.file, dataset: options.dataset, sheet: sheet) { spec, header, preamble in
                        try session.begin(spec: spec, header: header, preamble: preamble, sheet: sheet)
                    }
                }
                session.result.product = pipeline?.product?.name
            } else {
                let pipeline = RowPipeline(fileName: base.file, dataset: options.dataset) { spec, header, preamble in
                    try session.begin(spec: spec, header: header, preamble: preamble, sheet: nil)
                }
                _ = try read(pipeline)
                session.result.product = pipeline.product?.name
            }
            result = try session.commit()
        } catch let recognised as ProductRecognised {
            // A product nofdb names instead of loading: nothing was read into the database.
            session.rollback()
            result = session.result
            result.product = recognised.product.name
            result.dataset = recognised.product.dataset
            if case .builtIn = recognised.product.disposition {
                result.status = .skipped
                result.message = "\(base.file): \(recognised.product.message)"
            } else {
                result.message = LoadError(file: base.file, reason: recognised.product.message).description
                recordFailure(&result, rejects: [], warnings: [])
            }
        } catch let held as HeldBack {
            session.rollback()
            result = session.result
            result.heldBack = held.slices
            result.status = .heldBack
            result.message = "nothing loaded: every month of the file was held back (" + held.slices.map(\.description).joined(separator: "; ") + ")"
            LoadLog(connection: connection).recordOutcome(&result, rejects: context.rejects, warnings: context.warnings, strict: options.strict)
        } catch {
            session.rollback()
            result = session.result
            result.status = .failed
            if scan == nil, !connection.isConnected {
                // Whatever step noticed it (a COPY, a refresh, a data test), the cause is the
                // server going away: nothing can be recorded until it is back.
                result.message = LoadError(
                    file: base.file,
                    reason: "the database server closed the connection while loading \(base.file); nothing of \(base.file) was committed",
                    hint: "when the server is back, load it again (the next nofdb load records this load as interrupted)").description
            } else {
                result.message = session.describe(error)
                recordFailure(&result, rejects: context.rejects, warnings: context.warnings)
            }
        }
        session.releaseLock()
        result.seconds = Date().timeIntervalSince(started)
        return result
    }
}

extension Loader {
    /// Records a failed load in the log (outside any data transaction), with its rejects.
    func recordFailure(_ result: inout FileLoadResult, rejects: [Reject], warnings: [LoadWarning]) {
        result.status = .failed
        if scan != nil { return }
        LoadLog(connection: connection).recordOutcome(&result, rejects: rejects, warnings: warnings, strict: options.strict)
    }
}
