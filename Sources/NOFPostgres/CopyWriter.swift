import CLibPQ
import Foundation

/// Encodes rows in PostgreSQL's COPY text format into a byte buffer.
///
/// Fields are separated by tabs, rows end with a newline, NULL is `\N`, and backslash, tab,
/// newline and carriage return inside a field are escaped.
public struct CopyTextEncoder: Sendable {
    public var bytes: [UInt8]
    /// Rows ended with `endRow()`.
    public var rows = 0

    /// True for COPY's binary format (`WITH (FORMAT binary)`): the buffer starts with its
    /// signature and rows are written with the `appendBinary…` helpers below.
    public let binary: Bool

    public init(capacity: Int = 0, binary: Bool = false) {
        bytes = []
        bytes.reserveCapacity(capacity)
        self.binary = binary
        if binary {
            // Signature "PGCOPY\n\377\r\n\0", flags (no OIDs), header extension length 0.
            bytes.append(contentsOf: [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00])
            bytes.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0])
        }
    }

    public var isEmpty: Bool { bytes.isEmpty }
    public var count: Int { bytes.count }

    /// Appends one raw byte (no escaping).
    @inlinable public mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Appends raw bytes (no escaping): the caller guarantees they are valid COPY text.
    @inlinable public mutating func appendRaw(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    /// Appends a field's bytes, escaping backslash, tab, newline and carriage return.
    @inlinable public mutating func appendEscaped(_ raw: UnsafeRawBufferPointer) {
        var clean = true
        for b in raw where b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D {
            clean = false
            break
        }
        if clean {
            bytes.append(contentsOf: raw)
            return
        }
        for b in raw {
            switch b {
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            default: bytes.append(b)
            }
        }
    }

    /// Appends a text field, escaped.
    public mutating func appendField(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// Appends a text field, or NULL for nil.
    public mutating func appendField(_ text: String?) {
        if let text { appendField(text) } else { appendNull() }
    }

    /// Appends `\N`, the COPY text form of NULL.
    @inlinable public mutating func appendNull() {
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "N"))
    }

    /// Appends the column separator.
    @inlinable public mutating func appendTab() { bytes.append(0x09) }

    /// Appends a decimal integer.
    @inlinable public mutating func appendInt(_ value: Int) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var v = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[count] = UInt8(truncatingIfNeeded: v % 10) + 48
                v /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                bytes.append(raw[count])
            }
        }
    }

    /// Appends an integer or NULL.
    @inlinable public mutating func appendInt(_ value: Int?) {
        if let value { appendInt(value) } else { appendNull() }
    }

    /// Ends a row (a newline in text format; nothing in binary, whose rows are self-delimiting).
    @inlinable public mutating func endRow() {
        if !binary { bytes.append(0x0A) }
        rows += 1
    }

    // MARK: binary format
    //
    // The server's binary input functions are much cheaper than its text ones for arrays:
    // `array_in` tokenises the text and calls `int4in` per element, `array_recv` reads
    // fixed-width words. Every value is big-endian; a field is its byte length (Int32, -1 for
    // NULL) and its bytes; a row starts with its field count (Int16).

    @inlinable mutating func appendBigEndian32(_ value: Int32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Starts a binary row of `fields` fields.
    @inlinable public mutating func beginBinaryRow(fields: Int) {
        bytes.append(UInt8(truncatingIfNeeded: fields >> 8))
        bytes.append(UInt8(truncatingIfNeeded: fields))
    }

    /// A binary NULL field.
    @inlinable public mutating func appendBinaryNull() { appendBigEndian32(-1) }

    /// A binary `text` field (UTF-8; the server converts from the client encoding), or NULL.
    public mutating func appendBinaryText(_ text: String?) {
        guard var text else { return appendBinaryNull() }
        text.withUTF8 { utf8 in
            appendBigEndian32(Int32(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A binary `date` field: days since 2000-01-01.
    @inlinable public mutating func appendBinaryDate(daysSince2000 days: Int32) {
        appendBigEndian32(4)
        appendBigEndian32(days)
    }

    /// A binary `integer` field, or NULL. The caller has checked that the value fits 32 bits
    /// (the server cannot: binary input takes the low 32 bits as they are).
    @inlinable public mutating func appendBinaryInt4(_ value: Int?) {
        guard let value else { return appendBinaryNull() }
        assert(Int32(exactly: value) != nil, "appendBinaryInt4: \(value) does not fit 32 bits")
        appendBigEndian32(4)
        appendBigEndian32(Int32(truncatingIfNeeded: value))
    }

    /// A binary one-dimensional `integer[]` field (lower bound 1; nil elements are NULL), each
    /// element range-checked by the caller as for `appendBinaryInt4`.
    public mutating func appendBinaryInt4Array(_ values: [Int?]) {
        var nulls = 0
        for value in values where value == nil { nulls += 1 }
        let length = 20 + 8 * values.count - 4 * nulls
        // Written in place: one resize, then stores (per-byte appends were a tenth of a
        // national load's client time).
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 4 + length))
        bytes.withUnsafeMutableBytes { raw in
            var at = start
            func put(_ word: Int32) {
                raw.storeBytes(of: word.bigEndian, toByteOffset: at, as: Int32.self)
                at += 4
            }
            put(Int32(truncatingIfNeeded: length))
            put(1)                  // dimensions
            put(nulls > 0 ? 1 : 0)  // has-nulls flag
            put(23)                 // element type: int4's OID
            put(Int32(truncatingIfNeeded: values.count))
            put(1)                  // lower bound
            for value in values {
                if let value {
                    assert(Int32(exactly: value) != nil, "appendBinaryInt4Array: \(value) does not fit 32 bits")
                    put(4)
                    put(Int32(truncatingIfNeeded: value))
                } else {
                    put(-1)
                }
            }
        }
    }

    /// Ends binary COPY data (the trailer: a field count of -1).
    public mutating func appendBinaryTrailer() {
        bytes.append(0xFF)
        bytes.append(0xFF)
    }

    /// Empties the buffer, keeping its capacity (the row count goes on).
    public mutating func removeAllBytes() { bytes.removeAll(keepingCapacity: true) }

    /// Writes a whole row of text fields (nil = NULL).
    public mutating func writeRow(_ fields: [String?]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { appendTab() }
            appendField(field)
        }
        endRow()
    }
}

/// Streams rows to a running `COPY … FROM STDIN` in PostgreSQL's text format.
///
/// Rows are encoded into `encoder`; bytes are sent to the server in chunks of at least
/// 64 KiB, and every libpq return code is checked. Use `Connection.copyIn(_:_:)` to get one.
public final class CopyWriter {
    /// The pending bytes; append rows here (or with the helpers below), then `endRow()`.
    public var encoder: CopyTextEncoder
    public let chunkSize: Int
    let conn: OpaquePointer
    let connection: Connection
    let sql: String
    /// Bytes handed to libpq so far.
    public private(set) var bytesSent = 0
    var failed: PostgresError?
    public internal(set) var finished = false
    var lastServerError: PostgresError?
    /// When set, chunks are handed to libpq by a background thread so the caller can encode
    /// the next chunk while the server parses the last one.
    var sender: PipelinedSender?

    init(connection: Connection, conn: OpaquePointer, chunkSize: Int, sql: String, pipelined: Bool = false) {
        self.connection = connection
        self.conn = conn
        self.sql = sql
        self.chunkSize = max(chunkSize, 64 * 1024)
        encoder = CopyTextEncoder(capacity: self.chunkSize + 64 * 1024)
        if pipelined {
            let sender = PipelinedSender(conn: conn)
            sender.start()
            self.sender = sender
        }
    }

    /// Rows ended so far.
    public var rowsWritten: Int { encoder.rows }

    public func appendField(_ text: String) { encoder.appendField(text) }
    public func appendNull() { encoder.appendNull() }
    public func appendTab() { encoder.appendTab() }
    public func appendInt(_ value: Int) { encoder.appendInt(value) }

    /// Ends a row and sends a chunk when the buffer is full.
    public func endRow() throws {
        encoder.endRow()
        if encoder.count >= chunkSize { try flush() }
    }

    /// Writes a whole row of text fields (nil = NULL).
    public func writeRow(_ fields: [String?]) throws {
        encoder.writeRow(fields)
        if encoder.count >= chunkSize { try flush() }
    }

    /// Sends already-encoded COPY text (whole rows), e.g. a buffered slice.
    public func send(_ other: CopyTextEncoder) throws {
        try flush()
        try put(other.bytes)
    }

    /// Sends whatever is buffered.
    public func flush() throws {
        guard !encoder.isEmpty else { return }
        try put(encoder.bytes)
        encoder.removeAllBytes()
    }

    private func put(_ bytes: [UInt8]) throws {
        if let failed { throw failed }
        if let sender {
            guard sender.enqueue(bytes) else {
                let error = PostgresError(kind: .connection, message: "sending COPY data failed: \(sender.failure ?? "unknown error")")
                failed = error
                throw error
            }
            bytesSent += bytes.count
            return
        }
        var offset = 0
        // libpq takes an Int32 length: send very large buffers in pieces.
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            let status = bytes.withUnsafeBufferPointer { raw -> Int32 in
                guard let base = raw.baseAddress else { return 1 }
                return (base + offset).withMemoryRebound(to: CChar.self, capacity: length) {
                    PQputCopyData(conn, $0, Int32(length))
                }
            }
            guard status == 1 else {
                // -1: the server ended the COPY (usually an error in an earlier row) or the
                // connection broke. The real error comes from draining the results.
                let error = PostgresError(
                    kind: .connection, message: "sending COPY data failed: \(connection.lastErrorMessage())")
                failed = error
                throw error
            }
            bytesSent += length
            offset += length
        }
    }
}

extension CopyWriter {
    /// Ends the COPY: sends what is buffered, then drains every result. Returns the rows the
    /// server stored, or throws the server's error (its `copyLine` names the bad line).
    public func finish() throws -> Int {
        var sendError: (any Error)?
        do {
            try flush()
        } catch {
            sendError = error
        }
        if let sender {
            // Every chunk must be in libpq before the COPY ends; the thread stops here.
            if let failure = sender.close(), failed == nil {
                failed = PostgresError(kind: .connection, message: "sending COPY data failed: \(failure)")
                sendError = failed
            }
            self.sender = nil
        }
        if sendError == nil, PQputCopyEnd(conn, nil) != 1 {
            sendError = PostgresError(
                kind: .connection, message: "ending COPY failed: \(connection.lastErrorMessage())", sql: sql)
        }
        let (rows, serverError) = drain()
        if let serverError { throw serverError }
        if let sendError { throw sendError }
        return rows
    }

    /// Aborts the COPY (the server keeps nothing it received) and drains the results.
    public func abort(_ reason: String) {
        if let sender {
            sender.cancel()
            _ = sender.close()
            self.sender = nil
        }
        if failed == nil {
            _ = PQputCopyEnd(conn, String(reason.prefix(200)))
        }
        _ = drain()
    }

    private func drain() -> (rows: Int, error: PostgresError?) {
        var serverError: PostgresError?
        var rows = 0
        var guardCount = 0
        while let result = PQgetResult(conn) {
            guardCount += 1
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK {
                rows = Int(String(cString: PQcmdTuples(result))) ?? rows
            } else if status == PGRES_COPY_IN {
                // Only if the COPY was never ended; end it so the loop finishes.
                _ = PQputCopyEnd(conn, "nofdb: unexpected COPY state")
            } else if serverError == nil {
                serverError = Connection.error(from: result, sql: sql, fallback: connection.lastErrorMessage())
                    .redacting(connection.config.password)
            }
            PQclear(result)
            if guardCount > 1000 { break }
        }
        finished = true
        lastServerError = serverError
        return (rows, serverError)
    }
}

extension Connection {
    /// Starts `COPY … FROM STDIN` and returns the writer; call `finish()` or `abort(_:)`.
    ///
    /// `pipelined`: a background thread feeds libpq while the caller keeps encoding, so
    /// client and server work at the same time. The connection must not be used for anything
    /// else until `finish()` or `abort(_:)` returns.
    public func beginCopy(_ statement: SQLQuery, chunkSize: Int = 1 << 20, pipelined: Bool = false) throws -> CopyWriter {
        let conn = try handle(sql: statement.sql)
        _ = try execute(statement)
        return CopyWriter(connection: self, conn: conn, chunkSize: chunkSize, sql: statement.sql, pipelined: pipelined)
    }

    /// Runs `COPY … FROM STDIN` and lets `body` stream rows through a `CopyWriter`.
    ///
    /// When `body` throws, the COPY is aborted (nothing it sent is kept) and the error is
    /// rethrown. A server error (bad row) is thrown as a `PostgresError` whose `copyLine`
    /// names the offending line. Returns the number of rows the server stored.
    @discardableResult
    public func copyIn(
        _ statement: SQLQuery, chunkSize: Int = 1 << 20, _ body: (CopyWriter) throws -> Void
    ) throws -> Int {
        let writer = try beginCopy(statement, chunkSize: chunkSize)
        do {
            try body(writer)
        } catch {
            if writer.failed != nil {
                // The server stopped the COPY (a bad row): its error says more than ours.
                writer.abort("")
                throw writer.lastServerError ?? error
            }
            writer.abort("aborted by nofdb: \(error)")
            throw error
        }
        return try writer.finish()
    }
}

/// Feeds COPY chunks to libpq from a dedicated thread. Only this thread touches the
/// connection between `start()` and `close()`, which the writer guarantees; hence
/// `@unchecked Sendable`.
final class PipelinedSender: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var closed = false
    private var cancelled = false
    private var done = false
    private(set) var failure: String?
    private let conn: OpaquePointer
    private let maxQueued = 4

    init(conn: OpaquePointer) { self.conn = conn }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "nofdb-copy-sender"
        thread.start()
    }

    /// Queues a chunk (waits while the queue is full). False once sending has failed.
    func enqueue(_ bytes: [UInt8]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= maxQueued, failure == nil { condition.wait() }
        guard failure == nil else { return false }
        queue.append(bytes)
        condition.broadcast()
        return true
    }

    /// Drops what is queued (the COPY is being aborted).
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until everything queued has been sent and the thread has stopped. Returns the
    /// libpq error, if sending failed.
    func close() -> String? {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        let result = failure
        condition.unlock()
        return result
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty, !closed, !cancelled { condition.wait() }
            if queue.isEmpty || cancelled {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let chunk = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            var offset = 0
            var ok = true
            while offset < chunk.count, ok {
                let length = min(chunk.count - offset, 1 << 30)
                let status = chunk.withUnsafeBufferPointer { raw -> Int32 in
                    guard let base = raw.baseAddress else { return 1 }
                    return (base + offset).withMemoryRebound(to: CChar.self, capacity: length) {
                        PQputCopyData(conn, $0, Int32(length))
                    }
                }
                ok = status == 1
                offset += length
            }
            if !ok {
                condition.lock()
                failure = PQerrorMessage(conn).map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "PQputCopyData failed"
                queue.removeAll()
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}
