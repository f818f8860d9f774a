import Foundation
@testable import NOFIngest
import Testing

@Suite("CSV parser")
struct CSVParserTests {
    func parse(_ text: String, chunk: Int = 3) throws -> [(line: Int, fields: [String])] {
        try parse(bytes: Array(text.utf8), chunk: chunk)
    }

    func parse(bytes: [UInt8], chunk: Int = 3, encoding: TextEncoding = .utf8) throws -> [(line: Int, fields: [String])] {
        let parser = CSVParser(fileName: "t.csv", encoding: encoding)
        var out: [(Int, [String])] = []
        var i = 0
        let handle: (inout CSVRecord) throws -> Void = { r in out.append((r.line, (0..<r.count).map { r.raw($0) })) }
        while i < bytes.count {
            let end = min(i + chunk, bytes.count)
            try bytes[i..<end].withUnsafeBytes { try parser.feed($0, handle) }
            i = end
        }
        try parser.finish(handle)
        return out
    }

    /// The parser's rules one byte at a time, without its fast paths: the oracle for
    /// `fastPathsMatchByteByByte` (fields of each record; blank check as the parser's).
    static func reference(_ bytes: [UInt8]) -> [[String]]? {
        enum S { case start, unquoted, quoted, quoteInQuoted }
        var records: [[String]] = [], fields: [String] = [], field: [UInt8] = []
        var state = S.start, hasContent = false, lastWasCR = false
        func endField() { fields.append(String(decoding: field, as: UTF8.self)); field = [] }
        func endRecord() { endField(); records.append(fields); fields = []; hasContent = false; state = .start }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if lastWasCR {
                lastWasCR = false
                if b == 0x0A { i += 1; continue }
            }
            switch state {
            case .start:
                hasContent = true
                if b == 0x22 { state = .quoted } else if b == 0x2C { endField() } else if b == 0x0A || b == 0x0D {
                    endRecord(); lastWasCR = b == 0x0D
                } else { state = .unquoted; continue }
            case .unquoted:
                if b == 0x2C { endField(); state = .start } else if b == 0x0A || b == 0x0D {
                    endRecord(); lastWasCR = b == 0x0D
                } else { field.append(b) }
            case .quoted:
                if b == 0x22 { state = .quoteInQuoted } else { field.append(b) }
            case .quoteInQuoted:
                if b == 0x22 { field.append(b); state = .quoted } else if b == 0x2C { endField(); state = .start } else if b == 0x0A || b == 0x0D {
                    endRecord(); lastWasCR = b == 0x0D
                } else { state = .unquoted; continue }
            }
            i += 1
        }
        if state == .quoted { return nil }
        if state == .start && !hasContent { return records }
        endRecord()
        return records
    }

    @Test("the run-at-a-time fast paths give what the rules byte by byte give, at every chunk size (random inputs)")
    func fastPathsMatchByteByByte() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("a1 ,,,\"\"\n\r".utf8)
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? 0x61 }
            let text = String(decoding: bytes, as: UTF8.self).debugDescription
            let expected = Self.reference(bytes)
            var lines: [Int]?
            for chunk in [1, 2, 3, 7, 64] {
                guard let expected else {
                    #expect(throws: LoadError.self, "\(text), chunk \(chunk)") { try parse(bytes: bytes, chunk: chunk) }
                    continue
                }
                let rows = try parse(bytes: bytes, chunk: chunk)
                #expect(rows.map(\.fields) == expected, "\(text), chunk \(chunk)")
                if let lines { #expect(rows.map(\.line) == lines, "\(text), chunk \(chunk)") } else { lines = rows.map(\.line) }
            }
        }
        // Blank records (only commas and spaces) are blank however the commas were read.
        for text in [",,,", " , ,", ",\"\",", "\"\",,"] {
            let parser = CSVParser(fileName: "t.csv")
            var blank: [Bool] = []
            try Array((text + "\nx,,\n").utf8).withUnsafeBytes { try parser.feed($0) { blank.append($0.isBlank) } }
            #expect(blank == [true, false], "\(text)")
        }
    }

    @Test("quotes, commas and doubled quotes inside fields; CRLF; fed in tiny chunks")
    func quoting() throws {
        let rows = try parse("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,2,3\r\n")
        #expect(rows.map(\.fields) == [["a", "b, c", "say \"hi\""], ["1", "2", "3"]])
        #expect(rows.map(\.line) == [1, 2])
    }

    @Test("Windows-1252 is transcoded to UTF-8 whatever the chunk boundaries; UTF-8 is left alone")
    func windows1252() throws {
        // "HÔPITAL", "€5", "Smith’s – A&E" with Ô = 0xD4, € = 0x80, ’ = 0x92, – = 0x96; 0x81 is undefined.
        let bytes: [UInt8] = Array("H".utf8) + [0xD4] + Array("PITAL,".utf8) + [0x80] + Array("5,\"Smith".utf8) + [0x92]
            + Array("s ".utf8) + [0x96] + Array(" A&E\"\r\nx,".utf8) + [0x81] + Array(",y\r\n".utf8)
        for chunk in [1, 2, 5, 1 << 20] {
            let rows = try parse(bytes: bytes, chunk: chunk, encoding: .windows1252)
            #expect(rows.map(\.fields) == [["HÔPITAL", "€5", "Smith’s – A&E"], ["x", "\u{81}", "y"]], "chunk \(chunk)")
        }
        let utf8 = try parse(bytes: Array("HÔPITAL,€\n".utf8), chunk: 1)
        #expect(utf8.map(\.fields) == [["HÔPITAL", "€"]])
        #expect(TextEncoding(name: "CP1252") == .windows1252 && TextEncoding(name: "utf8") == .utf8 && TextEncoding(name: "latin9") == nil)
    }

    @Test("a BOM is removed; LF, CR and a last line without newline all end records")
    func bomAndLineEnds() throws {
        let rows = try parse("\u{FEFF}h1,h2\nx,y\ry,z", chunk: 1)
        #expect(rows.map(\.fields) == [["h1", "h2"], ["x", "y"], ["y", "z"]])
    }

    @Test("embedded newlines keep counting physical lines; blank lines are records of one empty field")
    func embeddedNewline() throws {
        let rows = try parse("a,\"two\nlines\"\n\nb,c\n")
        #expect(rows.map(\.fields) == [["a", "two\nlines"], [""], ["b", "c"]])
        #expect(rows.map(\.line) == [1, 3, 4])
    }

    @Test("an unclosed quote is an error naming its line")
    func unclosedQuote() {
        let error = #expect(throws: LoadError.self) { try parse("a,b\n1,\"oops\n2,3\n") }
        #expect(error?.line == 2)
        #expect(error?.reason.contains("never closed") == true)
    }

    @Test("a field over the limit is refused with a hint about quotes")
    func hugeField() {
        let parser = CSVParser(fileName: "big.csv", maxFieldBytes: 1000)
        let text = "a,b\n" + String(repeating: "x", count: 5000) + ",1\n"
        let error = #expect(throws: LoadError.self) {
            try Array(text.utf8).withUnsafeBytes { try parser.feed($0) { _ in } }
        }
        #expect(error?.line == 2)
        #expect(error?.hint?.contains("unclosed double quote") == true)
    }

    @Test("integers: spaces, signs, thousands separators, .0; blanks and text are told apart")
    func integers() throws {
        let rows = try parse(" 12 ,-3,\"1,234\",7.0,7.5,,abc,1,23\n")
        let parser = CSVParser(fileName: "x")
        var record = CSVRecord()
        try Array(" 12 ,-3,\"1,234\",7.0,7.5,,abc\n".utf8).withUnsafeBytes { try parser.feed($0) { record = $0 } }
        #expect(record.integer(0) == .value(12))
        #expect(record.integer(1) == .value(-3))
        #expect(record.integer(2) == .value(1234))
        #expect(record.integer(3) == .value(7))
        #expect(record.integer(4) == .invalid)
        #expect(record.integer(5) == .blank)
        #expect(record.integer(6) == .invalid)
        #expect(rows.count == 1)
    }
}
