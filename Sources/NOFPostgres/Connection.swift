import CLibPQ
import Foundation

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

    /// False once the server has closed the connection (stopped, crashed, or the network failed).
    public var isConnected: Bool {
        guard let conn else { return false }
        return PQstatus(conn) == CONNECTION_OK
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

    /// Runs one statement, its values bound with their types. Returns the rows it produced.
    @discardableResult
    public func execute(_ query: SQLQuery) throws -> QueryResult {
        let conn = try handle(sql: query.sql)
        let result: OpaquePointer? = withParameters(query.binds) { count, types, values in
            PQexecParams(conn, query.sql, count, types, values, nil, nil, 0)
        }
        return try checked(result, sql: query.sql)
    }

    /// Runs a query and hands its rows over as they arrive (libpq single-row mode), so memory
    /// stays flat however large the result: `onRows` gets results of one row each (and a last
    /// one with none, which still has the columns). Return false from `onRows` to stop early:
    /// the rest is cancelled and drained.
    public func stream(_ query: SQLQuery, onRows: (QueryResult) throws -> Bool) throws {
        let sql = query.sql
        let conn = try handle(sql: sql)
        let sent: Int32 = withParameters(query.binds) { count, types, values in
            PQsendQueryParams(conn, sql, count, types, values, nil, nil, 0)
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
                if !wanted || failure != nil { cancelRunningQuery() }
            default:
                let error = Self.error(from: result, sql: sql, fallback: lastErrorMessage())
                PQclear(result)
                // A cancel we asked for is not an error.
                if wanted { failure = error.redacting(config.password) }
            }
        }
        if let failure { throw failure }
    }

    /// Asks the server to stop the statement this connection is running (what remains
    /// arrives as an error result, which the caller drains).
    public func cancelRunningQuery() {
        guard let conn, let cancel = PQgetCancel(conn) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
        PQfreeCancel(cancel)
    }

    /// Runs a script of several statements without parameters (used for migrations).
    public func executeScript(_ sql: String) throws {
        let conn = try handle(sql: sql)
        // PQexec runs the statements in one implicit transaction unless the script has its
        // own BEGIN/COMMIT; the first error stops the script and is the result returned.
        _ = try checked(PQexec(conn, sql), sql: sql)
    }

    /// Runs a query and maps every row.
    public func query<T>(_ query: SQLQuery, _ transform: (Row) throws -> T) throws -> [T] {
        try execute(query).rows.map(transform)
    }

    /// Runs a query and decodes every row into `T`, column by property name (snake_case).
    public func query<T: Decodable>(_ query: SQLQuery, as type: T.Type) throws -> [T] {
        try execute(query).rows.map { try $0.decode(T.self) }
    }

    /// The value of a query that returns exactly one row of one column, as `T` (Optional
    /// when NULL is a possible answer). Throws when there is no row, or more than one.
    public func value<T: PostgresDecodable>(_ query: SQLQuery, as type: T.Type = T.self) throws -> T {
        guard let value = try firstValue(query, as: T.self) else {
            throw PostgresError(kind: .client, message: "the query returned no row where one was expected", sql: query.sql)
        }
        return value
    }

    /// The single column of the first row as `T`, or nil when the query returned no row.
    public func firstValue<T: PostgresDecodable>(_ query: SQLQuery, as type: T.Type = T.self) throws -> T? {
        let result = try execute(query)
        guard result.columnCount == 1 else {
            throw PostgresError(kind: .client, message: "expected one column, the query returned \(result.columnCount)", sql: query.sql)
        }
        guard result.rowCount > 0 else { return nil }
        guard result.rowCount == 1 else {
            throw PostgresError(kind: .client, message: "expected at most one row, the query returned \(result.rowCount)", sql: query.sql)
        }
        return try result.rows[0].decode(result.columnNames[0], as: T.self)
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
            try execute("SAVEPOINT \(identifier: name)")
            do {
                let value = try body(self)
                try execute("RELEASE SAVEPOINT \(identifier: name)")
                return value
            } catch {
                _ = try? execute("ROLLBACK TO SAVEPOINT \(identifier: name)")
                throw error
            }
        }
        try execute(readOnly ? "BEGIN READ ONLY" : "BEGIN")
        do {
            if let statementTimeout {
                // SET LOCAL, not set_config(): nofdb init revokes set_config from PUBLIC (it
                // could switch roles inside a sandboxed query). SET takes no parameters.
                try execute("SET LOCAL statement_timeout = \(integer: max(0, statementTimeout))")
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

/// Calls `body` with the parameter count, type OIDs and C strings of `binds`, all alive for
/// the whole call (a nil string is SQL NULL).
func withParameters<R>(
    _ binds: [PostgresBind],
    _ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?) -> R
) -> R {
    let storage: [UnsafeMutablePointer<CChar>?] = binds.map { bind in bind.text.flatMap { strdup($0) } }
    defer { for pointer in storage { free(pointer) } }
    let constant: [UnsafePointer<CChar>?] = storage.map { $0.map { UnsafePointer($0) } }
    let types = binds.map(\.type.oid)
    return types.withUnsafeBufferPointer { typeBuffer in
        constant.withUnsafeBufferPointer { buffer in
            body(Int32(binds.count), binds.isEmpty ? nil : typeBuffer.baseAddress, binds.isEmpty ? nil : buffer.baseAddress)
        }
    }
}
