import Foundation
import NOFCore
@testable import NOFIngest
import NOFPostgres
import Testing
import TestSupport

/// The real files of other NHS England products (../shared/data/products) and the ODS
/// reference folder, loaded as a new user would.
@Suite("other NHS England products, real files", .serialized)
struct ProductFilesTests {
    static let workbook = "AmbSYS-Time-Series-until-20250831.xlsx"

    @Test("the RTT Admitted Commissioner workbook is refused, named, pointing at the Full CSV; nothing is loaded",
          .sharedData("reads ../shared/data/products/Admitted-Commissioner-Dec24-XLSX-2M-revised.xlsx"))
    func rttCommissionerWorkbook() throws {
        try withTestDatabase { db in
            let c = try db.connect()
            let before = try warehouseSnapshot(c)
            let r = try runNofdb(["load", TestEnvironment.productFile("Admitted-Commissioner-Dec24-XLSX-2M-revised.xlsx").path, "--database-url", db.conninfo])
            #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.contains("This is the RTT Admitted Commissioner workbook (completed admitted pathways summarised by commissioner"), "\(r.stdout)")
            #expect(r.stdout.contains("Full CSV data file"), "\(r.stdout)")
            #expect(!r.stdout.contains("empty"), "\(r.stdout)")
            #expect(try warehouseSnapshot(c) == before)
            #expect(try c.value("SELECT status || ' ' || dataset FROM audit.load_log", as: String.self) == "failed rtt")
        }
    }

    @Test("nofdb load on the ODS folder exits 0: the trusts and successor files load, the four reference files nofdb carries are skipped",
          .sharedData("reads ../shared/data/ods"))
    func odsFolder() throws {
        try withTestDatabase { db in
            let r = try runNofdb(["load", TestEnvironment.sharedDirectory.appendingPathComponent("data/ods").path, "--database-url", db.conninfo])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            for file in ["icb-2024.csv", "icb-2026-successions.csv", "trust-types-eric-2024-25.csv", "trust-types-nof-q3-2025-26.csv"] {
                #expect(r.stdout.contains("skipped: \(file): this is the "), "\(file)\n\(r.stdout)")
            }
            #expect(r.stdout.contains("reference data built in (ONS LSOA 2021 to ICB 2024 lookup, 2024); nothing to load"), "\(r.stdout)")
            #expect(r.stdout.contains("7 files: 3 loaded, 0 unchanged, 0 failed, 4 skipped (nothing to load)"), "\(r.stdout)")
            let json = try runNofdb(["load", TestEnvironment.odsFile("icb-2024.csv").path, "--json", "--database-url", db.conninfo])
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(json.status == 0 && object?["skipped"] as? Int == 1 && object?["exit_code"] as? Int == 0, "\(json.stdout)")
        }
    }

    /// The workbook's own trust-month figures, read straight from its Raw sheet: for each month
    /// and trust, every A-code that holds a number.
    static func workbookTrustMonths() throws -> [YearMonth: [String: [String: Double]]] {
        let url = TestEnvironment.productFile(workbook)
        let book = try XLSXWorkbook(url: url, fileName: workbook)
        var header: [String] = []
        var out: [YearMonth: [String: [String: Double]]] = [:]
        try book.readRows(sheet: "Raw") { row in
            let cells = row.strings
            if header.isEmpty {
                if cells.first == "Concatenated" { header = cells }
                return true
            }
            guard row.rowNumber >= 400, cells.count > 7, let period = AmbulanceWorkbookNormaliser.period(financialYear: cells[1], month: cells[2])
            else { return true }
            // Every A-code that holds a number (a month of zeros is one the trust did not report).
            var values: [String: Double] = [:]
            for (i, code) in header.enumerated() where code.range(of: "^A[0-9]+$", options: .regularExpression) != nil {
                if i < cells.count, let v = Double(cells[i]) { values[code] = v }
            }
            out[period, default: [:]][cells[5]] = values
            return true
        }
        return out
    }

    /// AmbSYS's England figure as NHS England computes it (the CSV's England rows and the
    /// workbook's formulas agree on every month): means are total seconds over incidents,
    /// 90th centiles the incident-weighted mean of the trusts' centiles, rounded to a second.
    static func england(_ trusts: [[String: Double]], _ standard: String) -> Double? {
        let (value, count): (String, String) = switch standard {
        case "amb_c1_mean": ("A24", "A8")
        case "amb_c2_mean": ("A30", "A10")
        case "amb_c1_p90": ("A26", "A8")
        case "amb_c2_p90": ("A32", "A10")
        case "amb_c3_p90": ("A35", "A11")
        default: ("A38", "A12")
        }
        // A mean is the summed totals over the summed incidents; a centile is weighted by the
        // incidents of the trusts that have one.
        let weighted = standard.hasSuffix("mean") ? trusts : trusts.filter { $0[value] != nil }
        let incidents = weighted.reduce(0) { $0 + ($1[count] ?? 0) }
        guard incidents > 0 else { return nil }
        let total = standard.hasSuffix("mean")
            ? trusts.reduce(0) { $0 + ($1[value] ?? 0) }
            : weighted.reduce(0) { $0 + ($1[value] ?? 0) * ($1[count] ?? 0) }
        return (total / incidents).rounded()
    }

    static let published: [(standard: String, code: String)] = [
        ("amb_c1_mean", "A25"), ("amb_c1_p90", "A26"), ("amb_c2_mean", "A31"), ("amb_c2_p90", "A32"), ("amb_c3_p90", "A35"), ("amb_c4_p90", "A38"),
    ]

    @Test("the AmbSYS time series workbook loads: England and trust figures equal the workbook's own data, and the CSV's wherever NHS England has not revised them; a trust that reported nothing has no value",
          .sharedData("reads ../shared/data/products/AmbSYS-Time-Series-until-20250831.xlsx and the whole AmbSYS CSV"))
    func ambulanceTimeSeries() throws {
        try withTestDatabase { wb in
            try withTestDatabase { csvDB in
                let load = try runNofdb(["load", TestEnvironment.productFile(Self.workbook).path, "--database-url", wb.conninfo])
                #expect(load.status == 0, "\(load.stdout)\(load.stderr)")
                #expect(load.stdout.contains("ambsys-workbook  2017-08..2025-08 (97)"), "\(load.stdout)")
                #expect(load.stdout.contains("0 rejected"), "\(load.stdout)")
                let csvLoad = try runNofdb(["load", TestEnvironment.ambsysFile.path, "--database-url", csvDB.conninfo])
                #expect(csvLoad.status == 0, "\(csvLoad.stdout)")
                let c = try wb.connect()
                let csv = try csvDB.connect()
                let trusts = try Self.workbookTrustMonths()
                #expect(trusts.count == 97)

                func figures(_ conn: Connection, _ sql: SQLQuery) throws -> [String: Double?] {
                    var out: [String: Double?] = [:]
                    for row in try conn.execute(sql).rows {
                        out["\(try row.decode("period", as: String.self)) \(try row.decode("org_code", as: String.self)) \(try row.decode("standard_code", as: String.self))"] = try row.decode("rate", as: Double?.self)
                    }
                    return out
                }
                let performance: SQLQuery = """
                    SELECT to_char(period, 'YYYY-MM') AS period, org_code, standard_code, rate FROM nof.standard_performance
                     WHERE standard_code IN ('amb_c1_mean', 'amb_c1_p90', 'amb_c2_mean', 'amb_c2_p90', 'amb_c3_p90', 'amb_c4_p90')
                       AND breakdown = '' AND org_level IN ('england', 'provider')
                    """
                let loaded = try figures(c, performance)
                let fromCSV = try figures(csv, performance)

                // 1. The workbook against itself, every month: trusts are their Raw cells (NULL for
                //    a month of zeros), England is computed from the trust rows as NHS England does.
                var trustChecked = 0, englandChecked = 0, notReported = 0
                for (period, months) in trusts {
                    for (code, values) in months {
                        let silent = values.values.allSatisfy { $0 == 0 }
                        if silent { notReported += 1 }
                        for (standard, cell) in Self.published {
                            let key = "\(period) \(code) \(standard)"
                            let expected = silent ? nil : values[cell].map { $0 / 60 }
                            let actual = loaded[key] ?? nil
                            #expect(actual.map { abs($0 - (expected ?? .nan)) < 1e-9 } ?? (expected == nil), "\(key): loaded \(String(describing: actual)), workbook \(String(describing: expected))")
                            trustChecked += 1
                        }
                    }
                    let reported = months.values.filter { !$0.values.allSatisfy { $0 == 0 } }
                    for (standard, _) in Self.published {
                        let key = "\(period) ENG \(standard)"
                        let expected = Self.england(Array(reported), standard).map { $0 / 60 }
                        let actual = loaded[key] ?? nil
                        #expect(actual.map { abs($0 - (expected ?? .nan)) < 1e-9 } ?? (expected == nil), "\(key): loaded \(String(describing: actual)), from the workbook's trusts \(String(describing: expected))")
                        englandChecked += 1
                    }
                }
                #expect(notReported == 29, "29 trust-months of zeros in the workbook, exactly the CSV's 29 rows of '.'")
                #expect(trustChecked > 6000 && englandChecked == 97 * 6)

                // 2. Against the older CSV, on the 42 months both hold: a figure equals the CSV's
                //    wherever the workbook's inputs to it equal the CSV's; the rest are NHS England's
                //    revisions (the CSV's own inputs differ), never nofdb's doing.
                var csvTrusts: [String: [String: Double]] = [:]
                for row in try csv.execute(
                    "SELECT to_char(period, 'YYYY-MM') AS period, org_code, acodes::text AS acodes FROM dw.fact_ambulance WHERE org_level = 'trust'"
                ).rows {
                    let json = (try JSONSerialization.jsonObject(with: Data((try row.decode("acodes", as: String.self)).utf8))) as? [String: Any] ?? [:]
                    csvTrusts["\(try row.decode("period", as: String.self)) \(try row.decode("org_code", as: String.self))"] = json.compactMapValues { ($0 as? NSNumber)?.doubleValue }
                }
                var same = 0, revised = 0
                for (key, csvValue) in fromCSV {
                    let parts = key.split(separator: " ").map(String.init)
                    guard let period = YearMonth(parts[0]) else { continue }
                    let value = loaded[key] ?? nil
                    if value == csvValue || (value != nil && csvValue != nil && abs((value ?? 0) - (csvValue ?? 0)) < 1e-9) {
                        same += 1
                        continue
                    }
                    revised += 1
                    let inputs = ["A8", "A10", "A11", "A12", "A24", "A26", "A30", "A31", "A32", "A35", "A38", "A25"]
                    let codes = parts[1] == "ENG" ? Array((trusts[period] ?? [:]).keys) : [parts[1]]
                    let changed = codes.contains { code in
                        let mine = trusts[period]?[code] ?? [:]
                        let theirs = csvTrusts["\(parts[0]) \(code)"] ?? [:]
                        let silent = mine.values.allSatisfy { $0 == 0 }
                        return inputs.contains { (silent ? nil : mine[$0]) != theirs[$0] }
                    }
                    #expect(changed, "\(key): the workbook gives \(String(describing: value)), the CSV \(String(describing: csvValue)), yet their inputs are the same")
                }
                #expect(same + revised == fromCSV.count && same > 2000 && revised > 0, "same \(same), revised \(revised)")
                print("AmbSYS workbook vs CSV, England and trust figures in nof.standard_performance over the 42 shared months: \(same) equal, \(revised) revised by NHS England (inputs differ); workbook checked against itself: \(trustChecked) trust and \(englandChecked) England figures")

                // 3. Not reported is no value, never 0: Isle of Wight in August 2017.
                #expect(try c.value("SELECT count(*) FROM dw.fact_ambulance WHERE org_code = 'R1F' AND period = '2017-08-01' AND c1_incidents IS NULL AND acodes->>'A8' IS NULL", as: Int.self) == 1)
                #expect(try c.value("SELECT count(*) FROM nof.standard_performance WHERE org_code = 'R1F' AND period = '2017-08-01' AND rate IS NOT NULL", as: Int.self) == 0)
                #expect(try c.value("SELECT count(*) FROM dw.fact_ambulance WHERE org_level = 'trust' AND c1_incidents = 0", as: Int.self) == 0)
                // The same rows as the CSV gives for those months: England, 7 regions, the trusts.
                #expect(try c.value("SELECT count(*) FROM dw.fact_ambulance WHERE period <= '2021-01-01'", as: Int.self) == (try csv.value("SELECT count(*) FROM dw.fact_ambulance", as: Int.self)))
                #expect(try runNofdb(["check", "--database-url", wb.conninfo]).status == 0)
            }
        }
    }
}
