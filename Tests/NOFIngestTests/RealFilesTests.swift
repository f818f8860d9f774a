import Foundation
import NOFCore
@testable import NOFIngest
import NOFPostgres
import NOFWarehouse
import Synchronization
import Testing
import TestSupport

@Suite("real NHS England files", .serialized)
struct RealFilesTests {
    @Test("every file loads with zero rejects, detected as the right dataset and layout")
    func everyFileLoads() throws {
        let fixture = try RealDataFixture.get()
        // The full set: 55 NHS England files and 3 ODS files; the corpus: 17 NHS England files.
        #expect(fixture.results.count == (fixture.isFullSet ? 58 : 17), "\(TestEnvironment.realDataSource)")
        for r in fixture.results {
            #expect(r.status == .loaded, "\(r.file): \(r.message ?? "")")
            #expect(r.rowsRejected == 0, "\(r.file): \(r.rejects)")
            let folder = URL(fileURLWithPath: r.path).deletingLastPathComponent().lastPathComponent
            let expected: [String: (Dataset, Set<String>)] = [
                "ae": (.ae, ["ae-16a", "ae-16b", "ae-22"]), "ambsys": (.ambulance, ["ambsys-128"]),
                "rtt": (.rtt, ["rtt-104"]), "cancer": (.cancer, ["cwt-crs"]),
                "dm01": (.diagnostics, ["dm01-provider-by-test"]),
                "nof": (r.file.contains("league") ? .nofLeague : .nofData, ["nof-data-17", "nof-league-12"]),
                "ods": (r.file.hasPrefix("succ") ? .odsSuccessors : .odsTrusts, ["ods-etr-27", "ods-succ-5"]),
            ]
            let (dataset, layouts) = try #require(expected[folder])
            #expect(r.dataset == dataset, "\(r.file)")
            #expect(layouts.contains(r.layout ?? ""), "\(r.file): \(r.layout ?? "-")")
        }
        // The three A&E header versions by period, as FORMATS.md describes them.
        let ae = fixture.results.filter { $0.dataset == .ae }
        #expect(ae.count == (fixture.isFullSet ? 45 : 11))
        #expect(Set(ae.compactMap(\.layout)) == ["ae-16a", "ae-16b", "ae-22"], "the three header layouts are all there")
        for r in ae {
            guard let p = r.periods.first else { continue }
            let expected = p < YearMonth(year: 2020, month: 4)! ? "ae-16a" : p < YearMonth(year: 2020, month: 8)! ? "ae-16b" : "ae-22"
            #expect(r.layout == expected, "\(r.file)")
        }
    }

    /// A deliberately simple CSV reader, independent of nofdb's parser.
    static func simpleCSV(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\u{FEFF}", with: "")
        var rows: [[String]] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var fields: [String] = []
            var current = ""
            var quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { fields.append(current); current = "" } else { current.append(ch) }
            }
            fields.append(current)
            rows.append(fields)
        }
        return rows
    }

    @Test("A&E: for each month (45 in ../shared, 11 in the corpus) the loaded sums equal the file's TOTAL row in every column")
    func aeTotals() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let aeFiles = try FileManager.default.contentsOfDirectory(at: TestEnvironment.nhseFile("ae"), includingPropertiesForKeys: nil)
        #expect(aeFiles.count == (fixture.isFullSet ? 45 : 11))
        for file in aeFiles {
            let rows = try Self.simpleCSV(file)
            let header = rows[0]
            let total = try #require(rows.last { ($0.count > 3) && ($0[1].trimmingCharacters(in: .whitespaces).uppercased() == "TOTAL" || $0[3].uppercased() == "TOTAL") })
            let period = try #require(rows.dropFirst().first.flatMap { parseLabelledPeriod($0[0]) })
            let booked = header.count >= 22
            // File column → fact column.
            let map: [(Int, String)] = booked
                ? [(4, "att_type1"), (5, "att_type2"), (6, "att_other"), (7, "att_booked_type1"), (8, "att_booked_type2"),
                   (9, "att_booked_other"), (10, "over4_type1"), (11, "over4_type2"), (12, "over4_other"),
                   (13, "over4_booked_type1"), (14, "over4_booked_type2"), (15, "over4_booked_other"), (16, "dta_4_to_12"),
                   (17, "dta_12_plus"), (18, "emadm_type1"), (19, "emadm_type2"), (20, "emadm_other_ae"), (21, "emadm_other")]
                : [(4, "att_type1"), (5, "att_type2"), (6, "att_other"), (7, "over4_type1"), (8, "over4_type2"),
                   (9, "over4_other"), (10, "dta_4_to_12"), (11, "dta_12_plus"), (12, "emadm_type1"), (13, "emadm_type2"),
                   (14, "emadm_other_ae"), (15, "emadm_other")]
            let sums = SQLQuery.joined(map.map { "sum(\(identifier: $0.1)) AS \(identifier: $0.1)" }, separator: ", ")
            let row = try #require(try c.execute("SELECT \(sums) FROM dw.fact_ae WHERE period = \(period)").rows.first)
            for (column, name) in map {
                #expect(try row.decode(name, as: Int?.self) == Int(total[column]), "\(file.lastPathComponent) \(name)")
            }
        }
    }

    @Test("RTT (RBD): incomplete pathways equal the C_999 Part_2 Total All; Part_3 bands are NULL, not 0")
    func rtt() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        // Computed independently from the file: the sum of C_999 Part_2 'Total All' over commissioners.
        let rows = try Self.simpleCSV(TestEnvironment.nhseFile("rtt/20241130-RTT-November-2024-RBD-only.csv"))
        let expected = rows.dropFirst().filter { $0[9] == "Part_2" && $0[11] == "C_999" }.reduce(0) { $0 + Int($1[120])! }
        #expect(expected == 21702)
        #expect(try c.value("SELECT sum(total_all) AS total FROM dw.fact_rtt WHERE provider_code = 'RBD' AND part = '2' AND treatment_function_code = 'C_999'", as: Int?.self) == expected)
        #expect(try c.value("SELECT total_all FROM dw.fact_rtt_provider WHERE provider_code = 'RBD' AND part = '2'", as: Int.self) == expected)
        // The provider's bands are bigint[]: their sum is numeric.
        #expect(try c.value("SELECT (SELECT sum(b) FROM unnest(bands) b) AS total FROM dw.fact_rtt_provider WHERE provider_code = 'RBD' AND part = '2'", as: Decimal?.self) == Decimal(expected))
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_rtt WHERE part = '3' AND bands IS NOT NULL", as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_rtt WHERE part = '3' AND total IS NULL AND total_all IS NOT NULL", as: Int.self) ==
                (try c.value("SELECT count(*) AS n FROM dw.fact_rtt WHERE part = '3'", as: Int.self)))
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_rtt WHERE part = '2' AND (total IS NOT NULL OR unknown_clock_start IS NOT NULL)", as: Int.self) == 0)
        let bands = try #require(try c.execute("SELECT min(cardinality(bands)) AS fewest, max(cardinality(bands)) AS most FROM dw.fact_rtt WHERE part <> '3'").rows.first)
        #expect(try bands.decode("fewest", as: Int?.self) == 105)
        #expect(try bands.decode("most", as: Int?.self) == 105)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_rtt", as: Int.self) == 512)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_rtt WHERE commissioner_code = 'NONC'", as: Int.self) > 0)
        #expect(try c.value("SELECT commissioner_name IS NULL AS unnamed FROM dw.dim_commissioner WHERE commissioner_code = 'NONC'", as: Bool.self) == true)
    }

    @Test("AmbSYS: '.' cells are NULL; A24 / A8 rounds to A25 on loaded rows; regions are not trusts")
    func ambulance() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        // The North East and Yorkshire region row of Aug 2017 is all '.'.
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ambulance WHERE period = '2017-08-01' AND org_code = 'Y63' AND c1_incidents IS NULL AND acodes->'A0' = 'null'::jsonb", as: Int.self) == 1)
        #expect(try c.value("SELECT acodes->>'A114' IS NULL AND acodes ? 'A114' AS a114_empty FROM dw.fact_ambulance WHERE period = '2017-08-01' AND org_code = 'Eng'", as: Bool.self) == true)
        #expect(try c.value("SELECT c1_incidents FROM dw.fact_ambulance WHERE period = '2017-08-01' AND org_code = 'Eng'", as: Int.self) == 10233)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ambulance WHERE c1_incidents > 0", as: Int.self) > 0)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ambulance WHERE c1_incidents > 0 AND round(c1_total_s::numeric / c1_incidents) <> c1_mean_s", as: Int.self) == 0)
        // The whole CSV holds 42 months; the corpus excerpt six whole months of it.
        let months = fixture.isFullSet ? 42 : 6
        #expect(try c.value("SELECT count(DISTINCT period) AS n FROM dw.fact_ambulance", as: Int.self) == months)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ambulance WHERE org_level = 'england'", as: Int.self) == months)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ambulance WHERE org_level = 'trust' AND org_code NOT LIKE 'R%'", as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ambulance WHERE org_level = 'region' AND period = '2021-01-01'", as: Int.self) == 7)
        #expect(try c.value("SELECT count(*) AS n FROM jsonb_object_keys((SELECT acodes FROM dw.fact_ambulance LIMIT 1))", as: Int.self) == 123)
    }

    @Test("cancer: rows per month equal the workbooks'; total = within + breaches; half-patients exact")
    func cancer() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        // Counted independently from the workbooks' sheet XML.
        let all: [String: Int] = [
            "2023-04": 8465, "2023-05": 8619, "2023-06": 8666, "2023-07": 8548, "2023-08": 8610, "2023-09": 8601,
            "2023-10": 9912, "2024-04": 10210, "2024-05": 10279, "2024-06": 10247, "2024-07": 10402, "2024-08": 10261,
            "2024-09": 10381, "2024-10": 10378, "2024-11": 10349, "2024-12": 10252, "2025-01": 10246, "2025-02": 10221,
            "2025-03": 10203,
        ]
        // The corpus holds the October 2023 workbook only.
        let expected = fixture.isFullSet ? all : all.filter { $0.key == "2023-10" }
        let rows = try c.query("SELECT period, count(*) AS n FROM dw.fact_cancer GROUP BY 1 ORDER BY 1") {
            (try $0.decode("period", as: YearMonth.self).description, try $0.decode("n", as: Int.self))
        }
        #expect(Dictionary(uniqueKeysWithValues: rows) == expected)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_cancer WHERE total_treated <> within_standard + breaches", as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_cancer WHERE total_treated <> trunc(total_treated)", as: Int.self) > 0)
        let row = try #require(try c.execute(
            "SELECT total_treated, within_standard, breaches FROM dw.fact_cancer WHERE period = '2023-10-01' AND org_code = 'RBD' AND cancer_standard = '62-day Combined' AND stage_route = 'Urgent Suspected Cancer' AND modality = 'Surgery' AND cancer_type = 'ALL CANCERS'"
        ).rows.first)
        #expect(try row.decode("total_treated", as: Decimal.self) == Decimal(string: "43.5"))
        #expect(try row.decode("within_standard", as: Decimal.self) == Decimal(29))
        #expect(try row.decode("breaches", as: Decimal.self) == Decimal(string: "14.5"))
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_cancer WHERE cancer_standard = '28-day FDS' AND modality IS NOT NULL", as: Int.self) == 0)
    }

    @Test("DM01: England's total waiting list (sum of providers) is 1,562,141 (Aug 2024) and 1,696,688 (Apr 2025)")
    func diagnostics() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        // The corpus holds the April 2025 workbook only.
        #expect(try c.value("SELECT sum(total_waiting) AS waiting FROM dw.fact_diagnostics WHERE period = '2024-08-01'", as: Int?.self)
                == (fixture.isFullSet ? 1_562_141 : nil))
        #expect(try c.value("SELECT sum(total_waiting) AS waiting FROM dw.fact_diagnostics WHERE period = '2025-04-01'", as: Int?.self) == 1_696_688)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_diagnostics WHERE test_id = 16", as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_diagnostics WHERE total_waiting <> (SELECT sum(b) FROM unnest(bands) b)", as: Int.self) == 0)
        // The Provider sheet and the providers' Total rows agree with the sums by test.
        let warnings = fixture.results.filter { $0.dataset == .diagnostics }.flatMap(\.warnings)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test("NOF files: every metric row and league row, and trust types recorded on organisations")
    func nof() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_nof_metric", as: Int.self) == 8771)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_nof_league", as: Int.self) == 61)
        #expect(try c.value("SELECT count(*) AS n FROM dw.dim_organisation WHERE nof_trust_type = 'Mental health and community trust'", as: Int.self) == 61)
    }
}
