import Foundation
import NOFIngest
#if canImport(FoundationXML)
import FoundationXML
#endif
import NOFPostgres
@testable import NOFReports
import Testing
import TestSupport

/// Parses RFC 4180 CSV (for checking nofdb's output; independent of the writer).
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)
    var i = 0
    chars.append("\n")
    while i < chars.count - 1 || (i == chars.count - 1 && !row.isEmpty) {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\r" {
        } else if c == "\n" {
            row.append(field); field = ""
            rows.append(row); row = []
        } else {
            field.unicodeScalars.append(c)
        }
        i += 1
    }
    return rows.filter { !($0.count == 1 && $0[0].isEmpty) }
}

@Suite("nofdb report, query and status (end to end, on the real files)", .serialized)
struct ReportEndToEndTests {
    func nofdb(_ args: [String], _ fixture: RealDataFixture, env: [String: String] = [:]) throws -> CommandResult {
        try runNofdb(args + ["--database-url", fixture.db.conninfo], environment: ["COLUMNS": "120"].merging(env) { $1 })
    }

    @Test("--list shows every canned report with its description and parameters, one SQL file each")
    func list() throws {
        let result = try runNofdb(["report", "--list"])
        #expect(result.status == 0)
        for name in ["league-table", "trust", "national", "field-test", "segments", "rtt-waits", "cancer", "diagnostics",
                     "ambulance", "nof-official", "loads", "revisions", "coverage", "syncs"] {
            #expect(result.stdout.contains("  \(name)"), "\(name) missing from --list")
            let definition = try #require(ReportCatalog.named(name))
            #expect(result.stdout.contains(definition.description))
        }
        #expect(ReportCatalog.all.count == 14)
        #expect(result.stdout.contains("--peer-group"))
    }

    @Test("every report runs in every format")
    func everyReportEveryFormat() throws {
        let fixture = try RealDataFixture.get()
        let dir = try TestEnvironment.temporaryDirectory("formats")
        for report in ReportCatalog.all {
            let args = report.takesOrganisationArgument ? ["report", report.name, "RBD"] : ["report", report.name]
            for format in OutputFormat.allCases {
                // A workbook goes to a file; a several-table CSV to a folder of files, one per section.
                let target: URL? = format == .xlsx ? dir.appendingPathComponent("\(report.name).xlsx")
                    : (format == .csv && report.sections.count > 1 ? dir.appendingPathComponent(report.name, isDirectory: true) : nil)
                let output = target.map { ["--output", $0.path + (format == .csv ? "/" : "")] } ?? []
                let r = try nofdb(args + ["--format", format.rawValue] + output, fixture)
                #expect(r.status == 0, "\(report.name) \(format): \(r.stderr)")
                if let target {
                    let written = format == .csv ? (try? FileManager.default.contentsOfDirectory(atPath: target.path).count) ?? 0
                        : ((try? Data(contentsOf: target).count) ?? 0)
                    #expect(written > 0, "\(report.name) \(format) wrote nothing")
                } else {
                    #expect(!r.stdout.isEmpty)
                }
            }
        }
    }

    @Test("CSV is RFC 4180 and parses back to the same table as the JSON; JSON has numbers as numbers and NULL as null")
    func csvAndJSON() throws {
        let fixture = try RealDataFixture.get()
        // 2021 has A&E only in the fixture, so the NOF table ranks nobody; the operational one ranks on A&E.
        // Q3 2021/22 has A&E only: the operational urgent and emergency care league ranks trusts.
        let args = ["report", "league-table", "--period", "2021-Q3", "--league", "operational", "--domain", "urgent_and_emergency_care",
                    "--limit", "20", "--section", "league-table"]
        let csv = try nofdb(args + ["--format", "csv"], fixture)
        #expect(csv.status == 0)
        #expect(csv.stdout.contains("\r\n"))
        let rows = parseCSV(csv.stdout)
        #expect(rows.first == ["rank", "org_code", "org_name", "region", "segment", "average_score", "scored", "note"])
        let json = try nofdb(args + ["--format", "json"], fixture)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let sections = try #require(object["sections"] as? [[String: Any]])
        let jsonRows = try #require(sections.first?["rows"] as? [[String: Any]])
        #expect(jsonRows.count == rows.count - 1)
        #expect(jsonRows.count == 20)
        for (i, jsonRow) in jsonRows.enumerated() {
            #expect(jsonRow["org_code"] as? String == rows[i + 1][1])
            let average = try #require(jsonRow["average_score"] as? NSNumber, "average_score must be a JSON number")
            #expect(abs(average.doubleValue - (Double(rows[i + 1][5]) ?? -1)) < 1e-9)
            #expect(jsonRow["rank"] is NSNumber)
        }
        #expect((object["parameters"] as? [String: String])?["period"] == "Q3 2021/22")
        // NULL is null: RTT 65+ weeks is NULL for nothing here, but nof-official's nofdb columns are NULL for MH trusts.
        let official = try nofdb(["report", "nof-official", "--format", "json", "--limit", "3"], fixture)
        let officialObject = try #require(try JSONSerialization.jsonObject(with: Data(official.stdout.utf8)) as? [String: Any])
        let officialRows = try #require((officialObject["sections"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])
        #expect(officialRows.first?["nofdb_segment"] is NSNull)
        // Names with commas are quoted and survive the round trip.
        let comma = try nofdb(["query", "SELECT 'a, \"b\"' AS x, 1.50::numeric AS n, NULL::int AS z", "--format", "csv"], fixture)
        #expect(parseCSV(comma.stdout) == [["x", "n", "z"], ["a, \"b\"", "1.50", ""]])
    }

    @Test("the terminal table matches its snapshot")
    func tableSnapshot() throws {
        let fixture = try RealDataFixture.get()
        let r = try nofdb(["report", "league-table", "--period", "2021-Q3", "--league", "operational", "--domain", "urgent_and_emergency_care",
                           "--limit", "6"], fixture)
        #expect(r.status == 0)
        let snapshot = TestEnvironment.packageRoot.appendingPathComponent("Tests/NOFReportsTests/Snapshots/league-table-2021-Q3.txt")
        if ProcessInfo.processInfo.environment["NOFDB_RECORD_SNAPSHOTS"] == "1" {
            try r.stdout.write(to: snapshot, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(r.stdout == expected)
        #expect(!r.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test("at 80 columns nothing is cut: long names wrap in their column, counts have thousands separators")
    func eightyColumns() throws {
        let fixture = try RealDataFixture.get()
        for args in [["report", "national", "--period", "2024-11"], ["report", "trust", "RBD"], ["report", "rtt-waits", "--limit", "5"],
                     ["report", "cancer", "--limit", "5"], ["report", "league-table", "--limit", "5"]] {
            let r = try runNofdb(args + ["--database-url", fixture.db.conninfo], environment: ["COLUMNS": "80"])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let long = lines.filter { $0.count > 80 }
            #expect(long.isEmpty, "\(args) has lines over 80 columns: \(long.prefix(3))")
            #expect(!r.stdout.contains("…"), "\(args) cut something short:\n\(r.stdout)")
        }
        // The two RTT 52-week rows stay distinct: each short name is shown whole, in its column.
        let national = try runNofdb(["report", "national", "--period", "2024-11", "--database-url", fixture.db.conninfo], environment: ["COLUMNS": "80"])
        #expect(national.stdout.contains("RTT waits over 52") && national.stdout.contains("RTT over 52 weeks (%)"), "\(national.stdout)")
        // Display formatting: counts grouped in thousands in the table; CSV keeps the raw numbers.
        let waits = try runNofdb(["report", "rtt-waits", "--period", "2024-11", "--database-url", fixture.db.conninfo], environment: ["COLUMNS": "200"])
        #expect(waits.stdout.contains("21,702"), "\(waits.stdout.prefix(600))")
        let csv = try runNofdb(["report", "rtt-waits", "--period", "2024-11", "--format", "csv", "--database-url", fixture.db.conninfo])
        let table = parseCSV(csv.stdout)
        let column = table.first?.firstIndex(of: "waiting_list") ?? 0
        #expect(table.count > 1 && table.dropFirst().allSatisfy { Int($0[column]) != nil }, "CSV keeps raw numbers")
    }

    @Test("--format xlsx writes a real workbook: a sheet per section with typed numbers, and a Notes sheet")
    func xlsx() throws {
        let fixture = try RealDataFixture.get()
        let dir = try TestEnvironment.temporaryDirectory("xlsx")
        let file = dir.appendingPathComponent("field-test.xlsx")
        let r = try nofdb(["report", "field-test", "--format", "xlsx", "--output", file.path], fixture)
        #expect(r.status == 0, "\(r.stderr)")
        // Read back with nofdb's own XLSX reader (the one that reads NHS England's workbooks).
        let book = try XLSXWorkbook(url: file, fileName: file.lastPathComponent)
        #expect(book.sheets.map(\.name) == ["Field-test sites", "England four-hour performance", "Unexplained gaps", "Notes"])
        var england: [SheetRow] = []
        try book.readRows(sheet: "England four-hour performance") { england.append($0); return true }
        #expect(england.first?.cells == [.text("Month"), .text("Basis"), .text("Within 4 hours (%)"), .text("Attendances"), .text("Sites excluded")], "the labels as the header")
        let aeMonths = try fixture.db.connect().value("SELECT count(DISTINCT period) AS n FROM dw.fact_ae", as: Int.self)
        #expect(aeMonths == (fixture.isFullSet ? 45 : 11))
        #expect(england.count == 1 + aeMonths * 2)
        if england.count > 1 {
            let row = england[1].cells
            guard case .number(let pct) = row[2], case .number(let attendances) = row[3] else {
                Issue.record("numbers are not typed as numbers: \(row)")
                return
            }
            #expect(Double(pct) != nil && Int(attendances) != nil)
        }
        var notes: [String] = []
        try book.readRows(sheet: "Notes") { row in
            notes.append(row.cells.compactMap { if case .text(let t) = $0 { return t } else { return nil } }.joined(separator: " | "))
            return true
        }
        #expect(notes.first == "The A&E four-hour field test — December 2021" || notes.first?.hasPrefix("The A&E four-hour field test") == true)
        #expect(notes.contains { $0.hasPrefix("Field-test sites | Source: NHS England, Publication of May A&E data") }, "\(notes)")
        #expect(notes.contains { $0.hasPrefix("source | NHS England statistics") })
        let toTerminal = try nofdb(["report", "field-test", "--format", "xlsx"], fixture)
        #expect(toTerminal.status == 1 && toTerminal.stderr.contains("give --output FILE.xlsx"))
    }

    @Test("HTML is one well-formed, self-contained file with an accessible table and inline SVG charts")
    func html() throws {
        let fixture = try RealDataFixture.get()
        let dir = try TestEnvironment.temporaryDirectory("html")
        let file = dir.appendingPathComponent("national.html")
        let r = try nofdb(["report", "national", "--period", "2021-12", "--format", "html", "--output", file.path], fixture)
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Responsive charts: an SVG per standard, drawn at its container's width from a viewBox,
        // with an axis title, and the target in force as a dashed line.
        #expect(html.contains("<svg class=\"chart-svg\" role=\"img\""))
        #expect(html.contains(" viewBox=\"0 0 ") && html.contains(" width=\"100%\""))
        #expect(!html.contains("<svg role=\"img\" aria-labelledby=\"c0t\" width=\"760\""), "no fixed-width chart")
        #expect(html.contains("<polyline"))
        #expect(html.contains("class=\"axis-title\""))
        #expect(html.contains("class=\"target\""))
        #expect(html.contains("<th scope=\"col\""))
        #expect(html.contains("<caption"))
        // Self-contained: nothing fetched from anywhere.
        for banned in ["<script", "<link", "src=", "@import", "url("] { #expect(!html.contains(banned), "\(banned)") }
        #expect(html.components(separatedBy: "http").count - 1 == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        // Well-formed: an XML parser reads it to the end.
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        #expect(parser.parse(), "\(parser.parserError.map { String(describing: $0) } ?? "")")
        let league = try nofdb(["report", "league-table", "--period", "2021-Q3", "--league", "operational", "--domain", "urgent_and_emergency_care",
                                "--format", "html"], fixture)
        // Lower scores are better: dots on an axis running from worse to better, every ranked
        // trust, and a key for the segment colours.
        #expect(league.stdout.contains("class=\"hdot\""))
        #expect(league.stdout.contains("lower is better"))
        #expect(league.stdout.contains("<ul class=\"legend\">") && league.stdout.contains("segment 1"))
        let rows = league.stdout.components(separatedBy: "<div class=\"hrow\"").count - 1
        let ranked = league.stdout.components(separatedBy: "<tr").count
        #expect(rows > 40, "every ranked trust is drawn, not the first 40 (\(rows) drawn, \(ranked) table rows)")
        #expect(XMLParser(data: Data(league.stdout.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8)).parse())
    }

    @Test("parameter errors are clear; an unknown organisation gets close matches")
    func parameterErrors() throws {
        let fixture = try RealDataFixture.get()
        for args in [["report", "league-table", "--limit", "-1"], ["report", "league-table", "--limit", "0"], ["query", "select 1", "--limit", "x"]] {
            let bad = try nofdb(args, fixture)
            #expect(bad.status == 64, "\(args)")
            #expect(bad.stderr.contains("--limit \(args.last ?? ""): give a whole number of rows, 1 or more"), "\(args): \(bad.stderr)")
        }
        let url = try runNofdb(["db", "url"], environment: ["DATABASE_URL": "postgresql://analyst:s3cret@warehouse.example:5432/nofdb"])
        #expect(url.status == 0 && url.stdout.hasPrefix("postgresql://analyst@warehouse.example:5432/nofdb"), "\(url.stdout)")
        #expect(!url.stdout.contains("s3cret") && !url.stderr.contains("s3cret"))
        #expect(url.stderr.contains("from DATABASE_URL: this is not the embedded cluster"))
        let unknown = try nofdb(["report", "trust", "RBE"], fixture)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown organisation code 'RBE'"))
        #expect(unknown.stderr.contains("RBD"))
        let period = try nofdb(["report", "national", "--period", "2021-13"], fixture)
        #expect(period.status != 0 && period.stderr.contains("YYYY-MM"))
        let peer = try nofdb(["report", "league-table", "--peer-group", "mental"], fixture)
        // Closed option sets are parsed by ArgumentParser, which lists every allowed value.
        #expect(peer.status != 0 && peer.stderr.contains("'mental'") && PeerGroup.allCases.allSatisfy { peer.stderr.contains("'\($0.rawValue)'") },
                "\(peer.stderr)")
        let name = try nofdb(["report", "nonesuch"], fixture)
        #expect(name.status != 0 && name.stderr.contains("league-table"))
        let format = try nofdb(["report", "national", "--format", "pdf"], fixture)
        #expect(format.status != 0 && format.stderr.contains("'pdf'") && OutputFormat.allCases.allSatisfy { format.stderr.contains("- \($0.rawValue)") },
                "\(format.stderr)")
        let region = try nofdb(["report", "rtt-waits", "--region", "atlantis"], fixture)
        #expect(region.status != 0 && region.stderr.contains("Y56 London"))
        let section = try nofdb(["report", "field-test", "--section", "nonesuch"], fixture)
        #expect(section.status != 0 && section.stderr.contains("'field-test-sites', 'england-four-hour-performance', 'unexplained-gaps'"))
    }

    @Test("--section keeps one table, so CSV is a single RFC 4180 table")
    func oneSection() throws {
        let fixture = try RealDataFixture.get()
        let all = try nofdb(["report", "field-test", "--format", "csv"], fixture)
        let one = try nofdb(["report", "field-test", "--section", "england", "--format", "csv"], fixture)
        #expect(one.status == 0, "\(one.stderr)")
        // Without --section a several-table report is not stacked into one CSV: refused, naming the sections.
        #expect(all.status == 1 && all.stdout.isEmpty)
        #expect(all.stderr.contains("field-test has 3 sections (field-test-sites, england-four-hour-performance, unexplained-gaps)"), "\(all.stderr)")
        #expect(all.stderr.contains("--output DIR/"))
        let rows = parseCSV(one.stdout)
        #expect(rows.first == ["month", "basis", "pct", "attendances", "excluded_sites"])
        #expect(rows.allSatisfy { $0.count == 5 }, "one table: every row as wide as the header")
        let aeMonths = try fixture.db.connect().value("SELECT count(DISTINCT period) AS n FROM dw.fact_ae", as: Int.self)
        #expect(aeMonths == (fixture.isFullSet ? 45 : 11))
        #expect(rows.count == 1 + aeMonths * 2, "the England series over every loaded A&E month, on two bases")
        // --output DIR/: one file per section, each a single table; the England one is the same CSV.
        let dir = try TestEnvironment.temporaryDirectory("sections").appendingPathComponent("out")
        let split = try nofdb(["report", "field-test", "--format", "csv", "--output", dir.path + "/"], fixture)
        #expect(split.status == 0, "\(split.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["field-test-england-four-hour-performance.csv", "field-test-field-test-sites.csv", "field-test-unexplained-gaps.csv"])
        let england = try String(contentsOf: dir.appendingPathComponent("field-test-england-four-hour-performance.csv"), encoding: .utf8)
        #expect(england == one.stdout)
        // Footnotes only when asked, as trailing "# " rows; the field-test note among them.
        #expect(!one.stdout.contains("# "))
        let notes = try nofdb(["report", "national", "--period", "2021-12", "--section", "england-now", "--format", "csv", "--footnotes"], fixture)
        let last = parseCSV(notes.stdout).filter { $0.first?.hasPrefix("# ") == true }
        #expect(last.contains { $0.first?.contains("† A&E four-hour: the field-test sites") == true }, "\(last)")
        let notCSV = try nofdb(["report", "national", "--footnotes"], fixture)
        #expect(notCSV.status != 0 && notCSV.stderr.contains("--footnotes applies to --format csv"))
    }

    @Test("nofdb query binds --param values as parameters and refuses to change anything")
    func queryReadOnly() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let before = try c.value("SELECT count(*) AS n FROM dw.fact_ae", as: Int.self)
        let delete = try nofdb(["query", "delete from dw.fact_ae"], fixture)
        #expect(delete.status != 0)
        #expect(delete.stderr.contains("read-only"))
        let drop = try nofdb(["query", "DROP TABLE dw.fact_ae"], fixture)
        #expect(drop.status != 0)
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ae", as: Int.self) == before)
        let quoted = try nofdb(["query", "SELECT org_code, :name::text AS echo FROM nof.organisation WHERE org_code = :org", "--param", "org=RBD",
                                "--param", "name=O'Brien'; DROP TABLE x; --", "--format", "csv"], fixture)
        #expect(quoted.status == 0, "\(quoted.stderr)")
        #expect(parseCSV(quoted.stdout) == [["org_code", "echo"], ["RBD", "O'Brien'; DROP TABLE x; --"]])
        let missing = try nofdb(["query", "SELECT :x::int"], fixture)
        #expect(missing.status != 0 && missing.stderr.contains("--param x=VALUE"))
        let text = "SELECT ':not', \"a:b\", x::int, :a, $$ :no $$, :b, :a -- :c\n/* :d */"
        #expect(SQLQuery.parameterNames(in: text) == ["a", "b"])
        let (a, b) = (PostgresBind(type: .unknown, text: "A"), PostgresBind(type: .unknown, text: "B"))
        let bound = try SQLQuery(named: text, ["a": a, "b": b])
        #expect(bound.sql == "SELECT ':not', \"a:b\", x::int, $1, $$ :no $$, $2, $1 -- :c\n/* :d */")
        #expect(bound.binds == [a, b])
        let timeout = try nofdb(["query", "SELECT pg_sleep(3)", "--timeout", "1"], fixture)
        #expect(timeout.status != 0 && timeout.stderr.contains("timeout"))
    }

    @Test("nofdb status shows the database, schema version, the months loaded and the last loads")
    func status() throws {
        let fixture = try RealDataFixture.get()
        let r = try nofdb(["status"], fixture)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("schema version"))
        #expect(r.stdout.contains("(current)"))
        #expect(r.stdout.contains("Calendar"))
        // A&E from April 2018: the missing months keep the calendar's columns (3 characters each).
        let ae2018 = r.stdout.split(separator: "\n").first { $0.hasPrefix("ae ") && $0.contains(" 2018 ") && $0.contains("Apr May") }
        // The full set has every month from April 2018; the corpus April to June 2018.
        let months2018 = fixture.isFullSet ? " ·   ·   ·  Apr May Jun Jul Aug Sep Oct Nov Dec" : " ·   ·   ·  Apr May Jun  ·   ·   ·   ·   ·   · "
        #expect(ae2018.map { $0.hasSuffix(months2018) || $0.hasSuffix(months2018.trimmingCharacters(in: .whitespaces)) } == true, "\(ae2018 ?? "no ae 2018 row")")
        #expect(r.stdout.contains("ambulance"))
        #expect(r.stdout.contains("Last loads"))
    }
}
