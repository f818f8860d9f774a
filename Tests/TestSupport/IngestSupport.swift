import Foundation
import NOFPostgres

/// A fingerprint of everything a load may change (facts, slices, dimensions), to assert that
/// a failed load left the database exactly as it was.
public func warehouseSnapshot(_ c: Connection) throws -> String {
    var parts: [String] = []
    for table in ["fact_ae", "fact_ambulance", "fact_rtt", "fact_rtt_provider", "fact_cancer", "fact_diagnostics",
                  "fact_nof_metric", "fact_nof_league", "dim_organisation", "organisation_history",
                  "dim_commissioner", "dim_treatment_function"] {
        let digest = try c.value(
            "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS digest FROM \(identifier: table, in: "dw") t",
            as: String.self)
        parts.append("\(table)=\(digest)")
    }
    let slices = try c.value(
        "SELECT coalesce(string_agg(dataset || period || '#' || load_id, ',' ORDER BY dataset, period), '') AS slices FROM audit.load_slice",
        as: String.self)
    parts.append("slices=" + slices)
    let partitions = try c.value(
        "SELECT count(*) AS partitions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'dw' AND c.relname LIKE 'fact_%'",
        as: Int.self)
    parts.append("partitions=\(partitions)")
    return parts.joined(separator: "\n")
}

/// A fixture file in Tests/UnitTests/Fixtures (small files written for the tests, in the
/// published layouts).
public func fixtureFile(_ name: String) -> URL {
    TestEnvironment.packageRoot.appendingPathComponent("Tests/UnitTests/Fixtures").appendingPathComponent(name)
}
