import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse
import Testing
import TestSupport

@Suite("standards, field test, league tables and the official NOF reproduction", .serialized)
struct WarehouseViewsTests {
    /// The field-test reference as published in ../shared/reference, read independently.
    static func fieldTestRanges() throws -> [(code: String, from: String, to: String)] {
        let text = try String(contentsOf: TestEnvironment.sharedDirectory.appendingPathComponent("reference/ae_field_test_sites.csv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            // The name column may hold commas inside quotes; codes and months are plain.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let code = fields.first, fields.count >= 4 else { return nil }
            let months = fields.filter { $0.range(of: "^[0-9]{4}-[0-9]{2}$", options: .regularExpression) != nil }
            guard months.count >= 2 else { return nil }
            return (code, months[0], months[1])
        }
    }

    @Test("England four-hour performance for every A&E month equals an independent computation from the raw CSV, to 0.01 pp",
          .sharedData("reads the independent field-test list in ../shared/reference and checks all 45 A&E months"))
    func englandFourHour() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let ranges = try Self.fieldTestRanges()
        #expect(ranges.count == 15)
        let files = try FileManager.default.contentsOfDirectory(at: TestEnvironment.nhseFile("ae"), includingPropertiesForKeys: nil)
        var checked = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\u{FEFF}", with: "")
            var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
            let header = lines.removeFirst()
            let booked = header.contains("Booked Appointments")
            var attendances = 0, within = 0
            var month = ""
            for line in lines {
                // Split outside quotes.
                var fields: [String] = [], current = "", quoted = false
                for ch in line { if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { fields.append(current); current = "" } else { current.append(ch) } }
                fields.append(current)
                let code = fields[1].trimmingCharacters(in: .whitespaces)
                guard fields[0].uppercased().hasPrefix("MSITAE-"), code.uppercased() != "TOTAL" else { continue }
                let parts = fields[0].split(separator: "-")
                let m = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"].firstIndex(of: parts[1].uppercased())! + 1
                month = String(format: "%@-%02d", String(parts[2]), m)
                if ranges.contains(where: { $0.code == code && month >= $0.from && month <= $0.to }) { continue }
                let n = fields.map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 }
                let att = booked ? n[4] + n[5] + n[6] + n[7] + n[8] + n[9] : n[4] + n[5] + n[6]
                let over = booked ? n[10] + n[11] + n[12] + n[13] + n[14] + n[15] : n[7] + n[8] + n[9]
                attendances += att
                within += att - over
            }
            let expected = 100.0 * Double(within) / Double(attendances)
            let period = try #require(YearMonth(month), "\(file.lastPathComponent): month \(month)")
            let actual = try c.value(
                "SELECT rate FROM nof.standard_performance WHERE standard_code = 'ae_4h_all' AND org_level = 'england' AND period = \(period)",
                as: Double.self)
            #expect(abs(actual - expected) < 0.01, "\(month): nofdb \(actual), independent \(expected)")
            checked += 1
        }
        #expect(checked == 45)
        // May 2019: the official basis (86.6%) differs from the naive TOTAL-row figure.
        let may = try #require(try c.execute("SELECT pct_within_4h, pct_naive_including_zeros, field_test_sites FROM nof.ae_four_hour_national WHERE period = '2019-05-01'").rows.first)
        #expect(try may.decode("pct_within_4h", as: Decimal.self) == Decimal(string: "86.63"))
        #expect(try may.decode("pct_naive_including_zeros", as: Decimal.self) > may.decode("pct_within_4h", as: Decimal.self))
        #expect(try may.decode("field_test_sites", as: Int.self) == 14)
    }

    @Test("May 2019 – December 2021: field-test sites are not_reported_field_test with NULL four-hour rates, and none is ranked on four-hour",
          .sharedData("counts every field-test month from May 2019 to December 2021 (32 months)"))
    func fieldTestStatus() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let codes = ["RGT", "RQM", "RDU", "RYJ", "RNQ", "RC9", "RXF", "RVW", "RX1", "RK9", "RHU", "RFR", "RGR"]
        let rows = try c.query(
            """
            SELECT org_code, period, status, rate IS NULL AS no_rate, numerator IS NULL AS no_numerator FROM nof.standard_performance
             WHERE standard_code IN ('ae_4h_all', 'ae_4h_type1') AND org_level = 'provider'
               AND period BETWEEN '2019-05-01' AND '2021-12-01' AND org_code = ANY(\(codes))
            """) {
            (try $0.decode("org_code", as: String.self), try $0.decode("status", as: String.self),
             try $0.decode("no_rate", as: Bool.self), try $0.decode("no_numerator", as: Bool.self))
        }
        #expect(rows.count == 13 * 32 * 2)
        #expect(rows.allSatisfy { $0.1 == "not_reported_field_test" && $0.2 && $0.3 })
        // Poole (RD3) to Sep 2020, University Hospitals Dorset (R0D) from Oct 2020.
        #expect(try c.value("SELECT count(*) AS n FROM nof.standard_performance WHERE standard_code = 'ae_4h_all' AND org_code IN ('RD3', 'R0D') AND period BETWEEN '2019-05-01' AND '2021-12-01' AND status = 'not_reported_field_test'", as: Int.self) == 32)
        // Attendances, decision-to-admit waits and admissions stay as reported.
        #expect(try c.value("SELECT att_type1 FROM nof.ae_monthly WHERE org_code = 'RGT' AND period = '2021-01-01'", as: Int.self) == 5447)
        #expect(try c.value("SELECT over4_type1 IS NULL AS no_over4 FROM nof.ae_monthly WHERE org_code = 'RGT' AND period = '2021-01-01'", as: Bool.self) == true)
        #expect(try c.value("SELECT rate FROM nof.standard_performance WHERE standard_code = 'ae_12h_dta_count' AND org_code = 'RGT' AND period = '2021-04-01'", as: Decimal.self) == 1)
        // Before the test they reported: April 2019 is a real figure.
        #expect(try c.value("SELECT status FROM nof.standard_performance WHERE standard_code = 'ae_4h_all' AND org_code = 'RGT' AND period = '2019-04-01'", as: String.self) == "reported")
        // No field-test site gets a four-hour score; they are scored on their other metrics and the table says so.
        #expect(try c.value("SELECT count(*) AS n FROM nof.league_metric_score WHERE standard_code = 'ae_4h_all' AND status = 'not_reported_field_test' AND score IS NOT NULL", as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM nof.league_metric_score WHERE standard_code = 'ae_4h_all' AND status = 'not_reported_field_test'", as: Int.self) > 0)
        #expect(try c.value("SELECT count(*) AS n FROM nof.league_table WHERE league = 'operational' AND org_code = 'RGT' AND period = '2020-01-01' AND period_type = 'month' AND domain = 'overall' AND four_hour_not_reported AND note LIKE 'A&E four-hour not reported (field test)%'", as: Int.self) == 1)
        // In the nof table A&E gives one metric (OF0013): a field-test site scored on nothing is not ranked, and says why.
        #expect(try c.value("SELECT not_ranked_reason FROM nof.league_table WHERE league = 'nof' AND org_code = 'RGT' AND period = '2020-01-01' AND period_type = 'month' AND domain = 'overall'", as: String?.self) == "no metric scored: no data, or not reported")
    }

    @Test("the gap detector surfaces the merged Bedford and Bournemouth sites and nothing else in 2019–2021",
          .sharedData("needs the ODS successor file and every A&E month of 2019–2021"))
    func gapDetector() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let rows = try c.query("SELECT DISTINCT org_code, finding FROM nof.ae_four_hour_gap_detector ORDER BY 1") {
            (try $0.decode("org_code", as: String.self), try $0.decode("finding", as: String.self))
        }
        #expect(rows.map(\.0) == ["R0D", "RC9"])
        #expect(rows.first { $0.0 == "RC9" }?.1.contains("RC1") == true)
        #expect(rows.first { $0.0 == "R0D" }?.1.contains("RDZ") == true)
        #expect(try c.value("SELECT min(period) AS first FROM nof.ae_four_hour_gap_detector WHERE org_code = 'RC9'", as: PostgresDate?.self)
                == PostgresDate(year: 2020, month: 4, day: 1))
        #expect(try c.value("SELECT min(period) AS first FROM nof.ae_four_hour_gap_detector WHERE org_code = 'R0D'", as: PostgresDate?.self)
                == PostgresDate(year: 2020, month: 10, day: 1))
    }

    @Test("England and region rows come from providers; rates from summed numerators and denominators")
    func aggregation() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        #expect(try c.value(
            """
            SELECT count(*) AS n FROM nof.standard_performance e
             WHERE e.org_level = 'england' AND e.standard_code IN ('ae_4h_all', 'dm01_6w', 'cancer_62d') AND e.breakdown = ''
               AND abs(e.rate - (SELECT 100.0 * sum(p.numerator) / sum(p.denominator) FROM nof.standard_performance p
                                  WHERE p.org_level = 'provider' AND p.standard_code = e.standard_code
                                    AND p.period = e.period AND p.breakdown = '')) > 1e-9
            """, as: Int.self) == 0)
        #expect(try c.value("SELECT count(DISTINCT org_code) AS n FROM nof.standard_performance WHERE org_level = 'region' AND standard_code = 'ae_4h_all' AND period = '2021-12-01'", as: Int.self) == 7)
        // DM01 England from providers equals the workbook's England Total row (August 2024: 1,562,141 waiting,
        // 374,205 6+ weeks; April 2025, the corpus's: 1,696,688 waiting).
        if fixture.isFullSet {
            let dm01 = try c.execute("SELECT denominator, numerator FROM nof.standard_performance WHERE standard_code = 'dm01_6w' AND org_level = 'england' AND breakdown = '' AND period = '2024-08-01'")
            #expect(dm01.rowCount == 1)
            let dm01England = try #require(dm01.rows.first)
            #expect(try dm01England.decode("denominator", as: Decimal.self) == 1_562_141)
            #expect(try dm01England.decode("numerator", as: Decimal.self) == 374_205)
        }
        let april = try #require(try c.execute("SELECT denominator, numerator FROM nof.standard_performance WHERE standard_code = 'dm01_6w' AND org_level = 'england' AND breakdown = '' AND period = '2025-04-01'").rows.first)
        #expect(try april.decode("denominator", as: Decimal.self) == 1_696_688)
        #expect(try april.decode("numerator", as: Decimal.self)
                == (try c.value("SELECT sum(waiting_6plus) AS waiting FROM dw.fact_diagnostics WHERE period = '2025-04-01'", as: Decimal.self)))
        // Quarterly: pooled for flows, last month for snapshots.
        #expect(try c.value("SELECT months FROM nof.standard_performance_quarterly WHERE standard_code = 'ae_4h_all' AND org_level = 'england' AND period = '2019-04-01'", as: Int.self) == 3)
        // Targets in force: 95% constitutional, 76% interim for March 2024, nothing interim in 2019.
        let targets = try c.execute("SELECT constitutional_standard, interim_target, target_kind FROM nof.standard_performance WHERE standard_code = 'ae_4h_all' AND org_level = 'england' AND period = '2019-05-01'")
        #expect(targets.rowCount == 1)
        let may2019 = try #require(targets.rows.first)
        #expect(try may2019.decode("constitutional_standard", as: Decimal.self) == 95)
        #expect(try may2019.decode("interim_target", as: Decimal?.self) == nil)
        #expect(try may2019.decode("target_kind", as: String.self) == "constitutional")
        #expect(try c.value("SELECT target FROM dw.v_target_in_force WHERE standard_code = 'ae_4h_all' AND period = '2024-03-01'", as: Decimal.self) == 76)
        let cancer = try c.execute("SELECT target, target_kind FROM dw.v_target_in_force WHERE standard_code = 'cancer_62d' AND period = '2025-06-01'")
        #expect(cancer.rowCount == 1)
        let june2025 = try #require(cancer.rows.first)
        #expect(try june2025.decode("target", as: Decimal.self) == 75)
        #expect(try june2025.decode("target_kind", as: String.self) == "interim")
        // RTT median and 92nd percentile from the bands (RBD, November 2024).
        #expect(try c.value("SELECT round(rate, 2) AS weeks FROM nof.standard_performance WHERE standard_code = 'rtt_median_weeks' AND org_code = 'RBD'", as: Decimal.self)
                == Decimal(string: "14.33"))
    }

    @Test("official NOF: nofdb's scoring and ranking SQL reproduces OF5002 (within 0.01), the finance override and the ranks for every trust and quarter")
    func officialReproduction() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let row = try #require(try c.execute(
            """
            SELECT count(*) AS trusts,
                   count(*) FILTER (WHERE abs(average_score_difference) > 0.01 OR recomputed_average_score IS NULL) AS off_by_more,
                   count(*) FILTER (WHERE average_score_difference <> 0) AS not_exact,
                   count(*) FILTER (WHERE recomputed_adjusted_segment IS DISTINCT FROM official_adjusted_segment) AS segment_differs,
                   count(*) FILTER (WHERE recomputed_rank IS DISTINCT FROM official_rank) AS rank_differs,
                   count(*) FILTER (WHERE league_file_rank IS NOT NULL) AS in_league_file,
                   count(*) FILTER (WHERE league_file_rank IS NOT NULL AND league_file_rank <> recomputed_rank) AS league_file_rank_differs,
                   count(*) FILTER (WHERE finance_override AND unadjusted_segment < 3) AS overridden
              FROM nof.nof_official_reproduction
            """).rows.first)
        #expect(try row.decode("trusts", as: Int.self) == 244)
        #expect(try row.decode("off_by_more", as: Int.self) == 0)
        #expect(try row.decode("not_exact", as: Int.self) == 13)
        #expect(try row.decode("segment_differs", as: Int.self) == 0)
        #expect(try row.decode("rank_differs", as: Int.self) == 0)
        #expect(try row.decode("in_league_file", as: Int.self) == 61)
        #expect(try row.decode("league_file_rank_differs", as: Int.self) == 0)
        #expect(try row.decode("overridden", as: Int.self) > 0, "the file has trusts whose segment the override changes")
        // Tied ranks exist and are shared (standard competition ranking).
        #expect(try c.value("SELECT count(*) AS n FROM (SELECT period, recomputed_rank FROM nof.nof_official_reproduction GROUP BY 1, 2 HAVING count(*) > 1) t", as: Int.self) > 0)
    }

    @Test("league tables: ties share a rank (1, 2, 2, 4) and all four segments are used for peer groups of 8 or more")
    func leagueTables() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        // Competition ranking: a rank r shared by k rows is followed by rank r + k.
        #expect(try c.value(
            """
            WITH t AS (SELECT league, period_type, period, peer_group, domain, league_rank, count(*) AS n
                         FROM nof.league_table WHERE ranked GROUP BY 1, 2, 3, 4, 5, 6),
                 gaps AS (SELECT *, lead(league_rank) OVER (PARTITION BY league, period_type, period, peer_group, domain ORDER BY league_rank) AS next FROM t)
            SELECT count(*) AS n FROM gaps WHERE next IS NOT NULL AND next <> league_rank + n
            """, as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM (SELECT 1 FROM nof.league_table WHERE ranked GROUP BY league, period_type, period, peer_group, domain, league_rank HAVING count(*) > 1) t", as: Int.self) > 0)
        // Ranked by segment, then average score: in rank order neither ever goes down.
        #expect(try c.value(
            """
            SELECT count(*) AS n FROM (
                SELECT segment, average_score,
                       lag(segment) OVER w AS previous_segment, lag(average_score) OVER w AS previous_average
                  FROM nof.league_table WHERE ranked
                WINDOW w AS (PARTITION BY league, period_type, period, peer_group, domain ORDER BY league_rank, org_code)) t
             WHERE previous_segment > segment OR (previous_segment = segment AND previous_average > average_score)
            """, as: Int.self) == 0)
        // The NOF table scores by percentile, so averages rarely tie; the operational table scores 1.00 for
        // every organisation meeting a target, and a quarter tied at 1.00 legitimately leaves a segment empty.
        let peerGroups = try c.query(
            """
            SELECT league, period_type, period, peer_group, domain, count(*) AS organisations, count(DISTINCT segment) AS segments,
                   count(DISTINCT average_score) AS averages
              FROM nof.league_table WHERE ranked AND method_year = '2025/26' AND league = 'nof'
             GROUP BY 1, 2, 3, 4, 5 HAVING count(*) >= 8
            """) {
            (try $0.decode("organisations", as: Int.self), try $0.decode("segments", as: Int.self), try $0.decode("averages", as: Int.self))
        }
        #expect(!peerGroups.isEmpty)
        // Every NOF table of 8+ organisations with at least 8 distinct averages uses all four segments.
        #expect(peerGroups.filter { $0.2 >= 8 }.allSatisfy { $0.1 == 4 })
        #expect(peerGroups.filter { $0.2 >= 8 }.count > 10)
        // Scores: 1.00 for meeting the target, 2.00-4.00 otherwise; 1.00-4.00 without a target.
        #expect(try c.value("SELECT count(*) AS n FROM nof.league_metric_score WHERE met AND score <> 1.00", as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM nof.league_metric_score WHERE met = false AND (score < 2 OR score > 4)", as: Int.self) == 0)
        #expect(try c.value("SELECT count(*) AS n FROM nof.league_metric_score WHERE target IS NULL AND score IS NOT NULL AND (score < 1 OR score > 4)", as: Int.self) == 0)
        let unmet = try #require(try c.execute("SELECT min(score) AS lowest, max(score) AS highest FROM nof.league_metric_score WHERE met = false").rows.first)
        #expect(try unmet.decode("lowest", as: Decimal?.self) == 2)
        #expect(try unmet.decode("highest", as: Decimal?.self) == 4)
    }

    @Test("every public view and column has a comment; internals live in other schemas")
    func comments() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        #expect(try c.value("SELECT count(*) AS n FROM pg_views WHERE schemaname = 'nof'", as: Int.self) >= 20)
        let uncommentedViews = try c.query(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'nof' AND c.relkind = 'v' AND obj_description(c.oid, 'pg_class') IS NULL") {
            try $0.decode("relname", as: String.self)
        }
        #expect(uncommentedViews.isEmpty, "\(uncommentedViews)")
        let uncommentedColumns = try c.query(
            """
            SELECT c.relname || '.' || a.attname AS view_column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'nof' AND c.relkind = 'v' AND a.attnum > 0 AND NOT a.attisdropped
               AND col_description(c.oid, a.attnum) IS NULL
            """) { try $0.decode("view_column", as: String.self) }
        #expect(uncommentedColumns.isEmpty, "\(uncommentedColumns)")
        #expect(try c.value("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'nof'", as: Int.self) == 0)
        // docs/warehouse.md documents every public view and column as the database describes them.
        let doc = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("docs/warehouse.md"), encoding: .utf8)
        let generated = try ViewDocs.markdown(c)
        #expect(doc.hasSuffix(generated + "\n") || doc.hasSuffix(generated),
                "docs/warehouse.md's Public views section is out of date: run Scripts/doc-views")
    }
}

@Suite("read-only role for BI tools")
struct ReaderRoleTests {
    @Test("the role reads the public views and cannot insert, update, delete, or read staging, audit or warehouse tables")
    func readOnly() throws {
        try withTestDatabase { db in
            let admin = try db.connect()
            let role = "bi_reader_\(UUID().uuidString.prefix(6).lowercased())"
            let grant = try runNofdb(["grant-reader", role, "--password-stdin", "--database-url", db.conninfo], input: "s3cret-pass\n")
            #expect(grant.status == 0, "\(grant.stderr)")
            #expect(grant.stdout.contains("created role \(role)"))
            defer { _ = try? admin.executeScript("DROP OWNED BY \(role); DROP ROLE \(role)") }
            try admin.executeScript("CREATE TABLE staging.scratch (a int); INSERT INTO staging.scratch VALUES (1)")
            var options = db.config.parsedOptions() ?? [:]
            options["user"] = role
            options["password"] = "s3cret-pass"
            let reader = try Connection(ConnectionConfig(conninfo: options.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")))
            #expect(try reader.value("SELECT count(*) AS n FROM nof.standard", as: Int.self) == 19)
            #expect(try reader.value("SELECT count(*) AS n FROM nof.standard_performance", as: Int.self) == 0)
            #expect(try reader.value("SELECT count(*) AS n FROM nof.league_table", as: Int.self) == 0)
            #expect(try reader.value("SELECT count(*) AS n FROM nof.ae_four_hour_like_for_like", as: Int.self) == 0)
            for sql in [
                "SELECT * FROM staging.scratch", "SELECT * FROM audit.load_log", "SELECT * FROM dw.fact_ae",
                "INSERT INTO dw.dim_region VALUES ('Y99', 'x')", "UPDATE dw.dim_standard SET name = 'x'",
                "DELETE FROM audit.load_log", "INSERT INTO staging.scratch VALUES (2)", "CREATE TABLE nof.sneaky (a int)",
                "DELETE FROM nof.standard",
            ] {
                let error = #expect(throws: PostgresError.self, "\(sql)") { try reader.execute(SQLQuery(verbatim: sql)) }
                #expect(error?.sqlState == .insufficientPrivilege || error?.sqlState?.code == "55000" || error?.sqlState?.code == "0A000", "\(sql): \(String(describing: error))")
            }
            #expect(try admin.value("SELECT count(*) AS n FROM staging.scratch", as: Int.self) == 1)
            // Running it again updates, and survives views being recreated by init.
            let again = try runNofdb(["grant-reader", role, "--database-url", db.conninfo])
            #expect(again.stdout.contains("updated role \(role)"))
        }
    }
}
