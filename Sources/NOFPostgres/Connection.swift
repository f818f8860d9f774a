import CLibPQ
import Foundation

/// A value that can be bound to a `$n` parameter. Values travel in PostgreSQL's text format,
/// separately from the SQL: they are never interpolated into it.
public protocol PostgresBindable {
    /// The text form PostgreSQL accepts for this value, or nil for SQL NULL.
    var postgresText: String? { get }
}

extension String: PostgresBindable { public var postgresText: String? { self } }
extension Substring: PostgresBindable { public var postgresText: String? { String(self) } }
extension Int: PostgresBindable { public var postgresText: String? { String(self) } }
extension Int32: PostgresBindable { public var postgresText: String? { String(self) } }
extension Int64: PostgresBindable { public var postgresText: String? { String(self) } }
extension Double: PostgresBindable {
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)
    }
}
extension Decimal: PostgresBindable {
    public var postgresText: String? { isNaN ? "NaN" : NSDecimalNumber(decimal: self).stringValue }
}
extension Bool: PostgresBindable { public var postgresText: String? { self ? "true" : "false" } }
extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public var postgresText: String? { self.flatMap { $0.postgresText } }
}

/// One connection to PostgreSQL through libpq.
///
/// A connection belongs to one task at a time (libpq's rule); it is deliberately not `Sendable`.
public final class Connection {
    private var conn: OpaquePointer?
    /// The configuration this connection was opened with (its password is never shown).
    public let config: ConnectionConfig

    /// Opens a connection, or throws a `PostgresError` whose text never contains the password.
    public init(_ config: ConnectionConfig) throws {
        self.config = config
        if let problem = config.parseError() {
            throw PostgresError(
                kind: .connection,
                message: "invalid database connection string (\(config.source.rawValue)): \(problem)",
                hint: "Use a URL such as postgresql://user@host:5432/dbname or key=value pairs.")
        }
        // Keep the server's messages in English and our session in UTC and UTF-8.
        var conninfo = config.conninfo
        let extra = "client_encoding=UTF8 application_name=nofdb"
        if conninfo.isEmpty {
            conninfo = extra
        } else if conninfo.contains("://") {
            conninfo += conninfo.contains("?") ? "&client_encoding=UTF8&application_name=nofdb"
                : "?client_encoding=UTF8&application_name=nofdb"
        } else {
            conninfo += " " + extra
        }
        let pg = PQconnectdb(conninfo)
        guard let pg, PQstatus(pg) == CONNECTION_OK else {
            let raw = pg.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? "out of memory"
            if let pg { PQfinish(pg) }
            let message = config.redact(raw.trimmingCharacters(in: .whitespacesAndNewlines))
            var hint = "Check the database URL (\(config.source.rawValue)): \(config)."
            if message.contains("password authentication failed") {
                hint = "The password for \(config) was refused. Check DATABASE_URL or ~/.pgpass."
            } else if message.contains("No such file or directory") || message.contains("Connection refused") {
                hint = "Is the server running? For the embedded database run `nofdb db start`."
            }
            throw PostgresError(
                kind: .connection, sqlState: .connectionFailure,
                message: "could not connect to \(config): \(message)", hint: hint)
        }
        conn = pg
        PQsetNoticeProcessor(pg, { _, _ in }, nil)
        _ = try? execute("SET TIME ZONE 'UTC'")
    }

    deinit { close() }

    /// Closes the connection; further use throws.
    public func close() {
        if let conn { PQfinish(conn) }
        conn = nil
    }

    /// The server's version number, e.g. 150018.
    public var serverVersion: Int {
        guard let conn else { return 0 }
        return Int(PQserverVersion(conn))
    }

    /// True while a transaction block is open on this connection.
    public var inTransaction: Bool {
        guard let conn else { return false }
        let status = PQtransactionStatus(conn)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    func handle(sql: String?) throws -> OpaquePointer {
        guard let conn else {
            throw PostgresError(kind: .client, message: "the connection is closed", sql: sql)
        }
        if PQstatus(conn) != CONNECTION_OK {
            throw PostgresError(
                kind: .connection, sqlState: .connectionFailure,
                message: "the connection to the database was lost: \(lastErrorMessage())", sql: sql)
        }
        return conn
    }

    func lastErrorMessage() -> String {
        guard let conn, let text = PQerrorMessage(conn) else { return "unknown error" }
        return config.redact(String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs one statement with `$1…` parameters bound as text. Returns the rows it produced.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws -> QueryResult {
        let conn = try handle(sql: sql)
        let texts: [String?] = parameters.map { $0?.postgresText }
        let result: OpaquePointer? = withCStrings(texts) { pointers in
            PQexecParams(conn, sql, Int32(texts.count), nil, pointers, nil, nil, 0)
        }
        return try checked(result, sql: sql)
    }

    /// Runs one statement with every parameter declared as `text` (OID 25), so a statement may
    /// leave some of them unused and cast the others itself (`$2::date`). For canned reports.
    @discardableResult
    public func executeTextParameters(_ sql: String, _ parameters: [String?]) throws -> QueryResult {
        let conn = try handle(sql: sql)
        let types = [UInt32](repeating: 25, count: parameters.count)
        let result: OpaquePointer? = types.withUnsafeBufferPointer { typeBuffer in
            withCStrings(parameters) { pointers in
                PQexecParams(conn, sql, Int32(parameters.count), typeBuffer.baseAddress, pointers, nil, nil, 0)
            }
        }
        return try checked(result, sql: sql)
    }

    /// Runs a query with text parameters and hands its rows over as they arrive (libpq
    /// single-row mode), so memory stays flat however large the result: `onRows` gets
    /// results of one row each (and a last one with none, which still has the columns).
    /// Return false from `onRows` to stop early: the rest is cancelled and drained.
    public func streamTextParameters(_ sql: String, _ parameters: [String?], onRows: (QueryResult) throws -> Bool) throws {
        let conn = try handle(sql: sql)
        let types = [UInt32](repeating: 25, count: parameters.count)
        let sent: Int32 = types.withUnsafeBufferPointer { typeBuffer in
            withCStrings(parameters) { pointers in
                PQsendQueryParams(conn, sql, Int32(parameters.count), typeBuffer.baseAddress, pointers, nil, nil, 0)
            }
        }
        guard sent == 1 else { throw PostgresError(kind: .connection, message: lastErrorMessage(), sql: sql) }
        PQsetSingleRowMode(conn)
        var failure: (any Error)?
        var wanted = true
        while let result = PQgetResult(conn) {
            if failure != nil || !wanted {
                PQclear(result)
                continue
            }
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                do {
                    wanted = try onRows(QueryResult(result))
                } catch {
                    failure = error
                }
                if !wanted || failure != nil {
                    // Stop the server sending the rest; the remaining results are drained above.
                    if let cancel = PQgetCancel(conn) {
                        var buffer = [CChar](repeating: 0, count: 256)
                        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
                        PQfreeCancel(cancel)
                    }
                }
            default:
                let error = Self.error(from: result, sql: sql, fallback: lastErrorMessage())
                PQclear(result)
                // A cancel we asked for is not an error.
                if wanted { failure = error.redacting(config.password) }
            }
        }
        if let failure { throw failure }
    }

    /// Runs a script of several statements without parameters (used for migrations).
    public func executeScript(_ sql: String) throws {
        let conn = try handle(sql: sql)
        // PQexec runs the statements in one implicit transaction unless the script has its
        // own BEGIN/COMMIT; the first error stops the script and is the result returned.
        _ = try checked(PQexec(conn, sql), sql: sql)
    }

    /// Runs a query and maps every row.
    public func query<T>(
        _ sql: String, _ parameters: [(any PostgresBindable)?] = [], _ transform: (Row) throws -> T
    ) throws -> [T] {
        let result = try execute(sql, parameters)
        return try result.rows.map(transform)
    }

    /// The first column of the first row, or nil when there is no row or it is NULL.
    public func scalar(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws -> String? {
        let result = try execute(sql, parameters)
        guard result.rowCount > 0 else { return nil }
        return result.string(row: 0, column: 0)
    }

    func checked(_ result: OpaquePointer?, sql: String?) throws -> QueryResult {
        guard let result else {
            throw PostgresError(kind: .connection, message: lastErrorMessage(), sql: sql)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_COPY_OUT:
            return QueryResult(result)
        default:
            let error = Self.error(from: result, sql: sql, fallback: lastErrorMessage())
            PQclear(result)
            throw error.redacting(config.password)
        }
    }

    static func error(from result: OpaquePointer, sql: String?, fallback: String) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let pgDiagSeverity = Int32(UInt8(ascii: "V"))
        let pgDiagSQLState = Int32(UInt8(ascii: "C"))
        let pgDiagPrimary = Int32(UInt8(ascii: "M"))
        let pgDiagDetail = Int32(UInt8(ascii: "D"))
        let pgDiagHint = Int32(UInt8(ascii: "H"))
        let pgDiagContext = Int32(UInt8(ascii: "W"))
        let pgDiagPosition = Int32(UInt8(ascii: "P"))
        let state = field(pgDiagSQLState)
        let message = field(pgDiagPrimary) ?? fallback
        return PostgresError(
            kind: state == nil ? .client : .server,
            sqlState: state.map { SQLState($0) },
            severity: field(pgDiagSeverity),
            message: message,
            detail: field(pgDiagDetail),
            hint: field(pgDiagHint),
            context: field(pgDiagContext),
            sql: sql,
            position: field(pgDiagPosition).flatMap { Int($0) })
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    /// Inside an open transaction it uses a savepoint instead.
    public func transaction<T>(
        readOnly: Bool = false, statementTimeout: Int? = nil, _ body: (Connection) throws -> T
    ) throws -> T {
        if inTransaction {
            let name = "nofdb_sp_\(UInt32.random(in: 0...UInt32.max))"
            try execute("SAVEPOINT \(name)")
            do {
                let value = try body(self)
                try execute("RELEASE SAVEPOINT \(name)")
                return value
            } catch {
                _ = try? execute("ROLLBACK TO SAVEPOINT \(name)")
                throw error
            }
        }
        try execute(readOnly ? "BEGIN READ ONLY" : "BEGIN")
        do {
            if let statementTimeout {
                // SET LOCAL, not set_config(): nofdb init revokes set_config from PUBLIC (it
                // could switch roles inside a sandboxed query). An Int needs no quoting.
                try execute("SET LOCAL statement_timeout = \(max(0, statementTimeout))")
            }
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            if conn != nil, PQstatus(conn) == CONNECTION_OK { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Quotes an identifier for SQL text (for names that cannot be parameters).
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Quotes a literal for SQL text that cannot take parameters (DDL); prefer `$n` elsewhere.
    public static func quoteLiteral(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// Calls `body` with C strings for `values` that stay alive for the whole call (nil = SQL NULL).
func withCStrings<R>(_ values: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let storage: [UnsafeMutablePointer<CChar>?] = values.map { value in value.flatMap { strdup($0) } }
    defer { for pointer in storage { free(pointer) } }
    let constant: [UnsafePointer<CChar>?] = storage.map { $0.map { UnsafePointer($0) } }
    return constant.withUnsafeBufferPointer { buffer in
        body(buffer.isEmpty ? nil : buffer.baseAddress)
    }
}
