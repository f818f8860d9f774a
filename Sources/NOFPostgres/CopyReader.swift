import CLibPQ
import Foundation

extension Connection {
    /// Runs `COPY (…) TO STDOUT` and hands the server's output to `onData` in chunks of about
    /// `chunkSize` bytes as it arrives, so memory stays flat however large the result: the
    /// bulk way out of the database (the server formats the text, e.g. as CSV). When `onData`
    /// throws, the COPY is cancelled and the error rethrown. Returns the bytes received.
    @discardableResult
    public func copyOut(_ statement: SQLQuery, chunkSize: Int = 1 << 20, _ onData: (Data) throws -> Void) throws -> Int {
        let conn = try handle(sql: statement.sql)
        let result: OpaquePointer? = withParameters(statement.binds) { count, types, values in
            PQexecParams(conn, statement.sql, count, types, values, nil, nil, 0)
        }
        guard let result, PQresultStatus(result) == PGRES_COPY_OUT else {
            _ = try checked(result, sql: statement.sql)  // throws the server's error, if that is what it was
            throw PostgresError(kind: .client, message: "copyOut needs a COPY … TO STDOUT statement", sql: statement.sql)
        }
        PQclear(result)
        var total = 0
        var buffer = Data()
        buffer.reserveCapacity(chunkSize + (64 << 10))
        var failure: (any Error)?
        while true {
            var row: UnsafeMutablePointer<CChar>?
            let n = PQgetCopyData(conn, &row, 0)
            if n > 0, let row {
                total += Int(n)
                if failure == nil {
                    buffer.append(UnsafeRawPointer(row).assumingMemoryBound(to: UInt8.self), count: Int(n))
                    if buffer.count >= chunkSize {
                        do { try onData(buffer) } catch { failure = error; cancelRunningQuery() }
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                PQfreemem(row)
                continue
            }
            if let row { PQfreemem(row) }
            if n == -1 { break }
            throw PostgresError(kind: .connection, message: lastErrorMessage(), sql: statement.sql)
        }
        var serverError: PostgresError?
        while let end = PQgetResult(conn) {
            if PQresultStatus(end) != PGRES_COMMAND_OK, serverError == nil {
                serverError = Self.error(from: end, sql: statement.sql, fallback: lastErrorMessage()).redacting(config.password)
            }
            PQclear(end)
        }
        if let failure { throw failure }
        if let serverError { throw serverError }
        if !buffer.isEmpty { try onData(buffer) }
        return total
    }
}
