import Foundation
import NOFCore
@testable import NOFIngest
import Testing
import TestSupport

@Suite("the load guards and the readers' integrity checks (no database)")
struct GuardTests {
    @Test("a replacement that loses providers or rows is held back; --allow-shrink accepts it, flagged")
    func shrink() {
        let rule = SliceGuard()
        #expect(rule.verdict(SliceStats(storedRows: 207, newRows: 207, storedProviders: 207, newProviders: 207)) == .accept)
        #expect(rule.verdict(SliceStats(storedRows: 207, newRows: 190, storedProviders: 207, newProviders: 207)) == .accept, "92% is enough")
        guard case .holdBack(let rows) = rule.verdict(SliceStats(storedRows: 248, newRows: 29, storedProviders: 248, newProviders: 29)) else {
            Issue.record("a month cut to 29 rows must be held back"); return
        }
        #expect(rows.contains("rows would fall from 248 to 29 (12%)") && rows.contains("--allow-shrink"))
        guard case .holdBack(let lost) = rule.verdict(SliceStats(storedRows: 207, newRows: 207, storedProviders: 207, newProviders: 206,
                                                                 lost: ["RBD"])) else {
            Issue.record("one lost provider must hold the month back"); return
        }
        #expect(lost.contains("1 of the 207 providers loaded now would disappear (RBD)"))
        let many = SliceStats(storedRows: 100, newRows: 100, storedProviders: 20, newProviders: 10, lost: (1...10).map { "R\($0)" })
        if case .holdBack(let text) = rule.verdict(many) { #expect(text.contains("and 2 more")) } else { Issue.record("held back") }
        guard case .flag(let accepted) = SliceGuard(allowShrink: true).verdict(many) else { Issue.record("--allow-shrink accepts"); return }
        #expect(accepted.contains("accepted with --allow-shrink"))
    }

    @Test("a first load much thinner than its neighbouring months is loaded but flagged")
    func thinFirstLoad() {
        let rule = SliceGuard()
        #expect(rule.verdict(SliceStats(storedRows: nil, newRows: 512, storedProviders: nil, newProviders: 1)) == .accept, "no neighbours: nothing to compare")
        #expect(rule.verdict(SliceStats(storedRows: nil, newRows: 180_000, storedProviders: nil, newProviders: 160, neighbourProviders: 170)) == .accept)
        guard case .flag(let text) = rule.verdict(SliceStats(storedRows: nil, newRows: 512, storedProviders: nil, newProviders: 1, neighbourProviders: 170))
        else { Issue.record("flagged"); return }
        #expect(text.contains("1 providers where the neighbouring months have up to 170"))
    }

    @Test("a month with under 5% of the file's largest month is stray rows; multi-month files are not")
    func strays() {
        let nov = YearMonth(year: 2021, month: 11)!, oct = YearMonth(year: 2021, month: 10)!
        #expect(StrayMonths.find([nov: 206, oct: 1]) == [oct])
        #expect(StrayMonths.find([nov: 206]).isEmpty)
        let ambsys = Dictionary(uniqueKeysWithValues: (1...42).map { (YearMonth(year: 2017, month: 8)!.adding(months: $0), 19) })
        #expect(StrayMonths.find(ambsys).isEmpty)
        #expect(StrayMonths.find([nov: 100, oct: 5]).isEmpty, "5% exactly is a month")
    }

    @Test("a CSV cut inside its last record is refused with its line and byte; cut at a line break it is read")
    func cutCSV() throws {
        let header = LayoutRegistry.aeA.joined(separator: ",")
        let whole = header + "\r\n" + NormaliserTests.aeRBD16 + "\r\n"
        let cut = String(whole.dropLast(12))
        let error = #expect(throws: LoadError.self) { try Normalise.csv(cut, name: "cut.csv") }
        #expect(error?.reason.contains("the file ends inside line 2") == true, "\(error?.description ?? "")")
        #expect(error?.reason.contains("the file has \(cut.utf8.count) bytes") == true)
        #expect(error?.reason.contains("looks cut short") == true)
        // Without a trailing line break but whole: fine (published files end either way).
        #expect(try Normalise.csv(String(whole.dropLast(2))).copy[.ae]?.count == 1)
        // Inside a quoted field.
        let quote = #expect(throws: LoadError.self) { try Normalise.csv(header + "\r\nMSitAE-April-2018,RBD,\"NHS ENGLAND") }
        #expect(quote?.reason.contains("ends inside a quoted field") == true)
    }

    @Test("a NUL byte fails the file with its line, column and byte")
    func nul() throws {
        var bytes = Array((LayoutRegistry.aeA.joined(separator: ",") + "\r\n" + NormaliserTests.aeRBD16 + "\r\n").utf8)
        let at = bytes.count - 10
        bytes[at] = 0
        let error = #expect(throws: LoadError.self) { try Normalise.bytes(bytes, name: "nul.csv") }
        #expect(error?.line == 2 && error?.column == "#13", "\(error?.description ?? "")")
        #expect(error?.reason.contains("NUL byte (0x00) at byte \(at.formatted())") == true)
    }

    @Test("a record with more fields than the cap is refused")
    func tooManyFields() {
        let parser = CSVParser(fileName: "wide.csv", maxFieldBytes: 1 << 20, maxFields: 100)
        let line = Array((String(repeating: "a,", count: 200) + "\n").utf8)
        let error = #expect(throws: LoadError.self) { try line.withUnsafeBytes { try parser.feed($0) { _ in } } }
        #expect(error?.reason.contains("more than 100 fields") == true)
    }

    @Test("XML parts must be well-formed: cut short, a stray closing tag, a giant tag or text all fail")
    func xml() throws {
        func scan(_ text: String, limits: ReadLimits = .standard) throws {
            let scanner = XMLScanner(fileName: "book.xlsx", part: "xl/worksheets/sheet1.xml", limits: limits)
            scanner.wantText = true
            try scanner.feed(Data(text.utf8)) { _ in }
            try scanner.finish()
        }
        try scan("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>")
        let cut = #expect(throws: LoadError.self) { try scan("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>") }
        #expect(cut?.reason.contains("ends inside <worksheet> <sheetData> <row>") == true, "\(cut?.description ?? "")")
        let stray = #expect(throws: LoadError.self) { try scan("<worksheet><sheetData></row></sheetData></worksheet>") }
        #expect(stray?.reason.contains("closes </row> inside <sheetData>") == true, "\(stray?.description ?? "")")
        var small = ReadLimits()
        small.maxTagBytes = 64
        small.maxFieldBytes = 64
        let tag = #expect(throws: LoadError.self) { try scan("<worksheet x=\"" + String(repeating: "a", count: 200), limits: small) }
        #expect(tag?.reason.contains("a tag longer than") == true)
        let text = #expect(throws: LoadError.self) { try scan("<worksheet><v>" + String(repeating: "a", count: 200) + "</v></worksheet>", limits: small) }
        #expect(text?.reason.contains("a cell text longer than") == true)
        #expect(throws: LoadError.self) { try scan("   ") }
    }

    @Test("a ZIP entry is stopped past its size cap or a bomb's compression ratio")
    func inflateMeter() throws {
        var limits = ReadLimits()
        limits.maxEntryBytes = 1000
        var meter = InflateMeter(file: "a.zip", entry: "big.csv", compressed: 900, limits: limits)
        try meter.add(999)
        #expect(throws: LoadError.self) { try meter.add(2) }
        limits = ReadLimits()
        limits.ratioCheckAfterBytes = 1000
        var bomb = InflateMeter(file: "a.zip", entry: "bomb.csv", compressed: 2, limits: limits)
        try bomb.add(400)
        let error = #expect(throws: LoadError.self) { try bomb.add(1000) }
        #expect(error?.reason.contains("over 200 times its compressed size") == true)
    }
}
