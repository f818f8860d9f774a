import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse
import Testing
import TestSupport

/// Organisations over time on the real files: the ODS trusts and successor files loaded beside
/// the NHS England ones.
@Suite("organisations over time on the real files")
struct OrganisationTests {
    func nofdb(_ args: [String], _ fixture: RealDataFixture) throws -> CommandResult {
        try runNofdb(args + ["--database-url", fixture.db.conninfo], environment: ["COLUMNS": "160"])
    }

    func rows(_ json: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return ((object?["sections"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]) ?? []
    }

    @Test("nofdb orgs dorset lists R0D, RBD, RDY, and RD3 and RDZ as predecessors of R0D closed 2020-09-30",
          .sharedData("needs the ODS trusts and successor files in ../shared/data/ods"))
    func findDorset() throws {
        let fixture = try RealDataFixture.get()
        let r = try nofdb(["orgs", "dorset", "--format", "json"], fixture)
        #expect(r.status == 0, "\(r.stderr)")
        let found = try rows(r.stdout)
        let codes = found.compactMap { $0["org_code"] as? String }
        #expect(Set(codes) == ["R0D", "RBD", "RDY", "RD3", "RDZ"], "\(codes)")
        for predecessor in ["RD3", "RDZ"] {
            let row = found.first { $0["org_code"] as? String == predecessor }
            #expect(row?["closed"] as? String == "2020-09-30")
            #expect(row?["note"] as? String == "predecessor of R0D")
            #expect(row?["merged_into"] as? String == "R0D")
        }
        let r0d = found.first { $0["org_code"] as? String == "R0D" }
        #expect(r0d?["predecessors"] as? String == "RD3, RDZ")
        #expect(r0d?["icb"] as? String == "QVV")
        // Case and punctuation do not matter; a code finds its organisation.
        let upper = try rows(try nofdb(["orgs", "DORSET.", "--format", "json"], fixture).stdout)
        #expect(upper.count == found.count)
        let code = try rows(try nofdb(["orgs", "rbd", "--format", "json"], fixture).stdout)
        #expect(code.compactMap { $0["org_code"] as? String } == ["RBD"])
        let none = try nofdb(["orgs", "zzqx"], fixture)
        #expect(none.status != 0)
        #expect(none.stderr.contains("no organisation matches 'zzqx'"))
    }

    @Test("report trust takes a name that matches one organisation, and says which when it matches several",
          .sharedData("needs the ODS trusts and successor files in ../shared/data/ods"))
    func trustByName() throws {
        let fixture = try RealDataFixture.get()
        let one = try nofdb(["report", "trust", "dorset county", "--format", "json"], fixture)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("\"organisation\" : \"RBD\"") || one.stdout.contains("\"organisation\":\"RBD\""), "\(one.stdout.prefix(300))")
        let several = try nofdb(["report", "trust", "dorset"], fixture)
        #expect(several.status != 0)
        #expect(several.stderr.contains("matches 3 organisations") && several.stderr.contains("R0D"), "\(several.stderr)")
    }

    /// A month of a merged series (nof.standard_performance_merged), the rate to 4 places.
    struct MergedMonth: Decodable {
        let period: YearMonth
        let status: String
        let mergedFrom: [String]
        let notReporting: [String]
        let rate: Decimal?
    }

    @Test("the merged four-hour series for R0D runs from April 2018, RD3's field-test months made like-for-like from RDZ",
          .sharedData("needs the ODS trusts and successor files in ../shared/data/ods"))
    func mergedDorset() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let months = try c.query("""
            SELECT period, status, merged_from, not_reporting, round(rate, 4) AS rate
              FROM nof.standard_performance_merged
             WHERE org_code = 'R0D' AND standard_code = 'ae_4h_all' AND breakdown = '' ORDER BY period
            """, as: MergedMonth.self)
        let loaded = try c.query("SELECT DISTINCT period FROM dw.fact_ae ORDER BY 1") { try $0.decode("period", as: YearMonth.self) }
        #expect(months.map(\.period) == loaded, "a row for every A&E month loaded")
        #expect(months.first?.period == YearMonth(constant: 2018, 4))
        let april2018 = try #require(months.first)
        #expect(april2018.status == "reported" && april2018.mergedFrom == ["RD3", "RDZ"])
        // May 2019 - September 2020: RD3 in the field test, RDZ reporting: RDZ's own figure.
        let may2019 = try #require(months.first { $0.period == YearMonth(constant: 2019, 5) })
        #expect(may2019.status == "partial" && may2019.notReporting == ["RD3"], "\(may2019)")
        let rdz = try c.value("SELECT round(rate, 4) AS rate FROM nof.standard_performance WHERE org_code = 'RDZ' AND standard_code = 'ae_4h_all' AND breakdown = '' AND period = '2019-05-01'", as: Decimal.self)
        #expect(may2019.rate == rdz)
        // From October 2020 R0D itself is in the field test: no figure, and it says why.
        let oct2020 = try #require(months.first { $0.period == YearMonth(constant: 2020, 10) })
        #expect(oct2020.status == "not_reported_field_test" && oct2020.rate == nil)

        // The trust report folds them in only with --merged, and says so.
        let plain = try nofdb(["report", "trust", "R0D", "--period", "2019-06", "--section", "predecessors", "--format", "csv"], fixture)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("RD3") && plain.stdout.contains("not folded in"))
        let merged = try nofdb(["report", "trust", "R0D", "--merged", "--period", "2019-06", "--format", "csv", "--section", "standards"], fixture)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("‡ without RD3"), "\(merged.stdout)")
        let refused = try nofdb(["report", "national", "--merged"], fixture)
        #expect(refused.status != 0 && refused.stderr.contains("does not take --merged") && refused.stderr.contains("applies to the trust report"),
                "\(refused.stderr)")
    }

    @Test("the merged series for RAJ sums RAJ, RQ8 and RDD before April 2020",
          .sharedData("needs the ODS trusts and successor files in ../shared/data/ods"))
    func mergedEssex() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let mergedFrom = try c.query("""
            SELECT merged_from FROM nof.standard_performance_merged
             WHERE org_code = 'RAJ' AND standard_code = 'ae_12h_dta_count' AND breakdown = '' AND period = '2019-06-01'
            """) { try $0.decode("merged_from", as: [String].self) }
        #expect(mergedFrom.first == ["RAJ", "RDD", "RQ8"], "\(mergedFrom)")
        let sum = try c.value("""
            SELECT sum(value) AS total FROM dw.mart_standard
             WHERE org_level = 'provider' AND standard_code = 'ae_12h_dta_count' AND breakdown = '' AND period = '2019-06-01'
               AND org_code IN ('RAJ', 'RQ8', 'RDD')
            """, as: Decimal.self)
        let merged = try c.value("SELECT rate FROM nof.standard_performance_merged WHERE org_code = 'RAJ' AND standard_code = 'ae_12h_dta_count' AND breakdown = '' AND period = '2019-06-01'", as: Decimal.self)
        #expect(merged == sum)
        // After the merger, RAJ alone.
        #expect(try c.value("SELECT merged_from FROM nof.standard_performance_merged WHERE org_code = 'RAJ' AND standard_code = 'ae_4h_all' AND breakdown = '' AND period = '2020-06-01'", as: [String].self) == ["RAJ"])
        // The unadjusted series stays the trust's own.
        #expect(try c.value("SELECT count(*) AS n FROM nof.standard_performance WHERE org_code = 'RAJ' AND org_level = 'provider' AND standard_code = 'ae_4h_all' AND period = '2019-06-01'", as: Int.self) == 1)
    }

    @Test("ICB rows for every month and standard equal the sums of their trusts; membership is dated; RWX is mental health",
          .sharedData("needs the ODS trusts and successor files in ../shared/data/ods"))
    func icbRollUps() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let missing = try c.query("""
            SELECT DISTINCT to_char(p.period, 'YYYY-MM') || ' ' || p.standard_code AS month_standard
              FROM dw.mart_standard p JOIN dw.dim_standard s ON s.standard_code = p.standard_code
             WHERE p.org_level = 'provider' AND s.dataset <> 'ambulance'
               AND NOT EXISTS (SELECT 1 FROM dw.mart_standard i WHERE i.org_level = 'icb' AND i.period = p.period AND i.standard_code = p.standard_code)
            """) { try $0.decode("month_standard", as: String.self) }
        #expect(missing.isEmpty, "\(missing.prefix(10))")
        let check = try runNofdb(["check", "--test", "icb_rows_equal_their_trusts", "--test", "trusts_have_one_icb_a_month_in_force",
                                  "--test", "merged_series_sum_their_predecessors", "--database-url", fixture.db.conninfo])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // Dated membership: RAJ in Mid and South Essex ICB (QH8) in 2024, NHS Essex (D7T5G) from April 2026.
        #expect(try c.value("SELECT icb_code FROM nof.organisation_icb_month WHERE org_code = 'RAJ' AND period = '2024-06-01'", as: String.self) == "QH8")
        #expect(try c.value("SELECT icb_code FROM nof.organisation_icb_month WHERE org_code = 'RAJ' AND period = '2026-05-01'", as: String.self) == "D7T5G")
        #expect(try c.value("SELECT basis FROM nof.organisation_icb_month WHERE org_code = 'RAJ' AND period = '2019-06-01'", as: String.self) == "first ICB")
        // Restated on today's ICBs, NHS Essex (April 2026) runs back to 2019 with RAJ's predecessors in it.
        let essex = try c.value("SELECT trusts FROM nof.standard_performance_icb_today WHERE icb_code = 'D7T5G' AND standard_code = 'ae_4h_all' AND breakdown = '' AND period = '2019-06-01'", as: [String].self)
        #expect(["RAJ", "RDD", "RQ8"].allSatisfy { essex.contains($0) }, "\(essex)")
        // The ICB's name comes with its rows.
        let qvv = try c.value("SELECT org_name FROM nof.standard_performance WHERE org_level = 'icb' AND org_code = 'QVV' LIMIT 1", as: String.self)
        #expect(qvv.contains("Dorset"))
        #expect(try c.value("SELECT peer_group FROM nof.organisation WHERE org_code = 'RWX'", as: String.self) == "mental_health_community")
        #expect(try c.value("SELECT count(*) AS n FROM nof.league_table WHERE org_code = 'RWX' AND peer_group = 'acute'", as: Int.self) == 0)
        // --icb filters a provider report to the ICB's trusts that month.
        let r = try nofdb(["report", "cancer", "--icb", "QVV", "--period", "2024-11", "--section", "cancer-standards-by-provider",
                           "--format", "csv"], fixture)
        #expect(r.status == 0, "\(r.stderr)")
        // England comes first as the comparator; the providers are the ICB's.
        let codes = Set(parseCSV(r.stdout).dropFirst().compactMap(\.first)).subtracting(["ENG"])
        #expect(!codes.isEmpty && codes.isSubset(of: ["R0D", "RBD", "RDY"]), "\(codes)")
    }

    @Test("a cut ODS trusts file does not replace the stored one: held back, naming the trusts it would lose",
          .sharedData("needs the ODS trusts and successor files in ../shared/data/ods"))
    func cutTrustsFileHeldBack() throws {
        try withTestDatabase { db in
            let url = ["--database-url", db.conninfo]
            let full = try runNofdb(["load", TestEnvironment.odsFile("etr.csv").path] + url)
            #expect(full.status == 0, "\(full.stderr)")
            // Keep the file's newest-dated rows (so it claims the same date) and drop 150 others.
            let lines = try String(contentsOf: TestEnvironment.odsFile("etr.csv"), encoding: .utf8)
                .components(separatedBy: "\r\n").filter { !$0.isEmpty }
            let kept = lines.filter { $0.contains("\"202606") } + lines.filter { !$0.contains("\"202606") }.prefix(lines.count - 150)
            let dir = try TestEnvironment.temporaryDirectory("ods-cut")
            let cut = dir.appendingPathComponent("etr.csv")
            try (kept.joined(separator: "\r\n") + "\r\n").write(to: cut, atomically: true, encoding: .utf8)
            let r = try runNofdb(["load", cut.path] + url)
            #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
            #expect((r.stdout + r.stderr).contains("held back"), "\(r.stdout)\(r.stderr)")
            let c = try db.connect()
            #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ods_trust", as: Int.self) == lines.count)
        }
    }
}
