import CLibPQ
import Foundation

/// Streams rows to a running `COPY … FROM STDIN` in PostgreSQL's text format.
///
/// Bytes accumulate in a buffer that is sent to the server in chunks of at least 64 KiB;
/// every libpq return code is checked. Use `Connection.copyIn(_:_:)` to get one.
public final class CopyWriter {
    @usableFromInline var buffer: [UInt8]
    @usableFromInline let chunkSize: Int
    private let conn: OpaquePointer
    private let connection: Connection
    /// Rows ended with `endRow()` or written with `writeRow(_:)`.
    public private(set) var rowsWritten = 0
    /// Bytes handed to libpq so far.
    public private(set) var bytesSent = 0
    var failed: PostgresError?

    init(connection: Connection, conn: OpaquePointer, chunkSize: Int) {
        self.connection = connection
        self.conn = conn
        self.chunkSize = max(chunkSize, 64 * 1024)
        buffer = []
        buffer.reserveCapacity(self.chunkSize + 64 * 1024)
    }

    /// Appends one raw byte (no escaping).
    @inlinable public func append(_ byte: UInt8) { buffer.append(byte) }

    /// Appends raw bytes (no escaping): the caller guarantees they are valid COPY text.
    @inlinable public func appendRaw(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// Appends a field's bytes, escaping backslash, tab, newline and carriage return.
    @inlinable public func appendEscaped(_ bytes: UnsafeRawBufferPointer) {
        var clean = true
        for b in bytes where b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D {
            clean = false
            break
        }
        if clean {
            buffer.append(contentsOf: bytes)
            return
        }
        for b in bytes {
            switch b {
            case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
            case 0x09: buffer.append(0x5C); buffer.append(UInt8(ascii: "t"))
            case 0x0A: buffer.append(0x5C); buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(0x5C); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(b)
            }
        }
    }

    /// Appends a text field, escaped.
    public func appendField(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `\N`, the COPY text form of NULL.
    @inlinable public func appendNull() {
        buffer.append(0x5C)
        buffer.append(UInt8(ascii: "N"))
    }

    /// Appends the column separator.
    @inlinable public func appendTab() { buffer.append(0x09) }

    /// Appends a decimal integer.
    @inlinable public func appendInt(_ value: Int) {
        if value == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        var v = value
        if v < 0 {
            buffer.append(UInt8(ascii: "-"))
            v = -v
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[count] = UInt8(truncatingIfNeeded: v % 10) + 48
                v /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                buffer.append(raw[count])
            }
        }
    }

    /// Ends a row and sends a chunk when the buffer is full.
    @inlinable public func endRow() throws {
        buffer.append(0x0A)
        noteRowEnded()
        if buffer.count >= chunkSize { try flush() }
    }

    @usableFromInline func noteRowEnded() { rowsWritten += 1 }

    /// Writes a whole row of text fields (nil = NULL).
    public func writeRow(_ fields: [String?]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { appendTab() }
            if let field { appendField(field) } else { appendNull() }
        }
        try endRow()
    }

    /// Sends whatever is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        if let failed { throw failed }
        let count = buffer.count
        let status = buffer.withUnsafeBufferPointer { raw -> Int32 in
            raw.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: count) { PQputCopyData(conn, $0, Int32(count)) }
            } ?? 1
        }
        switch status {
        case 1:
            bytesSent += count
            buffer.removeAll(keepingCapacity: true)
        default:
            // -1: the server ended the COPY (usually an error in an earlier row) or the
            // connection broke. The real error comes from draining the results.
            let error = PostgresError(
                kind: .connection, message: "sending COPY data failed: \(connection.lastErrorMessage())")
            failed = error
            throw error
        }
    }
}

extension Connection {
    /// Runs `COPY … FROM STDIN` and lets `body` stream rows through a `CopyWriter`.
    ///
    /// When `body` throws, the COPY is aborted (nothing it sent is kept) and the error is
    /// rethrown. A server error (bad row) is thrown as a `PostgresError` whose `copyLine`
    /// names the offending line. Returns the number of rows the server stored.
    @discardableResult
    public func copyIn(
        _ sql: String, chunkSize: Int = 1 << 20, _ body: (CopyWriter) throws -> Void
    ) throws -> Int {
        let conn = try handle(sql: sql)
        let start = try execute(sql)
        _ = start
        let writer = CopyWriter(connection: self, conn: conn, chunkSize: chunkSize)
        var callerError: (any Error)?
        do {
            try body(writer)
            try writer.flush()
        } catch {
            callerError = error
        }
        if let callerError, !(callerError is PostgresError && writer.failed != nil) {
            let reason = "aborted by nofdb: \(callerError)".prefix(200)
            _ = PQputCopyEnd(conn, String(reason))
        } else if writer.failed == nil {
            if PQputCopyEnd(conn, nil) != 1 {
                callerError = PostgresError(
                    kind: .connection, message: "ending COPY failed: \(lastErrorMessage())", sql: sql)
            }
        }
        // Drain every result; the first error wins.
        var serverError: PostgresError?
        var rows = 0
        var guardCount = 0
        while let result = PQgetResult(conn) {
            guardCount += 1
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK {
                rows = Int(String(cString: PQcmdTuples(result))) ?? rows
            } else if status == PGRES_COPY_IN {
                // Should not happen after PQputCopyEnd; end it to avoid looping forever.
                _ = PQputCopyEnd(conn, "nofdb: unexpected COPY state")
            } else if serverError == nil {
                serverError = Connection.error(from: result, sql: sql, fallback: lastErrorMessage())
                    .redacting(config.password)
            }
            PQclear(result)
            if guardCount > 1000 { break }
        }
        if let callerError, !(callerError is PostgresError && writer.failed != nil) { throw callerError }
        if let serverError { throw serverError }
        if let callerError { throw callerError }
        return rows
    }
}
