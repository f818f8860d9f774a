import Foundation

/// How cells are shown to people (terminal tables, Markdown, HTML): counts with thousands
/// separators, each number column at one fixed number of decimals, organisation names
/// published in capitals in title case. CSV and JSON keep the raw values.
public enum ReportFormat {
    /// Digits grouped in threes: "184850" → "184,850", "-1234.5" → "-1,234.5".
    public static func grouped(_ text: String) -> String {
        var body = Substring(text)
        var sign = ""
        if body.first == "-" || body.first == "+" { sign = String(body.removeFirst()) }
        let dot = body.firstIndex(of: ".")
        let whole = dot.map { body[..<$0] } ?? body
        guard whole.count > 3, whole.allSatisfy(\.isASCIIDigit) else { return text }
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return sign + out + (dot.map { String(body[$0...]) } ?? "")
    }

    /// Columns whose integers are identifiers or years, never grouped.
    static func isIdentifier(_ name: String) -> Bool {
        let n = name.lowercased()
        return n == "load" || n == "id" || n.hasSuffix("_id") || n.contains("year") || n.hasSuffix("code") || n == "rank"
            || n == "segment" || n.hasPrefix("load_")
    }

    /// Columns holding organisation names (shown in title case when published in capitals).
    static func isName(_ name: String) -> Bool {
        let n = name.lowercased()
        return n == "org_name" || n == "name" || n.hasSuffix("_name") && !n.hasPrefix("standard") && !n.hasPrefix("file")
            || n == "provider" || n == "trust" || n == "organisation" || n == "successor" || n == "predecessor"
    }

    /// The display text of every cell of a table.
    public static func cells(_ table: ReportTable) -> [[String]] {
        // Fixed per column, or per unit where the table gives each row's unit (a count beside
        // percentages keeps no decimals).
        let unitColumn = table.columnIndex("unit")
        let unitKeys = table.rows.map { row in unitColumn.map { row[$0].display } ?? "" }
        let decimals = table.columns.indices.map { c -> [String: Int]? in
            guard table.columns[c].kind == .number else { return nil }
            var byUnit: [String: [ReportCell]] = [:]
            for (r, row) in table.rows.enumerated() { byUnit[unitKeys[r], default: []].append(row[c]) }
            return byUnit.mapValues(fixedDecimals)
        }
        let identifier = table.columns.map { isIdentifier($0.name) }
        let names = table.columns.map { isName($0.name) }
        let formats = formats(table)
        return table.rows.enumerated().map { r, row in
            row.indices.map { c in
                let cell = row[c]
                let format = formats[c] == .byUnit ? table.cellFormat(row: r, column: c) : formats[c]
                if let format, let shown = formatted(cell, format) { return shown }
                switch cell {
                case .integer(let i): return identifier[c] ? String(i) : grouped(String(i))
                case .number(let n):
                    guard let d = decimals[c]?[unitKeys[r]], let v = Double(n) else { return n }
                    let fixed = String(format: "%.\(d)f", v)
                    return identifier[c] ? fixed : grouped(fixed)
                case .text(let t): return names[c] ? titleCase(t) : t
                default: return cell.display
                }
            }
        }
    }

    /// One number of decimals for a column: as many as its values have, at most 2 (4 when
    /// every value is below 1 in size, so small shares do not all read 0.00).
    static func fixedDecimals(_ cells: [ReportCell]) -> Int {
        var most = 0
        var allSmall = true
        var any = false
        for cell in cells {
            guard case .number(let n) = cell, let v = Double(n) else { continue }
            any = true
            if abs(v) >= 1 { allSmall = false }
            if let dot = n.firstIndex(of: ".") {
                let digits = n[n.index(after: dot)...].prefix { $0.isASCIIDigit }
                most = max(most, digits.count)
            }
        }
        guard any else { return 0 }
        return min(most, allSmall ? 4 : 2)
    }

    static let acronyms: Set<String> = ["NHS", "ICB", "UK", "CIC", "LLP", "PLC", "GP", "ICS", "CCG", "IOW", "BMI", "HCA", "UCLH", "NW", "NE", "SE", "SW"]
    static let minorWords: Set<String> = ["AND", "OF", "THE", "FOR", "IN", "ON", "AT", "UPON", "WITH", "TO"]

    /// "THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST" → "The Newcastle upon Tyne
    /// Hospitals NHS Foundation Trust". Names with any lower-case letter are left as published.
    public static func titleCase(_ name: String) -> String {
        // "POOLE HOSPITAL NHS FOUNDATION TRUST (to Sep-2020; merged …)": the capitals before a note.
        if let open = name.range(of: " ("), name[..<open.lowerBound].contains(where: \.isLetter),
           !name[..<open.lowerBound].contains(where: \.isLowercase), name[open.lowerBound...].contains(where: \.isLowercase) {
            return titleCase(String(name[..<open.lowerBound])) + String(name[open.lowerBound...])
        }
        guard name.contains(where: \.isLetter), !name.contains(where: \.isLowercase) else { return name }
        var first = true
        return name.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            defer { if !word.isEmpty { first = false } }
            let w = String(word)
            if acronyms.contains(w.trimmingCharacters(in: .punctuationCharacters)) { return w }
            if !first, minorWords.contains(w) { return w.lowercased() }
            // Capitalise each part of a hyphenated or apostrophised word: "KING'S", "STOKE-ON-TRENT".
            var out = ""
            var startOfPart = true
            for ch in w {
                out += startOfPart ? String(ch).uppercased() : String(ch).lowercased()
                startOfPart = ch == "-" || ch == "(" || ch == "/" || ch == "&"
            }
            // Only hyphenated words can hold "-On-" (most cannot: skip the Foundation search).
            guard out.utf8.contains(UInt8(ascii: "-")) else { return out }
            return out.replacingOccurrences(of: "-On-", with: "-on-").replacingOccurrences(of: "-Upon-", with: "-upon-")
        }.joined(separator: " ")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
