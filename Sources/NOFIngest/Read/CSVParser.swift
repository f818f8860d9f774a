import Foundation

/// One CSV record: its fields (unquoted, unescaped) as byte ranges of one buffer. The buffer
/// may hold bytes between fields (the commas of a run of unquoted fields, copied in one go).
///
/// Fields are read without creating a String per cell, so a national RTT month (180,000 rows
/// of 121 cells) parses quickly; `string(_:)` and the number readers make values on demand.
public struct CSVRecord {
    /// The fields' bytes, in order (with separators between some of them).
    public internal(set) var storage: [UInt8] = []
    /// Start and end offsets in `storage` of each field.
    public internal(set) var starts: [Int] = []
    public internal(set) var ends: [Int] = []
    /// The 1-based line on which the record starts.
    public internal(set) var line = 0

    public init() {
        storage.reserveCapacity(4096)
        starts.reserveCapacity(160)
        ends.reserveCapacity(160)
    }

    public var count: Int { ends.count }

    @inlinable func bounds(_ i: Int) -> Range<Int> { starts[i]..<ends[i] }

    /// Calls `body` with field `i`'s bytes (empty when the record has fewer fields).
    @inlinable public func withField<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard i < ends.count else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let range = bounds(i)
        return try storage.withUnsafeBytes { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[range]))
        }
    }

    /// True when every field is empty or whitespace (a blank line, or `,,,,`).
    public var isBlank: Bool {
        storage.withUnsafeBytes { raw in
            (0..<ends.count).allSatisfy { i in raw[bounds(i)].allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        }
    }

    /// Whether field `i`'s bytes are valid UTF-8.
    public func isValidUTF8(_ i: Int) -> Bool {
        withField(i) { raw in
            String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) != nil
        }
    }
}

/// A streaming CSV parser (RFC 4180 plus what NHS files do): quoted fields with `""`
/// escapes and embedded commas or newlines, CRLF or LF or CR line ends, a UTF-8 byte-order
/// mark, and a last line with or without a newline. Bytes are pushed in as they are read
/// and complete records come out through a callback, so memory stays bounded.
public final class CSVParser {
    enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The parser's state as a value, moved out of the object while a chunk is parsed so the
    /// hot loop touches only locals (no dynamic exclusivity checks on class properties).
    struct Core {
        var state = State.fieldStart
        var record = CSVRecord()
        var line = 1
        var recordLine = 1
        var fieldStart = 0
        var lastWasCR = false
        var hasContent = false
        /// Offset (in the bytes parsed) of the first byte of the current chunk, and of the
        /// current record's first byte.
        var chunkBase = 0
        var recordStart = 0

        /// Closes the field that began at `fieldStart`; the next begins where the buffer ends.
        @inline(__always)
        mutating func endField() {
            record.starts.append(fieldStart)
            record.ends.append(record.storage.count)
            fieldStart = record.storage.count
        }

        @inline(__always)
        mutating func endRecord() {
            endField()
            state = .fieldStart
        }

        mutating func emit(_ onRecord: (inout CSVRecord) throws -> Void) throws {
            record.line = recordLine
            try onRecord(&record)
            record.storage.removeAll(keepingCapacity: true)
            record.starts.removeAll(keepingCapacity: true)
            record.ends.removeAll(keepingCapacity: true)
            hasContent = false
            fieldStart = 0
        }

        /// A line end (`terminator` is CR or LF) closes the record: hand it over, count the line.
        @inline(__always)
        mutating func finishLine(_ terminator: UInt8, at index: Int, _ onRecord: (inout CSVRecord) throws -> Void) throws {
            endRecord()
            try emit(onRecord)
            lastWasCR = terminator == 0x0D
            line += 1
            recordLine = line
            recordStart = chunkBase + index + 1
        }
    }

    private var core = Core()
    private var atStart = true
    private var pendingBOM: [UInt8] = []
    /// The longest field accepted; longer means an unclosed quote or a file that is not CSV.
    public let maxFieldBytes: Int
    /// The most fields one record may have (more means a file that is not CSV).
    public let maxFields: Int
    /// The file's name, for messages.
    public let fileName: String
    /// Total bytes consumed.
    public private(set) var bytesRead = 0
    /// Bytes handed to the parser proper (after a byte-order mark and any transcoding).
    private var parsedBytes = 0

    /// How the input ended, once `finish` has run: whether the last record was closed by a
    /// line break (published files end either way), and where that record starts.
    public struct End: Sendable {
        public var lastRecordTerminated: Bool
        public var lastRecordLine: Int
        /// Byte offset of the last record's first byte.
        public var lastRecordByte: Int
        public var lastRecordFields: Int
        public var totalBytes: Int
    }
    public private(set) var end: End?

    /// How the file's bytes are encoded; anything but UTF-8 is transcoded to UTF-8 as it is fed.
    public let encoding: TextEncoding
    private var transcoded: [UInt8] = []

    public init(fileName: String, maxFieldBytes: Int = 1 << 20, maxFields: Int = 16_384, encoding: TextEncoding = .utf8) {
        self.fileName = fileName
        self.maxFieldBytes = maxFieldBytes
        self.maxFields = maxFields
        self.encoding = encoding
    }

    public convenience init(fileName: String, limits: ReadLimits, encoding: TextEncoding = .utf8) {
        self.init(fileName: fileName, maxFieldBytes: limits.maxFieldBytes, maxFields: limits.maxFieldsPerRecord, encoding: encoding)
    }

    /// Parses `chunk`, calling `onRecord` for every complete record.
    public func feed(_ chunk: UnsafeRawBufferPointer, _ onRecord: (inout CSVRecord) throws -> Void) throws {
        let chunkStart = bytesRead
        bytesRead += chunk.count
        // A NUL byte never appears in a CSV: the file is damaged (a disk or transfer error).
        if let base = chunk.baseAddress, let hit = memchr(base, 0, chunk.count) {
            let index = base.distance(to: UnsafeRawPointer(hit))
            try feed(UnsafeRawBufferPointer(rebasing: chunk[0..<index]), onRecord)
            bytesRead = chunkStart + index
            throw LoadError(
                file: fileName, line: core.recordLine, column: "#\(core.record.ends.count + 1)",
                reason: "holds a NUL byte (0x00) at byte \((chunkStart + index).formatted()): the file is damaged (no CSV holds one)",
                hint: "download the file again")
        }
        if encoding == .windows1252, chunk.contains(where: { $0 >= 0x80 }) {
            // A single-byte encoding: each chunk transcodes on its own, whatever its boundaries.
            transcoded.removeAll(keepingCapacity: true)
            Windows1252.appendUTF8(of: chunk, to: &transcoded)
            try transcoded.withUnsafeBytes { try feedUTF8($0, onRecord) }
        } else {
            try feedUTF8(chunk, onRecord)
        }
    }

    private func feedUTF8(_ chunk: UnsafeRawBufferPointer, _ onRecord: (inout CSVRecord) throws -> Void) throws {
        var bytes = chunk
        if atStart {
            // Hold the first three bytes back to recognise a UTF-8 byte-order mark.
            var consumed = 0
            while pendingBOM.count < 3, consumed < bytes.count {
                pendingBOM.append(bytes[consumed])
                consumed += 1
            }
            if pendingBOM.count < 3 { return }
            atStart = false
            let held = pendingBOM
            pendingBOM = []
            bytes = UnsafeRawBufferPointer(rebasing: bytes[consumed...])
            if held != [0xEF, 0xBB, 0xBF] {
                try held.withUnsafeBytes { try parse($0, onRecord) }
            } else {
                parsedBytes = 3
                core.recordStart = 3
            }
        }
        try parse(bytes, onRecord)
    }

    /// Ends the input: emits a last record without a trailing newline, or throws for an
    /// unclosed quote.
    public func finish(_ onRecord: (inout CSVRecord) throws -> Void) throws {
        if atStart, !pendingBOM.isEmpty {
            let held = pendingBOM
            pendingBOM = []
            atStart = false
            try held.withUnsafeBytes { try parse($0, onRecord) }
        }
        var end = End(lastRecordTerminated: true, lastRecordLine: core.recordLine, lastRecordByte: core.recordStart,
                      lastRecordFields: 0, totalBytes: bytesRead)
        switch core.state {
        case .quoted:
            throw LoadError(
                file: fileName, line: core.recordLine,
                reason: "the file ends inside a quoted field that starts on this line and is never closed (byte \(core.recordStart.formatted()) of \(bytesRead.formatted())): it looks cut short, or has a stray double quote",
                hint: "download the file again")
        case .fieldStart where !core.hasContent:
            self.end = end
            return
        default:
            core.endRecord()
            end.lastRecordTerminated = false
            end.lastRecordFields = core.record.ends.count
            self.end = end
            try core.emit(onRecord)
        }
    }

    private func tooManyFields(_ c: Core) -> LoadError {
        LoadError(
            file: fileName, line: c.recordLine,
            reason: "a record has more than \(maxFields.formatted()) fields, which no NHS England extract has",
            hint: "the file is probably not a CSV file, or is damaged")
    }

    private func tooLong(_ c: Core) -> LoadError {
        LoadError(
            file: fileName, line: c.recordLine, column: "#\(c.record.ends.count + 1)",
            reason: "a field is longer than \(maxFieldBytes / 1024) KiB, which no NHS England extract has",
            hint: "the file probably has an unclosed double quote, or is not a CSV file")
    }

    private func parse(_ bytes: UnsafeRawBufferPointer, _ onRecord: (inout CSVRecord) throws -> Void) throws {
        var c = Core()
        swap(&c, &core)
        defer { swap(&c, &core) }
        let maxField = maxFieldBytes
        let maxFields = self.maxFields
        let n = bytes.count
        c.chunkBase = parsedBytes
        defer { parsedBytes += n }
        var i = 0
        while i < n {
            let b = bytes[i]
            if c.lastWasCR {
                c.lastWasCR = false
                if b == 0x0A {
                    c.recordStart += 1
                    i += 1
                    continue
                }
            }
            switch c.state {
            case .fieldStart:
                c.hasContent = true
                if b == 0x22 {
                    c.state = .quoted
                    c.fieldStart = c.record.storage.count
                    i += 1
                } else if b == 0x0A || b == 0x0D {
                    try c.finishLine(b, at: i, onRecord)
                    i += 1
                } else {
                    // Content or a comma (an empty field): the unquoted run reads both.
                    c.state = .unquoted
                    c.fieldStart = c.record.storage.count
                }
            case .unquoted:
                // The run of unquoted fields up to the line end, a quoted field or the chunk's
                // end is copied in one go, commas included; each comma closes a field in place
                // (the buffer offset of bytes[k] is base + k). One copy per run rather than one
                // per field: most cells of a national file are a digit or two.
                let base = c.record.storage.count - i
                var fieldBegin = c.fieldStart
                var j = i
                while j < n {
                    let x = bytes[j]
                    if x == 0x0A || x == 0x0D { break }
                    j += 1
                    if x == 0x2C {
                        if base + j - 1 - fieldBegin > maxField { break }
                        c.record.starts.append(fieldBegin)
                        c.record.ends.append(base + j - 1)
                        fieldBegin = base + j
                        if c.record.ends.count > maxFields { break }
                        // A quote opening the next field is the quoted state's to read.
                        if j < n, bytes[j] == 0x22 { break }
                    }
                }
                if j > i { c.record.storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<j])) }
                c.fieldStart = fieldBegin
                if c.record.ends.count > maxFields { throw tooManyFields(c) }
                // The field in progress, or one closed over the limit (the loop stopped there).
                if c.record.storage.count - c.fieldStart > maxField { throw tooLong(c) }
                if j > i, bytes[j - 1] == 0x2C {
                    // The run ended just after a comma (a quote follows, or the chunk ends).
                    c.state = .fieldStart
                    i = j
                } else if j < n {
                    try c.finishLine(bytes[j], at: j, onRecord)
                    i = j + 1
                } else {
                    i = j
                }
            case .quoted:
                var j = i
                while j < n {
                    let x = bytes[j]
                    if x == 0x22 { break }
                    if x == 0x0A { c.line += 1 }
                    j += 1
                }
                if j > i { c.record.storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<j])) }
                if c.record.storage.count - c.fieldStart > maxField { throw tooLong(c) }
                i = j
                if i < n {
                    c.state = .quoteInQuoted
                    i += 1
                }
            case .quoteInQuoted:
                if b == 0x22 {
                    c.record.storage.append(0x22)
                    c.state = .quoted
                    i += 1
                } else if b == 0x2C {
                    c.endField()
                    if c.record.ends.count > maxFields { throw tooManyFields(c) }
                    c.state = .fieldStart
                    i += 1
                } else if b == 0x0A || b == 0x0D {
                    try c.finishLine(b, at: i, onRecord)
                    i += 1
                } else {
                    // Text after a closing quote ("abc"def): keep it, as spreadsheets do.
                    c.state = .unquoted
                }
            }
        }
    }
}

/// The text encodings nofdb reads CSV in. NHS England publishes UTF-8 (often with a BOM); a
/// file re-saved by a spreadsheet on Windows may be Windows-1252.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// Accepts the usual spellings: utf-8, utf8, windows-1252, cp1252.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "win-1252", "windows1252": self = .windows1252
        default: return nil
        }
    }
}

/// Windows-1252 to UTF-8. 0xA0-0xFF are U+00A0-U+00FF; 0x80-0x9F are the typographic
/// characters (€, ‘ ’ “ ” – — …) where defined, and the C1 control of the same number where
/// not (0x81, 0x8D, 0x8F, 0x90, 0x9D), as the WHATWG Encoding Standard maps them.
enum Windows1252 {
    static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func appendUTF8(of bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar = b < 0xA0 ? high[Int(b) - 0x80] : UInt32(b)
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | (scalar >> 6)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                out.append(UInt8(0xE0 | (scalar >> 12)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }
}
