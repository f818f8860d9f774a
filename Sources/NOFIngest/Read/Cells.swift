import Foundation

/// A cell read as a whole number: blank (NULL), a value, or something that is not one.
public enum IntCell: Equatable {
    case blank
    case value(Int)
    case invalid
}

/// A cell read as an exact decimal, kept as normalised text (`43.5`) so nothing is rounded.
public enum DecimalCell: Equatable {
    case blank
    case value(String)
    case invalid
}

/// One row of cells from any container (CSV record, XLSX or XLS sheet row), with the
/// readers the normalisers need. Values are read on demand, never all converted up front.
public protocol RowCells {
    /// Cells in the row (trailing cells may be missing).
    var cellCount: Int { get }
    /// The 1-based line (CSV) or row number (spreadsheet) for messages.
    var rowNumber: Int { get }
    /// The cell's text with surrounding spaces removed ("" when blank or missing).
    func text(_ i: Int) -> String
    /// The cell as written, for reject messages.
    func raw(_ i: Int) -> String
    func isBlank(_ i: Int) -> Bool
    func integer(_ i: Int) -> IntCell
    func decimal(_ i: Int) -> DecimalCell
    /// False when the cell's bytes are not UTF-8 (e.g. Windows-1252 from an old export).
    func isValidText(_ i: Int) -> Bool
}

extension RowCells {
    /// Every cell blank (e.g. `,,,,,`): not data.
    public var isBlankRow: Bool {
        (0..<cellCount).allSatisfy { isBlank($0) }
    }

    /// All cells as trimmed strings (for headers and preambles).
    public var strings: [String] { (0..<cellCount).map { text($0) } }
}

/// Parses ASCII digits (with an optional sign and surrounding spaces, and thousands
/// separators in the usual places) as an Int. Returns nil when the bytes are not a number.
@inlinable
func parseInteger(_ raw: UnsafeRawBufferPointer) -> Int? {
    var start = 0
    var end = raw.count
    while start < end, raw[start] == 0x20 || raw[start] == 0x09 { start += 1 }
    while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 { end -= 1 }
    guard start < end else { return nil }
    var negative = false
    if raw[start] == UInt8(ascii: "-") {
        negative = true
        start += 1
    } else if raw[start] == UInt8(ascii: "+") {
        start += 1
    }
    guard start < end else { return nil }
    var value = 0
    var digits = 0
    var sinceComma = -1
    for i in start..<end {
        let b = raw[i]
        if b >= 48, b <= 57 {
            value = value &* 10 &+ Int(b - 48)
            digits += 1
            if sinceComma >= 0 { sinceComma += 1 }
            if digits > 18 { return nil }
        } else if b == 0x2C, digits > 0, sinceComma == -1 || sinceComma == 3 {
            if sinceComma == -1, digits > 3 { return nil }
            sinceComma = 0
        } else if b == UInt8(ascii: "."), i + 1 < end {
            // 12.0 is a whole number; 12.5 is not.
            for j in (i + 1)..<end where raw[j] != 48 { return nil }
            break
        } else {
            return nil
        }
    }
    if sinceComma != -1, sinceComma != 3 { return nil }
    guard digits > 0 else { return nil }
    return negative ? -value : value
}

/// Validates and normalises a decimal number (`43.5`, `-0.25`, `1e-3`); nil when not one.
func normaliseDecimal(_ text: String) -> String? {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty else { return nil }
    var sawDigit = false
    var sawDot = false
    var index = t.startIndex
    if t[index] == "-" || t[index] == "+" { index = t.index(after: index) }
    var plain = true
    while index < t.endIndex {
        let c = t[index]
        if c.isASCII, c.isNumber {
            sawDigit = true
        } else if c == ".", !sawDot {
            sawDot = true
        } else {
            plain = false
            break
        }
        index = t.index(after: index)
    }
    if plain, sawDigit { return t.hasPrefix("+") ? String(t.dropFirst()) : t }
    // Scientific notation, as spreadsheets sometimes store fractions.
    if let value = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN,
       t.range(of: "^[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?$", options: .regularExpression) != nil {
        return NSDecimalNumber(decimal: value).stringValue
    }
    return nil
}

extension CSVRecord: RowCells {
    public var cellCount: Int { count }
    public var rowNumber: Int { line }

    public func text(_ i: Int) -> String {
        withField(i) { raw in
            var start = 0
            var end = raw.count
            while start < end, raw[start] == 0x20 || raw[start] == 0x09 { start += 1 }
            while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 { end -= 1 }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<end]), as: UTF8.self)
        }
    }

    public func raw(_ i: Int) -> String {
        withField(i) { raw in
            if let text = String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) { return text }
            // Show undecodable bytes as \xNN so the user can find them.
            return raw.map { $0 < 0x80 ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
        }
    }

    public func isBlank(_ i: Int) -> Bool {
        withField(i) { raw in raw.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    public func integer(_ i: Int) -> IntCell {
        withField(i) { raw in
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
            if let v = parseInteger(raw) { return .value(v) }
            return .invalid
        }
    }

    public func decimal(_ i: Int) -> DecimalCell {
        if isBlank(i) { return .blank }
        return normaliseDecimal(text(i)).map { .value($0) } ?? .invalid
    }

    public func isValidText(_ i: Int) -> Bool { isValidUTF8(i) }
}

/// A cell value read from a spreadsheet.
public enum SheetCell: Equatable, Sendable {
    case blank
    case text(String)
    /// A number as the file writes it (XLSX keeps the text, so `43.5` stays exact).
    case number(String)
    case bool(Bool)
    case error(String)
}

/// One row of a spreadsheet (XLSX or XLS).
public struct SheetRow: RowCells, Sendable {
    public var rowNumber: Int
    public var cells: [SheetCell]

    public init(rowNumber: Int, cells: [SheetCell]) {
        self.rowNumber = rowNumber
        self.cells = cells
    }

    public var cellCount: Int { cells.count }

    func cell(_ i: Int) -> SheetCell { i < cells.count ? cells[i] : .blank }

    public func text(_ i: Int) -> String {
        switch cell(i) {
        case .blank: return ""
        case .text(let t): return t.trimmingCharacters(in: .whitespaces)
        case .number(let n):
            if let v = Double(n), v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
            return n
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        }
    }

    public func raw(_ i: Int) -> String {
        switch cell(i) {
        case .blank: return ""
        case .text(let t): return t
        case .number(let n): return n
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        }
    }

    public func isBlank(_ i: Int) -> Bool {
        switch cell(i) {
        case .blank: return true
        case .text(let t): return t.allSatisfy { $0 == " " || $0 == "\t" }
        default: return false
        }
    }

    public func integer(_ i: Int) -> IntCell {
        switch cell(i) {
        case .blank: return .blank
        case .number(let n):
            guard let v = Double(n), v == v.rounded(), abs(v) < 1e15 else { return .invalid }
            return .value(Int(v))
        case .text(let t):
            if t.allSatisfy({ $0 == " " }) { return .blank }
            var t = t
            return t.withUTF8 { parseInteger(UnsafeRawBufferPointer($0)) }.map { .value($0) } ?? .invalid
        default: return .invalid
        }
    }

    public func decimal(_ i: Int) -> DecimalCell {
        switch cell(i) {
        case .blank: return .blank
        case .number(let n), .text(let n):
            if n.allSatisfy({ $0 == " " }) { return .blank }
            return normaliseDecimal(n).map { .value($0) } ?? .invalid
        default: return .invalid
        }
    }

    public func isValidText(_ i: Int) -> Bool { true }
}
