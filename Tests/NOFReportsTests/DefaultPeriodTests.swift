import Foundation
import NOFCore
import NOFPostgres
import NOFSample
import Testing
import TestSupport

@Suite("the default period of league and segment reports")
struct DefaultPeriodTests {
    @Test("--period latest is the latest quarter every loaded dataset covers in full, not a partial one")
    func latestCompleteQuarter() throws {
        try withTestDatabase { db in
            // Seven months to May 2024: A&E and ambulance run Nov 2023 - May 2024, the
            // others a month behind (Oct 2023 - Apr 2024). Only Q4 2023/24 (Jan-Mar) is whole
            // in every dataset; Q1 2024/25 has one or two months, Q3 2023/24 lacks October's A&E.
            var options = SampleOptions()
            options.end = YearMonth(constant: 2024, 5)
            options.months = 7
            options.acuteTrusts = 10
            options.independentProviders = 0
            options.rttCommissioners = 1
            options.rttTreatmentFunctions = 2
            options.includeRevisionAndBadRows = false
            let dir = try TestEnvironment.temporaryDirectory("sample7")
            _ = try SampleGenerator(options: options).write(to: dir)
            let url = ["--database-url", db.conninfo]
            let load = try runNofdb(["load", dir.path] + url)
            #expect(load.status == 0, "\(load.stderr)")

            let c = try db.connect()
            let complete = try c.query("SELECT quarter_label FROM nof.quarter_completeness WHERE complete ORDER BY quarter_start") {
                try $0.decode("quarter_label", as: String.self)
            }
            #expect(complete == ["Q4 2023/24"])
            let q1 = try c.value("SELECT incomplete FROM nof.quarter_completeness WHERE quarter_code = '2024-Q1'", as: String.self)
            #expect(q1.contains("ae 2/3") && q1.contains("rtt 1/3"), "\(q1)")
            // A league exists for the partial quarter too; latest must not pick it.
            #expect(try c.value("SELECT max(period) AS latest FROM dw.mart_league WHERE period_type = 'quarter'", as: PostgresDate?.self)
                    == PostgresDate(year: 2024, month: 4, day: 1))

            for report in ["league-table", "segments"] {
                let r = try runNofdb(["report", report, "--format", "json"] + url)
                #expect(r.status == 0, "\(r.stderr)")
                let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
                let parameters = object?["parameters"] as? [String: String]
                #expect(parameters?["period"] == "Q4 2023/24", "\(report): \(parameters ?? [:])")
            }
            // An explicit month still gives a monthly league.
            let month = try runNofdb(["report", "league-table", "--period", "2024-05", "--format", "json"] + url)
            let monthParameters = (try JSONSerialization.jsonObject(with: Data(month.stdout.utf8)) as? [String: Any])?["parameters"] as? [String: String]
            #expect(monthParameters?["period"] == "May 2024")
        }
    }
}
