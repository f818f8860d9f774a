import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

extension Loader {
    /// Records a failed load in the log (outside any data transaction), with its rejects.
    func recordFailure(_ result: inout FileLoadResult, rejects: [Reject], warnings: [LoadWarning]) {
        result.status = .failed
        recordOutcome(&result, rejects: rejects, warnings: warnings)
    }

    /// Records a load that committed no data (failed, or every slice held back) in the log,
    /// outside any data transaction, with its rejects, warnings and held-back slices.
    func recordOutcome(_ result: inout FileLoadResult, rejects: [Reject], warnings: [LoadWarning]) {
        do {
            try connection.transaction { db in
                let id: Int
                if let existing = result.loadId {
                    id = existing
                    try db.execute(
                        """
                        UPDATE audit.load_log SET status = $6, message = $2, finished_at = clock_timestamp(),
                               rows_read = $3, rows_loaded = 0, rows_rejected = $4, warnings = $5, periods = '{}'
                         WHERE load_id = $1
                        """,
                        [existing, result.message, result.rowsRead, result.rowsRejected, warnings.count, result.status.rawValue])
                } else {
                    id = try db.scalar(
                        """
                        INSERT INTO audit.load_log (file_name, file_path, member, sha256, size_bytes, dataset, layout,
                               status, message, strict, finished_at, nofdb_version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $11, $8, $9, clock_timestamp(), $10) RETURNING load_id
                        """,
                        [result.file, result.path, result.member, result.sha256, result.sizeBytes,
                         result.dataset?.rawValue, result.layout, result.message, options.strict,
                         NofdbVersion.current, result.status.rawValue]
                    ).flatMap { Int($0) } ?? 0
                    result.loadId = id
                }
                try Self.insertRejects(db, loadId: id, rejects: rejects)
                try Self.insertWarnings(db, loadId: id, warnings: warnings)
                try Self.insertHoldbacks(db, loadId: id, held: result.heldBack)
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

    static func insertHoldbacks(_ db: Connection, loadId: Int, held: [HeldSlice]) throws {
        for h in held {
            try db.execute(
                """
                INSERT INTO audit.load_holdback (load_id, dataset, period, kind, reason, providers_lost, stored_rows, new_rows,
                       stored_providers, new_providers)
                VALUES ($1, $2, $3::date, $4, $5, $6::text[], $7, $8, $9, $10)
                """,
                [loadId, h.dataset.rawValue, h.period.firstDay, h.kind.rawValue, h.reason, PostgresArray.text(h.lost),
                 h.stats?.storedRows, h.stats?.newRows, h.stats?.storedProviders, h.stats?.newProviders])
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
