import Foundation
@testable import NOFIngest
import NOFPostgres
import Testing
import TestSupport
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#endif

/// Bad inputs each give a clear message and leave the database as it was.
@Suite("bad inputs")
struct BadInputTests {
    static let aeHeader = "Period,Org Code,Parent Org,Org name,Number of A&E attendances Type 1,Number of A&E attendances Type 2,Number of A&E attendances Other A&E Department,Number of attendances over 4hrs Type 1,Number of attendances over 4hrs Type 2,Number of attendances over 4hrs Other A&E Department,Patients who have waited 4-12 hs from DTA to admission,Patients who have waited 12+ hrs from DTA to admission,Emergency admissions via A&E - Type 1,Emergency admissions via A&E - Type 2,Emergency admissions via A&E - Other A&E department,Other emergency admissions"
    static let goodRow = "MSitAE-April-2018,RBD,NHS ENGLAND SOUTH WEST (SOUTH WEST SOUTH),DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST,3695,0,4098,99,0,5,1,0,1238,0,0,330"
    static let otherRow = "MSitAE-April-2018,C82009,NHS ENGLAND MIDLANDS AND EAST (CENTRAL MIDLANDS),MARKET HARBOROUGH MED.CTR,0,0,356,0,0,0,0,0,0,0,0,0"

    /// Loads `bytes` as a file into a database that already holds April 2018 and checks the
    /// file failed and nothing changed. Returns the failure message.
    func expectRefused(_ name: String, _ bytes: [UInt8], strict: Bool = true) throws -> String {
        try withTestDatabase { db in
            _ = try load(db, [aeFile("MSitAE-April-2018.csv")])
            let c = try db.connect()
            let before = try warehouseSnapshot(c)
            let dir = try TestEnvironment.temporaryDirectory("bad")
            let url = dir.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            var options = LoadOptions()
            options.strict = strict
            let results = try load(db, [url], options)
            let result = try #require(results.first)
            #expect(result.status == .failed)
            #expect(try warehouseSnapshot(c) == before, "\(name) changed the warehouse")
            #expect(try c.value("SELECT status FROM audit.load_log ORDER BY load_id DESC LIMIT 1", as: String.self) == "failed")
            #expect(try c.value("SELECT message FROM audit.load_log ORDER BY load_id DESC LIMIT 1", as: String?.self)?.isEmpty == false)
            return result.message ?? ""
        }
    }

    func csv(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\r\n") + "\r\n").utf8) }

    @Test("a truncated zip")
    func truncatedZip() throws {
        let dir = try TestEnvironment.temporaryDirectory("zip")
        let zipURL = dir.appendingPathComponent("full.zip")
        let archive = try Archive(url: zipURL, accessMode: .create)
        try archive.addEntry(with: "rtt.csv", fileURL: TestEnvironment.nhseFile("rtt/20241130-RTT-November-2024-RBD-only.csv"),
                             compressionMethod: .deflate)
        let bytes = try [UInt8](Data(contentsOf: zipURL))
        let message = try expectRefused("Full-CSV-data-file-Nov24.zip", Array(bytes.prefix(bytes.count / 2)))
        #expect(message.contains("Full-CSV-data-file-Nov24.zip"))
        #expect(message.contains("truncated or damaged"))
    }

    @Test("an empty file")
    func emptyFile() throws {
        let message = try expectRefused("empty.csv", [])
        #expect(message.contains("empty.csv") && message.contains("empty"))
    }

    @Test("a header-only file")
    func headerOnly() throws {
        let message = try expectRefused("header-only.csv", csv([Self.aeHeader]))
        #expect(message.contains("header but no data rows"))
    }

    @Test("an unknown header names the closest known layout and the cells that did not match")
    func unknownHeader() throws {
        let header = Self.aeHeader.replacingOccurrences(of: "Org Code", with: "Organisation Code")
        let message = try expectRefused("mystery.csv", csv([header, Self.goodRow]))
        #expect(message.contains("unrecognised header"))
        #expect(message.contains("closest known layout is ae-16a"))
        #expect(message.contains("missing: \"Org Code\""))
        #expect(message.contains("not expected: \"Organisation Code\""))
    }

    @Test("a non-numeric count: with --strict the file fails; without, the row is rejected and explained")
    func nonNumeric() throws {
        let bad = Self.goodRow.replacingOccurrences(of: ",3695,", with: ",36x5,")
        let message = try expectRefused("non-numeric.csv", csv([Self.aeHeader, Self.otherRow, bad]))
        #expect(message.contains("--strict"))
        #expect(message.contains("line 3"))
        #expect(message.contains("Number of A&E attendances Type 1"))
        #expect(message.contains("36x5"))
        // Without --strict: the good row loads, the bad one is stored with its reason.
        try withTestDatabase { db in
            let dir = try TestEnvironment.temporaryDirectory("reject")
            let url = dir.appendingPathComponent("non-numeric.csv")
            try Data(csv([Self.aeHeader, Self.otherRow, bad])).write(to: url)
            // The file has no TOTAL row (and a rejected row would not be in its sum): its month
            // is held back unless that is accepted knowingly.
            let held = try #require(try load(db, [url]).first)
            #expect(held.status == .heldBack)
            #expect(held.heldBack.first?.reason.contains("no TOTAL row") == true, "\(held.heldBack)")
            var accept = LoadOptions()
            accept.allowTotalMismatch = true
            let result = try #require(try load(db, [url], accept).first)
            #expect(result.status == .loadedWithRejects)
            #expect(result.rowsLoaded == 1 && result.rowsRejected == 1)
            #expect(LoadSummary.exitCode([result]) == 2)
            let c = try db.connect()
            let reject = try #require(try c.execute("SELECT line, column_name, raw_value, reason FROM audit.load_reject").rows.first)
            #expect(try reject.decode("line", as: Int.self) == 3)
            #expect(try reject.decode("column_name", as: String?.self) == "Number of A&E attendances Type 1")
            #expect(try reject.decode("raw_value", as: String?.self) == "36x5")
            #expect(try reject.decode("reason", as: String.self).contains("not a whole number"))
            #expect(try c.value("SELECT rows_rejected FROM audit.load_log WHERE status = 'loaded_with_rejects'", as: Int.self) == 1)
            // The summary's pointer to the details works: `nofdb report loads --load ID`.
            let id = try #require(result.loadId)
            let report = try runNofdb(["report", "loads", "--load", String(id), "--section", "rejected", "--format", "csv",
                                       "--database-url", db.conninfo])
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.contains("\(id),non-numeric.csv,3,Number of A&E attendances Type 1,36x5,"), "\(report.stdout)")
        }
    }

    @Test("a value the database refuses (a count beyond its column's range) names the file, line and column; nothing is loaded")
    func copyLevelError() throws {
        let huge = Self.goodRow.replacingOccurrences(of: ",3695,", with: ",3000000000,")
        let message = try expectRefused("huge-count.csv", csv([Self.aeHeader, Self.otherRow, huge, "TOTAL,TOTAL,TOTAL,TOTAL,3000000000,0,4454,99,0,5,1,0,1238,0,0,330"]), strict: false)
        #expect(message.contains("huge-count.csv:3"), "\(message)")
        #expect(message.contains("att_type1") && message.contains("out of range"), "\(message)")
    }

    @Test("a row with too few cells")
    func tooFewCells() throws {
        let short = Self.goodRow.split(separator: ",").prefix(10).joined(separator: ",")
        let message = try expectRefused("short.csv", csv([Self.aeHeader, Self.otherRow, short]))
        #expect(message.contains("line 3"))
        #expect(message.contains("is blank; a count is required"))
    }

    @Test("Windows-1252 bytes in a name")
    func windows1252() throws {
        var bytes = csv([Self.aeHeader, Self.otherRow])
        // "HÔPITAL" with Ô as the single Windows-1252 byte 0xD4, then the file's TOTAL row.
        bytes += Array("MSitAE-April-2018,RBD,NHS ENGLAND SOUTH WEST,H".utf8) + [0xD4] + Array("PITAL,1,0,0,0,0,0,0,0,0,0,0,0\r\n".utf8)
        bytes += Array("TOTAL,TOTAL,TOTAL,TOTAL,1,0,356,0,0,0,0,0,0,0,0,0\r\n".utf8)
        let message = try expectRefused("cp1252.csv", bytes)
        #expect(message.contains("not valid UTF-8"))
        #expect(message.contains("Org name"))
        #expect(message.contains("\\xD4"))
        #expect(message.contains("--encoding windows-1252"))
        // Loaded as Windows-1252, the same bytes load and the name is stored as UTF-8.
        try withTestDatabase { db in
            let url = try TestEnvironment.temporaryDirectory("cp1252").appendingPathComponent("cp1252.csv")
            try Data(bytes).write(to: url)
            var options = LoadOptions()
            options.strict = true
            options.encoding = .windows1252
            let result = try #require(try load(db, [url], options).first)
            #expect(result.status == .loaded, "\(result.message ?? "")")
            let c = try db.connect()
            #expect(try c.value("SELECT org_name FROM dw.dim_organisation WHERE org_code = 'RBD'", as: String.self) == "HÔPITAL")
        }
    }

    @Test("XLSX cell references: A to XFD map to columns; anything past Excel's last column is refused, never sized")
    func cellReferences() {
        #expect(XLSXWorkbook.columnIndex("A1") == 0)
        #expect(XLSXWorkbook.columnIndex("AB12") == 27)
        #expect(XLSXWorkbook.columnIndex("XFD1048576") == 16_383)
        #expect(XLSXWorkbook.columnIndex("XFE1") == nil)
        #expect(XLSXWorkbook.columnIndex("HyDescent=") == nil, "a damaged reference seen in a real corruption")
        #expect(XLSXWorkbook.columnIndex(String(repeating: "Z", count: 40)) == nil, "no overflow")
    }

    @Test("damaged workbooks (cut short, bytes overwritten, runs zeroed) fail cleanly or load with rejects; never a crash")
    func damagedWorkbooks() throws {
        // Deterministic damage (a fixed linear congruential sequence), so a failure repeats.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        let sources = [
            TestEnvironment.nhseFile("dm01/Monthly-Diagnostics-Web-File-Provider-April-2025_3EY67.xls"),
            TestEnvironment.nhseFile("cancer/CWT-CRS-Oct-2023-Data-Extract-Provider.xlsx"),
        ]
        try withTestDatabase { db in
            let c = try db.connect()
            let dir = try TestEnvironment.temporaryDirectory("damaged")
            var outcomes: [FileLoadResult.Status: Int] = [:]
            for source in sources {
                let original = try [UInt8](Data(contentsOf: source))
                for k in 0..<9 {
                    var bytes = original
                    switch k % 3 {
                    case 0: bytes = Array(bytes.prefix(1 + next(bytes.count - 1)))
                    case 1: for _ in 0..<50 { bytes[next(bytes.count)] = UInt8(next(256)) }
                    default:
                        let start = next(bytes.count), end = min(bytes.count, start + 100 + next(5000))
                        for i in start..<end { bytes[i] = 0 }
                    }
                    let url = dir.appendingPathComponent("damaged-\(k)-" + source.lastPathComponent)
                    try Data(bytes).write(to: url)
                    let before = try warehouseSnapshot(c)
                    let result = try #require(try load(db, [url]).first)
                    outcomes[result.status, default: 0] += 1
                    if result.status == .failed {
                        #expect(try warehouseSnapshot(c) == before, "\(url.lastPathComponent) failed but changed the warehouse")
                        #expect(result.message?.contains(url.lastPathComponent) == true, "\(result.message ?? "")")
                    }
                }
            }
            #expect(outcomes[.failed, default: 0] > 0, "\(outcomes)")
        }
    }

    @Test("a 10 MB field")
    func hugeField() throws {
        let big = String(repeating: "A", count: 10 * 1024 * 1024)
        let message = try expectRefused("huge.csv", csv([Self.aeHeader, Self.otherRow, "MSitAE-April-2018,RBD,X,\"" + big + "\",1,0,0,0,0,0,0,0,0,0,0,0"]), strict: false)
        #expect(message.contains("longer than 1024 KiB"))
        #expect(message.contains("huge.csv:3"))
    }

    @Test("a file that changes between nofdb's two reads (it was still being written, or was replaced)")
    func changesMidRead() throws {
        let full = csv([Self.aeHeader] + Array(repeating: Self.otherRow, count: 1) + (1...300).map { i in
            "MSitAE-April-2018,X\(i),NHS ENGLAND LONDON,SITE \(i),1,0,0,0,0,0,0,0,0,0,0,0"
        })
        try withTestDatabase { db in
            _ = try load(db, [aeFile("MSitAE-April-2018.csv")])
            let c = try db.connect()
            let before = try warehouseSnapshot(c)
            let dir = try TestEnvironment.temporaryDirectory("changing")
            let url = dir.appendingPathComponent("changing.csv")
            try Data(full).write(to: url)
            var options = LoadOptions()
            // Between the hashing pass and the loading pass, the file is cut in half.
            options.betweenPasses = { try? Data(full.prefix(full.count / 2)).write(to: url) }
            let result = try #require(try load(db, [url], options).first)
            #expect(result.status == .failed)
            #expect(result.message?.contains("changed while nofdb was reading it") == true, "\(result.message ?? "")")
            #expect(try warehouseSnapshot(c) == before)
        }
    }

    @Test("a named pipe is refused at once, by name, without waiting for a writer")
    func fifoRefused() throws {
        try withTestDatabase { db in
            let dir = try TestEnvironment.temporaryDirectory("fifo")
            let path = dir.appendingPathComponent("pipe.csv").path
            #expect(mkfifo(path, 0o600) == 0)
            let started = Date()
            let result = try #require(try load(db, [URL(fileURLWithPath: path)]).first)
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(result.status == .failed)
            #expect(result.message?.contains("pipe.csv") == true && result.message?.contains("named pipe") == true, "\(result.message ?? "")")
            // In a directory it is skipped with the reason, and the other files load.
            try Data(csv([Self.aeHeader, Self.otherRow])).write(to: dir.appendingPathComponent("a.csv"))
            let connection = try db.connect()
            let (_, skipped) = try Loader(connection: connection, options: LoadOptions()).load(paths: [dir.path])
            #expect(skipped.contains { $0.path.hasSuffix("pipe.csv") && $0.reason.contains("named pipe") }, "\(skipped)")
        }
    }

    @Test("a file of a different kind altogether (binary)")
    func binary() throws {
        let message = try expectRefused("photo.csv", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 1, 2, 3])
        #expect(message.contains("binary"))
    }
}
