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

    /// Feeds bytes and calls `handler` for each complete event.
    func feed(_ chunk: Data, _ handler: (Event) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        var pos = 0
        let n = pending.count
        while pos < n {
            if pending[pos] == UInt8(ascii: "<") {
                guard let gt = pending[pos...].firstIndex(of: UInt8(ascii: ">")) else { break }
                try handleTag(pos + 1, gt, handler)
                pos = gt + 1
            } else {
                let lt = pending[pos...].firstIndex(of: UInt8(ascii: "<")) ?? n
                if lt == n { break }  // text may continue in the next chunk
                if wantText {
                    try handler(.text(Self.decode(pending[pos..<lt])))
                }
                pos = lt
            }
        }
        if pos > 0 { pending.removeFirst(pos) }
    }

    private func handleTag(_ start: Int, _ end: Int, _ handler: (Event) throws -> Void) throws {
        guard start < end else { return }
        let first = pending[start]
        if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { return }
        if first == UInt8(ascii: "/") {
            try handler(.end(name: Self.localName(pending[(start + 1)..<end])))
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
    public private(set) var sheets: [(name: String, path: String)] = []
    private var sharedStrings: [String] = []

    /// Opens `url` (an .xlsx file), or throws a LoadError saying why it is not a workbook.
    public init(url: URL, fileName: String) throws {
        self.fileName = fileName
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
    public init(data: Data, fileName: String) throws {
        self.fileName = fileName
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw LoadError(file: fileName, reason: "not a readable XLSX workbook: \(error)")
        }
        try readWorkbook()
        try readSharedStrings()
    }

    private func stream(_ path: String, _ body: (Data) throws -> Void) throws {
        guard let entry = archive[path] ?? archive[path.hasPrefix("/") ? String(path.dropFirst()) : "/" + path] else {
            throw LoadError(file: fileName, reason: "the workbook has no part \(path)")
        }
        var consumerError: (any Error)?
        do {
            _ = try archive.extract(entry, bufferSize: 256 * 1024, skipCRC32: false) { data in
                do {
                    try body(data)
                } catch {
                    consumerError = error
                    throw error
                }
            }
        } catch {
            // Our own errors (a rejected file, a database error, a stop) pass through;
            // anything else is the container's fault.
            if let consumerError { throw consumerError }
            throw LoadError(file: fileName, reason: "cannot read \(path) from the workbook: \(error)")
        }
    }

    private func readWorkbook() throws {
        var names: [(String, String)] = []
        let scanner = XMLScanner()
        try stream("xl/workbook.xml") { data in
            try scanner.feed(data) { event in
                if case .start(let name, let attributes, _) = event, name.equals("sheet") {
                    let sheetName = attributes.first { $0.0.equals("name") }?.1 ?? ""
                    let rid = attributes.first { $0.0.equals("id") }?.1 ?? ""
                    names.append((sheetName, rid))
                }
            }
        }
        var targets: [String: String] = [:]
        let relScanner = XMLScanner()
        try stream("xl/_rels/workbook.xml.rels") { data in
            try relScanner.feed(data) { event in
                if case .start(let name, let attributes, _) = event, name.equals("Relationship") {
                    let id = attributes.first { $0.0.equals("Id") }?.1 ?? ""
                    let target = attributes.first { $0.0.equals("Target") }?.1 ?? ""
                    targets[id] = target
                }
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
        let scanner = XMLScanner()
        var current = ""
        var inPhonetic = false
        var inT = false
        try stream("xl/sharedStrings.xml") { data in
            try scanner.feed(data) { event in
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
                        sharedStrings.append(current)
                    } else if name.equals("rPh") {
                        inPhonetic = false
                    } else if name.equals("t") {
                        inT = false
                        scanner.wantText = false
                    }
                case .text(let text):
                    if inT { current += text }
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
        let scanner = XMLScanner()
        var row = SheetRow(rowNumber: 0, cells: [])
        var rowCounter = 0
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
        try stream(target.path) { data in
            try scanner.feed(data) { event in
                switch event {
                case .start(let name, let attributes, let selfClosing):
                    if name.equals("row") {
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
        }
        } catch is StopReading {
            return
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
