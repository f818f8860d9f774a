import Foundation
import NOFPostgres

/// Ad-hoc SQL (`nofdb query`): one reading statement, `:name` placeholders bound by name,
/// run read-only as the sandbox role, bounded in time and memory:
///
/// - the timeout covers the whole command (running, fetching and writing the rows): the server's
///   statement timeout is what is left of it, and a watchdog cancels the statement and stops
///   the writing when it runs out;
/// - no row over `maxRowBytes` ever reaches the client: the query is read through
///   `nof.query_row_fits`, which refuses such a row on the server (libpq holds a whole row in
///   memory, so a 500 MB value would otherwise take 500 MB here);
/// - CSV and JSON stream row by row (CSV without parameters through `COPY (…) TO STDOUT`); the
///   other formats keep at most `limit` rows, each cell cut to `cellCharacters`.
public struct QueryRunner {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// The first keywords of the statements `nofdb query` runs: reads only.
    static let readingStatements: Set<String> = ["select", "with", "values", "table", "explain", "show"]
    /// Statements whose rows can be read as a subquery (EXPLAIN and SHOW cannot, and are small).
    static let wrappable: Set<String> = ["select", "with", "values", "table"]

    /// The most bytes one row may hold (the server refuses a larger one, saying why).
    public static let defaultMaxRowBytes = 16 << 20

    public struct Limits: Sendable {
        /// Whole command, in seconds.
        public var timeoutSeconds: Int
        /// Rows kept or written (nil: every row; streaming formats only).
        public var rows: Int?
        /// Characters kept of each cell (collected formats; nil: whole values).
        public var cellCharacters: Int?
        public var maxRowBytes: Int

        public init(timeoutSeconds: Int = 30, rows: Int? = nil, cellCharacters: Int? = nil,
                    maxRowBytes: Int = QueryRunner.defaultMaxRowBytes) {
            self.timeoutSeconds = timeoutSeconds
            self.rows = rows
            self.cellCharacters = cellCharacters
            self.maxRowBytes = maxRowBytes
        }
    }

    public enum StreamFormat: Sendable { case csv, json }

    // MARK: Collected (table, Markdown, HTML, XLSX)

    /// Runs the query and keeps at most `limits.rows` rows (default 10,000), each cell cut to
    /// `limits.cellCharacters`; parameters of the result say what was cut.
    public func run(_ sql: String, parameters: [String: String], limits: Limits, unrestricted: Bool = false) throws -> ReportResult {
        let rowLimit = limits.rows ?? 10_000
        var columns: [ReportColumn]?
        var rows: [[ReportCell]] = []
        var moreRows = false
        var cutCells = 0
        try execute(sql, parameters: parameters, limits: limits, unrestricted: unrestricted) { db, query, watchdog in
            try db.stream(query) { result in
                if columns == nil { columns = Self.columns(result) }
                let kinds = (columns ?? []).map(\.kind)
                for r in 0..<result.rowCount {
                    if rows.count >= rowLimit {
                        moreRows = true
                        return false
                    }
                    try watchdog.check()
                    var row: [ReportCell] = []
                    row.reserveCapacity(kinds.count)
                    for (c, kind) in kinds.enumerated() {
                        guard var text = result.string(row: r, column: c) else { row.append(.null); continue }
                        if let cap = limits.cellCharacters, text.utf8.count > cap, text.count > cap {
                            text = String(text.prefix(cap)) + "…"
                            cutCells += 1
                        }
                        row.append(ReportCell(text: text, kind: kind))
                    }
                    rows.append(row)
                }
                return true
            }
        }
        var shown = parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if moreRows {
            shown.append(("cut", "the first \(rowLimit.formatted()) rows only: --limit N for more, or --format csv (or json) --output FILE for all of them"))
        }
        if cutCells > 0, let cap = limits.cellCharacters {
            shown.append(("cells cut", "\(cutCells.formatted()) values longer than \(cap.formatted()) characters end in … (the table shows the first \(cap.formatted())); --format csv or json writes them whole"))
        }
        let table = columns.map { ReportTable(title: "Query", columns: $0, rows: rows) }
        return ReportResult(name: "query", title: "Query", parameters: shown, sections: table.map { [$0] } ?? [])
    }

    // MARK: Streamed (CSV, JSON)

    /// Runs the query and writes every row (or the first `limits.rows`) to `sink` as it
    /// arrives. CSV is PostgreSQL's (COPY's) CSV with a header row; without parameters it comes
    /// straight from `COPY (…) TO STDOUT`. Returns the rows written.
    @discardableResult
    public func stream(_ sql: String, parameters: [String: String], format: StreamFormat, limits: Limits,
                       unrestricted: Bool = false, to sink: OutputSink) throws -> Int {
        var written = 0
        let keyword = SQLTokenizer.firstKeyword(sql)
        try execute(sql, parameters: parameters, limits: limits, unrestricted: unrestricted) { db, query, watchdog in
            if format == .csv, parameters.isEmpty, limits.rows == nil, Self.wrappable.contains(keyword) {
                let copy: SQLQuery = "COPY (\(query)) TO STDOUT WITH (FORMAT csv, HEADER true)"
                var seen = 0
                try db.copyOut(copy) { data in
                    seen += 1
                    if seen & 1023 == 0 { try watchdog.check() }
                    try sink.write(data)
                }
                written = max(seen - 1, 0)
                try sink.flush()
                return
            }
            var writer: RowWriter?
            try db.stream(query) { result in
                if writer == nil {
                    writer = RowWriter(format: format, columns: Self.columns(result), sink: sink)
                    try writer?.begin()
                }
                for r in 0..<result.rowCount {
                    if let cap = limits.rows, written >= cap { return false }
                    try watchdog.check()
                    try writer?.row(result, r)
                    written += 1
                }
                return true
            }
            try writer?.end()
            try sink.flush()
        }
        return written
    }

    // MARK: Shared

    /// Checks the statement and its parameters, opens the read-only transaction (in the sandbox
    /// unless `unrestricted`) under the deadline, and hands `body` the query to read, wrapped so
    /// that no row over the limit reaches the client. Errors come back said for a user.
    func execute(_ sql: String, parameters: [String: String], limits: Limits, unrestricted: Bool,
                 _ body: (Connection, SQLQuery, Watchdog) throws -> Void) throws {
        let keyword = SQLTokenizer.firstKeyword(sql)
        guard Self.readingStatements.contains(keyword) else {
            throw ReportError("nofdb query runs one read-only statement (SELECT, WITH, VALUES, TABLE, EXPLAIN or SHOW); '\(keyword.isEmpty ? sql.prefix(20) : Substring(keyword))' is not one. Nothing was run.", kind: .usage)
        }
        let names = SQLQuery.parameterNames(in: sql)
        let unknown = Set(parameters.keys).subtracting(names)
        if !unknown.isEmpty {
            throw ReportError("--param \(unknown.sorted().joined(separator: ", ")): the query has no :\(unknown.sorted().first ?? "") placeholder", kind: .usage)
        }
        if let missing = names.first(where: { parameters[$0] == nil }) {
            throw ReportError("the query uses :\(missing) but no --param \(missing)=VALUE was given", kind: .usage)
        }
        // Values typed on a command line are text; the server reads them as the type the
        // query needs where it can (`:day::date`, or compared with a date column).
        var text = sql
        while let last = text.last, last == ";" || last.isWhitespace { text.removeLast() }
        let inner = try SQLQuery(named: text, parameters.mapValues { PostgresBind(type: .unknown, text: $0) })
        let query: SQLQuery = Self.wrappable.contains(keyword)
            // OFFSET 0 keeps the query a subquery of its own, so its values are computed once
            // (pulled up, `q.*` in the filter would compute them again).
            ? "SELECT q.* FROM (SELECT * FROM (\n\(inner)\n) u OFFSET 0) q WHERE nof.query_row_fits(pg_column_size(q.*), \(integer: limits.maxRowBytes))"
            : inner
        let watchdog = Watchdog(seconds: limits.timeoutSeconds, canceller: try connection.canceller())
        defer { watchdog.stop() }
        do {
            try connection.transaction(readOnly: true, statementTimeout: max(1, watchdog.remainingMilliseconds)) { db in
                try db.execute("SET LOCAL lock_timeout = 5000")
                if !unrestricted { try Sandbox.enter(db) }
                try body(db, query, watchdog)
            }
        } catch where watchdog.expired {
            throw ReportError("nofdb query stopped at its --timeout of \(limits.timeoutSeconds) s (the whole command: running the query, fetching and writing the rows); what was written is incomplete. Narrow the query, or give a longer --timeout.")
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege && !unrestricted {
            throw ReportError("permission denied: \(error.message). nofdb query runs as the sandbox role \(Sandbox.role), which reads the nof views (the public interface) and nothing else: no files, programs, large objects, locks, notifications, other sessions or the internal dw and audit schemas. Nothing was changed.", kind: .usage)
        } catch let error as PostgresError where error.sqlState == .lockNotAvailable {
            throw ReportError("the query waited more than 5 s for a lock (a load may be running); try again. Nothing was changed.")
        } catch let error as PostgresError where error.sqlState == .readOnlySQLTransaction {
            throw ReportError("nofdb query is read-only: \(error.message). Nothing was changed.", kind: .usage)
        } catch let error as PostgresError where error.sqlState == .queryCanceled {
            throw ReportError("the query ran past its --timeout of \(limits.timeoutSeconds) s and was cancelled")
        } catch let error as PostgresError where error.sqlState == SQLState("54000") {
            throw ReportError("refused: \(error.message); \(error.hint ?? "select less of the large values"). Nothing more was read.")
        } catch let error as PostgresError where error.kind == .server && ["42", "22"].contains(error.sqlState?.errorClass ?? "") {
            // The SQL given is not valid, or a value in it cannot be read (a syntax error, an
            // unknown column, '2024-13-01'::date).
            throw ReportError(String(describing: error), kind: .data)
        } catch let error as PostgresError where error.sqlState == SQLState("53400") || error.sqlState == SQLState("53200") {
            throw ReportError("refused by the server: \(error.message) (nofdb query's sandbox limits temporary files and memory per query); narrow the query, e.g. fewer rows before ORDER BY or DISTINCT.")
        }
    }

    static func columns(_ result: QueryResult) -> [ReportColumn] {
        zip(result.columnNames, result.columnTypes).map { name, type in
            let kind: ReportColumnKind
            switch type {
            case .int2, .int4, .int8: kind = .integer
            case .float4, .float8, .numeric: kind = .number
            case .bool: kind = .bool
            case .date: kind = .date
            default: kind = .text
            }
            return ReportColumn(name: name, kind: kind)
        }
    }
}

/// The deadline of one `nofdb query`: cancels the running statement when it passes, and tells
/// the writer to stop (`check()` throws once it has passed).
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private let deadline: Date
    private var stopped = false
    private var fired = false

    init(seconds: Int, canceller: QueryCanceller) {
        deadline = Date().addingTimeInterval(TimeInterval(seconds))
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) { [self] in
            lock.lock()
            let cancel = !stopped
            if cancel { fired = true }
            lock.unlock()
            if cancel { canceller.cancelNow() }
        }
    }

    var remainingMilliseconds: Int { Int(deadline.timeIntervalSinceNow * 1000) }

    var expired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return fired || Date() >= deadline
    }

    func check() throws {
        if Date() >= deadline { throw QueryTimedOut() }
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }
}

struct QueryTimedOut: Error {}

/// Writes rows of a result as CSV (COPY's CSV: NULL empty, an empty string "", booleans t/f,
/// values as the server wrote them) or as JSON (the report JSON's shape, rows streamed).
struct RowWriter {
    let format: QueryRunner.StreamFormat
    let columns: [ReportColumn]
    let sink: OutputSink
    private var first = true

    init(format: QueryRunner.StreamFormat, columns: [ReportColumn], sink: OutputSink) {
        self.format = format
        self.columns = columns
        self.sink = sink
    }

    func begin() throws {
        switch format {
        case .csv:
            try sink.write(columns.map { Self.csvField($0.name) }.joined(separator: ",") + "\n")
        case .json:
            let generated = ISO8601DateFormatter().string(from: Date())
            let cols = columns.map { "{\"name\": \(Self.jsonString($0.name)), \"type\": \"\($0.kind.rawValue)\"}" }.joined(separator: ", ")
            try sink.write("{\n  \"report\": \"query\",\n  \"title\": \"Query\",\n  \"generated_at\": \"\(generated)\",\n  \"parameters\": {},\n  \"sections\": [\n    {\n      \"title\": \"Query\",\n      \"columns\": [\(cols)],\n      \"footnotes\": [],\n      \"rows\": [")
        }
    }

    mutating func row(_ result: QueryResult, _ r: Int) throws {
        var line = ""
        switch format {
        case .csv:
            for c in columns.indices {
                if c > 0 { line += "," }
                if let text = result.string(row: r, column: c) { line += text.isEmpty ? "\"\"" : Self.csvField(text) }
            }
            line += "\n"
        case .json:
            line = first ? "\n        {" : ",\n        {"
            first = false
            for (c, column) in columns.enumerated() {
                if c > 0 { line += ", " }
                line += Self.jsonString(column.name) + ": " + Self.jsonValue(result.string(row: r, column: c), column.kind)
            }
            line += "}"
        }
        try sink.write(line)
    }

    func end() throws {
        if format == .json { try sink.write((first ? "" : "\n      ") + "]\n    }\n  ]\n}\n") }
    }

    static func csvField(_ text: String) -> String {
        if text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) || text == "\\." {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    static func jsonValue(_ text: String?, _ kind: ReportColumnKind) -> String {
        guard let text else { return "null" }
        switch kind {
        case .integer: return text
        case .number: return Double(text)?.isFinite == true ? text : "null"
        case .bool: return text == "t" ? "true" : "false"
        case .text, .date: return jsonString(text)
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
