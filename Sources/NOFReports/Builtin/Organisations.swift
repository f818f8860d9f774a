import Foundation
import NOFPostgres
import NOFWarehouse

/// `nofdb orgs [TEXT]`: organisations matching a code or words of the name (case- and
/// punctuation-insensitive), with type, region, ICB, open and close dates, predecessors and
/// successor; the predecessors of each match are listed after it.
public enum OrganisationFinder {
    static let sql = """
        WITH q AS (SELECT unnest(:words) AS w),
        base AS (
            SELECT o.*, lower(replace(coalesce(o.org_name, '') || ' ' || coalesce(o.ods_name, ''), '''', '')) AS haystack
              FROM nof.organisation o
        ), matched AS (
            SELECT b.org_code FROM base b
             WHERE upper(b.org_code) = :code
                OR (cardinality(:words) > 0
                    AND NOT EXISTS (SELECT 1 FROM q WHERE b.haystack !~ ('(^|[^a-z0-9])' || q.w)))
                OR (:code IS NULL AND b.org_kind = 'nhs_trust')
        ), shown AS (
            SELECT m.org_code, m.org_code AS parent, '' AS listed FROM matched m
            UNION ALL
            SELECT l.org_code, m.org_code, 'predecessor of ' || m.org_code
              FROM matched m JOIN nof.organisation l ON l.successor_code = m.org_code AND l.org_code <> m.org_code
             WHERE l.org_code NOT IN (SELECT org_code FROM matched)
        )
        SELECT o.org_code, coalesce(o.org_name, o.ods_name) AS org_name,
               coalesce(o.reference_trust_type, o.nof_trust_type,
                        CASE o.org_kind WHEN 'nhs_trust' THEN 'NHS trust' WHEN 'independent' THEN 'independent provider'
                                        WHEN 'gp_practice' THEN 'GP practice' ELSE o.org_kind END) AS type,
               o.reference_trust_subtype AS subtype, o.region_name AS region, o.icb_code AS icb,
               to_char(o.open_date, 'YYYY-MM-DD') AS opened, to_char(o.close_date, 'YYYY-MM-DD') AS closed,
               coalesce(array_to_string(o.predecessors, ', '), '') AS predecessors,
               coalesce(o.merged_into, '') AS merged_into,
               s.listed AS note
          FROM shown s JOIN nof.organisation o ON o.org_code = s.org_code
         ORDER BY s.parent, s.listed <> '', o.close_date NULLS FIRST, o.org_code
         LIMIT 500
        """

    public static func find(_ text: String?, connection: Connection) throws -> ReportResult {
        try Migrator.requireCurrent(connection)
        let search = text?.trimmingCharacters(in: .whitespaces) ?? ""
        let words = OrganisationSearch.words(search)
        let code = search.isEmpty ? nil : search.uppercased()
        let result = try connection.execute(try SQLQuery(named: sql, ["words": PostgresBind(words), "code": PostgresBind(code)]))
        var footnotes = ["Types: NOF Q3 2025/26 trust profiles, else ERIC 2024/25, else the official NOF files; ICB: the latest month's (nof.organisation_icb_month has every month); dates and mergers: the loaded ODS files."]
        if try !connection.value("SELECT EXISTS (SELECT 1 FROM nof.data_coverage WHERE dataset = 'ods_trusts') AS loaded", as: Bool.self) {
            footnotes.append("No ODS trusts file is loaded: ICBs, open and close dates are missing. Load etr.csv (nofdb load etr.csv, or nofdb sync ods_trusts).")
        }
        if result.rowCount == 0 {
            throw ReportError(search.isEmpty ? "no organisations are loaded yet: run nofdb load" : "no organisation matches '\(search)': try fewer or shorter words, or a code")
        }
        var table = ReportTable(title: "Organisations", result: result, footnotes: footnotes)
        table.style([
            "org_code": ColumnStyle(label: "Code"), "org_name": ColumnStyle(label: "Name"), "type": ColumnStyle(label: "Type"),
            "subtype": ColumnStyle(label: "Subtype"), "region": ColumnStyle(label: "Region"), "icb": ColumnStyle(label: "ICB"),
            "opened": ColumnStyle(label: "Opened"), "closed": ColumnStyle(label: "Closed"),
            "predecessors": ColumnStyle(label: "Predecessors"), "merged_into": ColumnStyle(label: "Merged into"), "note": ColumnStyle(label: "Note"),
        ])
        return ReportResult(name: "orgs", title: search.isEmpty ? "NHS trusts" : "Organisations matching '\(search)'",
                            parameters: search.isEmpty ? [] : [("search", search)], sections: [table])
    }
}
