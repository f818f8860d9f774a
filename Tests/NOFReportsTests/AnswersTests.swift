import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse
import Testing
import TestSupport

/// The reports answer the reader's question on the real files: against England, the region, the
/// peers and the target; with stale and small-number figures flagged; a league that says what it
/// ranks on and never calls one domain "overall".
@Suite("reports that answer the question, on the real files", .serialized)
struct AnswersTests {
    func nofdb(_ args: [String], _ fixture: RealDataFixture, columns: Int = 120) throws -> CommandResult {
        try runNofdb(args + ["--database-url", fixture.db.conninfo], environment: ["COLUMNS": String(columns)])
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func rows(_ report: [String: Any], _ title: String) -> [[String: Any]] {
        let sections = report["sections"] as? [[String: Any]] ?? []
        return sections.first { $0["title"] as? String == title }?["rows"] as? [[String: Any]] ?? []
    }

    struct Comparison: Decodable {
        let rate: Decimal?
        let englandRate: Decimal?
        let peerGroup: String?
        let peerRank: Int?
        let peersRanked: Int?
        let vsEngland: String?
        let smallNumbers: Bool
    }

    @Test("nof.provider_comparison puts England (73.26%) and RBD's rank among its peers beside its four-hour figure for December 2021")
    func providerComparison() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let rows = try c.query("""
            SELECT rate, england_rate, peer_group, peer_rank, peers_ranked, vs_england, small_numbers
              FROM nof.provider_comparison
             WHERE org_code = 'RBD' AND standard_code = 'ae_4h_all' AND period = \(YearMonth(constant: 2021, 12))
            """, as: Comparison.self)
        let rbd = try #require(rows.first)
        #expect(rows.count == 1)
        let england = try #require(rbd.englandRate)
        #expect(abs(NSDecimalNumber(decimal: england).doubleValue - 73.26) < 0.005)
        #expect(rbd.peerGroup == "acute")
        let rank = try #require(rbd.peerRank)
        let of = try #require(rbd.peersRanked)
        #expect(rank >= 1 && rank <= of && of >= 100, "RBD ranks \(rank) of \(of)")
        #expect(rbd.vsEngland == "worse")
        #expect(!rbd.smallNumbers)
        // Its 62-day figure for January 2025 comes from 9.5 patients: small numbers. (January 2025
        // is in ../shared's cancer workbooks, not in the corpus.)
        if fixture.isFullSet {
            #expect(try c.value("""
                SELECT small_numbers FROM nof.provider_comparison
                 WHERE org_code = 'RBD' AND standard_code = 'cancer_62d' AND period = \(YearMonth(constant: 2025, 1))
                """, as: Bool.self))
        }
    }

    @Test("no overall league ranks an organisation scored in one domain; the default league is the cancer league and says so",
          .sharedData("the Q4 2024/25 cancer workbook and its quarter's league"))
    func honestLeagueScope() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        #expect(try c.value("""
            SELECT count(*) AS n FROM nof.league_table WHERE domain = 'overall' AND ranked AND domains_scored < 2
            """, as: Int.self) == 0)
        let quarter = YearMonth(constant: 2025, 1)
        #expect(try c.value("""
            SELECT count(*) FILTER (WHERE ranked) AS n FROM nof.league_table
             WHERE league = 'nof' AND period_type = 'quarter' AND period = \(quarter) AND peer_group = 'acute' AND domain = 'overall'
            """, as: Int.self) == 0, "Q4 2024/25 has cancer metrics only: nobody is ranked overall")
        let scope = try c.value("""
            SELECT scope FROM nof.league_scope
             WHERE league = 'nof' AND period_type = 'quarter' AND period = \(quarter) AND peer_group = 'acute' AND domain = 'overall'
            """, as: String.self)
        #expect(scope.hasPrefix("No overall ranking"), "\(scope)")

        let table = try nofdb(["report", "league-table"], fixture)
        #expect(table.status == 0, "\(table.stderr)")
        let head = table.stdout.split(separator: "\n").prefix(6).joined(separator: "\n")
        #expect(head.contains("Cancer league (not an overall ranking)"), "\(head)")
        #expect(head.contains("Not an overall ranking"), "the first lines say what the table is: \(head)")
        #expect(!head.contains("domain: overall"))
        let report = try json(try nofdb(["report", "league-table", "--format", "json"], fixture).stdout)
        let notices = report["notices"] as? [String] ?? []
        #expect(notices.contains { $0.contains("load A&E") }, "says what to load for an overall ranking: \(notices)")
    }

    @Test("the trust report shows England beside RBD, flags its December 2021 A&E as stale under April 2025 and its January 2025 62-day as small numbers",
          .sharedData("the January 2025 cancer workbook and the trust's league history"))
    func trustReport() throws {
        let fixture = try RealDataFixture.get()
        let report = try json(try nofdb(["report", "trust", "RBD", "--format", "json"], fixture).stdout)
        #expect((report["title"] as? String)?.contains("April 2025") == true)
        let standards = rows(report, "Standards")
        let fourHour = try #require(standards.first { $0["standard_code"] as? String == "ae_4h_all" })
        #expect(fourHour["as_of"] as? String == "2021-12")
        #expect((fourHour["england"] as? NSNumber)?.doubleValue == 73.26)
        #expect((fourHour["flag"] as? String)?.contains("stale: as of Dec 2021") == true)
        #expect((fourHour["peer_rank"] as? String)?.hasSuffix("of 108") == true, "\(fourHour)")
        // RTT England is one trust's figure: not shown as England.
        let rtt = try #require(standards.first { $0["standard_code"] as? String == "rtt_18w" })
        #expect(rtt["england"] is NSNull)
        #expect((rtt["flag"] as? String)?.contains("England only from 1 of") == true)

        let trend = rows(report, "13-month trend")
        let january = try #require(trend.first { $0["standard_code"] as? String == "cancer_62d" && $0["month"] as? String == "2025-01" })
        #expect(january["flag"] as? String == "small numbers")
        #expect((january["england"] as? NSNumber)?.doubleValue ?? 0 > 60)
        let history = rows(report, "League history")
        #expect(history.contains { $0["table_scope"] as? String == "cancer league" && $0["rank"] is NSNumber })
        #expect(!history.contains { $0["table_scope"] as? String == "overall" }, "never ranked overall on one domain")
    }

    @Test("at 80 columns, report national is at most 60 lines: one row per standard, the series a section of its own")
    func nationalFitsATerminal() throws {
        let fixture = try RealDataFixture.get()
        let r = try nofdb(["report", "national"], fixture, columns: 80)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 60, "\(lines.count) lines")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(r.stdout.contains("england-over-13-months"), "the series is named, with how to see it")
        let series = try nofdb(["report", "national", "--section", "england-over-13-months", "--format", "csv"], fixture)
        #expect(series.status == 0 && series.stdout.hasPrefix("month,standard,standard_code,value"), "\(series.stdout.prefix(80))")
    }

    @Test("England's quarter is the sum of the three published months; like for like is its own column")
    func quartersAsPublished() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        struct Quarter: Decodable {
            let rate: Double
            let likeForLikeRate: Double?
        }
        let q3 = try #require(try c.query("""
            SELECT rate, like_for_like_rate FROM nof.standard_performance_quarterly
             WHERE org_level = 'england' AND standard_code = 'ae_4h_all' AND breakdown = '' AND period = \(YearMonth(constant: 2021, 10))
            """, as: Quarter.self).first)
        let months = try c.value("""
            SELECT (100.0 * sum(numerator) / sum(denominator))::float8 AS rate FROM nof.standard_performance
             WHERE org_level = 'england' AND standard_code = 'ae_4h_all' AND breakdown = ''
               AND period BETWEEN \(YearMonth(constant: 2021, 10)) AND \(YearMonth(constant: 2021, 12))
            """, as: Double.self)
        #expect(abs(q3.rate - months) < 1e-9)
        #expect(q3.likeForLikeRate != nil)
    }

    @Test("organisation names come from the ODS reference when it is loaded",
          .sharedData("needs the ODS trusts and successor files in ../shared/data/ods"))
    func namesFromODS() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let ods = try c.value("""
            SELECT org_name FROM dw.fact_ods_trust WHERE org_code = 'RBD' ORDER BY period DESC LIMIT 1
            """, as: String.self)
        #expect(try c.value("SELECT org_name FROM nof.organisation WHERE org_code = 'RBD'", as: String.self) == ods)
        #expect(try c.value("""
            SELECT DISTINCT org_name FROM nof.provider_comparison WHERE org_code = 'RBD' AND standard_code = 'dm01_6w'
            """, as: String.self) == ods)
    }
}
