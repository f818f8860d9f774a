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
            guard let version = Int32(digits) else { throw TestSetupError("\(name): a migration file name starts with its version") }
            let migrationName = String(base.dropFirst(digits.count + 1))
            try c.transaction { db in
                try db.executeScript(text)
                try db.execute("""
                    INSERT INTO audit.schema_migration (version, name, checksum, duration_ms)
                    VALUES (\(version), \(migrationName), \(SQLTree.sha256(text)), 0)
                    """)
            }
        }
        let views = try files("views")
        try c.transaction { db in
            for (_, text) in views { try db.executeScript(text) }
            let combined = views.map { "-- \($0.name)\n\($0.text)" }.joined(separator: "\n")
            try db.execute("INSERT INTO audit.schema_object (name, checksum) VALUES ('views', \(SQLTree.sha256(combined)))")
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
                let periods = try source.query("SELECT DISTINCT period FROM \(identifier: table, in: "dw") ORDER BY 1") {
                    try $0.decode("period", as: PostgresDate.self)
                }
                for period in periods {
                    let slice = try db.value("SELECT dw.new_slice_table(\(table), \(period), 0) AS slice", as: String.self)
                    try copyRows(source, "SELECT \(identifiers: columns) FROM \(identifier: table, in: "dw") WHERE period = \(period)",
                                 db, "COPY \(identifier: slice, in: "dw") (\(identifiers: columns)) FROM STDIN")
                    try db.execute("SELECT dw.swap_slice(\(table), \(period), \(slice))")
                }
            }
            for (schema, table) in [("dw", "dim_organisation"), ("dw", "organisation_history"), ("dw", "dim_commissioner"),
                                    ("dw", "dim_treatment_function"), ("audit", "load_log"), ("audit", "load_slice"),
                                    ("audit", "load_slice_history"), ("audit", "load_reject"), ("audit", "load_warning"),
                                    ("audit", "sync_log")] {
                let columns = try writableColumns(db, schema, table)
                // Release 0.1.0 had no ODS datasets: their slices stay behind with their facts.
                let filter: SQLQuery = ["load_slice", "load_slice_history"].contains(table) ? " WHERE dataset NOT LIKE 'ods\\_%'" : ""
                // Nor names from the ODS trusts file: an organisation's name is the one its history
                // in the data files gives (dw.organisation_current without ODS), as 0.1.0 kept it.
                let select = SQLQuery.joined(columns.map { column -> SQLQuery in
                    guard table == "dim_organisation", column == "org_name" else { return "t.\(identifier: column)" }
                    return """
                        coalesce((SELECT h.org_name FROM dw.organisation_history h
                                   WHERE h.org_code = t.org_code AND h.org_name <> h.org_code
                                   ORDER BY h.last_period DESC, dw.dataset_rank(h.dataset), h.org_name LIMIT 1), t.org_name)
                        """
                }, separator: ", ")
                try copyRows(source, "SELECT \(select) FROM \(identifier: table, in: schema) t\(filter)",
                             db, "COPY \(identifier: table, in: schema) (\(identifiers: columns)) FROM STDIN")
            }
            try db.execute("SELECT setval('audit.load_log_load_id_seq', coalesce((SELECT max(load_id) FROM audit.load_log), 1))")
            let order = try source.query(
                """
                SELECT s.dataset, array_agg(s.period ORDER BY s.period) AS periods FROM audit.load_slice s
                 WHERE s.dataset NOT LIKE 'ods\\_%'
                 GROUP BY s.dataset ORDER BY min(s.load_id)
                """) { (try $0.decode("dataset", as: String.self), try $0.decode("periods", as: [PostgresDate].self)) }
            for (dataset, periods) in order {
                try db.execute("SELECT dw.after_load(\(dataset), \(periods))")
            }
        }
    }

    /// Columns of a table that take values (not generated), in order.
    static func writableColumns(_ c: Connection, _ schema: String, _ table: String) throws -> [String] {
        try c.query(
            """
            SELECT a.attname FROM pg_attribute a
             WHERE a.attrelid = format('%I.%I', \(schema), \(table))::regclass AND a.attnum > 0 AND NOT a.attisdropped
               AND a.attgenerated = '' ORDER BY a.attnum
            """) { try $0.decode("attname", as: String.self) }
    }

    /// Copies the rows of `select` on `source` through `copy` (a `COPY … FROM STDIN` of the same
    /// columns) on `target`, cell by cell in PostgreSQL's text form.
    static func copyRows(_ source: Connection, _ select: SQLQuery, _ target: Connection, _ copy: SQLQuery) throws {
        let rows = try source.execute(select)
        try target.copyIn(copy) { writer in
            for r in 0..<rows.rowCount {
                try writer.writeRow((0..<rows.columnCount).map { rows.string(row: r, column: $0) })
            }
        }
    }

    /// md5 of a relation's rows (sorted), for before/after comparisons; of the given columns only
    /// when `columns` is set (a later migration may add columns). `relation` is `schema.name`.
    public static func fingerprint(_ c: Connection, _ relation: String, columns: [String]? = nil) throws -> String {
        let parts = relation.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw TestSetupError("fingerprint of \(relation): give schema.name") }
        let row: SQLQuery = columns.map { "ROW(\(identifiers: $0))" } ?? "t"
        return try c.value(
            """
            SELECT count(*) || ':' || coalesce(md5(string_agg(\(row)::text, E'\\n' ORDER BY \(row)::text)), '') AS fingerprint
              FROM \(identifier: parts[1], in: parts[0]) t
            """, as: String.self)
    }

    /// Fingerprints of every view in schema nof.
    public static func viewFingerprints(_ c: Connection) throws -> [String: String] {
        var result: [String: String] = [:]
        for view in try c.query("SELECT viewname FROM pg_views WHERE schemaname = 'nof' ORDER BY 1", { try $0.decode("viewname", as: String.self) }) {
            result[view] = try fingerprint(c, "nof.\(view)")
        }
        return result
    }

    /// Fingerprints of every table in dw and audit, marts and derived tables aside, over the
    /// columns each has in `columnsOf` (or all its columns now).
    public static func dataFingerprints(_ c: Connection, columnsOf: [String: [String]]? = nil) throws -> [String: String] {
        var result: [String: String] = [:]
        let tables = try c.query(
            """
            SELECT n.nspname || '.' || c.relname AS relation FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('dw', 'audit') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND c.relname NOT LIKE 'mart\\_%' AND c.relname NOT IN ('standard_target_month', 'schema_migration', 'schema_object')
               -- reference data seeded and corrected by migrations, not loaded data
               AND c.relname NOT IN ('dim_period', 'dim_region', 'dim_standard', 'standard_target', 'ae_field_test_site',
                                     'dim_rtt_part', 'dim_diagnostic_test', 'dim_cancer_standard', 'organisation_successor',
                                     'organisation_override', 'setting')
             ORDER BY 1
            """) { try $0.decode("relation", as: String.self) }
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
