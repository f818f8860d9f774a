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
            "SELECT DISTINCT dataset FROM audit.slice_revision WHERE load_id = $1 AND cardinality(tables) > 0", [load]) { $0.string(0) ?? "" }
        guard let dataset = datasets.first else {
            if try connection.scalar("SELECT 1 FROM audit.load_slice WHERE load_id = $1 LIMIT 1", [load]) != nil {
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
        let file = try connection.scalar("SELECT file_name FROM audit.load_log WHERE load_id = $1", [load]) ?? "load \(load)"
        guard let restoreId = try connection.scalar(
            """
            INSERT INTO audit.load_log (file_name, file_path, sha256, size_bytes, dataset, layout, kind, nofdb_version,
                   backend_pid, backend_start)
            SELECT $1, l.file_path, l.sha256, l.size_bytes, l.dataset, l.layout, 'restore', $3, pg_backend_pid(),
                   (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())
              FROM audit.load_log l WHERE l.load_id = $2
            RETURNING load_id
            """, ["restore of load \(load) (\(file))", load, NofdbVersion.current]).flatMap({ Int($0) })
        else { throw LoadError(file: "load \(load)", reason: "cannot record the restore in the load log") }
        do {
            let slices: [(YearMonth, Int)] = try connection.transaction { db in
                try db.execute("SET LOCAL jit = off")
                try db.execute("SET LOCAL work_mem = '64MB'")
                let keep = try db.scalar("SELECT value FROM audit.setting WHERE name = 'keep_revisions'").flatMap { Int($0) } ?? 3
                let restored = try db.query(
                    "SELECT period::text, rows FROM dw.restore_revision($1, $2, $3) ORDER BY period", [load, restoreId, keep]
                ) { (YearMonth(String(($0.string(0) ?? "").prefix(7))), Int($0.string(1) ?? "") ?? 0) }
                    .compactMap { period, rows in period.map { ($0, rows) } }
                let periods = "{" + restored.map(\.0.firstDay).joined(separator: ",") + "}"
                try db.execute("SELECT dw.after_load($1, $2::date[])", [dataset, periods])
                let failures = try DataTestRunner(connection: db).run(periods: restored.map(\.0.firstDay)).filter { !$0.passed }
                if let failure = failures.first {
                    throw LoadError(file: "restore of load \(load)",
                                    reason: "after restoring, data test \(failure.test.name) fails: \(failure.test.rule) Nothing was changed",
                                    hint: "this is a defect in nofdb's SQL: run nofdb check and report it")
                }
                try db.execute(
                    """
                    UPDATE audit.load_log SET status = 'restored', periods = $2::date[], rows_loaded = $3, finished_at = clock_timestamp(),
                           message = $4 WHERE load_id = $1
                    """,
                    [restoreId, periods, restored.reduce(0) { $0 + $1.1 },
                     "restored the data of load \(load) for \(restored.count) months; what it replaced is kept as a revision"])
                return restored
            }
            return RestoreResult(restoreId: restoreId, restoredLoad: load, dataset: dataset,
                                 slices: slices.map { (period: $0.0, rows: $0.1) }, seconds: Date().timeIntervalSince(started))
        } catch {
            _ = try? connection.execute(
                "UPDATE audit.load_log SET status = 'failed', finished_at = clock_timestamp(), message = $2 WHERE load_id = $1",
                [restoreId, String(describing: error)])
            throw error
        }
    }
}

/// `nofdb rebuild`: every mart rebuilt from the facts, with every dataset's load lock held so
/// no load runs meanwhile, then every data test, in one transaction.
public struct Rebuilder {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    public func rebuild(onWait: (String) -> Void = { _ in }) throws -> (datasetMonths: Int, seconds: Double, tests: [DataTestResult]) {
        let started = Date()
        var held: [AdvisoryLock] = []
        defer { for lock in held { connection.releaseAdvisoryLock(lock) } }
        for dataset in Dataset.allCases {
            let lock = AdvisoryLock("load:\(dataset.rawValue)")
            try connection.acquireAdvisoryLock(lock, wait: true) { onWait("waiting for a load of \(dataset.rawValue) data to finish…") }
            held.append(lock)
        }
        return try connection.transaction { db in
            try db.execute("SET LOCAL jit = off")
            try db.execute("SET LOCAL work_mem = '64MB'")
            try db.execute("SELECT dw.rebuild_standard_target_month()")
            let months = try db.scalar("SELECT dw.rebuild_marts()").flatMap { Int($0) } ?? 0
            let tests = try DataTestRunner(connection: db).run()
            if let failure = tests.first(where: { !$0.passed }) {
                throw LoadError(file: "rebuild", reason: "after rebuilding, data test \(failure.test.name) fails: \(failure.test.rule) Nothing was changed",
                                hint: "this is a defect in nofdb's SQL: run nofdb check and report it")
            }
            return (months, Date().timeIntervalSince(started), tests)
        }
    }
}
