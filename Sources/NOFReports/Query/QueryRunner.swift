import Foundation
import NOFPostgres

/// Ad-hoc SQL (`nofdb query`): one reading statement, `:name` placeholders bound by name,
/// run read-only as the sandbox role under a statement timeout.
public struct QueryRunner {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// The first keywords of the statements `nofdb query` runs: reads only.
    static let readingStatements: Set<String> = ["select", "with", "values", "table", "explain", "show"]

    /// Runs the query. `:name` placeholders are bound from `parameters` as text parameters
    /// (never spliced into the SQL). With `csv`, rows are written through it as they arrive
    /// (nothing is kept; the result returned has no sections); otherwise at most `limit` rows
    /// are kept and a parameter says the result was cut.
    public func run(_ sql: String, parameters: [String: String], timeoutMilliseconds: Int = 30_000,
                    unrestricted: Bool = false, limit: Int? = nil, csv: ((String) throws -> Void)? = nil) throws -> ReportResult {
        let keyword = SQLTokenizer.firstKeyword(sql)
        guard Self.readingStatements.contains(keyword) else {
            throw ReportError("nofdb query runs one read-only statement (SELECT, WITH, VALUES, TABLE, EXPLAIN or SHOW); '\(keyword.isEmpty ? sql.prefix(20) : Substring(keyword))' is not one. Nothing was run.")
        }
        let names = SQLQuery.parameterNames(in: sql)
        let unknown = Set(parameters.keys).subtracting(names)
        if !unknown.isEmpty {
            throw ReportError("--param \(unknown.sorted().joined(separator: ", ")): the query has no :\(unknown.sorted().first ?? "") placeholder")
        }
        if let missing = names.first(where: { parameters[$0] == nil }) {
            throw ReportError("the query uses :\(missing) but no --param \(missing)=VALUE was given")
        }
        // Values typed on a command line are text; the server reads them as the type the
        // query needs where it can (`:day::date`, or compared with a date column).
        let query = try SQLQuery(named: sql, parameters.mapValues { PostgresBind(type: .unknown, text: $0) })
        var table: ReportTable?
        var cut = false
        do {
            try connection.transaction(readOnly: true, statementTimeout: timeoutMilliseconds) { db in
                try db.execute("SET LOCAL lock_timeout = 5000")
                if !unrestricted { try Sandbox.enter(db) }
                if let csv {
                    // Row by row to the output: memory stays flat for any number of rows.
                    var kinds: [ReportColumnKind]?
                    var buffer = ""
                    try db.stream(query) { result in
                        if kinds == nil {
                            let first = ReportTable(title: "Query", result: result)
                            kinds = first.columns.map(\.kind)
                            buffer += ReportRenderer.csvLine(first.columns.map(\.name))
                        }
                        for r in 0..<result.rowCount {
                            buffer += ReportRenderer.csvLine((kinds ?? []).enumerated().map { c, kind in
                                ReportCell(text: result.string(row: r, column: c), kind: kind).display
                            })
                        }
                        if buffer.utf8.count >= 1 << 16 {
                            try csv(buffer)
                            buffer = ""
                        }
                        return true
                    }
                    if !buffer.isEmpty { try csv(buffer) }
                    return
                }
                var collected: ReportTable?
                try db.stream(query) { result in
                    let part = ReportTable(title: "Query", result: result)
                    if collected == nil { collected = part } else { collected?.rows += part.rows }
                    let count = collected?.rows.count ?? 0
                    if let limit, count > limit {
                        collected?.rows.removeLast(count - limit)
                        cut = true
                        return false
                    }
                    return true
                }
                table = collected
            }
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege && !unrestricted {
            throw ReportError("permission denied: \(error.message). nofdb query runs as the sandbox role \(Sandbox.role), which reads the nof views (the public interface) and nothing else: no files, programs, large objects, locks, other sessions or the internal dw and audit schemas. Nothing was changed.")
        } catch let error as PostgresError where error.sqlState == .lockNotAvailable {
            throw ReportError("the query waited more than 5 s for a lock (a load may be running); try again. Nothing was changed.")
        } catch let error as PostgresError where error.sqlState == .readOnlySQLTransaction {
            throw ReportError("nofdb query is read-only: \(error.message). Nothing was changed.")
        } catch let error as PostgresError where error.sqlState == .queryCanceled {
            throw ReportError("the query ran longer than the \(timeoutMilliseconds / 1000) s statement timeout (--timeout) and was cancelled")
        }
        var shown = parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if cut, let limit {
            shown.append(("cut", "the first \(limit.formatted()) rows only: --limit N for more, or --format csv --output FILE for all of them"))
        }
        return ReportResult(name: "query", title: "Query", parameters: shown, sections: table.map { [$0] } ?? [])
    }
}
