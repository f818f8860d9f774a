import CLibPQ
import Foundation

extension QueryResult {
    /// A result made on the client, without a server (libpq's `PQmakeEmptyPGresult`): the
    /// columns with their types and the rows as text (nil is NULL). For tests of code that
    /// reads results, and for results nofdb assembles itself.
    public static func canned(columns: [(name: String, type: PostgresDataType)], rows: [[String?]]) -> QueryResult? {
        guard let result = PQmakeEmptyPGresult(nil, PGRES_TUPLES_OK) else { return nil }
        let names = columns.map { strdup($0.name) }
        defer { for name in names { free(name) } }
        var descriptions = zip(names, columns).map { name, column in
            PGresAttDesc(name: name, tableid: 0, columnid: 0, format: 0, typid: column.type.oid, typlen: -1, atttypmod: -1)
        }
        guard PQsetResultAttrs(result, Int32(columns.count), &descriptions) == 1 else {
            PQclear(result)
            return nil
        }
        for (r, row) in rows.enumerated() {
            for (c, value) in row.enumerated() where c < columns.count {
                let ok: Int32
                if let value {
                    ok = value.withCString { pointer in
                        PQsetvalue(result, Int32(r), Int32(c), UnsafeMutablePointer(mutating: pointer), Int32(strlen(pointer)))
                    }
                } else {
                    ok = PQsetvalue(result, Int32(r), Int32(c), nil, -1)
                }
                guard ok == 1 else {
                    PQclear(result)
                    return nil
                }
            }
        }
        return QueryResult(result)
    }
}
