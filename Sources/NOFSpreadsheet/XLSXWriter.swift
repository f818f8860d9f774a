import Foundation
import ZIPFoundation

/// Writes an XLSX workbook as Excel does: shared strings, a date style, one part per sheet.
/// Used for the sample files and for `nofdb report --format xlsx`.
public enum XLSXWriter {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    public static func write(_ sheets: [WorkbookSheet], to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        var strings: [String] = []
        var stringIndex: [String: Int] = [:]
        func sst(_ s: String) -> Int {
            if let i = stringIndex[s] { return i }
            strings.append(s)
            stringIndex[s] = strings.count - 1
            return strings.count - 1
        }
        // Styles: 0 default, 1 a date ("mmm-yy"), 2 a bold header, then one per number format.
        let formats = Array(Set(sheets.flatMap { $0.numberFormats.values } + sheets.flatMap { $0.cellNumberFormats.values.flatMap(\.values) })).sorted()
        let formatStyle = Dictionary(uniqueKeysWithValues: formats.enumerated().map { ($0.element, $0.offset + 3) })
        var sheetXML: [String] = []
        var totalStrings = 0
        for sheet in sheets {
            let columns = sheet.rows.map(\.count).max() ?? 0
            var xml = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                """
            if sheet.header {
                xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
            }
            if let widths = sheet.columnWidths, !widths.isEmpty {
                xml += "<cols>" + widths.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\(format($0.element))\" customWidth=\"1\"/>" }.joined() + "</cols>"
            }
            xml += "<sheetData>"
            for (r, row) in sheet.rows.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() {
                    let ref = columnName(c) + String(r + 1)
                    let isHeader = sheet.header && r == 0
                    let styled = isHeader ? nil : (sheet.cellNumberFormats[r]?[c] ?? sheet.numberFormats[c]).flatMap { formatStyle[$0] }
                    switch cell {
                    case .empty: xml += "<c r=\"\(ref)\"/>"
                    case .text(let t):
                        totalStrings += 1
                        xml += "<c r=\"\(ref)\"\(isHeader ? " s=\"2\"" : "") t=\"s\"><v>\(sst(t))</v></c>"
                    case .number(let n):
                        xml += "<c r=\"\(ref)\"\(styled.map { " s=\"\($0)\"" } ?? "")><v>\(format(n))</v></c>"
                    case .formula(let n):
                        // A formula and its cached result, as Excel writes them (the expression
                        // here is the constant itself).
                        xml += "<c r=\"\(ref)\"\(styled.map { " s=\"\($0)\"" } ?? "")><f>\(format(n))</f><v>\(format(n))</v></c>"
                    case .date(let y, let m, let d):
                        xml += "<c r=\"\(ref)\" s=\"\(styled ?? 1)\"><v>\(excelSerial(year: y, month: m, day: d))</v></c>"
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData>"
            if sheet.header, sheet.rows.count > 1, columns > 0 {
                xml += "<autoFilter ref=\"\(filterRange(sheet))\"/>"
            }
            xml += "</worksheet>"
            sheetXML.append(xml)
        }
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedArchiveDate,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\(sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheets.enumerated().map { "<sheet name=\"\(escape($0.element.name))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined())</sheets>\(definedNames(sheets))</workbook>
            """)
        let n = sheets.count
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())<Relationship Id="rId\(n + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId\(n + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """)
        let numFmts = formats.isEmpty ? "" : "<numFmts count=\"\(formats.count)\">" + formats.enumerated().map { "<numFmt numFmtId=\"\($0.offset + 164)\" formatCode=\"\(escape($0.element))\"/>" }.joined() + "</numFmts>"
        let formatXfs = formats.indices.map { "<xf numFmtId=\"\($0 + 164)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" }.joined()
        try add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\(numFmts)<fonts count="2"><font><sz val="10"/><name val="Arial"/></font><font><b/><sz val="10"/><name val="Arial"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="\(3 + formats.count)"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="17" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\(formatXfs)</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """)
        for (i, xml) in sheetXML.enumerated() { try add("xl/worksheets/sheet\(i + 1).xml", xml) }
        try add("xl/sharedStrings.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(totalStrings)" uniqueCount="\(strings.count)">\(strings.map { $0.isEmpty ? "<si><t/></si>" : "<si><t>\(escape($0))</t></si>" }.joined())</sst>
            """)
    }

    /// The range an autofilter covers: the header and every row under it.
    static func filterRange(_ sheet: WorkbookSheet) -> String {
        let columns = sheet.rows.map(\.count).max() ?? 1
        return "A1:\(columnName(max(columns - 1, 0)))\(max(sheet.rows.count, 1))"
    }

    /// Excel names each autofilter's range (_xlnm._FilterDatabase, hidden, per sheet).
    static func definedNames(_ sheets: [WorkbookSheet]) -> String {
        let names = sheets.enumerated().filter { $0.element.header && $0.element.rows.count > 1 }.map { i, sheet -> String in
            let range = filterRange(sheet).split(separator: ":").map { part -> String in
                let letters = part.prefix { $0.isLetter }, digits = part.drop { $0.isLetter }
                return "$\(letters)$\(digits)"
            }.joined(separator: ":")
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            return "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">\(escape(quoted))!\(range)</definedName>"
        }
        return names.isEmpty ? "" : "<definedNames>" + names.joined() + "</definedNames>"
    }

    static func format(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }
}
