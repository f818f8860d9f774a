import Foundation

/// Caps on the work one file may cause, so hostile or damaged input fails in seconds with
/// memory flat instead of running for minutes: each is far above anything NHS England
/// publishes (a national RTT month is an 83 MB CSV, 3.8 MB zipped; a cancer workbook's sheet
/// ~25 MB of XML with a few thousand shared strings).
public struct ReadLimits: Sendable, Equatable {
    /// One CSV field, XLSX cell text or shared string (Excel's own cell limit is 32,767 characters).
    public var maxFieldBytes = 1 << 20
    /// Fields in one CSV record or cells in one sheet row (Excel's limit is 16,384 columns).
    public var maxFieldsPerRecord = 16_384
    /// One XML tag (`<c r="A1" t="s">`), start to end.
    public var maxTagBytes = 1 << 20
    /// All the shared strings of a workbook together.
    public var maxSharedStringBytes = 64 << 20
    /// Rows in one sheet (Excel's limit is 1,048,576).
    public var maxRowsPerSheet = 1_048_576
    /// Bytes one ZIP or XLSX entry may decompress to.
    public var maxEntryBytes = 1 << 30
    /// Decompressed / compressed size above which an entry is taken for a ZIP bomb, once it
    /// has decompressed past `ratioCheckAfterBytes` (real NHS files stay under 30:1).
    public var maxCompressionRatio = 200
    public var ratioCheckAfterBytes = 16 << 20
    /// The size of an .xls workbook (FreeXL reads it whole).
    public var maxXLSBytes = 256 << 20
    /// How long the child process may take to read an .xls before it is taken as hostile.
    public var xlsCheckSeconds = 60.0

    public init() {}

    public static let standard = ReadLimits()
}

/// Counts what a ZIP entry decompresses to and stops it at the caps.
struct InflateMeter {
    let file: String
    let entry: String
    let compressed: Int
    let limits: ReadLimits
    private(set) var bytes = 0

    init(file: String, entry: String, compressed: Int, limits: ReadLimits) {
        self.file = file
        self.entry = entry
        self.compressed = compressed
        self.limits = limits
    }

    mutating func add(_ count: Int) throws {
        bytes += count
        if bytes > limits.maxEntryBytes {
            throw LoadError(
                file: file, reason: "\(entry) decompresses to more than \(limits.maxEntryBytes >> 20) MB, far beyond any published file (a ZIP bomb, or a damaged archive)",
                hint: "download the file again from NHS England")
        }
        if bytes > limits.ratioCheckAfterBytes, bytes / max(compressed, 1) > limits.maxCompressionRatio {
            throw LoadError(
                file: file, reason: "\(entry) decompresses to over \(limits.maxCompressionRatio) times its compressed size (\(compressed.formatted()) bytes), which no published file does (a ZIP bomb, or a damaged archive)",
                hint: "download the file again from NHS England")
        }
    }
}
