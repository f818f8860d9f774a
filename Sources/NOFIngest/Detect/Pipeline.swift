import Foundation

/// Turns a stream of rows into normalised slices: finds the header among the first rows
/// (detecting the dataset and layout from its cells), then hands every later row to the
/// dataset's normaliser.
final class RowPipeline {
    enum Phase {
        case detecting
        case running(any Normaliser)
        case stopped
    }

    /// How many leading rows may be searched for a header (front matter, DM01 metadata).
    static let headerSearchRows = 30

    let fileName: String
    let dataset: Dataset?
    let sheet: String?
    /// Called once the header is found; returns the normaliser (or nil to stop reading, e.g.
    /// when the file is unchanged since its last load).
    let onDetected: (LayoutSpec, _ header: [String], _ preamble: [[String]]) throws -> (any Normaliser)?
    private(set) var phase = Phase.detecting
    private var scanned: [[String]] = []
    private(set) var detected: LayoutSpec?
    /// The product the file was recognised as from its structure, when the reader knows it.
    var product: Product?
    private(set) var header: [String] = []
    private var lastHeaderLine = 0

    init(
        fileName: String, dataset: Dataset?, sheet: String? = nil,
        onDetected: @escaping (LayoutSpec, [String], [[String]]) throws -> (any Normaliser)?
    ) {
        self.fileName = fileName
        self.dataset = dataset
        self.sheet = sheet
        self.onDetected = onDetected
    }

    /// True once reading can stop (unchanged file).
    var isStopped: Bool {
        if case .stopped = phase { return true }
        return false
    }

    func accept<R: RowCells>(_ row: R) throws {
        switch phase {
        case .running(let normaliser):
            try normaliser.row(row)
        case .stopped:
            return
        case .detecting:
            let cells = row.strings
            let nonBlankBefore = scanned.contains { !$0.allSatisfy(\.isEmpty) }
            // A CSV's first row may name a product nofdb does not load (reference data it
            // carries itself): say what it is instead of "unrecognised header".
            if !nonBlankBefore, sheet == nil, !cells.allSatisfy(\.isEmpty),
               let product = ProductRegistry.identify(csvHeader: cells), !product.isLoaded {
                throw ProductRecognised(product: product)
            }
            if !cells.allSatisfy(\.isEmpty),
               let spec = LayoutRegistry.match(cells, dataset: dataset, frontMatter: nonBlankBefore) {
                detected = spec
                header = cells
                lastHeaderLine = row.rowNumber
                if let normaliser = try onDetected(spec, cells, scanned) {
                    phase = .running(normaliser)
                    // A headerless file (ODS): the row that identified it is its first record.
                    if spec.headerless { try normaliser.row(row) }
                } else {
                    phase = .stopped
                }
                return
            }
            scanned.append(cells)
            if scanned.count >= Self.headerSearchRows {
                throw LayoutRegistry.unrecognised(file: fileName, candidates: scanned, dataset: dataset, sheet: sheet)
            }
        }
    }

    /// Refuses a CSV that stops inside its last record: the record is cut (fewer fields than
    /// the header) and no line break closes it. A file cut exactly at a line break is caught
    /// later, by its totals and by the slice guards.
    func checkEnd(_ end: CSVParser.End?) throws {
        guard let end, !end.lastRecordTerminated, detected != nil, end.lastRecordFields < header.count,
              end.lastRecordLine > lastHeaderLine
        else { return }
        throw LoadError(
            file: fileName, line: end.lastRecordLine,
            reason: "the file ends inside line \(end.lastRecordLine.formatted()) (which starts at byte \(end.lastRecordByte.formatted()); the file has \(end.totalBytes.formatted()) bytes): that line has \(end.lastRecordFields) of the header's \(header.count) fields and no line break, so the file looks cut short; nothing from it was loaded",
            hint: "download the file again")
    }

    /// Ends the rows: throws when no header was found or the header had no data after it.
    func finish() throws {
        switch phase {
        case .detecting:
            if scanned.allSatisfy({ $0.allSatisfy(\.isEmpty) }) {
                throw LoadError(file: fileName, reason: sheet.map { "the sheet \"\($0)\" is empty (no header row, no data)" } ?? "the file is empty (no header row, no data)",
                                hint: "check the download; a published extract always has a header and rows")
            }
            throw LayoutRegistry.unrecognised(file: fileName, candidates: scanned, dataset: dataset, sheet: sheet)
        case .running(let normaliser):
            try normaliser.finish()
        case .stopped:
            return
        }
    }
}
