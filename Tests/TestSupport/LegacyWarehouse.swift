import Foundation
import NOFPostgres
import NOFSQL

/// A warehouse as release 0.1.0 made it: its migrations 001-008 and views, applied and
/// recorded the way that release's `nofdb init` did, from the frozen copy of its SQL in
/// Tests/NOFWarehouseTests/Fixtures/release-0.1.0. Used to test upgrades.
public enum LegacyWarehouse {
    static var fixture: URL {
        TestEnvironment.packageRoot.appendingPathComponent("Tests/NOFWarehouseTests/Fixtures/release-0.1.0")
    }

    static func files(_ folder: String) throws -> [(name: String, text: String)] {
        let dir = fixture.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".sql") }.sorted().map {
            ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// Builds the release 0.1.0 schema in an empty database.
    public static func create(_ c: Connection) throws {
        try c.executeScript(
            """
            CREATE SCHEMA IF NOT EXISTS audit;
            CREATE TABLE IF NOT EXISTS audit.schema_migration (version integer PRIMARY KEY, name text NOT NULL,
                checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), duration_ms integer);
            CREATE TABLE IF NOT EXISTS audit.schema_object (name text PRIMARY KEY, checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now());
            """)
        for (name, text) in try files("migrations") {
            let base = String(name.dropLast(4))
            let digits = base.prefix { $0.isNumber }
            try c.transaction { db in
                try db.executeScript(text)
                try db.execute("INSERT INTO audit.schema_migration (version, name, checksum, duration_ms) VALUES ($1, $2, $3, 0)",
                               [Int(digits) ?? 0, String(base.dropFirst(digits.count + 1)), SQLTree.sha256(text)])
            }
        }
        let views = try files("views")
        try c.transaction { db in
            for (_, text) in views { try db.executeScript(text) }
            let combined = views.map { "-- \($0.name)\n\($0.text)" }.joined(separator: "\n")
            try db.execute("INSERT INTO audit.schema_object (name, checksum) VALUES ('views', $1)", [SQLTree.sha256(combined)])
        }
    }

    /// Copies the facts, dimensions and audit log of `source` (a current warehouse) into
    /// `target` (a release 0.1.0 one) through that release's own slice functions, then runs its
    /// load hook for each dataset in the order `source` loaded them, so its marts are what
    /// that release computed.
    public static func copyData(from source: Connection, to target: Connection) throws {
        try target.transaction { db in
            for table in ["fact_ae", "fact_ambulance", "fact_rtt", "fact_rtt_provider", "fact_cancer", "fact_diagnostics",
                          "fact_nof_metric", "fact_nof_league"] {
                let columns = try writableColumns(db, "dw", table)
                let periods = try source.query("SELECT DISTINCT period::text FROM dw.\(table) ORDER BY 1") { $0.string(0) ?? "" }
                for period in periods {
                    let slice = try db.scalar("SELECT dw.new_slice_table($1, $2::date, 0)", [table, period]) ?? ""
                    try copyRows(source, "SELECT \(columns.joined(separator: ", ")) FROM dw.\(table) WHERE period = '\(period)'",
                                 db, "dw.\(Connection.quoteIdentifier(slice))", columns)
                    try db.execute("SELECT dw.swap_slice($1, $2::date, $3)", [table, period, slice])
                }
            }
            for (schema, table) in [("dw", "dim_organisation"), ("dw", "organisation_history"), ("dw", "dim_commissioner"),
                                    ("dw", "dim_treatment_function"), ("audit", "load_log"), ("audit", "load_slice"),
                                    ("audit", "load_slice_history"), ("audit", "load_reject"), ("audit", "load_warning"),
                                    ("audit", "sync_log")] {
                let columns = try writableColumns(db, schema, table)
                // Release 0.1.0 had no ODS datasets: their slices stay behind with their facts.
                let filter = ["load_slice", "load_slice_history"].contains(table) ? " WHERE dataset NOT LIKE 'ods\\_%'" : ""
                try copyRows(source, "SELECT \(columns.joined(separator: ", ")) FROM \(schema).\(table)\(filter)", db, "\(schema).\(table)", columns)
            }
            try db.execute("SELECT setval('audit.load_log_load_id_seq', coalesce((SELECT max(load_id) FROM audit.load_log), 1))")
            let order = try source.query(
                """
                SELECT s.dataset, array_agg(s.period ORDER BY s.period)::text FROM audit.load_slice s
                 WHERE s.dataset NOT LIKE 'ods\\_%'
                 GROUP BY s.dataset ORDER BY min(s.load_id)
                """) { ($0.string(0) ?? "", $0.string(1) ?? "{}") }
            for (dataset, periods) in order {
                try db.execute("SELECT dw.after_load($1, $2::date[])", [dataset, periods])
            }
        }
    }

    /// Columns of a table that take values (not generated), in order.
    static func writableColumns(_ c: Connection, _ schema: String, _ table: String) throws -> [String] {
        try c.query(
            """
            SELECT a.attname FROM pg_attribute a
             WHERE a.attrelid = format('%I.%I', $1::text, $2::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped
               AND a.attgenerated = '' ORDER BY a.attnum
            """, [schema, table]) { $0.string(0) ?? "" }
    }

    static func copyRows(_ source: Connection, _ select: String, _ target: Connection, _ table: String, _ columns: [String]) throws {
        let rows = try source.execute(select)
        try target.copyIn("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN") { writer in
            for r in 0..<rows.rowCount {
                try writer.writeRow((0..<rows.columnCount).map { rows.string(row: r, column: $0) })
            }
        }
    }

    /// md5 of a relation's rows (sorted), for before/after comparisons; of the given columns only
    /// when `columns` is set (a later migration may add columns).
    public static func fingerprint(_ c: Connection, _ relation: String, columns: [String]? = nil) throws -> String {
        let row = columns.map { "ROW(" + $0.map(Connection.quoteIdentifier).joined(separator: ", ") + ")" } ?? "t"
        return try c.scalar("SELECT count(*) || ':' || coalesce(md5(string_agg(\(row)::text, E'\\n' ORDER BY \(row)::text)), '') FROM \(relation) t") ?? ""
    }

    /// Fingerprints of every view in schema nof.
    public static func viewFingerprints(_ c: Connection) throws -> [String: String] {
        var result: [String: String] = [:]
        for view in try c.query("SELECT viewname FROM pg_views WHERE schemaname = 'nof' ORDER BY 1", []) { $0.string(0) ?? "" } {
            result[view] = try fingerprint(c, "nof.\(Connection.quoteIdentifier(view))")
        }
        return result
    }

    /// Fingerprints of every table in dw and audit, marts and derived tables aside, over the
    /// columns each has in `columnsOf` (or all its columns now).
    public static func dataFingerprints(_ c: Connection, columnsOf: [String: [String]]? = nil) throws -> [String: String] {
        var result: [String: String] = [:]
        let tables = try c.query(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('dw', 'audit') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND c.relname NOT LIKE 'mart\\_%' AND c.relname NOT IN ('standard_target_month', 'schema_migration', 'schema_object')
               -- reference data seeded and corrected by migrations, not loaded data
               AND c.relname NOT IN ('dim_period', 'dim_region', 'dim_standard', 'standard_target', 'ae_field_test_site',
                                     'dim_rtt_part', 'dim_diagnostic_test', 'dim_cancer_standard', 'organisation_successor',
                                     'organisation_override', 'setting')
             ORDER BY 1
            """) { $0.string(0) ?? "" }
        for table in tables {
            let parts = table.split(separator: ".").map(String.init)
            result[table] = try fingerprint(c, table, columns: columnsOf?[table] ?? writableColumns(c, parts[0], parts[1]))
        }
        return result
    }

    /// The columns of every table `dataFingerprints` covers.
    public static func dataColumns(_ c: Connection) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for table in try dataFingerprints(c).keys {
            let parts = table.split(separator: ".").map(String.init)
            result[table] = try writableColumns(c, parts[0], parts[1])
        }
        return result
    }
}
