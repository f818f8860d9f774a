import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

/// What `nofdb restore` did.
public struct RestoreResult: Sendable {
    /// The restore's own entry in the load log.
    public var restoreId: Int
    /// The load whose data is current again.
    public var restoredLoad: Int
    public var dataset: String
    public var slices: [(period: YearMonth, rows: Int)]
    public var seconds: Double
}

/// Brings an archived revision back: every month whose data came from load N and was since
/// replaced becomes current again, in one transaction logged like a load; the months it
/// replaces are archived in turn, so a restore can itself be undone. Marts follow.
public struct Restorer {
    let connection: Connection
    let options: LoadOptions

    public init(connection: Connection, options: LoadOptions = LoadOptions()) {
        self.connection = connection
        self.options = options
    }

    public func restore(load: Int) throws -> RestoreResult {
        let started = Date()
        let datasets = try connection.query(
            "SELECT DISTINCT dataset FROM audit.slice_revision WHERE load_id = \(load) AND cardinality(tables) > 0") {
            try $0.decode("dataset", as: String.self)
        }
        guard let dataset = datasets.first else {
            if try connection.value("SELECT EXISTS (SELECT 1 FROM audit.load_slice WHERE load_id = \(load)) AS current", as: Bool.self) {
                throw LoadError(file: "load \(load)", reason: "its data is current already: there is nothing to restore",
                                hint: "nofdb report revisions lists the revisions that can be restored")
            }
            throw LoadError(file: "load \(load)", reason: "no archived revision holds this load's data (it never replaced anything, was never loaded, or its revision was pruned: nofdb load --keep-revisions)",
                            hint: "nofdb report revisions lists the revisions that can be restored")
        }
        let lock = AdvisoryLock("load:\(dataset)")
        try connection.acquireAdvisoryLock(lock, wait: options.wait) {
            options.onWait("another nofdb is loading \(dataset) data; waiting for it to finish…")
        }
        defer { connection.releaseAdvisoryLock(lock) }
        let file = try connection.value("SELECT file_name FROM audit.load_log WHERE load_id = \(load)", as: String.self)
        guard let restoreId = try connection.firstValue(
            """
            INSERT INTO audit.load_log (file_name, file_path, sha256, size_bytes, dataset, layout, kind, nofdb_version,
                   backend_pid, backend_start)
            SELECT \("restore of load \(load) (\(file))"), l.file_path, l.sha256, l.size_bytes, l.dataset, l.layout, 'restore',
                   \(NofdbVersion.current), pg_backend_pid(), (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())
              FROM audit.load_log l WHERE l.load_id = \(load)
            RETURNING load_id
            """, as: Int.self)
        else { throw LoadError(file: "load \(load)", reason: "cannot record the restore in the load log") }
        do {
            let slices: [(YearMonth, Int)] = try connection.transaction { db in
                try db.execute("SET LOCAL jit = off")
                try db.execute("SET LOCAL work_mem = '64MB'")
                let keep = try RevisionSettings(connection: db).kept()
                let restored = try db.query(
                    "SELECT period, rows::bigint AS rows FROM dw.restore_revision(\(load), \(restoreId), \(keep)) ORDER BY period"
                ) { (try $0.decode("period", as: YearMonth.self), try $0.decode("rows", as: Int.self)) }
                let periods = restored.map(\.0)
                try db.execute("SELECT dw.after_load(\(dataset), \(periods))")
                let failures = try DataTestRunner(connection: db).run(periods: periods).filter { !$0.passed }
                if let failure = failures.first {
                    throw LoadError(file: "restore of load \(load)",
                                    reason: "after restoring, data test \(failure.test.name) fails: \(failure.test.rule) Nothing was changed",
                                    hint: "this is a defect in nofdb's SQL: run nofdb check and report it")
                }
                let message = "restored the data of load \(load) for \(restored.count) months; what it replaced is kept as a revision"
                try db.execute(
                    """
                    UPDATE audit.load_log SET status = 'restored', periods = \(periods), rows_loaded = \(restored.reduce(0) { $0 + $1.1 }),
                           finished_at = clock_timestamp(), message = \(message)
                     WHERE load_id = \(restoreId)
                    """)
                return restored
            }
            return RestoreResult(restoreId: restoreId, restoredLoad: load, dataset: dataset,
                                 slices: slices.map { (period: $0.0, rows: $0.1) }, seconds: Date().timeIntervalSince(started))
        } catch {
            _ = try? connection.execute(
                "UPDATE audit.load_log SET status = 'failed', finished_at = clock_timestamp(), message = \(String(describing: error)) WHERE load_id = \(restoreId)")
            throw error
        }
    }
}

