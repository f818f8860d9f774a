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
    /// Progress reports while a file is read (bytes done, bytes total, rows read).
    public var onProgress: (@Sendable (LoadProgress) -> Void)?
    /// Caps on the work one file may cause (hostile or damaged input).
    public var limits = ReadLimits.standard
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
    }

    public var file: String
    public var path: String
    public var member: String?
    public var sha256 = ""
    public var sizeBytes = 0
    public var dataset: Dataset?
    public var layout: String?
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
}

/// Loads published files into the warehouse: detect, normalise, COPY into fresh partitions,
/// swap them in, upsert dimensions, refresh marts and record the load, all in one
/// transaction per file. A failure leaves the database as it was (and says why in the log).
public final class Loader {
    let connection: Connection
    let options: LoadOptions

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
        for file in inputs.files {
            results += load(file: file)
        }
        return (results, inputs.skipped)
    }

    /// Loads one file: a CSV, XLSX or XLS, or every member of a ZIP archive.
    public func load(file url: URL) -> [FileLoadResult] {
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

    // MARK: Readers

    /// Streams a CSV file through the pipeline, checking the bytes are the ones hashed.
    func readCSV(chunked: ChunkedFile, expectedSHA: String, size total: Int, pipeline: RowPipeline) throws -> Int {
        let parser = CSVParser(fileName: chunked.displayName, limits: options.limits, encoding: options.encoding)
        var hasher = SHA256Hasher()
        let started = Date()
        var lastReport = Date()
        var rows = 0
        let handle: (inout CSVRecord) throws -> Void = { record in
            rows += 1
            try pipeline.accept(record)
        }
        do {
            try chunked.read { chunk in
                hasher.update(chunk)
                try parser.feed(chunk, handle)
                if pipeline.isStopped { throw StopReading() }
                if let progress = options.onProgress, Date().timeIntervalSince(lastReport) > 0.2 {
                    lastReport = Date()
                    progress(LoadProgress(file: chunked.displayName, bytesDone: parser.bytesRead, bytesTotal: total,
                                          rows: rows, elapsed: Date().timeIntervalSince(started)))
                }
            }
        } catch is StopReading {
            return rows
        }
        try parser.finish(handle)
        try pipeline.checkEnd(parser.end)
        if hasher.hex() != expectedSHA {
            throw LoadError(
                file: chunked.displayName,
                reason: "the file changed while nofdb was reading it (its SHA-256 differs between the two reads)",
                hint: "load it again once it is completely written")
        }
        try pipeline.finish()
        return rows
    }

    func readXLSX(_ workbook: XLSXWorkbook, pipelineFor: (String) -> RowPipeline) throws -> RowPipeline? {
        // The first sheet whose header is recognised is the data sheet.
        var lastError: (any Error)?
        for sheet in workbook.sheets {
            let pipeline = pipelineFor(sheet.name)
            do {
                try workbook.readRows(sheet: sheet.name) { row in
                    try pipeline.accept(row)
                    return !pipeline.isStopped
                }
                try pipeline.finish()
                return pipeline
            } catch let error as LoadError where pipeline.detected == nil {
                lastError = error
                continue
            }
        }
        if let lastError { throw lastError }
        throw LoadError(file: workbook.fileName, reason: "the workbook has no sheets")
    }

    /// Reads DM01's `Provider by Test` sheet through the pipeline, then checks the `Provider` sheet.
    func readXLS(path: String, display: String, pipeline: RowPipeline) throws -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > options.limits.maxXLSBytes {
            throw LoadError(file: display, reason: "is \(size >> 20) MB; no published .xls workbook is over \(options.limits.maxXLSBytes >> 20) MB (FreeXL reads a workbook whole)",
                            hint: "check this is the file NHS England publishes")
        }
        if let helper = options.xlsHelper,
           let reason = XLSIsolation.check(path: path, helper: helper, timeout: options.limits.xlsCheckSeconds) {
            throw LoadError(file: display, reason: reason,
                            hint: "download the file again; if Excel opens it, save a copy and load that")
        }
        let workbook = try XLSWorkbook(path: path, fileName: display)
        var order = Array(workbook.sheetNames.indices)
        if let byTest = workbook.sheetIndex(named: "Provider by Test") {
            order.removeAll { $0 == byTest }
            order.insert(byTest, at: 0)
        }
        var rows = 0
        for index in order {
            try workbook.rows(sheet: index) { row in
                rows += 1
                try pipeline.accept(row)
            }
            if pipeline.detected != nil { break }
        }
        try pipeline.finish()
        if case .running(let normaliser) = pipeline.phase, let dm01 = normaliser as? DiagnosticsNormaliser,
           let providerSheet = workbook.sheetIndex(named: "Provider") {
            var header: [String]?
            var dataRows: [SheetRow] = []
            try workbook.rows(sheet: providerSheet) { row in
                if header == nil {
                    if row.strings.contains(where: { normaliseHeader($0) == "provider code" }) { header = row.strings }
                } else {
                    dataRows.append(row)
                }
            }
            if let header { dm01.checkProviderSheet(header: header, rows: dataRows) }
        }
        return rows
    }

    func loadArchive(url: URL, base: FileLoadResult) throws -> [FileLoadResult] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw LoadError(
                file: base.file, reason: "the ZIP archive cannot be read (truncated or damaged): \(error)",
                hint: "download the file again")
        }
        // An .xlsx is a ZIP too: recognise it by its workbook part.
        if archive["xl/workbook.xml"] != nil {
            return [loadUnit(base: base, kind: .xlsx) { _ in 0 }]
        }
        let entries = archive.filter {
            $0.type == .file && !$0.path.hasPrefix("__MACOSX/") && !($0.path as NSString).lastPathComponent.hasPrefix(".")
        }.sorted { $0.path < $1.path }
        if entries.isEmpty {
            throw LoadError(file: base.file, reason: "the ZIP archive holds no files")
        }
        var results: [FileLoadResult] = []
        for entry in entries {
            var unit = base
            unit.member = entry.path
            unit.file = base.file + "!" + entry.path
            let memberName = unit.file
            let lower = entry.path.lowercased()
            if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xls") {
                // Spreadsheets inside a ZIP: extract (they are small) and read as files.
                var data = Data()
                var limits = options.limits
                limits.maxEntryBytes = min(limits.maxEntryBytes, limits.maxXLSBytes)
                var meter = InflateMeter(file: memberName, entry: entry.path, compressed: Int(entry.compressedSize), limits: limits)
                do {
                    let crc = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: false) { chunk in
                        try meter.add(chunk.count)
                        data.append(chunk)
                    }
                    try XLSXWorkbook.checkCRC(crc, entry, file: memberName, what: "this member of the ZIP archive")
                } catch {
                    var failed = unit
                    failed.message = (error as? LoadError)?.description
                        ?? LoadError(file: memberName, reason: "cannot extract from the archive: \(XLSXWorkbook.describeZIPError(error)); nothing from it was loaded",
                                     hint: "download the archive again").description
                    recordFailure(&failed, rejects: [], warnings: [])
                    results.append(failed)
                    continue
                }
                let temp = FileManager.default.temporaryDirectory.appendingPathComponent("nofdb-\(UUID().uuidString)-" + (entry.path as NSString).lastPathComponent)
                defer { try? FileManager.default.removeItem(at: temp) }
                do {
                    try data.write(to: temp)
                } catch {
                    var failed = unit
                    failed.message = "\(memberName): cannot write a temporary copy: \(error)"
                    recordFailure(&failed, rejects: [], warnings: [])
                    results.append(failed)
                    continue
                }
                if lower.hasSuffix(".xls") {
                    results.append(loadUnit(base: unit, kind: .xls) { pipeline in
                        try self.readXLS(path: temp.path, display: memberName, pipeline: pipeline)
                    })
                } else {
                    results.append(loadUnit(base: unit, kind: .xlsx, xlsxURL: temp) { _ in 0 })
                }
                continue
            }
            results.append(loadUnit(base: unit, kind: .csv) { pipeline in
                let parser = CSVParser(fileName: memberName, limits: self.options.limits, encoding: self.options.encoding)
                var rows = 0
                let handle: (inout CSVRecord) throws -> Void = { record in
                    rows += 1
                    try pipeline.accept(record)
                }
                var consumerError: (any Error)?
                var meter = InflateMeter(file: memberName, entry: entry.path, compressed: Int(entry.compressedSize), limits: self.options.limits)
                do {
                    let crc = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: false) { data in
                        do {
                            try meter.add(data.count)
                            try data.withUnsafeBytes { try parser.feed($0, handle) }
                            if pipeline.isStopped { throw StopReading() }
                        } catch {
                            consumerError = error
                            throw error
                        }
                    }
                    try XLSXWorkbook.checkCRC(crc, entry, file: memberName, what: "this member of the ZIP archive")
                } catch {
                    if consumerError is StopReading { return rows }
                    if let consumerError { throw consumerError }
                    if let error = error as? LoadError { throw error }
                    throw LoadError(file: memberName, reason: "cannot read this member of the ZIP archive: \(XLSXWorkbook.describeZIPError(error)); nothing from it was loaded",
                                    hint: "download the archive again")
                }
                try parser.finish(handle)
                try pipeline.checkEnd(parser.end)
                try pipeline.finish()
                return rows
            })
        }
        return results
    }

    // MARK: One unit (a file or an archive member)

    /// Runs `read` through a pipeline bound to a database session for this unit.
    func loadUnit(
        base: FileLoadResult, kind: FileKind, xlsxURL: URL? = nil, _ read: (RowPipeline) throws -> Int
    ) -> FileLoadResult {
        let started = Date()
        var result = base
        let sink = SliceSink()
        let context = IngestContext(fileName: base.file, sink: sink)
        let session = UnitSession(loader: self, result: base, context: context)
        do {
            if kind == .xlsx {
                let workbook = try XLSXWorkbook(url: xlsxURL ?? URL(fileURLWithPath: base.path), fileName: base.file, limits: options.limits)
                _ = try readXLSX(workbook) { sheet in
                    RowPipeline(fileName: base.file, dataset: options.dataset, sheet: sheet) { spec, header, preamble in
                        try session.begin(spec: spec, header: header, preamble: preamble, sheet: sheet)
                    }
                }
            } else {
                let pipeline = RowPipeline(fileName: base.file, dataset: options.dataset) { spec, header, preamble in
                    try session.begin(spec: spec, header: header, preamble: preamble, sheet: nil)
                }
                _ = try read(pipeline)
            }
            result = try session.commit()
        } catch {
            session.rollback()
            result = session.result
            result.status = .failed
            result.message = session.describe(error)
            recordFailure(&result, rejects: context.rejects, warnings: context.warnings)
        }
        session.releaseLock()
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    /// Records a failed load in the log (outside any data transaction), with its rejects.
    func recordFailure(_ result: inout FileLoadResult, rejects: [Reject], warnings: [LoadWarning]) {
        result.status = .failed
        do {
            try connection.transaction { db in
                let id: Int
                if let existing = result.loadId {
                    id = existing
                    try db.execute(
                        """
                        UPDATE audit.load_log SET status = 'failed', message = $2, finished_at = clock_timestamp(),
                               rows_read = $3, rows_loaded = 0, rows_rejected = $4, warnings = $5
                         WHERE load_id = $1
                        """,
                        [existing, result.message, result.rowsRead, result.rowsRejected, warnings.count])
                } else {
                    id = try db.scalar(
                        """
                        INSERT INTO audit.load_log (file_name, file_path, member, sha256, size_bytes, dataset, layout,
                               status, message, strict, finished_at, nofdb_version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, 'failed', $8, $9, clock_timestamp(), $10) RETURNING load_id
                        """,
                        [result.file, result.path, result.member, result.sha256, result.sizeBytes,
                         result.dataset?.rawValue, result.layout, result.message, options.strict,
                         NofdbVersion.current]
                    ).flatMap { Int($0) } ?? 0
                    result.loadId = id
                }
                try Self.insertRejects(db, loadId: id, rejects: rejects)
                try Self.insertWarnings(db, loadId: id, warnings: warnings)
            }
        } catch {
            result.message = (result.message ?? "") + "\n(also could not record the failure in audit.load_log: \(error))"
        }
    }

    static func insertRejects(_ db: Connection, loadId: Int, rejects: [Reject]) throws {
        guard !rejects.isEmpty else { return }
        try db.copyIn("COPY audit.load_reject (load_id, line, column_name, raw_value, reason, sheet) FROM STDIN") { w in
            for r in rejects {
                try w.writeRow([String(loadId), String(r.line), r.column, r.value, r.reason, r.sheet])
            }
        }
    }

    static func insertWarnings(_ db: Connection, loadId: Int, warnings: [LoadWarning]) throws {
        for w in warnings {
            try db.execute(
                "INSERT INTO audit.load_warning (load_id, kind, period, message) VALUES ($1, $2, $3::date, $4)",
                [loadId, w.kind, w.period.map { $0 + "-01" }, w.message])
        }
    }
}

/// The database side of loading one unit: lock, unchanged check, load log, transaction,
/// partitions and the final swap.
final class UnitSession {
    let loader: Loader
    var result: FileLoadResult
    let context: IngestContext
    var connection: Connection { loader.connection }
    var lock: AdvisoryLock?
    var inTransaction = false
    var spec: LayoutSpec?
    var normaliser: (any Normaliser)?
    var createdTables: [SliceKey: String] = [:]
    let started = Date()

    init(loader: Loader, result: FileLoadResult, context: IngestContext) {
        self.loader = loader
        self.result = result
        self.context = context
    }

    /// Called when the header is recognised. Returns the normaliser, or nil when the file
    /// is unchanged since it was loaded (nothing more to read).
    func begin(spec: LayoutSpec, header: [String], preamble: [[String]], sheet: String?) throws -> (any Normaliser)? {
        self.spec = spec
        let dataset = spec.layout.dataset
        result.dataset = dataset
        result.layout = spec.layout.id
        let lock = AdvisoryLock("load:\(dataset.rawValue)")
        try connection.acquireAdvisoryLock(lock, wait: loader.options.wait) {
            loader.options.onWait("another nofdb is loading \(dataset.rawValue) data; waiting for it to finish…")
        }
        self.lock = lock
        // Holding the dataset's lock, any other load of it still marked running was cut off
        // (killed, timed out, the machine went down): its transaction died with it.
        try connection.execute(
            """
            UPDATE audit.load_log
               SET status = 'failed', finished_at = clock_timestamp(),
                   message = 'interrupted: the process ended before the load finished; nothing from it was committed'
             WHERE dataset = $1 AND status = 'running'
            """, [dataset.rawValue])
        if try isUnchanged(dataset: dataset) { return nil }
        result.loadId = try connection.scalar(
            """
            INSERT INTO audit.load_log (file_name, file_path, member, sha256, size_bytes, dataset, layout, strict, nofdb_version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING load_id
            """,
            [result.file, result.path, result.member, result.sha256, result.sizeBytes, dataset.rawValue,
             spec.layout.id, loader.options.strict, NofdbVersion.current]
        ).flatMap { Int($0) }
        try connection.execute("BEGIN")
        inTransaction = true
        // The refresh queries are planned with rough row estimates (the new partitions have no
        // statistics yet): JIT compiling them costs more than running them, and the default
        // 4 MB of work_mem sends the RTT band sums (50,000 rows) to a sort on disk.
        try connection.execute("SET LOCAL jit = off")
        try connection.execute("SET LOCAL work_mem = '64MB'")
        let loadId = result.loadId ?? 0
        context.sink.openStream = { [connection] key in
            let table = try connection.scalar(
                "SELECT dw.new_slice_table($1, $2::date, $3)", [key.table.rawValue, key.period.firstDay, loadId]) ?? ""
            let columns = key.table.columns.joined(separator: ", ")
            let writer = try connection.beginCopy(
                "COPY dw.\(Connection.quoteIdentifier(table)) (\(columns)) FROM STDIN", pipelined: true)
            return (writer, table)
        }
        let normaliser = try spec.makeNormaliser(NormaliserSetup(context: context, header: header, layout: spec.layout, sheet: sheet))
        try normaliser.preamble(preamble)
        self.normaliser = normaliser
        return normaliser
    }

    /// True (and recorded as `unchanged`) when these bytes were loaded before and every slice
    /// that load wrote is still the current one.
    func isUnchanged(dataset: Dataset) throws -> Bool {
        let previous = try connection.execute(
            """
            SELECT l.load_id, l.periods::text[], l.layout, l.rows_read, l.rows_loaded, l.rows_rejected
              FROM audit.load_log l
             WHERE l.sha256 = $1 AND l.member IS NOT DISTINCT FROM $2 AND l.dataset = $3
               AND l.status IN ('loaded', 'loaded_with_rejects')
               AND cardinality(l.periods) > 0
               AND NOT EXISTS (SELECT 1 FROM unnest(l.periods) p
                               WHERE NOT EXISTS (SELECT 1 FROM audit.load_slice s
                                                  WHERE s.dataset = l.dataset AND s.period = p AND s.load_id = l.load_id))
             ORDER BY l.load_id DESC LIMIT 1
            """, [result.sha256, result.member, dataset.rawValue])
        guard let row = previous.rows.first, let previousId = try row.int(0) else { return false }
        let periods = (row.string(1) ?? "{}").trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
            .split(separator: ",").compactMap { YearMonth(String($0)) }
        result.periods = periods
        result.status = .unchanged
        result.message = "unchanged since load \(previousId) (same SHA-256); nothing to do"
        result.loadId = try connection.scalar(
            """
            INSERT INTO audit.load_log (file_name, file_path, member, sha256, size_bytes, dataset, layout, periods,
                   status, message, strict, finished_at, nofdb_version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date[], 'unchanged', $9, $10, clock_timestamp(), $11) RETURNING load_id
            """,
            [result.file, result.path, result.member, result.sha256, result.sizeBytes, dataset.rawValue,
             row.string(2) ?? result.layout, Self.dateArray(periods), result.message, loader.options.strict,
             NofdbVersion.current]
        ).flatMap { Int($0) }
        return true
    }

    static func dateArray(_ periods: [YearMonth]) -> String {
        "{" + periods.map(\.firstDay).joined(separator: ",") + "}"
    }

    /// Finishes COPY, swaps the slices in, updates dimensions, marts and the load log, commits.
    func commit() throws -> FileLoadResult {
        if result.status == .unchanged { return result }
        guard let spec, let loadId = result.loadId else {
            throw LoadError(file: result.file, reason: "no data was read")
        }
        let dataset = spec.layout.dataset
        let sink = context.sink
        result.rowsRead = context.rowsRead
        result.rowsLoaded = context.rowsLoaded
        result.rowsRejected = context.rejectCount
        result.warnings = context.warnings
        result.rejects = Array(context.rejects.prefix(20))
        let timer = PhaseTimer(file: result.file, start: started)
        timer.mark("read, parse and stream")
        // 1. End the streamed COPY, then copy the buffered slices.
        if let streamed = sink.streaming, let writer = streamed.writer {
            do {
                try writer.send(streamed.encoder)
                streamed.encoder.removeAllBytes()
                _ = try writer.finish()
            } catch let error as PostgresError {
                throw mapCopyError(error, slice: streamed)
            }
            if let table = streamed.tableName { createdTables[streamed.key] = table }
        }
        for slice in sink.orderedSlices where slice.writer == nil {
            let table = try connection.scalar(
                "SELECT dw.new_slice_table($1, $2::date, $3)",
                [slice.key.table.rawValue, slice.key.period.firstDay, loadId]) ?? ""
            let columns = slice.key.table.columns.joined(separator: ", ")
            let writer = try connection.beginCopy("COPY dw.\(Connection.quoteIdentifier(table)) (\(columns)) FROM STDIN")
            do {
                try writer.send(slice.encoder)
                _ = try writer.finish()
            } catch let error as PostgresError {
                writer.abort("")
                throw mapCopyError(error, slice: slice)
            }
            createdTables[slice.key] = table
        }
        timer.mark("finish COPY")
        // 2. Refuse what must not be committed.
        if context.rowsLoaded == 0 {
            if context.rejectCount > 0 {
                throw LoadError(file: result.file, reason: "every data row was rejected (\(context.rejectCount)); first: \(context.rejects.first?.description ?? "")")
            }
            throw LoadError(file: result.file, reason: "the file has a header but no data rows",
                            hint: "the download may be incomplete")
        }
        if loader.options.strict, context.rejectCount > 0 {
            throw LoadError(
                file: result.file,
                reason: "\(context.rejectCount) rows rejected and --strict is set, so nothing was loaded; first: \(context.rejects.first?.description ?? "")")
        }
        // 3. Swap every new slice in, replacing what was there.
        for (key, table) in createdTables.sorted(by: { $0.key < $1.key }) {
            try connection.execute("SELECT dw.swap_slice($1, $2::date, $3)", [key.table.rawValue, key.period.firstDay, table])
        }
        let periods = context.periods
        result.periods = periods
        for period in periods {
            let rows = sink.slices.values.filter { $0.key.period == period && $0.key.table == dataset.primaryTable }
                .reduce(0) { $0 + $1.rows }
            let replaced = try connection.scalar(
                "SELECT load_id FROM audit.load_slice WHERE dataset = $1 AND period = $2::date", [dataset.rawValue, period.firstDay])
            if let replaced { result.replacedSlices.append("\(dataset.rawValue) \(period) (replacing load \(replaced))") }
            try connection.execute(
                """
                INSERT INTO audit.load_slice (dataset, period, load_id, rows) VALUES ($1, $2::date, $3, $4)
                ON CONFLICT (dataset, period) DO UPDATE
                   SET load_id = EXCLUDED.load_id, rows = EXCLUDED.rows, loaded_at = now(),
                       revision = audit.load_slice.revision + 1
                """, [dataset.rawValue, period.firstDay, loadId, rows])
            try connection.execute(
                "INSERT INTO audit.load_slice_history (dataset, period, load_id, replaced_load, rows) VALUES ($1, $2::date, $3, $4::bigint, $5)",
                [dataset.rawValue, period.firstDay, loadId, replaced, rows])
        }
        timer.mark("swap partitions")
        // 4. Dimensions seen in the file.
        try upsertDimensions(dataset: dataset)
        timer.mark("dimensions")
        // 5. Marts and derived tables for the periods this load touched.
        try connection.execute("SELECT dw.after_load($1, $2::date[])", [dataset.rawValue, Self.dateArray(periods)])
        timer.mark("refresh marts")
        // 5b. The data tests scoped to months (SQL/tests, `-- scope: periods`) on the months
        // this load touched, inside its transaction: a broken rule commits nothing.
        let failures = try DataTestRunner(connection: connection).run(periods: periods.map(\.firstDay)).filter { !$0.passed }
        if let failure = failures.first {
            throw LoadError(
                file: result.file,
                reason: "after loading, data test \(failure.test.name) fails (\(failure.error ?? "\(failure.failingRows) rows, e.g. \(failure.columns.joined(separator: ", ")) = \(failure.sample.first?.map { $0 ?? "NULL" }.joined(separator: ", ") ?? "")")): \(failure.test.rule) Nothing from the file was committed",
                hint: "this is a defect in nofdb's SQL, not in the file: run nofdb check, and report it with the file")
        }
        timer.mark("data tests")
        // 6. The load log, rejects and warnings, in the same transaction as the data.
        try Loader.insertRejects(connection, loadId: loadId, rejects: context.rejects)
        try Loader.insertWarnings(connection, loadId: loadId, warnings: context.warnings)
        result.status = context.rejectCount > 0 ? .loadedWithRejects : .loaded
        try connection.execute(
            """
            UPDATE audit.load_log SET status = $2, periods = $3::date[], rows_read = $4, rows_loaded = $5,
                   rows_rejected = $6, warnings = $7, finished_at = clock_timestamp(), message = $8
             WHERE load_id = $1
            """,
            [loadId, result.status.rawValue, Self.dateArray(periods), result.rowsRead, result.rowsLoaded,
             result.rowsRejected, context.warnings.count,
             result.replacedSlices.isEmpty ? nil : "replaced " + result.replacedSlices.joined(separator: ", ")])
        try connection.execute("COMMIT")
        timer.mark("log and commit")
        timer.report()
        inTransaction = false
        return result
    }

    func upsertDimensions(dataset: Dataset) throws {
        for (period, organisations) in context.organisations.sorted(by: { $0.key < $1.key }) {
            let sorted = organisations.sorted { $0.key < $1.key }
            try connection.execute(
                "SELECT dw.touch_organisations($1, $2::date, $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])",
                [dataset.rawValue, period.firstDay,
                 PostgresArray.text(sorted.map { $0.key }),
                 PostgresArray.text(sorted.map { $0.value.name }),
                 PostgresArray.text(sorted.map { $0.value.parentCode }),
                 PostgresArray.text(sorted.map { $0.value.parentName }),
                 PostgresArray.text(sorted.map { $0.value.regionCode })])
        }
        if !context.commissioners.isEmpty {
            let sorted = context.commissioners.sorted { $0.key < $1.key }
            try connection.execute(
                """
                INSERT INTO dw.dim_commissioner (commissioner_code, commissioner_name, parent_code, parent_name)
                SELECT code, nullif(name, ''), nullif(pcode, ''), nullif(pname, '')
                  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(code, name, pcode, pname)
                ON CONFLICT (commissioner_code) DO UPDATE SET
                    commissioner_name = coalesce(EXCLUDED.commissioner_name, dw.dim_commissioner.commissioner_name),
                    parent_code = coalesce(EXCLUDED.parent_code, dw.dim_commissioner.parent_code),
                    parent_name = coalesce(EXCLUDED.parent_name, dw.dim_commissioner.parent_name)
                """,
                [PostgresArray.text(sorted.map { $0.key }), PostgresArray.text(sorted.map { $0.value.name }),
                 PostgresArray.text(sorted.map { $0.value.parentCode }), PostgresArray.text(sorted.map { $0.value.parentName })])
        }
        if !context.treatmentFunctions.isEmpty {
            let sorted = context.treatmentFunctions.sorted { $0.key < $1.key }
            try connection.execute(
                """
                INSERT INTO dw.dim_treatment_function (treatment_function_code, treatment_function_name)
                SELECT code, name FROM unnest($1::text[], $2::text[]) AS u(code, name)
                ON CONFLICT (treatment_function_code) DO UPDATE SET treatment_function_name = EXCLUDED.treatment_function_name
                """,
                [PostgresArray.text(sorted.map { $0.key }), PostgresArray.text(sorted.map { $0.value })])
        }
    }

    /// A server COPY error, with the COPY line mapped back to the file's line.
    func mapCopyError(_ error: PostgresError, slice: SliceBuffer) -> any Error {
        guard let copyLine = error.copyLine else { return error }
        let line = slice.sourceLine(ofCopyRow: copyLine)
        return LoadError(
            file: result.file, line: line, column: error.copyColumn,
            reason: "PostgreSQL refused the row: \(error.message)" + (error.detail.map { " (\($0))" } ?? ""))
    }

    func rollback() {
        if let writer = context.sink.streaming?.writer, !writer.finished { writer.abort("load failed") }
        if inTransaction {
            _ = try? connection.execute("ROLLBACK")
            inTransaction = false
        }
        result.rowsRead = context.rowsRead
        result.rowsRejected = context.rejectCount
        result.rejects = Array(context.rejects.prefix(20))
        result.warnings = context.warnings
    }

    func releaseLock() {
        if let lock { connection.releaseAdvisoryLock(lock) }
        lock = nil
    }

    func describe(_ error: any Error) -> String {
        if let error = error as? LoadError { return error.description }
        if let error = error as? LockBusyError { return "\(result.file): \(error)" }
        return "\(result.file): \(error)"
    }
}

/// Text literals for PostgreSQL arrays (bound as one parameter and cast, e.g. `$1::text[]`).
public enum PostgresArray {
    public static func text(_ values: [String?]) -> String {
        "{" + values.map { value -> String in
            guard let value else { return "NULL" }
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"" + escaped + "\""
        }.joined(separator: ",") + "}"
    }

    public static func text(_ values: [String]) -> String { text(values.map { Optional($0) }) }
}

/// Phase timings of a load, printed to standard error when NOFDB_TIMING=1 (for profiling;
/// benchmark figures come from Scripts/bench).
final class PhaseTimer {
    let file: String
    let enabled = ProcessInfo.processInfo.environment["NOFDB_TIMING"] == "1"
    private var last: Date
    private var phases: [(String, Double)] = []

    init(file: String, start: Date) {
        self.file = file
        last = start
    }

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        phases.append((phase, now.timeIntervalSince(last)))
        last = now
    }

    func report() {
        guard enabled else { return }
        let text = phases.map { String(format: "%@ %.3fs", $0.0, $0.1) }.joined(separator: ", ")
        FileHandle.standardError.write(Data("timing \(file): \(text)\n".utf8))
    }
}
