import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

/// `audit.load_log` and the tables beside it (rejects, warnings, held-back slices): every
/// write the loader makes about a load, as opposed to the data it loads.
struct LoadLog {
    let connection: Connection

    /// Any other load of `dataset` still marked running was cut off (killed, timed out, the
    /// machine went down): its transaction died with it. Call holding the dataset's lock.
    func markInterrupted(dataset: Dataset) throws {
        try connection.execute(
            """
            UPDATE audit.load_log
               SET status = 'interrupted', finished_at = clock_timestamp(),
                   message = 'interrupted: the process ended before the load finished; nothing from it was committed'
             WHERE dataset = \(dataset.rawValue) AND status = 'running'
            """)
    }

    /// A load of the same bytes whose every slice is still the current one.
    struct CurrentLoad: Decodable {
        let loadId: Int
        let periods: [YearMonth]
        let layout: String?
    }

    func currentLoad(of result: FileLoadResult, dataset: Dataset) throws -> CurrentLoad? {
        try connection.query(
            """
            SELECT l.load_id, l.periods, l.layout
              FROM audit.load_log l
             WHERE l.sha256 = \(result.sha256) AND l.member IS NOT DISTINCT FROM \(result.member) AND l.dataset = \(dataset.rawValue)
               AND l.status IN ('loaded', 'loaded_with_rejects')
               AND cardinality(l.periods) > 0
               AND NOT EXISTS (SELECT 1 FROM unnest(l.periods) p
                               WHERE NOT EXISTS (SELECT 1 FROM audit.load_slice s
                                                  WHERE s.dataset = l.dataset AND s.period = p AND s.load_id = l.load_id))
             ORDER BY l.load_id DESC LIMIT 1
            """, as: CurrentLoad.self).first
    }

    /// Records a file found unchanged (its bytes were loaded before and are current).
    func recordUnchanged(_ result: FileLoadResult, dataset: Dataset, layout: String?, strict: Bool) throws -> Int {
        try connection.value(
            """
            INSERT INTO audit.load_log (file_name, file_path, member, sha256, size_bytes, dataset, layout, periods,
                   status, message, strict, finished_at, nofdb_version, sample)
            VALUES (\(result.file), \(result.path), \(result.member), \(result.sha256), \(result.sizeBytes), \(dataset.rawValue),
                    \(layout), \(result.periods), 'unchanged', \(result.message), \(strict), clock_timestamp(), \(NofdbVersion.current),
                    \(result.sample))
            RETURNING load_id
            """, as: Int.self)
    }

    /// Opens the log entry of a load that is about to read and stage data (`running`).
    func recordStart(_ result: FileLoadResult, dataset: Dataset, layout: String, strict: Bool, allowOutliers: Bool) throws -> Int {
        try connection.value(
            """
            INSERT INTO audit.load_log (file_name, file_path, member, sha256, size_bytes, dataset, layout, strict, nofdb_version,
                   backend_pid, backend_start, sample, allow_outliers)
            SELECT \(result.file), \(result.path), \(result.member), \(result.sha256), \(result.sizeBytes), \(dataset.rawValue),
                   \(layout), \(strict), \(NofdbVersion.current), pg_backend_pid(),
                   (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()), \(result.sample), \(allowOutliers)
            RETURNING load_id
            """, as: Int.self)
    }

    /// Closes the log entry of a committed load, with its rejects, warnings and held-back
    /// slices (in the load's own transaction).
    func recordCommitted(_ result: FileLoadResult, loadId: Int, rejects: [Reject], notes: [String]) throws {
        try insertRejects(loadId: loadId, rejects: rejects)
        try insertWarnings(loadId: loadId, warnings: result.warnings)
        try insertHoldbacks(loadId: loadId, held: result.heldBack)
        try connection.execute(
            """
            UPDATE audit.load_log SET status = \(result.status.rawValue), periods = \(result.periods), rows_read = \(result.rowsRead),
                   rows_loaded = \(result.rowsLoaded), rows_rejected = \(result.rowsRejected), warnings = \(result.warnings.count),
                   finished_at = clock_timestamp(), message = \(notes.isEmpty ? nil : notes.joined(separator: "; "))
             WHERE load_id = \(loadId)
            """)
    }

    /// Records a load that committed no data (failed, or every slice held back), outside any
    /// data transaction, with its rejects, warnings and held-back slices. Sets `result.loadId`.
    /// Never throws: a failure to record is added to the result's message.
    func recordOutcome(_ result: inout FileLoadResult, rejects: [Reject], warnings: [LoadWarning], strict: Bool) {
        do {
            let recorded = result
            let id: Int = try connection.transaction { db in
                let log = LoadLog(connection: db)
                let id: Int
                if let existing = recorded.loadId {
                    id = existing
                    try db.execute(
                        """
                        UPDATE audit.load_log SET status = \(recorded.status.rawValue), message = \(recorded.message),
                               finished_at = clock_timestamp(), rows_read = \(recorded.rowsRead), rows_loaded = 0,
                               rows_rejected = \(recorded.rowsRejected), warnings = \(warnings.count), periods = '{}'
                         WHERE load_id = \(existing)
                        """)
                } else {
                    id = try db.value(
                        """
                        INSERT INTO audit.load_log (file_name, file_path, member, sha256, size_bytes, dataset, layout,
                               status, message, strict, finished_at, nofdb_version, sample)
                        VALUES (\(recorded.file), \(recorded.path), \(recorded.member), \(recorded.sha256), \(recorded.sizeBytes),
                                \(recorded.dataset?.rawValue), \(recorded.layout), \(recorded.status.rawValue), \(recorded.message),
                                \(strict), clock_timestamp(), \(NofdbVersion.current), \(recorded.sample))
                        RETURNING load_id
                        """, as: Int.self)
                }
                try log.insertRejects(loadId: id, rejects: rejects)
                try log.insertWarnings(loadId: id, warnings: warnings)
                try log.insertHoldbacks(loadId: id, held: recorded.heldBack)
                return id
            }
            result.loadId = id
        } catch {
            result.message = (result.message ?? "") + "\n(also could not record the failure in audit.load_log: \(error))"
        }
    }

    func insertRejects(loadId: Int, rejects: [Reject]) throws {
        guard !rejects.isEmpty else { return }
        try connection.copyIn("COPY audit.load_reject (load_id, line, column_name, raw_value, reason, sheet) FROM STDIN") { w in
            for r in rejects {
                try w.writeRow([String(loadId), String(r.line), r.column, r.value, r.reason, r.sheet])
            }
        }
    }

    func insertHoldbacks(loadId: Int, held: [HeldSlice]) throws {
        for h in held {
            try connection.execute(
                """
                INSERT INTO audit.load_holdback (load_id, dataset, period, kind, reason, providers_lost, stored_rows, new_rows,
                       stored_providers, new_providers)
                VALUES (\(loadId), \(h.dataset.rawValue), \(h.period), \(h.kind.rawValue), \(h.reason), \(h.lost),
                        \(h.stats?.storedRows), \(h.stats?.newRows), \(h.stats?.storedProviders), \(h.stats?.newProviders))
                """)
        }
    }

    func insertWarnings(loadId: Int, warnings: [LoadWarning]) throws {
        for w in warnings {
            try connection.execute(
                "INSERT INTO audit.load_warning (load_id, kind, period, message) VALUES (\(loadId), \(w.kind), \(w.period), \(w.message))")
        }
    }
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
