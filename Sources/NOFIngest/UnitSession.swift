import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

/// The database side of loading one unit (a file, or one member of a ZIP): the dataset's lock,
/// the unchanged check, the load log, the transaction; the `Stager` while the file is read,
/// then the `SlicePlanner`'s guards and the `Merger` at the end, all in one transaction.
final class UnitSession {
    let loader: Loader
    var result: FileLoadResult
    let context: IngestContext
    var connection: Connection { loader.connection }
    var log: LoadLog { LoadLog(connection: loader.connection) }
    var lock: AdvisoryLock?
    var inTransaction = false
    var spec: LayoutSpec?
    var normaliser: (any Normaliser)?
    var stager: Stager?
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
        if let scan = loader.scan {
            // The command's first look (MonthScan): no database, no lock, rows counted and dropped.
            guard scan == .months, loader.scanDatasets.contains(dataset) else { return nil }
            context.sink.discard = true
            let normaliser = try spec.makeNormaliser(NormaliserSetup(context: context, header: header, layout: spec.layout, sheet: sheet))
            try normaliser.preamble(preamble)
            self.normaliser = normaliser
            return normaliser
        }
        let lock = AdvisoryLock("load:\(dataset.rawValue)")
        try connection.acquireAdvisoryLock(lock, wait: loader.options.wait) {
            loader.options.onWait("another nofdb is loading \(dataset.rawValue) data; waiting for it to finish…")
        }
        self.lock = lock
        try log.markInterrupted(dataset: dataset)
        if try isUnchanged(dataset: dataset) { return nil }
        let loadId = try log.recordStart(result, dataset: dataset, layout: spec.layout.id, strict: loader.options.strict,
                                         allowOutliers: loader.options.allowOutliers)
        result.loadId = loadId
        try connection.execute("BEGIN")
        inTransaction = true
        // The refresh queries are planned with rough row estimates (the new partitions have no
        // statistics yet): JIT compiling them costs more than running them, and the default
        // 4 MB of work_mem sends the RTT band sums (50,000 rows) to a sort on disk.
        try connection.execute("SET LOCAL jit = off")
        try connection.execute("SET LOCAL work_mem = '64MB'")
        let stager = Stager(connection: connection, loadId: loadId, fileName: result.file)
        stager.stream(into: context.sink)
        self.stager = stager
        let normaliser = try spec.makeNormaliser(NormaliserSetup(context: context, header: header, layout: spec.layout, sheet: sheet))
        try normaliser.preamble(preamble)
        self.normaliser = normaliser
        return normaliser
    }

    /// True (and recorded as `unchanged`) when these bytes were loaded before and every slice
    /// that load wrote is still the current one.
    func isUnchanged(dataset: Dataset) throws -> Bool {
        guard let previous = try log.currentLoad(of: result, dataset: dataset) else { return false }
        result.periods = previous.periods
        result.status = .unchanged
        result.message = "unchanged since load \(previous.loadId) (same SHA-256); nothing to do"
        result.loadId = try log.recordUnchanged(result, dataset: dataset, layout: previous.layout ?? result.layout,
                                                strict: loader.options.strict)
        return true
    }

    /// Stage, merge and audit: finishes COPY, applies the guards, swaps the accepted slices
    /// in (archiving what they replace), updates dimensions and marts, runs the scoped data
    /// tests and records the load, then commits. Throws `HeldBack` when no slice passed the
    /// guards (nothing is committed; the caller records why).
    func commit() throws -> FileLoadResult {
        if loader.scan != nil {
            if let dataset = result.dataset, normaliser != nil {
                var rows: [YearMonth: Int] = [:]
                for period in context.periods { rows[period] = context.sink.rows(dataset.primaryTable, period) }
                let strays = StrayMonths.find(rows)
                result.periods = rows.keys.filter { !strays.contains($0) }.sorted()
            }
            result.status = .loaded
            return result
        }
        if result.status == .unchanged { return result }
        guard let spec, let loadId = result.loadId, let stager else {
            throw LoadError(file: result.file, reason: "no data was read")
        }
        let dataset = spec.layout.dataset
        result.rowsRead = context.rowsRead
        let timer = PhaseTimer(file: result.file, start: started)
        timer.mark("read, parse and stream")
        // Stage: end the streamed COPY, then copy the buffered slices.
        try stager.finish(context.sink)
        timer.mark("finish COPY")
        // Refuse what must not be committed.
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
        // Merge, 1: the guards decide which slices may replace what is stored.
        var planner = SlicePlanner(connection: connection, dataset: dataset, fileName: result.file, options: loader.options, stager: stager)
        planner.conflicts = loader.conflicts[dataset] ?? [:]
        let plan = try planner.plan(context)
        timer.mark("guards")
        guard !plan.accepted.isEmpty else { throw HeldBack(slices: plan.held) }
        try stager.drop(periods: plan.dropped)
        // Merge, 2: swap the accepted slices in, archiving the partitions they replace.
        let merger = Merger(connection: connection, dataset: dataset, loadId: loadId, fileName: result.file)
        result.replacedSlices = try merger.swap(plan, stager: stager, sink: context.sink)
        timer.mark("swap partitions")
        // Merge, 3: dimensions seen in the accepted months, then marts for those months.
        try merger.upsertDimensions(context, periods: Set(plan.accepted))
        timer.mark("dimensions")
        try merger.refreshMarts(plan.accepted)
        timer.mark("refresh marts")
        try merger.runDataTests(plan.accepted)
        timer.mark("data tests")
        // Audit: the load log, rejects, warnings and held-back slices, in the same transaction.
        result.periods = plan.accepted
        result.heldBack = plan.held
        result.rowsLoaded = context.rowsLoaded
        result.rowsRejected = context.rejectCount
        result.warnings = context.warnings
        result.rejects = Array(context.rejects.prefix(20))
        result.status = !plan.held.isEmpty ? .partial : context.rejectCount > 0 ? .loadedWithRejects : .loaded
        var notes: [String] = []
        if !result.replacedSlices.isEmpty { notes.append("replaced " + result.replacedSlices.joined(separator: ", ")) }
        if !plan.held.isEmpty { notes.append("held back " + plan.held.map(\.description).joined(separator: "; ")) }
        try log.recordCommitted(result, loadId: loadId, rejects: context.rejects, notes: notes)
        try connection.execute("COMMIT")
        timer.mark("log and commit")
        timer.report()
        inTransaction = false
        return result
    }

    func rollback() {
        if let writer = context.sink.streaming?.writer, !writer.finished { writer.abort("load failed") }
        if inTransaction {
            _ = try? connection.execute("ROLLBACK")
            inTransaction = false
        }
        result.rowsRead = context.rowsRead
        result.rowsLoaded = 0
        result.rowsRejected = context.rejectCount
        result.rejects = Array(context.rejects.prefix(20))
        result.warnings = context.warnings
        result.replacedSlices = []
        result.periods = []
    }

    func releaseLock() {
        if let lock { connection.releaseAdvisoryLock(lock) }
        lock = nil
    }

    func describe(_ error: any Error) -> String {
        if let error = error as? LoadError { return error.description }
        return "\(result.file): \(error)"
    }
}
