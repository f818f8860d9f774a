import Foundation
import NOFPostgres
import NOFWarehouse

/// `nofdb status`: the database, its schema version, what is loaded and the last loads.
public enum StatusReport {
    public static func build(connection: Connection) throws -> ReportResult {
        let version = try Migrator.currentVersion(connection)
        let latest = WarehouseSQL.migrations.last?.version ?? 0
        var about: [[ReportCell]] = [
            [.text("database"), .text(connection.config.description)],
            [.text("server"), .text("PostgreSQL \(connection.serverVersion / 10000).\(connection.serverVersion % 100)")],
            [.text("schema version"), .text(version.map { $0 == latest ? "\($0) (current)" : "\($0) (nofdb needs \(latest): run nofdb init)" } ?? "not initialised: run nofdb init")],
        ]
        // Replication: a standby says how far behind it is; a primary lists its standbys.
        if try connection.value("SELECT pg_is_in_recovery() AS in_recovery", as: Bool.self) {
            let lag = try connection.value(
                "SELECT coalesce(to_char(now() - pg_last_xact_replay_timestamp(), 'HH24:MI:SS'), 'unknown') || CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN ' (all received WAL replayed)' ELSE '' END AS lag",
                as: String.self)
            about.append([.text("role"), .text("hot standby (read-only; loads go to the primary)")])
            about.append([.text("replay lag"), .text("since the last transaction replayed: \(lag)")])
        } else {
            let standbys = try connection.query(
                "SELECT coalesce(application_name, '?') || ' ' || coalesce(state, '') || ', replay lag ' || coalesce(to_char(replay_lag, 'HH24:MI:SS.MS'), '00:00:00') || ', ' || coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint || ' bytes behind' AS standby FROM pg_stat_replication ORDER BY 1"
            ) { try $0.decode("standby", as: String.self) }
            about.append([.text("role"), .text(standbys.isEmpty ? "primary (no streaming standbys)" : "primary with \(standbys.count) streaming standbys")])
            for standby in standbys { about.append([.text("standby"), .text(standby)]) }
        }
        guard version != nil else {
            return ReportResult(name: "status", title: "nofdb status", parameters: [], sections: [
                ReportTable(title: "Database", columns: [ReportColumn(name: "item", kind: .text, label: "Item"), ReportColumn(name: "value", kind: .text, label: "Value")], rows: about)
            ])
        }
        let size = try connection.value("SELECT pg_size_pretty(pg_database_size(current_database())) AS size", as: String.self)
        about.append([.text("size"), .text(size)])
        var sections = [ReportTable(title: "Database", columns: [ReportColumn(name: "item", kind: .text, label: "Item"), ReportColumn(name: "value", kind: .text, label: "Value")], rows: about)]
        try connection.transaction(readOnly: true) { db in
            var datasets = ReportTable(title: "Datasets", result: try db.execute(
                """
                SELECT d.dataset, count(s.period) AS months,
                       to_char(min(s.period), 'YYYY-MM') AS first, to_char(max(s.period), 'YYYY-MM') AS last,
                       coalesce(sum(s.rows), 0) AS rows,
                       (SELECT coalesce(sum(l.rows_rejected), 0) FROM nof.load_history l WHERE l.dataset = d.dataset
                           AND l.load_id IN (SELECT load_id FROM nof.data_coverage WHERE dataset = d.dataset)) AS rejected_rows,
                       (SELECT to_char(max(l.finished_at), 'YYYY-MM-DD HH24:MI') FROM nof.load_history l WHERE l.dataset = d.dataset) AS last_load,
                       (SELECT l.status FROM nof.load_history l WHERE l.dataset = d.dataset ORDER BY l.load_id DESC LIMIT 1) AS last_status,
                       CASE WHEN bool_or(s.sample) THEN 'sample (synthetic)' ELSE '' END AS data
                  FROM (VALUES ('ae'), ('ambulance'), ('rtt'), ('cancer'), ('diagnostics'), ('nof_data'), ('nof_league'),
                               ('ods_trusts'), ('ods_successors')) d(dataset)
                  LEFT JOIN nof.data_coverage s ON s.dataset = d.dataset
                 GROUP BY d.dataset ORDER BY d.dataset
                """))
            datasets.style([
                "dataset": ColumnStyle(label: "Dataset"), "months": ColumnStyle(label: "Months", format: .count),
                "first": ColumnStyle(label: "First", format: .month), "last": ColumnStyle(label: "Last", format: .month),
                "rows": ColumnStyle(label: "Rows", format: .count), "rejected_rows": ColumnStyle(label: "Rejected", format: .count),
                "last_load": ColumnStyle(label: "Last load"), "last_status": ColumnStyle(label: "Status"),
            ])
            sections.append(datasets)
            if let calendar = ReportCatalog.named("coverage")?.sections.first(where: { $0.title == "Calendar" }) {
                sections.append(ReportTable(title: "Calendar (months loaded)", result: try db.execute(SQLQuery(verbatim: calendar.sql))))
            }
            // nof.load_history tells a running load from one whose process died (interrupted).
            var loads = ReportTable(title: "Last loads", result: try db.execute(
                """
                SELECT load_id, to_char(started_at, 'YYYY-MM-DD HH24:MI') AS started, file_name, dataset, status,
                       rows_loaded, rows_rejected, months_held_back AS held_back
                  FROM nof.load_history ORDER BY load_id DESC LIMIT 5
                """))
            loads.style([
                "load_id": ColumnStyle(label: "Load"), "started": ColumnStyle(label: "Started"), "file_name": ColumnStyle(label: "File"),
                "dataset": ColumnStyle(label: "Dataset"), "status": ColumnStyle(label: "Status"),
                "rows_loaded": ColumnStyle(label: "Rows", format: .count), "rows_rejected": ColumnStyle(label: "Rejected", format: .count),
                "held_back": ColumnStyle(label: "Held back", format: .count),
            ])
            sections.append(loads)
            let notes = try db.execute(
                """
                SELECT h.load_id AS load, h.dataset, to_char(h.period, 'YYYY-MM') AS month, h.kind, h.reason
                  FROM nof.load_holdback h
                 WHERE h.load_id IN (SELECT load_id FROM nof.load_history ORDER BY load_id DESC LIMIT 20)
                UNION ALL
                SELECT w.load_id, w.dataset, to_char(w.period, 'YYYY-MM'), w.kind, w.message
                  FROM nof.load_warning w
                 WHERE w.kind = 'slice_guard' AND w.load_id IN (SELECT load_id FROM nof.load_history ORDER BY load_id DESC LIMIT 20)
                 ORDER BY 1 DESC, 3
                """)
            if notes.rowCount > 0 {
                sections.append(ReportTable(
                    title: "Held back or flagged by the load guards (last 20 loads)", result: notes,
                    footnotes: ["A held-back month was not committed; the month as stored before is untouched (nofdb report loads --load ID)."]))
            }
        }
        var report = ReportResult(name: "status", title: "nofdb status", parameters: [], sections: sections)
        if try connection.value("SELECT EXISTS (SELECT 1 FROM nof.data_coverage WHERE sample) AS sample", as: Bool.self) {
            report.notices.append(ReportRunner.sampleNotice)
        }
        return report
    }
}
