import Foundation
import ZIPFoundation

/// Thrown by a row callback's caller to stop reading a sheet early.
struct StopReading: Error {}

/// A minimal streaming XML scanner for the SpreadsheetML parts of an XLSX workbook.
///
/// Why not FoundationXML's XMLParser: ZIPFoundation hands decompressed bytes to a closure
/// chunk by chunk, and XMLParser needs either the whole document or an InputStream; sheet
/// XML of a national cancer workbook is ~25 MB and its vocabulary is tiny (row, c, v, is, t,
/// si, sheet, Relationship). This scanner takes chunks as they come, never holds the whole
/// part, and makes no String per element: only cell text becomes a String.
final class XMLScanner {
    enum Event {
        case start(name: ArraySlice<UInt8>, attributes: [(ArraySlice<UInt8>, String)], selfClosing: Bool)
        case end(name: ArraySlice<UInt8>)
        case text(String)
    }

    private var pending: [UInt8] = []
    /// Whether text events are wanted (the caller switches this on inside <v> and <t>).
    var wantText = false
    let limits: ReadLimits
    /// What the scanner reads, for messages ("xl/worksheets/sheet1.xml").
    let part: String
    let fileName: String
    /// Open elements, innermost last, as hashes of their local names (no String per element).
    private var open: [UInt64] = []
    private var sawElement = false

    init(fileName: String, part: String, limits: ReadLimits) {
        self.fileName = fileName
        self.part = part
        self.limits = limits
    }

    /// Feeds bytes and calls `handler` for each complete event.
    func feed(_ chunk: Data, _ handler: (Event) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        var pos = 0
        let n = pending.count
        while pos < n {
            if pending[pos] == UInt8(ascii: "<") {
                guard let gt = pending[pos...].firstIndex(of: UInt8(ascii: ">")) else {
                    if n - pos > limits.maxTagBytes { throw damaged("has a tag longer than \(limits.maxTagBytes >> 10) KiB, which no spreadsheet writes") }
                    break
                }
                try handleTag(pos + 1, gt, handler)
                pos = gt + 1
            } else {
                guard let lt = pending[pos...].firstIndex(of: UInt8(ascii: "<")) else {
                    // Text runs on into the next chunk: keep it only if it is wanted.
                    if !wantText {
                        pos = n
                    } else if n - pos > limits.maxFieldBytes {
                        throw damaged("has a cell text longer than \(limits.maxFieldBytes >> 10) KiB, which no NHS England workbook has")
                    }
                    break
                }
                if wantText {
                    if lt - pos > limits.maxFieldBytes {
                        throw damaged("has a cell text longer than \(limits.maxFieldBytes >> 10) KiB, which no NHS England workbook has")
                    }
                    try handler(.text(Self.decode(pending[pos..<lt])))
                }
                pos = lt
            }
        }
        if pos > 0 { pending.removeFirst(pos) }
    }

    /// After the last chunk: the part must be whole, every element closed.
    func finish() throws {
        if !open.isEmpty {
            let names = open.map { Self.knownNames[$0].map { "<\($0)>" } ?? "an element" }
            throw damaged("ends inside \(names.joined(separator: " ")), before its closing tags: it is not well-formed XML and looks cut short")
        }
        if pending.contains(UInt8(ascii: "<")) {
            throw damaged("ends inside a tag: it is not well-formed XML and looks cut short")
        }
        if !sawElement { throw damaged("holds no XML element") }
    }

    func damaged(_ what: String) -> LoadError {
        LoadError(file: fileName, reason: "the workbook part \(part) \(what); nothing from the file was loaded",
                  hint: "download the file again")
    }

    static let knownNames: [UInt64: String] = Dictionary(
        uniqueKeysWithValues: ["worksheet", "sheetData", "row", "c", "v", "is", "t", "sst", "si", "r", "workbook",
                               "sheets", "Relationships"].map { (hash(Array($0.utf8)[...]), $0) })

    /// FNV-1a of a local name.
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    private func handleTag(_ start: Int, _ end: Int, _ handler: (Event) throws -> Void) throws {
        guard start < end else { return }
        let first = pending[start]
        if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { return }
        if first == UInt8(ascii: "/") {
            var nameEnd = end
            while nameEnd > start + 1, Self.isSpace(pending[nameEnd - 1]) { nameEnd -= 1 }
            let name = Self.localName(pending[(start + 1)..<nameEnd])
            let h = Self.hash(name)
            guard let top = open.last, top == h else {
                let closing = String(decoding: name, as: UTF8.self)
                throw damaged(open.isEmpty
                    ? "closes </\(closing)> that was never opened: it is not well-formed XML"
                    : "closes </\(closing)> inside \(Self.knownNames[open.last ?? 0].map { "<\($0)>" } ?? "another element"): it is not well-formed XML")
            }
            open.removeLast()
            try handler(.end(name: name))
            return
        }
        var selfClosing = false
        var tagEnd = end
        if pending[end - 1] == UInt8(ascii: "/") {
            selfClosing = true
            tagEnd = end - 1
        }
        var i = start
        while i < tagEnd, !Self.isSpace(pending[i]) { i += 1 }
        let name = Self.localName(pending[start..<i])
        var attributes: [(ArraySlice<UInt8>, String)] = []
        while i < tagEnd {
            while i < tagEnd, Self.isSpace(pending[i]) { i += 1 }
            let nameStart = i
            while i < tagEnd, pending[i] != UInt8(ascii: "="), !Self.isSpace(pending[i]) { i += 1 }
            let attrName = Self.localName(pending[nameStart..<i])
            while i < tagEnd, pending[i] != UInt8(ascii: "\""), pending[i] != UInt8(ascii: "'") { i += 1 }
            guard i < tagEnd else { break }
            let quote = pending[i]
            i += 1
            let valueStart = i
            while i < tagEnd, pending[i] != quote { i += 1 }
            attributes.append((attrName, Self.decode(pending[valueStart..<min(i, tagEnd)])))
            i += 1
        }
        sawElement = true
        if !selfClosing { open.append(Self.hash(name)) }
        try handler(.start(name: name, attributes: attributes, selfClosing: selfClosing))
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func localName(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) { return bytes[(colon + 1)...] }
        return bytes
    }

    /// Decodes XML entities (&amp; &lt; &gt; &quot; &apos; &#N; &#xN;).
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        var out = ""
        out.reserveCapacity(text.count)
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else {
                out += rest[amp...]
                return out
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16),
                   let scalar = UnicodeScalar(v) {
                    out.unicodeScalars.append(scalar)
                } else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let scalar = UnicodeScalar(v) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += rest[amp...semi]
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        out += rest
        return out
    }
}

extension ArraySlice where Element == UInt8 {
    func equals(_ ascii: String) -> Bool { elementsEqual(ascii.utf8) }
}

/// Reads an XLSX workbook: its sheet names, shared strings, and rows of a sheet, streamed.
public final class XLSXWorkbook {
    let archive: Archive
    let fileName: String
    let limits: ReadLimits
    public private(set) var sheets: [(name: String, path: String)] = []
    private var sharedStrings: [String] = []

    /// Opens `url` (an .xlsx file), or throws a LoadError saying why it is not a workbook.
    public init(url: URL, fileName: String, limits: ReadLimits = .standard) throws {
        self.fileName = fileName
        self.limits = limits
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw LoadError(
                file: fileName, reason: "not a readable XLSX workbook (ZIP container damaged or truncated): \(error)")
        }
        try readWorkbook()
        try readSharedStrings()
    }

    /// Opens an XLSX held in memory (e.g. a member of a ZIP archive).
    public init(data: Data, fileName: String, limits: ReadLimits = .standard) throws {
        self.fileName = fileName
        self.limits = limits
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw LoadError(file: fileName, reason: "not a readable XLSX workbook: \(error)")
        }
        try readWorkbook()
        try readSharedStrings()
    }

    /// Streams one XML part through a scanner, decompressed under the caps, and checks at
    /// its end that the part is whole (well-formed).
    private func scan(_ path: String, _ configure: (XMLScanner) -> Void = { _ in },
                      _ handler: (XMLScanner, XMLScanner.Event) throws -> Void) throws {
        guard let entry = archive[path] ?? archive[path.hasPrefix("/") ? String(path.dropFirst()) : "/" + path] else {
            throw LoadError(file: fileName, reason: "the workbook has no part \(path)")
        }
        let scanner = XMLScanner(fileName: fileName, part: path, limits: limits)
        configure(scanner)
        var meter = InflateMeter(file: fileName, entry: "the workbook part \(path)", compressed: Int(entry.compressedSize), limits: limits)
        var consumerError: (any Error)?
        do {
            let crc = try archive.extract(entry, bufferSize: 256 * 1024, skipCRC32: false) { data in
                do {
                    try meter.add(data.count)
                    try scanner.feed(data) { try handler(scanner, $0) }
                } catch {
                    consumerError = error
                    throw error
                }
            }
            try Self.checkCRC(crc, entry, file: fileName, what: "the workbook part \(path)")
        } catch {
            // Our own errors (a rejected file, a database error, a stop) pass through;
            // anything else is the container's fault.
            if let consumerError { throw consumerError }
            if let error = error as? LoadError { throw error }
            throw LoadError(file: fileName, reason: "cannot read the workbook part \(path): \(Self.describeZIPError(error)); nothing from the file was loaded",
                            hint: "download the file again")
        }
        try scanner.finish()
    }

    /// ZIPFoundation's streaming `extract` returns the CRC-32 of what it read without
    /// comparing it with the archive's: a damaged entry would pass unless checked here.
    static func checkCRC(_ crc: CRC32, _ entry: Entry, file: String, what: String) throws {
        guard crc == entry.checksum else {
            throw LoadError(
                file: file,
                reason: "\(what) fails its CRC-32 check (computed \(String(crc, radix: 16)), the archive says \(String(entry.checksum, radix: 16))): the data is damaged; nothing from the file was loaded",
                hint: "download the file again")
        }
    }

    /// ZIPFoundation's errors in words.
    static func describeZIPError(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("invalidCRC32") { return "its CRC-32 check fails, so the data is damaged" }
        if text.contains("unreadableArchive") || text.contains("missingEndOfCentralDirectory") {
            return "the ZIP container is damaged or truncated"
        }
        return text
    }

    private func readWorkbook() throws {
        var names: [(String, String)] = []
        try scan("xl/workbook.xml") { _, event in
            if case .start(let name, let attributes, _) = event, name.equals("sheet") {
                let sheetName = attributes.first { $0.0.equals("name") }?.1 ?? ""
                let rid = attributes.first { $0.0.equals("id") }?.1 ?? ""
                names.append((sheetName, rid))
            }
        }
        var targets: [String: String] = [:]
        try scan("xl/_rels/workbook.xml.rels") { _, event in
            if case .start(let name, let attributes, _) = event, name.equals("Relationship") {
                let id = attributes.first { $0.0.equals("Id") }?.1 ?? ""
                let target = attributes.first { $0.0.equals("Target") }?.1 ?? ""
                targets[id] = target
            }
        }
        sheets = names.map { name, rid in
            var target = targets[rid] ?? ""
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            return (name, target)
        }
    }

    private func readSharedStrings() throws {
        guard archive["xl/sharedStrings.xml"] != nil else { return }
        var current = ""
        var inPhonetic = false
        var inT = false
        var total = 0
        let limits = self.limits
        try scan("xl/sharedStrings.xml") { scanner, event in
            switch event {
            case .start(let name, _, let selfClosing):
                if name.equals("si") {
                    current = ""
                    if selfClosing { sharedStrings.append("") }
                } else if name.equals("rPh") {
                    inPhonetic = true
                } else if name.equals("t"), !selfClosing {
                    inT = !inPhonetic
                    scanner.wantText = inT
                }
            case .end(let name):
                if name.equals("si") {
                    total += current.utf8.count + 16
                    if total > limits.maxSharedStringBytes {
                        throw scanner.damaged("holds more than \(limits.maxSharedStringBytes >> 20) MB of shared strings, far beyond any NHS England workbook")
                    }
                    sharedStrings.append(current)
                } else if name.equals("rPh") {
                    inPhonetic = false
                } else if name.equals("t") {
                    inT = false
                    scanner.wantText = false
                }
            case .text(let text):
                if inT {
                    current += text
                    if current.utf8.count > limits.maxFieldBytes {
                        throw scanner.damaged("has a shared string longer than \(limits.maxFieldBytes >> 10) KiB, which no NHS England workbook has")
                    }
                }
            }
        }
    }

    /// Streams the rows of the sheet named `sheet` (or the first sheet), calling `onRow` for
    /// each row that has at least one cell. Empty rows in between are skipped. `onRow`
    /// returns false to stop reading.
    public func readRows(sheet: String? = nil, _ onRow: (SheetRow) throws -> Bool) throws {
        guard let target = sheet.flatMap({ name in sheets.first { $0.name == name } }) ?? sheets.first else {
            throw LoadError(file: fileName, reason: "the workbook has no worksheets")
        }
        var row = SheetRow(rowNumber: 0, cells: [])
        var rowCounter = 0
        var rowsRead = 0
        var sawSheetData = false
        let limits = self.limits
        var inRow = false
        var cellColumn = 0
        var cellType = "n"
        var cellText = ""
        var inValue = false
        var inCell = false
        let shared = sharedStrings
        func finishCell() {
            let value: SheetCell
            switch cellType {
            case "s":
                if let i = Int(cellText), i >= 0, i < shared.count {
                    value = shared[i].isEmpty ? .blank : .text(shared[i])
                } else {
                    value = .error("bad shared string index \(cellText)")
                }
            case "inlineStr", "str", "d":
                value = cellText.isEmpty ? .blank : .text(cellText)
            case "b":
                value = .bool(cellText == "1")
            case "e":
                value = .error(cellText)
            default:
                value = cellText.isEmpty ? .blank : .number(cellText)
            }
            if cellColumn >= row.cells.count {
                row.cells.append(contentsOf: repeatElement(.blank, count: cellColumn - row.cells.count + 1))
            }
            row.cells[cellColumn] = value
        }
        do {
        try scan(target.path) { scanner, event in
                switch event {
                case .start(let name, let attributes, let selfClosing):
                    if name.equals("sheetData") {
                        sawSheetData = true
                    } else if name.equals("row") {
                        rowsRead += 1
                        if rowsRead > limits.maxRowsPerSheet {
                            throw scanner.damaged("has more than \(limits.maxRowsPerSheet.formatted()) rows, more than Excel allows")
                        }
                        rowCounter += 1
                        let r = attributes.first { $0.0.equals("r") }.flatMap { Int($0.1) } ?? rowCounter
                        rowCounter = r
                        row = SheetRow(rowNumber: r, cells: [])
                        inRow = !selfClosing
                    } else if name.equals("c"), inRow {
                        if let ref = attributes.first(where: { $0.0.equals("r") })?.1 {
                            guard let column = Self.columnIndex(ref) else {
                                throw LoadError(
                                    file: fileName, line: row.rowNumber, value: ref,
                                    reason: "is not a cell reference within Excel's columns A to XFD: the workbook is damaged",
                                    hint: "download the file again")
                            }
                            cellColumn = column
                        } else {
                            cellColumn = row.cells.count
                        }
                        if cellColumn >= limits.maxFieldsPerRecord {
                            throw scanner.damaged("has a row with more than \(limits.maxFieldsPerRecord.formatted()) cells")
                        }
                        cellType = attributes.first { $0.0.equals("t") }?.1 ?? "n"
                        cellText = ""
                        inCell = !selfClosing
                        if selfClosing, cellColumn >= row.cells.count {
                            row.cells.append(contentsOf: repeatElement(.blank, count: cellColumn - row.cells.count + 1))
                        }
                    } else if inCell, name.equals("v") || name.equals("t") {
                        inValue = !selfClosing
                        scanner.wantText = inValue
                    }
                case .end(let name):
                    if name.equals("v") || name.equals("t") {
                        inValue = false
                        scanner.wantText = false
                    } else if name.equals("c"), inCell {
                        finishCell()
                        inCell = false
                    } else if name.equals("row"), inRow {
                        inRow = false
                        if !row.cells.isEmpty, try !onRow(row) { throw StopReading() }
                    }
                case .text(let text):
                    if inValue { cellText += text }
                }
        }
        } catch is StopReading {
            return
        }
        if !sawSheetData {
            throw LoadError(file: fileName, reason: "the sheet \(target.name) (\(target.path)) has no <sheetData>: it is not a worksheet, or is damaged",
                            hint: "download the file again")
        }
    }

    /// `AB12` → 27 (0-based column).
    /// The 0-based column of a cell reference such as `B7` or `XFD1`; nil beyond Excel's last
    /// column (XFD, 16,384), which only a damaged workbook has, so a corrupted reference can
    /// never size a row.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        for scalar in reference.unicodeScalars {
            let v = scalar.value
            if v >= 65, v <= 90 {
                index = index * 26 + Int(v - 64)
            } else if v >= 97, v <= 122 {
                index = index * 26 + Int(v - 96)
            } else {
                break
            }
            if index > 16_384 { return nil }
        }
        return max(index - 1, 0)
    }
}

extension XLSXWorkbook {
    /// The first rows of every sheet, for recognising the product (see `ProductRegistry`).
    /// A sheet that cannot be read (a chart sheet, a damaged part) is kept with the rows read
    /// before the problem, and the problem in `unreadable`; the data sheet is read in full
    /// later, which reports any damage in it.
    public func probe(rows limit: Int = FileProbe.rowsPerSheet) -> (probe: FileProbe, unreadable: [String: String]) {
        var sheets: [FileProbe.Sheet] = []
        var unreadable: [String: String] = [:]
        for sheet in self.sheets {
            var rows: [[String]] = []
            do {
                try readRows(sheet: sheet.name) { row in
                    rows.append(row.strings)
                    return rows.count < limit
                }
            } catch let error as LoadError {
                unreadable[sheet.name] = error.reason
            } catch {
                unreadable[sheet.name] = String(describing: error)
            }
            sheets.append(FileProbe.Sheet(name: sheet.name, rows: rows))
        }
        return (FileProbe(kind: .xlsx, sheets: sheets), unreadable)
    }
}
