import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

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
               SET status = 'interrupted', finished_at = clock_timestamp(),
                   message = 'interrupted: the process ended before the load finished; nothing from it was committed'
             WHERE dataset = $1 AND status = 'running'
            """, [dataset.rawValue])
        if try isUnchanged(dataset: dataset) { return nil }
        result.loadId = try connection.scalar(
            """
            INSERT INTO audit.load_log (file_name, file_path, member, sha256, size_bytes, dataset, layout, strict, nofdb_version,
                   backend_pid, backend_start)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, pg_backend_pid(),
                   (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())
            RETURNING load_id
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
        openStream(loadId: result.loadId ?? 0)
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

    /// Stage, merge and audit: finishes COPY, applies the guards, swaps the accepted slices
    /// in (archiving what they replace), updates dimensions and marts, runs the scoped data
    /// tests and records the load, then commits. Throws `HeldBack` when no slice passed the
    /// guards (nothing is committed; the caller records why).
    func commit() throws -> FileLoadResult {
        if result.status == .unchanged { return result }
        guard let spec, let loadId = result.loadId else {
            throw LoadError(file: result.file, reason: "no data was read")
        }
        let dataset = spec.layout.dataset
        result.rowsRead = context.rowsRead
        let timer = PhaseTimer(file: result.file, start: started)
        timer.mark("read, parse and stream")
        // Stage: end the streamed COPY, then copy the buffered slices.
        try finishCopies(loadId: loadId)
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
        let plan = try planSlices(dataset: dataset)
        timer.mark("guards")
        guard !plan.accepted.isEmpty else { throw HeldBack(slices: plan.held) }
        try dropTables(of: plan.dropped)
        // Merge, 2: swap the accepted slices in, archiving the partitions they replace.
        let keep = try keepRevisions()
        for period in plan.accepted {
            let tables = dataset.tables.filter { createdTables[SliceKey(table: $0, period: period)] != nil }
            let replaced = try connection.scalar(
                "SELECT dw.replace_slice($1, $2::date, $3::text[], $4::text[], $5, $6, $7)",
                [dataset.rawValue, period.firstDay, PostgresArray.text(tables.map(\.rawValue)),
                 PostgresArray.text(tables.compactMap { createdTables[SliceKey(table: $0, period: period)] }),
                 loadId, context.sink.rows(dataset.primaryTable, period), keep])
            if let replaced { result.replacedSlices.append("\(dataset.rawValue) \(period) (replacing load \(replaced), kept as a revision)") }
        }
        timer.mark("swap partitions")
        // Merge, 3: dimensions seen in the accepted months, then marts for those months.
        try upsertDimensions(dataset: dataset, periods: Set(plan.accepted))
        timer.mark("dimensions")
        try connection.execute("SELECT dw.after_load($1, $2::date[])", [dataset.rawValue, Self.dateArray(plan.accepted)])
        timer.mark("refresh marts")
        // The data tests scoped to months (SQL/tests, `-- scope: periods`) on the months this
        // load touched, inside its transaction: a broken rule commits nothing.
        let failures = try DataTestRunner(connection: connection).run(periods: plan.accepted.map(\.firstDay)).filter { !$0.passed }
        if let failure = failures.first {
            throw LoadError(
                file: result.file,
                reason: "after loading, data test \(failure.test.name) fails (\(failure.error ?? "\(failure.failingRows) rows, e.g. \(failure.columns.joined(separator: ", ")) = \(failure.sample.first?.map { $0 ?? "NULL" }.joined(separator: ", ") ?? "")")): \(failure.test.rule) Nothing from the file was committed",
                hint: "this is a defect in nofdb's SQL, not in the file: run nofdb check, and report it with the file")
        }
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
        try Loader.insertRejects(connection, loadId: loadId, rejects: context.rejects)
        try Loader.insertWarnings(connection, loadId: loadId, warnings: context.warnings)
        try Loader.insertHoldbacks(connection, loadId: loadId, held: plan.held)
        try connection.execute(
            """
            UPDATE audit.load_log SET status = $2, periods = $3::date[], rows_read = $4, rows_loaded = $5,
                   rows_rejected = $6, warnings = $7, finished_at = clock_timestamp(), message = $8
             WHERE load_id = $1
            """,
            [loadId, result.status.rawValue, Self.dateArray(plan.accepted), result.rowsRead, result.rowsLoaded,
             result.rowsRejected, context.warnings.count, notes.isEmpty ? nil : notes.joined(separator: "; ")])
        try connection.execute("COMMIT")
        timer.mark("log and commit")
        timer.report()
        inTransaction = false
        return result
    }

    /// The number of earlier revisions kept per slice (`nofdb load --keep-revisions`).
    func keepRevisions() throws -> Int {
        try connection.scalar("SELECT value FROM audit.setting WHERE name = 'keep_revisions'").flatMap { Int($0) } ?? 3
    }

    func upsertDimensions(dataset: Dataset, periods: Set<YearMonth>) throws {
        for (period, organisations) in context.organisations.sorted(by: { $0.key < $1.key }) where periods.contains(period) {
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
        if let error = error as? LockBusyError { return "\(result.file): \(error)" }
        return "\(result.file): \(error)"
    }
}

