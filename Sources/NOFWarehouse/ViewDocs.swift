import Foundation
import NOFPostgres

/// The reference of the public views, written from the database's own comments, as the
/// "Public views" section of docs/warehouse.md (`Scripts/doc-views` rewrites it; a test checks
/// the file still matches).
public enum ViewDocs {
    public static let heading = "## Public views"

    public static func markdown(_ c: Connection) throws -> String {
        var out = heading + "\n\nGenerated from the database's own comments (`COMMENT ON`) by `Scripts/doc-views`; `\\d+ nof.<view>` in psql shows the same.\n"
        let views = try c.query(
            """
            SELECT c.oid::bigint AS oid, c.relname::text AS name, coalesce(obj_description(c.oid, 'pg_class'), '') AS comment
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'nof' AND c.relkind = 'v' ORDER BY c.relname
            """) { (try $0.decode("oid", as: Int.self), try $0.decode("name", as: String.self), try $0.decode("comment", as: String.self)) }
        for (oid, name, comment) in views {
            out += "\n### nof.\(name)\n\n\(comment)\n\n| column | type | meaning |\n|---|---|---|\n"
            let columns = try c.query(
                """
                SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
                       coalesce(col_description(a.attrelid, a.attnum), '') AS meaning
                  FROM pg_attribute a WHERE a.attrelid = \(oid)::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
                """) { (try $0.decode("name", as: String.self), try $0.decode("type", as: String.self), try $0.decode("meaning", as: String.self)) }
            for (column, type, meaning) in columns {
                out += "| `\(column)` | \(type) | \(meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        return out
    }

    /// `document` with its "Public views" section (to the end of the file) replaced.
    public static func replacingSection(in document: String, with section: String) -> String {
        guard let range = document.range(of: "\n" + heading + "\n") else { return document + "\n" + section }
        return String(document[..<range.lowerBound]) + "\n" + section
    }
}
