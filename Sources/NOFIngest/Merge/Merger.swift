import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

/// The merge, inside the load's transaction: swaps the accepted slices' staged tables in as
/// partitions (archiving what they replace as revisions), records the organisations and
/// other dimensions seen in those months, refreshes the marts, and runs the data tests scoped
/// to those months, so a broken rule commits nothing.
struct Merger {
    let connection: Connection
    let dataset: Dataset
    let loadId: Int
    let fileName: String

    /// Attaches each accepted month's staged tables. Returns a line per slice replaced.
    func swap(_ plan: SlicePlan, stager: Stager, sink: SliceSink) throws -> [String] {
        let keep = try RevisionSettings(connection: connection).kept()
        var replacedSlices: [String] = []
        for period in plan.accepted {
            let staged = dataset.tables.compactMap { table in stager.table(table, period).map { (table.rawValue, $0) } }
            let replaced = try connection.value(
                """
                SELECT dw.replace_slice(\(dataset.rawValue), \(period), \(staged.map(\.0)), \(staged.map(\.1)),
                                        \(loadId), \(sink.rows(dataset.primaryTable, period)), \(keep)) AS replaced_load
                """, as: Int?.self)
            if let replaced { replacedSlices.append("\(dataset.rawValue) \(period) (replacing load \(replaced), kept as a revision)") }
        }
        return replacedSlices
    }

    /// Organisations (per month), commissioners and treatment functions the file named, for
    /// the months swapped in.
    func upsertDimensions(_ context: IngestContext, periods: Set<YearMonth>) throws {
        for (period, organisations) in context.organisations.sorted(by: { $0.key < $1.key }) where periods.contains(period) {
            let sorted = organisations.sorted { $0.key < $1.key }
            let names: [String?] = sorted.map { $0.value.name }
            let parentCodes: [String?] = sorted.map { $0.value.parentCode }
            let parentNames: [String?] = sorted.map { $0.value.parentName }
            let regions: [String?] = sorted.map { $0.value.regionCode }
            try connection.execute(
                """
                SELECT dw.touch_organisations(\(dataset.rawValue), \(period), \(sorted.map { $0.key }), \(names),
                                              \(parentCodes), \(parentNames), \(regions))
                """)
        }
        if !context.commissioners.isEmpty {
            let sorted = context.commissioners.sorted { $0.key < $1.key }
            let names: [String?] = sorted.map { $0.value.name }
            let parentCodes: [String?] = sorted.map { $0.value.parentCode }
            let parentNames: [String?] = sorted.map { $0.value.parentName }
            try connection.execute(
                """
                INSERT INTO dw.dim_commissioner (commissioner_code, commissioner_name, parent_code, parent_name)
                SELECT code, nullif(name, ''), nullif(pcode, ''), nullif(pname, '')
                  FROM unnest(\(sorted.map { $0.key }), \(names), \(parentCodes), \(parentNames)) AS u(code, name, pcode, pname)
                ON CONFLICT (commissioner_code) DO UPDATE SET
                    commissioner_name = coalesce(EXCLUDED.commissioner_name, dw.dim_commissioner.commissioner_name),
                    parent_code = coalesce(EXCLUDED.parent_code, dw.dim_commissioner.parent_code),
                    parent_name = coalesce(EXCLUDED.parent_name, dw.dim_commissioner.parent_name)
                """)
        }
        if !context.treatmentFunctions.isEmpty {
            let sorted = context.treatmentFunctions.sorted { $0.key < $1.key }
            try connection.execute(
                """
                INSERT INTO dw.dim_treatment_function (treatment_function_code, treatment_function_name)
                SELECT code, name FROM unnest(\(sorted.map { $0.key }), \(sorted.map { $0.value })) AS u(code, name)
                ON CONFLICT (treatment_function_code) DO UPDATE SET treatment_function_name = EXCLUDED.treatment_function_name
                """)
        }
    }

    /// Derived attributes and the marts of `periods` (and of months reading what changed).
    func refreshMarts(_ periods: [YearMonth]) throws {
        try connection.execute("SELECT dw.after_load(\(dataset.rawValue), \(periods))")
    }

    /// The data tests scoped to months (SQL/tests, `-- scope: periods`) on `periods`, inside
    /// the load's transaction: the first failure throws, so nothing is committed.
    func runDataTests(_ periods: [YearMonth]) throws {
        let failures = try DataTestRunner(connection: connection).run(periods: periods).filter { !$0.passed }
        if let failure = failures.first {
            let detail = failure.error ?? "\(failure.failingRows) rows, e.g. \(failure.columns.joined(separator: ", ")) = \(failure.sample.first?.map { $0 ?? "NULL" }.joined(separator: ", ") ?? "")"
            throw LoadError(
                file: fileName,
                reason: "after loading, data test \(failure.test.name) fails (\(detail)): \(failure.test.rule) Nothing from the file was committed",
                hint: "this is a defect in nofdb's SQL, not in the file: run nofdb check, and report it with the file")
        }
    }
}
