import Foundation
import NOFPostgres
import Testing
import TestSupport

/// The honest-figures rules checked on every real file in ../shared loaded: no aggregate is
/// passed off as complete, no league ranks on what was not reported, published values are shown.
@Suite("honest figures on the real files")
struct HonestFiguresTests {
    func nofdb(_ args: [String], _ fixture: RealDataFixture) throws -> CommandResult {
        try runNofdb(args + ["--database-url", fixture.db.conninfo], environment: ["COLUMNS": "120"])
    }

    func sections(_ json: String) throws -> [String: [[String: Any]]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        var out: [String: [[String: Any]]] = [:]
        for section in object?["sections"] as? [[String: Any]] ?? [] {
            out[section["title"] as? String ?? ""] = section["rows"] as? [[String: Any]] ?? []
        }
        return out
    }

    @Test("England RTT November 2024 is one trust's figure, so it is partial in the view and every report format")
    func englandFromOneTrustIsPartial() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        struct Coverage: Decodable {
            let providersReporting: Int
            let providersExpected: Int
            let coverageStatus: String
        }
        let rows = try c.query("""
            SELECT providers_reporting, providers_expected, coverage_status
              FROM nof.standard_performance
             WHERE org_level = 'england' AND standard_code = 'rtt_18w' AND breakdown = '' AND period = '2024-11-01'
            """, as: Coverage.self)
        #expect(rows.count == 1)
        let england = try #require(rows.first)
        #expect(england.providersReporting == 1)
        #expect(england.providersExpected >= 100, "expected providers from the reference data: \(england)")
        #expect(england.coverageStatus == "partial")
        // A&E December 2021 is checked against the file's own TOTAL row: complete.
        #expect(try c.value("""
            SELECT coverage_status FROM nof.standard_performance
             WHERE org_level = 'england' AND standard_code = 'ae_4h_all' AND breakdown = '' AND period = '2021-12-01'
            """, as: String.self) == "complete")

        let table = try nofdb(["report", "national", "--period", "2024-11"], fixture)
        #expect(table.status == 0, "\(table.stderr)")
        let rttLine = table.stdout.split(separator: "\n").first { $0.contains("RTT within 18 weeks") } ?? ""
        #expect(rttLine.contains("partial: 1"), "\(rttLine)")
        #expect(table.stdout.contains("‡ partial"))
        let excel = try nofdb(["report", "national", "--period", "2024-11", "--section", "england-now", "--format", "csv", "--excel"], fixture)
        #expect(excel.status == 0 && excel.stdout.hasPrefix("\u{FEFF}standard,"), "--excel starts with a UTF-8 BOM")
        #expect(excel.stdout.contains("‡"))
        let notCSV = try nofdb(["report", "national", "--excel"], fixture)
        #expect(notCSV.status != 0 && notCSV.stderr.contains("--excel applies to --format csv"))
        for format in ["csv", "json", "markdown", "html"] {
            let section = format == "csv" ? ["--section", "england-over-13-months"] : []
            let r = try nofdb(["report", "national", "--period", "2024-11", "--format", format] + section, fixture)
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(r.stdout.contains("partial: 1 of ~"), "\(format) labels the partial England row")
            if format == "html" {
                #expect(r.stdout.contains("<g class=\"flagged\"><path") && r.stdout.contains("fill=\"#ffffff\""),
                        "the chart draws the partial point hollow")
                #expect(r.stdout.contains("partial: made from fewer providers than expected"), "the legend explains the hollow points")
            }
        }
    }

    @Test("no A&E field-test site is scored on four-hour performance in a quarter it did not report in full")
    func fieldTestSitesNotScoredOnPartialQuarters() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        // Q1 2019/20: April 2019 was reported, May and June were not (the field test began in May).
        let q1 = try c.query("""
            SELECT org_code, status, score FROM nof.league_metric_score
             WHERE period_type = 'quarter' AND period = '2019-04-01' AND standard_code = 'ae_4h_all'
               AND org_code IN ('RC9', 'RVW') ORDER BY league, org_code
            """) {
            (code: try $0.decode("org_code", as: String.self), status: try $0.decode("status", as: String.self),
             score: try $0.decode("score", as: Decimal?.self))
        }
        #expect(!q1.isEmpty)
        #expect(q1.allSatisfy { $0.status == "not_reported_field_test" && $0.score == nil }, "\(q1)")
        let scored = try c.value("""
            SELECT count(*) AS n FROM nof.league_metric_score s
              JOIN nof.ae_field_test_site f ON f.org_code = s.org_code
             WHERE s.period_type = 'quarter' AND s.standard_code IN ('ae_4h_all', 'ae_4h_type1') AND s.score IS NOT NULL
               AND EXISTS (SELECT 1 FROM nof.ae_monthly a
                            WHERE a.org_code = s.org_code AND a.period >= s.period AND a.period < s.period + interval '3 months'
                              AND a.four_hour_status IS DISTINCT FROM 'reported')
            """, as: Int.self)
        #expect(scored == 0)
        // And the league table marks them.
        let table = try c.value("""
            SELECT count(*) AS n FROM nof.league_table
             WHERE period_type = 'quarter' AND period = '2019-04-01' AND org_code IN ('RC9', 'RVW') AND four_hour_not_reported
            """, as: Int.self)
        #expect(table > 0)
    }

    @Test("no acute league row is a mental health trust, and no organisation is ranked overall on one metric")
    func acuteLeagueIsAcute() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        #expect(try c.value("""
            SELECT count(*) AS n FROM nof.league_table t JOIN nof.organisation o USING (org_code)
             WHERE t.peer_group = 'acute' AND o.peer_group = 'mental_health_community'
            """, as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM nof.league_table WHERE peer_group = 'acute' AND org_code = 'RWX'", as: Int.self) == 0,
                "Berkshire Healthcare (mental health and community) is not in the acute table")
        #expect(try c.value("SELECT count(*) AS n FROM nof.league_table WHERE domain = 'overall' AND ranked AND metrics_scored < 2", as: Int.self) == 0)
        // One-metric organisations are listed, not ranked, with the reason.
        let listed = try c.value("""
            SELECT count(*) AS n FROM nof.league_table
             WHERE domain = 'overall' AND NOT ranked AND not_ranked_reason LIKE 'scored on 1 metric%' AND league_rank IS NULL AND segment IS NULL
            """, as: Int.self)
        #expect(listed > 0)
    }

    @Test("report league-table with no options prints a ranked table and says what it covers",
          .sharedData("the corpus's rankable quarters have A&E alone, so its default table is the one-metric urgent and emergency care league"))
    func defaultLeagueTableIsRanked() throws {
        let fixture = try RealDataFixture.get()
        let r = try nofdb(["report", "league-table", "--format", "json"], fixture)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let parameters = object?["parameters"] as? [String: String] ?? [:]
        #expect(parameters["league"] == "nof")
        #expect(parameters["peer_group"] == "acute", "JSON parameter keys are snake_case: \(parameters.keys.sorted())")
        #expect(!(parameters["covers"] ?? "").isEmpty, "\(parameters)")
        let rows = try sections(r.stdout)["League table"] ?? []
        #expect(rows.count >= 10)
        #expect(rows.first?["rank"] as? Int == 1)
        #expect(rows.allSatisfy { ($0["scored"] as? String ?? "").hasPrefix("1 of") == false }, "nobody ranked on one metric")
        let method = try sections(r.stdout)["Method"] ?? []
        #expect(method.contains { ($0["item"] as? String ?? "").hasPrefix("not scored") }, "the departures from the NOF method are listed")

        // The same rules on the terminal: the table has rows, not just a header.
        let text = try nofdb(["report", "league-table"], fixture)
        #expect(text.status == 0)
        #expect(text.stdout.contains("   1  R"), "\(text.stdout.prefix(600))")
        #expect(text.stdout.contains("covers:"))
    }

    @Test("ambulance means are the published ones: England C2 is AmbSYS's value in every view and report")
    func ambulanceMeansArePublished() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let months = try c.value("SELECT count(*) AS n FROM dw.fact_ambulance WHERE org_level = 'england' AND c2_mean_s IS NOT NULL", as: Int.self)
        #expect(months >= (fixture.isFullSet ? 40 : 6), "every England month of the AmbSYS file loaded")
        // Published seconds / 60, to 2 dp, equals each view's figure for every England month.
        let differing = try c.value("""
            SELECT count(*) AS n FROM dw.fact_ambulance a
              JOIN nof.standard_performance p ON p.period = a.period AND p.org_code = 'ENG' AND p.standard_code = 'amb_c2_mean' AND p.breakdown = ''
              JOIN nof.ambulance_monthly m ON m.period = a.period AND m.org_level = 'england'
             WHERE a.org_level = 'england'
               AND (round(a.c2_mean_s / 60.0, 2) IS DISTINCT FROM round(p.rate, 2)
                    OR round(a.c2_mean_s / 60.0, 2) IS DISTINCT FROM round(m.c2_mean_min, 2))
            """, as: Int.self)
        #expect(differing == 0)
        // January 2021 in the national report is the published value.
        let published = try c.value("SELECT round(c2_mean_s / 60.0, 2) AS minutes FROM dw.fact_ambulance WHERE org_level = 'england' AND period = '2021-01-01'", as: Decimal.self)
        let r = try nofdb(["report", "national", "--period", "2021-01", "--section", "england-over-13-months", "--format", "csv"], fixture)
        #expect(r.status == 0, "\(r.stderr)")
        let table = parseCSV(r.stdout)
        let value = try #require(table.first?.firstIndex(of: "value"), "the national report has a value column: \(table.first ?? [])")
        let c2 = try #require(table.first { $0.first == "2021-01" && $0.contains("amb_c2_mean") })
        #expect(Decimal(string: c2[value], locale: Locale(identifier: "en_US_POSIX")) == published, "\(c2) shows \(published)")
    }
}
