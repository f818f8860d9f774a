import Foundation
import NOFPostgres
import Testing
import TestSupport

@Suite("a damaged .xls that crashes FreeXL")
struct DamagedXLSTests {
    @Test("nofdb load reports the file as damaged and carries on; the database is unchanged; good workbooks still load")
    func crashingWorkbook() throws {
        // One byte of the real April 2025 DM01 workbook, 0 -> 4 at offset 46,120, makes
        // FreeXL 1.0.6's freexl_open segfault (found by mutating the file; minimised by hand).
        let original = TestEnvironment.nhseFile("dm01/Monthly-Diagnostics-Web-File-Provider-April-2025_3EY67.xls")
        var bytes = try [UInt8](Data(contentsOf: original))
        try #require(bytes.count > 46_120 && bytes[46_120] == 0)
        bytes[46_120] = 4
        let dir = try TestEnvironment.temporaryDirectory("crashxls")
        let damaged = dir.appendingPathComponent("Monthly-Diagnostics-Web-File-Provider-April-2025-damaged.xls")
        try Data(bytes).write(to: damaged)

        try withTestDatabase { db in
            let url = ["--database-url", db.conninfo]
            let c = try db.connect()
            let before = try warehouseSnapshot(c)
            // The damaged file and a good one (the same workbook undamaged) in one run: the first
            // fails, the second loads.
            let r = try runNofdb(["load", damaged.path, original.path] + url)
            #expect(r.status == 1, "a failed file: exit 1 (not a crash)\n\(r.stdout)\n\(r.stderr)")
            #expect(r.stdout.contains("the .xls file is damaged: the spreadsheet reader (FreeXL) crashed on it"), "\(r.stdout)")
            #expect(r.stdout.contains("1 loaded") && r.stdout.contains("1 failed"), "\(r.stdout)")
            #expect(try c.value("SELECT status FROM audit.load_log WHERE file_name LIKE '%damaged.xls'", as: String.self) == "failed")
            #expect(try c.query("SELECT period FROM audit.load_slice WHERE dataset = 'diagnostics' ORDER BY period") { try $0.decode("period", as: PostgresDate.self) }
                    == [PostgresDate(year: 2025, month: 4, day: 1)])
            #expect(try warehouseSnapshot(c) != before)
        }
    }
}
