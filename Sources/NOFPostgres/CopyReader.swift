import CLibPQ
import Foundation

/// Cancels the statement a connection is running, from any thread (libpq's `PGcancel`): what a
/// watchdog holds to stop a query at a deadline while the connection's own thread waits on it.
public final class QueryCanceller: @unchecked Sendable {
    private let lock = NSLock()
    private var cancel: OpaquePointer?

    init(_ cancel: OpaquePointer?) { self.cancel = cancel }

    deinit { if let cancel { PQfreeCancel(cancel) } }

    /// Asks the server to cancel the running statement. Safe from any thread, any number of times.
    public func cancelNow() {
        lock.lock()
        defer { lock.unlock() }
        guard let cancel else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }
}

extension Connection {
    /// A canceller for this connection's statements, usable from another thread.
    public func canceller() throws -> QueryCanceller {
        let conn = try handle(sql: nil)
        return QueryCanceller(PQgetCancel(conn))
    }

    /// Runs `COPY (…) TO STDOUT` and hands each piece of data (a row, in text and CSV formats)
    /// to `onData` as it arrives, straight from libpq's buffer: memory holds one row at a time.
    /// If `onData` throws, the statement is cancelled, the rest drained and the error rethrown.
    /// Returns the number of rows the server sent.
    @discardableResult
    public func copyOut(_ statement: SQLQuery, _ onData: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let sql = statement.sql
        let conn = try handle(sql: sql)
        let started: OpaquePointer? = withParameters(statement.binds) { count, types, values in
            PQexecParams(conn, sql, count, types, values, nil, nil, 0)
        }
        guard let started else { throw PostgresError(kind: .connection, message: lastErrorMessage(), sql: sql) }
        guard PQresultStatus(started) == PGRES_COPY_OUT else {
            _ = try checked(started, sql: sql)   // throws the server's error
            throw PostgresError(kind: .client, message: "COPY did not start (the statement must be COPY … TO STDOUT)", sql: sql)
        }
        PQclear(started)
        var failure: (any Error)?
        var rows = 0
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(conn, &buffer, 0)
            if length > 0, let buffer {
                if failure == nil {
                    do {
                        try onData(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                        rows += 1
                    } catch {
                        failure = error
                        cancelRunningQuery()
                    }
                }
                PQfreemem(buffer)
                continue
            }
            if let buffer { PQfreemem(buffer) }
            break   // -1: the COPY is over (its result follows); -2: an error (likewise)
        }
        var serverError: PostgresError?
        while let result = PQgetResult(conn) {
            let status = PQresultStatus(result)
            if status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && serverError == nil {
                serverError = Self.error(from: result, sql: sql, fallback: lastErrorMessage()).redacting(config.password)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        if let serverError { throw serverError }
        if PQstatus(conn) != CONNECTION_OK {
            throw PostgresError(kind: .connection, sqlState: .connectionFailure,
                                message: "the connection to the database was lost: \(lastErrorMessage())", sql: sql)
        }
        return rows
    }
}
