import Foundation
import NOFCore
@testable import NOFIngest
import NOFSpreadsheet
import Testing
import TestSupport

/// Binary COPY rows read back as the fields text COPY would have had (`\\N` for NULL, dates
/// as `YYYY-MM-DD`, arrays as `{1,NULL,3}`), so tests compare both formats alike. Strict: a
/// wrong signature, field count or length fails the test.
enum BinaryCopy {
    enum Kind { case date, text, int4, int4Array }
    struct Malformed: Error, CustomStringConvertible { let description: String }

    static func kinds(_ table: FactTable) throws -> [Kind] {
        switch table {
        case .rtt: return [.date] + Array(repeating: .text, count: 6) + [.int4Array, .int4, .int4, .int4]
        default: throw Malformed(description: "no binary layout known for \(table)")
        }
    }

    static func decode(_ bytes: [UInt8], _ table: FactTable) throws -> [[String]] {
        let kinds = try kinds(table)
        var at = 0
        func take(_ n: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, at + n <= bytes.count else { throw Malformed(description: "truncated at byte \(at)") }
            defer { at += n }
            return bytes[at..<(at + n)]
        }
        func int32() throws -> Int32 { Int32(bitPattern: try take(4).reduce(0) { $0 << 8 | UInt32($1) }) }
        func int16() throws -> Int16 { Int16(bitPattern: try take(2).reduce(0) { $0 << 8 | UInt16($1) }) }
        guard try Array(take(11)) == Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00], try int32() == 0, try int32() == 0 else {
            throw Malformed(description: "bad signature or header")
        }
        var rows: [[String]] = []
        while at < bytes.count {
            let fields = Int(try int16())
            if fields == -1 { break }
            guard fields == kinds.count else { throw Malformed(description: "row \(rows.count + 1) has \(fields) fields") }
            var row: [String] = []
            for kind in kinds {
                let length = Int(try int32())
                if length == -1 { row.append("\\N"); continue }
                let end = at + length
                switch kind {
                case .text: row.append(String(decoding: try take(length), as: UTF8.self))
                case .int4: row.append(String(try int32()))
                case .date: row.append(civil(daysSince2000: Int(try int32())))
                case .int4Array:
                    guard try int32() == 1 else { throw Malformed(description: "not one-dimensional") }
                    _ = try int32()
                    guard try int32() == 23 else { throw Malformed(description: "elements are not int4") }
                    let count = Int(try int32())
                    guard try int32() == 1 else { throw Malformed(description: "lower bound is not 1") }
                    var elements: [String] = []
                    for _ in 0..<count {
                        let n = try int32()
                        elements.append(n == -1 ? "NULL" : String(try int32()))
                    }
                    row.append("{" + elements.joined(separator: ",") + "}")
                }
                guard at == end else { throw Malformed(description: "field length \(length) does not match its value") }
            }
            rows.append(row)
        }
        guard at == bytes.count else { throw Malformed(description: "bytes after the trailer") }
        return rows
    }

    /// `YYYY-MM-DD` of a day count from 2000-01-01 (days-to-civil, proleptic Gregorian).
    static func civil(daysSince2000: Int) -> String {
        let z = daysSince2000 + 10_957 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}

/// A file normalised without a database: the layout it was detected as, the COPY rows each
/// fact table would get, and the rejects, warnings and totals findings.
struct Normalised {
    var layout: String
    var copy: [FactTable: [[String]]]
    var rejects: [Reject]
    var warnings: [LoadWarning]
    var totals: [TotalsFinding]
    var periods: [YearMonth]
}

enum Normalise {
    static func run(_ name: String, feed: (RowPipeline) throws -> Void) throws -> Normalised {
        let sink = SliceSink()
        let context = IngestContext(fileName: name, sink: sink)
        var layout = ""
        let pipeline = RowPipeline(fileName: name, dataset: nil) { spec, header, preamble in
            layout = spec.layout.id
            let normaliser = try spec.makeNormaliser(NormaliserSetup(context: context, header: header, layout: spec.layout, sheet: nil))
            try normaliser.preamble(preamble)
            return normaliser
        }
        try feed(pipeline)
        try pipeline.finish()
        var copy: [FactTable: [[String]]] = [:]
        for slice in sink.orderedSlices {
            if slice.encoder.binary {
                copy[slice.key.table, default: []] += try BinaryCopy.decode(slice.encoder.bytes, slice.key.table)
                continue
            }
            let text = String(decoding: slice.encoder.bytes, as: UTF8.self)
            copy[slice.key.table, default: []] += text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        }
        return Normalised(layout: layout, copy: copy, rejects: context.rejects, warnings: context.warnings,
                          totals: context.totals, periods: context.periods)
    }

    /// CSV bytes through the parser and the pipeline, as `nofdb load` reads them.
    static func csv(_ text: String, name: String = "file.csv") throws -> Normalised {
        try bytes(Array(text.utf8), name: name)
    }

    static func bytes(_ bytes: [UInt8], name: String = "file.csv") throws -> Normalised {
        try run(name) { pipeline in
            let parser = CSVParser(fileName: name)
            try bytes.withUnsafeBytes { raw in try parser.feed(raw) { try pipeline.accept($0) } }
            try parser.finish { try pipeline.accept($0) }
            try pipeline.checkEnd(parser.end)
        }
    }

    static func rows(_ rows: [SheetRow], name: String = "file.xls") throws -> Normalised {
        try run(name) { pipeline in for row in rows { try pipeline.accept(row) } }
    }
}

@Suite("every layout's normaliser, bytes in, COPY rows out (no database)")
struct NormaliserTests {
    static let aeRBD16 = "MSitAE-April-2018,RBD,NHS ENGLAND SOUTH WEST (SOUTH WEST SOUTH),DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST,3695,0,4098,99,0,5,1,0,1238,0,0,330"

    @Test("A&E, 16 columns with 'Number of' (ae-16a): booked columns NULL, TOTAL row checked, not stored")
    func ae16a() throws {
        let header = LayoutRegistry.aeA.joined(separator: ",")
        let total = "TOTAL,TOTAL,TOTAL,TOTAL,3695,0,4098,99,0,5,1,0,1238,0,0,330"
        let n = try Normalise.csv([header, Self.aeRBD16, total].joined(separator: "\r\n") + "\r\n")
        #expect(n.layout == "ae-16a")
        #expect(n.copy[.ae] == [["2018-04-01", "RBD", "NHS ENGLAND SOUTH WEST (SOUTH WEST SOUTH)",
                                 "3695", "0", "4098", "\\N", "\\N", "\\N", "99", "0", "5", "\\N", "\\N", "\\N",
                                 "1", "0", "1238", "0", "0", "330"]])
        #expect(n.totals.isEmpty && n.rejects.isEmpty)
        // A TOTAL that does not add up, and a file without one, are totals findings for the month.
        let wrong = try Normalise.csv([header, Self.aeRBD16, total.replacingOccurrences(of: ",3695,", with: ",3696,")].joined(separator: "\n"))
        #expect(wrong.totals.count == 1 && wrong.totals.first?.missing == false)
        #expect(wrong.totals.first?.message.contains("attendances type 1: TOTAL row 3696, providers sum to 3695") == true)
        let missing = try Normalise.csv([header, Self.aeRBD16].joined(separator: "\n"))
        #expect(missing.totals.first?.missing == true && missing.totals.first?.period == YearMonth(year: 2018, month: 4))
    }

    @Test("A&E, 16 columns without 'Number of' (ae-16b) and 22 columns with booked appointments (ae-22)")
    func ae16bAnd22() throws {
        let b = try Normalise.csv([LayoutRegistry.aeB.joined(separator: ","),
                                   "MSitAE-JUNE-2020,RGT,NHS ENGLAND EAST OF ENGLAND ,CAMBRIDGE UNIVERSITY HOSPITALS NHS FOUNDATION TRUST,7168,0,2043,0,0,0,134,0,2394,0,33,592",
                                   "TOTAL,TOTAL,TOTAL,TOTAL,7168,0,2043,0,0,0,134,0,2394,0,33,592"].joined(separator: "\r\n"))
        #expect(b.layout == "ae-16b")
        #expect(b.copy[.ae]?.first == ["2020-06-01", "RGT", "NHS ENGLAND EAST OF ENGLAND", "7168", "0", "2043", "\\N", "\\N", "\\N",
                                       "0", "0", "0", "\\N", "\\N", "\\N", "134", "0", "2394", "0", "33", "592"])
        let c = try Normalise.csv([LayoutRegistry.aeC.joined(separator: ","),
                                   "MSitAE-JANUARY-2021,RBD,NHS ENGLAND SOUTH WEST ,DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST,2940,0,1964,0,0,33,624,0,0,0,0,0,27,0,1163,0,0,295",
                                   "TOTAL,TOTAL,TOTAL,TOTAL,2940,0,1964,0,0,33,624,0,0,0,0,0,27,0,1163,0,0,295"].joined(separator: "\r\n"))
        #expect(c.layout == "ae-22")
        #expect(c.copy[.ae]?.first == ["2021-01-01", "RBD", "NHS ENGLAND SOUTH WEST", "2940", "0", "1964", "0", "0", "33",
                                       "624", "0", "0", "0", "0", "0", "27", "0", "1163", "0", "0", "295"])
        #expect(c.totals.isEmpty)
        // The September 2024 stray columns (five empty cells and an 'a') are the same layout.
        let stray = try Normalise.bytes([UInt8](try Data(contentsOf: fixtureFile("ae-2024-09-stray-columns.csv"))))
        #expect(stray.layout == "ae-22" && stray.copy[.ae]?.count == 3 && stray.rejects.isEmpty)
    }

    @Test("AmbSYS 128 and 153 columns and other A-codes: typed measures, every code kept, '.' as NULL, England checked")
    func ambulance() throws {
        let england2017 = "2017,8,Eng,Eng,England,177540,141028,1796993,13,1,.,70,158,.,.,.,58813,10233,6931,67946,32227,2610,5671240,554,912,7047501,1017,2099,97514559,1435,3189,98017154,3041,7085,12750030,4885,9169,6083,0,2714,7,0,3369,13,83929,6359,32972,123260,20104,17128,13795,11999,91224,79198,44629,35656,3683,2840,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,.,1355,55934,41,94,.,.,.,.,.,192,3672,2375,108,2594,17031323,4638,9121,14233134,5993,11511,651465,6032,12612,25291867,9750,18657"
        let header128 = (LayoutRegistry.ambsysFixed + LayoutRegistry.ambsys128Codes).joined(separator: ",")
        let n = try Normalise.csv(header128 + "\n" + england2017 + "\n")
        #expect(n.layout == "ambsys-128")
        let row = try #require(n.copy[.ambulance]?.first)
        // period, org, level, region, then the typed codes in FactTable order: A0, A1, A7, A8, A24, A25, A26, …
        #expect(Array(row.prefix(11)) == ["2017-08-01", "Eng", "england", "\\N", "177540", "141028", "58813", "10233", "5671240", "554", "912"])
        let acodes = try #require(try JSONSerialization.jsonObject(with: Data(row.last?.utf8 ?? "".utf8)) as? [String: Any])
        #expect(acodes.count == 123)
        #expect(acodes["A114"] is NSNull)
        #expect((acodes["A73"] as? NSNumber)?.intValue == 18657)
        // England without trusts has nothing to check; a trust that does not add up to England does.
        #expect(n.totals.isEmpty)
        let trust = "2017,8,Y56,RRU,LONDON AMBULANCE SERVICE NHS TRUST," + england2017.split(separator: ",").dropFirst(5).joined(separator: ",").replacingOccurrences(of: "58813", with: "58812")
        let mismatch = try Normalise.csv(header128 + "\n" + england2017 + "\n" + trust + "\n")
        #expect(mismatch.totals.first?.message.contains("A7: England 58813, trusts sum to 58812") == true, "\(mismatch.totals)")
        let orphan = try Normalise.csv(header128 + "\n" + trust + "\n")
        #expect(orphan.totals.first?.missing == true)

        let n153 = try Normalise.bytes([UInt8](try Data(contentsOf: fixtureFile("ambsys-153-2026-04.csv"))))
        #expect(n153.layout == "ambsys-153")
        #expect(n153.copy[.ambulance]?.first { $0[1] == "Eng" }?[9] == "460", "A25, England C1 mean in seconds")
        let future = try Normalise.bytes([UInt8](try Data(contentsOf: fixtureFile("ambsys-future-acodes.csv"))))
        #expect(future.layout == "ambsys-acodes")
    }

    @Test("RTT 104-week bands: the detail row and the provider summary; 52-week and pre-2017 layouts")
    func rtt() throws {
        let header = (LayoutRegistry.rttDescriptive + rttBandHeaders(through: 104) + LayoutRegistry.rttTotals).joined(separator: ",")
        let bands = (0..<105).map { $0 < 3 ? String($0 + 1) : "0" }
        let row = "RTT-November-2024,QVV,NHS DORSET INTEGRATED CARE BOARD,RBD,DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST,QVV,NHS DORSET INTEGRATED CARE BOARD,11J,NHS DORSET (SUB ICB LOCATION),Part_2,Incomplete Pathways,C_999,Total,"
            + bands.joined(separator: ",") + ",,,6"
        let n = try Normalise.csv(header + "\n" + row + "\n")
        #expect(n.layout == "rtt-104")
        let detail = try #require(n.copy[.rtt]?.first)
        #expect(Array(detail.prefix(7)) == ["2024-11-01", "RBD", "QVV", "QVV", "11J", "2", "C_999"])
        #expect(detail[7] == "{" + bands.joined(separator: ",") + "}")
        #expect(Array(detail.suffix(3)) == ["\\N", "\\N", "6"], "Part_2: Total and unknown blank, Total All filled")
        #expect(n.copy[.rttProvider]?.first == ["2024-11-01", "RBD", "2", "{" + bands.joined(separator: ",") + "}", "\\N", "\\N", "6", "1"])
        // A blank band is a NULL element (binary COPY flags the array as holding NULLs).
        var gappy = bands
        gappy[1] = ""
        let withGap = try Normalise.csv(header + "\n" + row.replacingOccurrences(of: bands.joined(separator: ","), with: gappy.joined(separator: ",")) + "\n")
        #expect(withGap.copy[.rtt]?.first?[7] == "{1,NULL,3," + Array(repeating: "0", count: 102).joined(separator: ",") + "}")
        // A count beyond the warehouse's integer columns refuses the file, naming line and column.
        let huge = row.replacingOccurrences(of: ",,,6", with: ",,,3000000000")
        let refusal = #expect(throws: LoadError.self) { try Normalise.csv(header + "\n" + huge + "\n", name: "huge.csv") }
        #expect(refusal?.line == 2 && refusal?.column == "Total All" && refusal?.value == "3000000000", "\(String(describing: refusal))")
        #expect(refusal?.description.contains("out of range") == true)
        let n52 = try Normalise.bytes([UInt8](try Data(contentsOf: fixtureFile("rtt-52-2020-12.csv"))))
        #expect(n52.layout == "rtt-52" && n52.rejects.isEmpty)
        #expect(n52.copy[.rtt]?.first?[7].split(separator: ",").count == 53)
        let old = try Normalise.bytes([UInt8](try Data(contentsOf: fixtureFile("rtt-pre2017-2016-08.csv"))))
        #expect(old.layout == "rtt-pre2017" && old.periods == [YearMonth(year: 2016, month: 8)])
    }

    @Test("cancer CWT CRS, TOTAL TREATED or TOTAL: exact halves, one slice per month; no totals to check")
    func cancer() throws {
        let n = try Normalise.bytes([UInt8](try Data(contentsOf: fixtureFile("cancer-crs.csv"))))
        #expect(n.layout == "cwt-crs")
        #expect(n.periods == [YearMonth(year: 2023, month: 10), YearMonth(year: 2025, month: 4)])
        #expect(n.copy[.cancer]?.contains(["2023-10-01", "RBD", "62-day Combined", "Urgent Suspected Cancer", "Surgery", "ALL CANCERS", "43.5", "29", "14.5"]) == true)
        #expect(n.copy[.cancer]?.first?[4] == "\\N", "28-day FDS has no modality")
        let total = try Normalise.csv(LayoutRegistry.cancerHeader.map { $0 == "TOTAL TREATED" ? "TOTAL" : $0 }.joined(separator: ",")
                                      + "\n2023-10-01,2023/24,OCT,31-day Combined,RBD,First Treatment,Surgery,ALL CANCERS,61,59,2\n")
        #expect(total.layout == "cwt-crs-total" && total.copy[.cancer]?.count == 1)
        let broken = try Normalise.csv(LayoutRegistry.cancerHeader.joined(separator: ",") + "\n2023-10-01,2023/24,OCT,31-day Combined,RBD,First Treatment,Surgery,ALL CANCERS,61,58,2\n")
        #expect(broken.rejects.first?.reason.contains("is not WITHIN STANDARD 58 + BREACHES 2") == true)
    }

    @Test("DM01 Provider by Test: period from the metadata block; the provider's Total test row is the check")
    func diagnostics() throws {
        func row(_ n: Int, _ cells: [String]) -> SheetRow {
            SheetRow(rowNumber: n, cells: cells.map { $0.isEmpty ? .blank : (Double($0) != nil ? .number($0) : .text($0)) })
        }
        let bands = ["10", "5", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]
        let test = { (id: String, total: String) in
            ["", "Y56", "London Commissioning Region", "R1H", "Barts Health NHS Trust", id, "Test", total, "0", "0", "0"] + bands + ["", "1", "2", "3"]
        }
        let rows = [
            row(2, ["", "Title:", "Monthly Diagnostics"]), row(5, ["", "Period:", "April 2025"]),
            row(14, LayoutRegistry.dm01ByTest), row(15, ["", "", "", "", "Total"]),
            row(17, test("1", "15")), row(18, test("16", "15")),
        ]
        let n = try Normalise.rows(rows)
        #expect(n.layout == "dm01-provider-by-test")
        #expect(n.copy[.diagnostics] == [["2025-04-01", "R1H", "Y56", "1", "15", "0", "0", "{10,5,0,0,0,0,0,0,0,0,0,0,0,0}", "1", "2", "3"]])
        #expect(n.totals.isEmpty)
        var wrong = rows
        wrong[5] = row(18, test("16", "16"))
        let mismatch = try Normalise.rows(wrong)
        #expect(mismatch.totals.first?.message.contains("R1H total waiting list: Total row 16, tests sum to 15") == true, "\(mismatch.totals)")
        let noTotal = try Normalise.rows(Array(rows.dropLast()))
        #expect(noTotal.totals.first?.missing == true)
    }

    @Test("official NOF data file and league table")
    func nof() throws {
        let data = try Normalise.csv(LayoutRegistry.nofData.joined(separator: ",") + "\n"
            + "Q4 2025/26,South West,Mental health and community trust,Community,RWX,BERKSHIRE HEALTHCARE NHS FOUNDATION TRUST,Summary,Summary,OF5002,Average metric score,Q4 2025/26,score,1.85,2.3,2.0,2.6,3\n")
        #expect(data.layout == "nof-data-17")
        #expect(data.copy[.nofMetric]?.first?.prefix(3) == ["2026-01-01", "Q4 2025/26", "RWX"])
        let league = try Normalise.csv(LayoutRegistry.nofLeague.joined(separator: ",") + "\n"
            + "Q4 2025/26,South West,Mental health and community trust,Community,RWX,BERKSHIRE HEALTHCARE NHS FOUNDATION TRUST,1.85,1.2 to 1.89,1,No,3,1 to 11\n")
        #expect(league.layout == "nof-league-12")
        #expect(league.copy[.nofLeague]?.first == ["2026-01-01", "Q4 2025/26", "RWX", "Mental health and community trust", "Community",
                                                    "South West", "1.85", "1.2 to 1.89", "1", "false", "3", "1 to 11"])
    }

    @Test("ODS trusts and successor files: no header, recognised by shape; the first row is data; one slice dated by the newest date")
    func ods() throws {
        func etr(_ code: String, _ name: String, _ region: String, _ icb: String, _ open: String, _ close: String) -> String {
            ([code, name, region, icb, "ADDRESS 1", "", "", "TOWN", "", "AB1 2CD", open, close] + Array(repeating: "", count: 15))
                .map { "\"\($0)\"" }.joined(separator: ",")
        }
        let trusts = try Normalise.csv(etr("RD3", "POOLE HOSPITAL NHS FOUNDATION TRUST", "Y58", "QVV", "19920401", "20200930") + "\r\n"
            + etr("R0D", "UNIVERSITY HOSPITALS DORSET NHS FOUNDATION TRUST", "Y58", "QVV", "20201001", "") + "\r\n"
            + etr("bad!", "X", "Y58", "QVV", "20201001", "") + "\r\n"
            + etr("RBD", "DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST", "Y58", "QVV", "19910431x", "") + "\r\n")
        #expect(trusts.layout == "ods-etr-27")
        #expect(trusts.copy[.odsTrust]?.count == 2, "the row that identified the file is loaded too")
        #expect(trusts.copy[.odsTrust]?.first == ["2020-10-01", "RD3", "POOLE HOSPITAL NHS FOUNDATION TRUST", "Y58", "QVV", "AB1 2CD",
                                                  "1992-04-01", "2020-09-30"])
        #expect(trusts.rejects.map(\.column) == ["organisation code", "open date"], "\(trusts.rejects)")
        let succ = try Normalise.csv("\"RD3\",\"R0D\",\"\",\"20201001\",\"0\"\r\n\"RQ8\",\"RAJ\",\"\",\"20200401\",\"1\"\r\n")
        #expect(succ.layout == "ods-succ-5")
        #expect(succ.copy[.odsSuccessor] == [["2020-10-01", "RD3", "R0D", "\\N", "2020-10-01", "false"],
                                             ["2020-10-01", "RQ8", "RAJ", "\\N", "2020-04-01", "true"]])
        // Five cells that are not codes and dates stay unrecognised.
        #expect(throws: LoadError.self) { try Normalise.csv("a,b,c,d,e\r\n1,2,3,4,5\r\n") }
    }

    @Test("AmbSYS time series workbook (ambsys-workbook): a trust's all-zero month is not reported; England and regions only where a trust reported")
    func ambulanceWorkbook() throws {
        // The real workbook's Raw sheet in small: rows 1-4 labels, row 5 the header, England and
        // region rows of formulas (cached values), a blank row, "Raw data", then trust months.
        let codes = LayoutRegistry.ambsys153Codes
        func values(_ set: [String: WorkbookCell]) -> [WorkbookCell] { codes.map { set[$0] ?? .empty } }
        func aggregate(_ area: String, _ reg: String, _ name: String, _ set: [String: Double]) -> [WorkbookCell] {
            [.formula(0), .text("2017-18"), .text("AUGUST"), reg.isEmpty ? .empty : .text(reg), name.isEmpty ? .empty : .text(name), .text(area), .empty]
                + codes.map { set[$0].map { WorkbookCell.formula($0) } ?? .formula(0) }
        }
        func trust(_ code: String, _ reg: String, _ region: String, _ set: [String: WorkbookCell]) -> [WorkbookCell] {
            [.text("2017-18AUGUST" + code), .text("2017-18"), .text("AUGUST"), .text(reg), .text(region), .text(code), .text("\(code) AMBULANCE SERVICE")]
                + values(set)
        }
        let rx9: [String: WorkbookCell] = ["A0": .number(78197), "A7": .number(58813), "A8": .number(60), "A24": .number(28800), "A25": .number(480),
                                           "A26": .number(845), "A114": .text("-"), "A10": .number(300)]
        let rya: [String: WorkbookCell] = Dictionary(uniqueKeysWithValues: ["A0", "A7", "A8", "A24", "A25", "A26", "A10"].map { ($0, WorkbookCell.number(0)) })
            .merging(["A114": .text("-")]) { $1 }
        let rx7: [String: WorkbookCell] = ["A0": .number(99343), "A7": .number(0), "A8": .number(40), "A24": .number(24280), "A25": .number(607),
                                           "A26": .number(959), "A10": .number(200)]
        let rows: [[WorkbookCell]] = [
            [.empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .text("Calls")],
            [], [], [.empty, .empty, .empty, .empty, .empty, .empty, .empty, .text("Contacts")],
            [.text("Concatenated"), .text("Year"), .text("Month"), .text("Reg"), .empty, .text("Area"), .text("Trust")] + codes.map { .text($0) }
                + [.empty, .text("Month"), .text("Days")],
            aggregate("ENG", "", "", ["A0": 177540, "A7": 58813, "A8": 100, "A24": 53080, "A25": 531, "A26": 891, "A114": 0, "A10": 500]),
            aggregate("Y60", "Y60", "Midlands", ["A0": 78197, "A7": 58813, "A8": 60, "A24": 28800, "A25": 480, "A26": 845, "A114": 0, "A10": 300]),
            [], [.text("Raw data")],
            trust("RX9", "Y60", "Midlands", rx9), trust("RYA", "Y60", "Midlands", rya), trust("RX7", "Y62", "North West", rx7),
        ]
        let url = try TestEnvironment.temporaryDirectory("ambsys-workbook").appendingPathComponent("AmbSYS-Time-Series-until-20170831.xlsx")
        try XLSXWriter.write([WorkbookSheet(name: "Introduction", rows: [[.text("Ambulance Quality Indicators")]]),
                              WorkbookSheet(name: "ICB lookup", rows: [[.text("NHS code"), .text("ONS Code")]]),
                              WorkbookSheet(name: "Raw", rows: rows)], to: url)
        let book = try XLSXWorkbook(url: url, fileName: url.lastPathComponent)
        #expect(ProductRegistry.identify(book.probe().probe)?.disposition == .load(sheet: "Raw"))
        let n = try Normalise.run(url.lastPathComponent) { pipeline in
            try book.readRows(sheet: "Raw") { try pipeline.accept($0); return true }
        }
        #expect(n.layout == "ambsys-workbook")
        #expect(n.rejects.isEmpty, "\(n.rejects)")
        #expect(n.totals.isEmpty, "England equals the sum of the trusts: \(n.totals)")
        let out = Dictionary(uniqueKeysWithValues: (n.copy[.ambulance] ?? []).map { ($0[1], $0) })
        #expect(Set(out.keys) == ["Eng", "Y60", "Y62", "RX9", "RYA", "RX7"], "England, both regions (Y62 made from its one trust) and three trusts")
        // Typed columns after period, org, level, region: A0, A1, A7, A8, A24, A25, A26, …
        #expect(out["RX9"].map { Array($0[0..<11]) } == ["2017-08-01", "RX9", "trust", "Y60", "78197", "\\N", "58813", "60", "28800", "480", "845"])
        #expect(out["RYA"].map { Array($0[4...]).dropLast().allSatisfy { $0 == "\\N" } } == true, "a month of zeros is not reported: NULL, never 0")
        #expect(out["RX7"]?[6] == "\\N", "all incidents 0 beside 40 Category 1 incidents is not a count")
        #expect(out["Y62"].map { Array($0[2...]) } == out["RX7"].map { ["region", "Y62"] + Array($0[4...]) }, "the single-trust region repeats its trust")
        #expect(out["Eng"].map { Array($0[0..<11]) } == ["2017-08-01", "Eng", "england", "\\N", "177540", "\\N", "58813", "100", "53080", "531", "891"])
        let england = try #require(try JSONSerialization.jsonObject(with: Data((out["Eng"]?.last ?? "").utf8)) as? [String: Any])
        #expect(england["A114"] is NSNull, "a formula's 0 over trusts that reported nothing is not data")
        #expect((england["A10"] as? NSNumber)?.intValue == 500)
        #expect(n.warnings.contains { $0.message.hasPrefix("1 trust-months are 0 in every column") && $0.message.contains("RYA 2017-08") }, "\(n.warnings)")
        #expect(AmbulanceWorkbookNormaliser.period(financialYear: "2018-19", month: "JANUARY") == YearMonth(year: 2019, month: 1))
        #expect(AmbulanceWorkbookNormaliser.period(financialYear: "2018-20", month: "JANUARY") == nil)
    }

    @Test("every layout in the registry is covered by a test above")
    func everyLayout() {
        let covered: Set<String> = ["ae-16a", "ae-16b", "ae-22", "ambsys-128", "ambsys-153", "ambsys-acodes", "rtt-104", "rtt-52",
                                    "rtt-pre2017", "cwt-crs", "cwt-crs-total", "dm01-provider-by-test", "nof-data-17", "nof-league-12",
                                    "ods-etr-27", "ods-succ-5", "ambsys-workbook"]
        #expect(Set(LayoutRegistry.specs.map(\.layout.id)) == covered)
    }
}
