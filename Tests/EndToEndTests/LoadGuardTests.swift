import Foundation
import NOFCore
@testable import NOFIngest
import NOFPostgres
import NOFSpreadsheet
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Issue 30: what totals cannot catch, each case built from the real files. Two versions of a
/// month in one command, a provider multiplied with its TOTAL row made consistent, the spring of
/// 2020, a cancer workbook missing a month, and the server stopped under a load.
@Suite("load guards beyond the totals (real files)")
struct LoadGuardTests {
    static let ae = TestEnvironment.nhseFile("ae")

    /// The shared A&E months from April 2018 on, in month order.
    static func aeFilesInOrder() throws -> [(month: YearMonth, url: URL)] {
        let files = try FileManager.default.contentsOfDirectory(at: ae, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension.lowercased() == "csv" }
        return try files.map { url -> (YearMonth, URL) in
            let text = try String(contentsOf: url, encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline)
            guard lines.count > 1 else { throw TestSetupError("\(url.lastPathComponent) has no data row") }
            let second = lines[1]
            // "MSitAE-DECEMBER-2021,…": the month and year of the Period column.
            let parts = second.split(separator: ",")[0].split(separator: "-")
            guard parts.count >= 3, let m = YearMonth.monthNumber(String(parts[1])), let y = Int(parts[2]),
                  let month = YearMonth(year: y, month: m)
            else { throw TestSetupError("cannot read the period of \(url.lastPathComponent)") }
            return (month, url)
        }.sorted { $0.0 < $1.0 }
    }

    /// An A&E CSV whose `org` counts are multiplied by `factor`, the TOTAL row moved by the same
    /// amounts, so the file's own totals still add up.
    static func scaled(_ source: URL, org: String, by factor: Int, to target: URL) throws {
        let text = try String(contentsOf: source, encoding: .utf8)
        var lines = text.components(separatedBy: "\r\n")
        if lines.count < 3 { lines = text.components(separatedBy: "\n") }
        var delta: [Int: Int] = [:]
        for (i, line) in lines.enumerated() {
            var cells = line.components(separatedBy: ",")
            guard cells.count > 4, cells[1] == org else { continue }
            for c in 4..<cells.count { if let v = Int(cells[c]) { delta[c, default: 0] += v * (factor - 1); cells[c] = String(v * factor) } }
            lines[i] = cells.joined(separator: ",")
        }
        #expect(!delta.isEmpty, "\(org) is in \(source.lastPathComponent)")
        for (i, line) in lines.enumerated() where line.hasPrefix("TOTAL,") {
            var cells = line.components(separatedBy: ",")
            for (c, d) in delta { if let v = Int(cells[c]) { cells[c] = String(v + d) } }
            lines[i] = cells.joined(separator: ",")
        }
        try lines.joined(separator: "\r\n").write(to: target, atomically: true, encoding: .utf8)
    }

    /// Loads `files` in one command each, in order; every one must succeed.
    static func loadEach(_ files: [URL], _ db: TestDatabase) throws {
        for file in files {
            let result = try runNofdb(["load", file.path, "--database-url", db.conninfo])
            #expect(result.status == 0, "\(file.lastPathComponent): \(result.stdout)\(result.stderr)")
        }
    }

    @Test("two different files of one month in one command: the month is refused in both (named with their SHA-256s), the other month loads, nothing of the refused month changes; a ZIP holding both likewise; the same bytes twice load once")
    func twoVersionsOfAMonth() throws {
        try withTestDatabase { db in
            let c = try db.connect()
            let files = try Self.aeFilesInOrder()
            let october = try #require(files.first { $0.month == YearMonth(year: 2021, month: 10) }).url
            let november = try #require(files.first { $0.month == YearMonth(year: 2021, month: 11) }).url
            try Self.loadEach([october], db)
            let octoberDigest: SQLQuery = "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM dw.fact_ae t WHERE period = '2021-10-01'"
            let before = try c.value(octoberDigest, as: String.self)
            let dir = try TestEnvironment.temporaryDirectory("versions")
            // Two revisions of the month, different from the stored one and from each other.
            let v1 = dir.appendingPathComponent("Oct21-v1.csv"), v2 = dir.appendingPathComponent("Oct21-v2.csv")
            try Self.scaled(october, org: "RJ1", by: 2, to: v1)
            try Self.scaled(october, org: "RJ1", by: 3, to: v2)
            let sha1 = try SHA256Hasher.hex(of: Data(contentsOf: v1)), sha2 = try SHA256Hasher.hex(of: Data(contentsOf: v2))

            for order in [[v1, v2], [v2, v1]] {
                let result = try runNofdb(["load"] + order.map(\.path) + [november.path, "--database-url", db.conninfo])
                #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
                #expect(result.stdout.contains("2 different files in this command carry ae 2021-10"), "\(result.stdout)")
                #expect(result.stdout.contains("Oct21-v1.csv (SHA-256 \(sha1))") && result.stdout.contains("Oct21-v2.csv (SHA-256 \(sha2))"))
            }
            #expect(try c.value("SELECT count(*) AS n FROM audit.load_slice WHERE dataset = 'ae' AND period = '2021-11-01'", as: Int.self) == 1,
                    "the other month loaded")
            #expect(try c.value("SELECT count(*) AS n FROM audit.load_holdback WHERE kind = 'conflict'", as: Int.self) == 4)
            // October is as it was: the first load's data, untouched, whichever order the arguments came in.
            #expect(try c.value("SELECT load_id FROM audit.load_slice WHERE dataset = 'ae' AND period = '2021-10-01'", as: Int.self) == 1)
            #expect(try c.value(octoberDigest, as: String.self) == before)

            // A ZIP holding both: the same rule.
            let zip = dir.appendingPathComponent("both.zip")
            try DamagedCorpus.zip(zip, entries: [("Oct21-v1.csv", try Data(contentsOf: v1)), ("Oct21-v2.csv", try Data(contentsOf: v2))])
            let fromZip = try runNofdb(["load", zip.path, "--database-url", db.conninfo])
            #expect(fromZip.status == 1 && fromZip.stdout.contains("both.zip!Oct21-v1.csv (SHA-256 \(sha1))"), "\(fromZip.stdout)")
            #expect(try c.value("SELECT load_id FROM audit.load_slice WHERE dataset = 'ae' AND period = '2021-10-01'", as: Int.self) == 1)

            // The same bytes twice: loaded once, the second said to be the same.
            let copy = dir.appendingPathComponent("Oct21-copy.csv")
            try FileManager.default.copyItem(at: v2, to: copy)
            let twice = try runNofdb(["load", v2.path, copy.path, "--database-url", db.conninfo])
            #expect(twice.status == 0, "\(twice.stdout)\(twice.stderr)")
            #expect(try c.value("SELECT att_type1 FROM dw.fact_ae WHERE period = '2021-10-01' AND org_code = 'RJ1'", as: Int.self)
                    == 3 * (try Self.firstCount(october, org: "RJ1")))
            #expect(try c.value("SELECT count(*) AS n FROM audit.load_log WHERE file_name = 'Oct21-copy.csv'", as: Int.self) == 0)
            #expect(twice.stdout.contains("Oct21-copy.csv") && twice.stdout.contains("unchanged"), "\(twice.stdout)")
        }
    }

    /// The first count (Type 1 attendances) of `org` in an A&E file.
    static func firstCount(_ url: URL, org: String) throws -> Int {
        let text = try String(contentsOf: url, encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if cells.count > 4, cells[1] == org, let v = Int(cells[4]) { return v }
        }
        throw TestSetupError("\(org) not in \(url.lastPathComponent)")
    }

    @Test("after twelve months: a provider x1000 with its TOTAL row made consistent is held back naming provider, field, value and median; x4 loads with a warning; --allow-outliers loads x1000, recorded",
          .sharedData("needs the twelve A&E months before December 2021"))
    func providerAgainstItsHistory() throws {
        try withTestDatabase { db in
            let c = try db.connect()
            let files = try Self.aeFilesInOrder()
            guard let index = files.firstIndex(where: { $0.month == YearMonth(year: 2021, month: 12) }) else {
                Issue.record("December 2021 is among the shared files"); return
            }
            try Self.loadEach(files[(index - 12)..<index].map(\.url), db)
            let december = files[index].url
            let dir = try TestEnvironment.temporaryDirectory("outliers")
            let x1000 = dir.appendingPathComponent("Dec21-x1000.csv"), x4 = dir.appendingPathComponent("Dec21-x4.csv")
            try Self.scaled(december, org: "RJ1", by: 1000, to: x1000)
            try Self.scaled(december, org: "RJ1", by: 4, to: x4)
            let before = try warehouseSnapshot(c)

            let held = try runNofdb(["load", x1000.path, "--database-url", db.conninfo])
            #expect(held.status == 1, "\(held.stdout)\(held.stderr)")
            #expect(held.stdout.contains("held back ae 2021-12: implausible against its own history"), "\(held.stdout)")
            let reason = try c.value("SELECT reason FROM nof.load_holdback WHERE kind = 'outlier'", as: String.self)
            #expect(reason.contains("RJ1's A&E attendances (all types) is "), "\(reason)")
            #expect(reason.contains("against a median of") && reason.contains("over its previous 12 loaded months"), "\(reason)")
            #expect(reason.contains("England's A&E attendances"), "England's total rose more than 2x too: \(reason)")
            #expect(reason.contains("--allow-outliers"))
            #expect(try warehouseSnapshot(c) == before, "nothing of the month changed")

            let warned = try runNofdb(["load", x4.path, "--database-url", db.conninfo])
            #expect(warned.status == 0, "\(warned.stdout)\(warned.stderr)")
            let rise = try c.value("SELECT message FROM nof.load_warning WHERE kind = 'outlier' AND message LIKE '%RJ1%'", as: String.self)
            #expect(rise.hasPrefix("rise: RJ1's A&E attendances (all types) is "), "\(rise)")
            // The multiplied value, read back as a number, is four times the file's.
            let stored = try c.value("SELECT att_type1 FROM dw.fact_ae WHERE period = '2021-12-01' AND org_code = 'RJ1'", as: Int.self)
            #expect(stored == 4 * (try Self.firstCount(december, org: "RJ1")))
            let report = try runNofdb(["report", "loads", "--format", "markdown", "--database-url", db.conninfo])
            #expect(report.stdout.contains("RJ1's A&E attendances"), "report loads shows the warning: \(report.stdout)")

            let allowed = try runNofdb(["load", x1000.path, "--allow-outliers", "--database-url", db.conninfo])
            #expect(allowed.status == 0, "\(allowed.stdout)\(allowed.stderr)")
            #expect(try c.value("SELECT count(*) AS n FROM nof.load_warning WHERE message LIKE 'accepted with --allow-outliers: RJ1%'", as: Int.self) == 1)
            #expect(try c.value("SELECT allow_outliers FROM audit.load_log l JOIN audit.load_slice s USING (load_id) WHERE s.dataset = 'ae' AND s.period = '2021-12-01'", as: Bool.self))
            let check = try runNofdb(["check", "--database-url", db.conninfo])
            #expect(check.status == 0, "the data tests pass: an outlier let in knowingly is allowed\n\(check.stdout)")
        }
    }

    @Test("April 2020 after the twelve months before it loads (exit 0), warning where attendances fell, England's fall among them",
          .sharedData("needs the twelve A&E months before April 2020"))
    func april2020() throws {
        try withTestDatabase { db in
            let c = try db.connect()
            let files = try Self.aeFilesInOrder()
            guard let index = files.firstIndex(where: { $0.month == YearMonth(year: 2020, month: 4) }), index >= 12 else {
                Issue.record("April 2020 and the twelve months before it are among the shared files"); return
            }
            try Self.loadEach(files[(index - 12)...index].map(\.url), db)
            #expect(try c.value("SELECT count(*) AS n FROM audit.load_slice WHERE dataset = 'ae' AND period = '2020-04-01'", as: Int.self) == 1)
            let england = try c.value("SELECT message FROM nof.load_warning WHERE period = '2020-04-01' AND kind = 'fall' AND message LIKE 'fall: England%'", as: String.self)
            // Like for like (the providers with history): fell to under half its median, as numbers.
            let numbers = england.split(separator: " ").compactMap { Double($0.replacingOccurrences(of: ",", with: "")) }
            #expect(numbers.count >= 2, "\(england)")
            if numbers.count >= 2 { #expect(numbers[0] < numbers[1] / 2 && numbers[0] > 800_000, "\(england)") }
            #expect(try c.value("SELECT count(*) AS n FROM nof.load_warning WHERE period = '2020-04-01' AND kind = 'fall'", as: Int.self) > 10)
            #expect(try c.value("SELECT count(*) AS n FROM audit.load_holdback", as: Int.self) == 0)
        }
    }

    @Test("every shared A&E month loads in order in one command with exit 0: falls and rises warn, nothing is held back")
    func sharedFilesLoad() throws {
        try withTestDatabase { db in
            let c = try db.connect()
            let files = try Self.aeFilesInOrder()
            let result = try runNofdb(["load"] + files.map(\.url.path) + ["--database-url", db.conninfo])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(try c.value("SELECT count(*) AS n FROM audit.load_slice WHERE dataset = 'ae'", as: Int.self) == files.count)
            #expect(try c.value("SELECT count(*) AS n FROM audit.load_holdback", as: Int.self) == 0)
        }
    }

    @Test("a cancer workbook missing a month inside its range loads the other months and warns naming the missing one; report coverage shows it",
          .sharedData("rewrites the April–September 2024 cancer workbook"))
    func cancerGap() throws {
        try withTestDatabase { db in
            let c = try db.connect()
            let source = TestEnvironment.nhseFile("cancer/CWT-CRS-Apr-2024-to-Sep-2024-Data-Extract-Provider-Final.xlsx")
            let workbook = try XLSXWorkbook(url: source, fileName: source.lastPathComponent)
            let missing = try #require(YearMonth(year: 2024, month: 6))
            var sheets: [WorkbookSheet] = []
            var dropped = 0
            for sheet in workbook.sheets {
                var rows: [[WorkbookCell]] = []
                try workbook.readRows(sheet: sheet.name) { row in
                    let cells = row.strings
                    if let first = cells.first, CancerNormaliser.period(first) == missing {
                        dropped += 1
                        return true
                    }
                    rows.append(cells.map { text in
                        if text.isEmpty { return .empty }
                        if let number = Double(text) { return .number(number) }
                        return .text(text)
                    })
                    return true
                }
                sheets.append(WorkbookSheet(name: sheet.name, rows: rows))
            }
            #expect(dropped > 100, "June 2024 had rows: \(dropped)")
            let dir = try TestEnvironment.temporaryDirectory("cancer-gap")
            let cut = dir.appendingPathComponent("CWT-CRS-Apr-2024-to-Sep-2024-without-June.xlsx")
            try XLSXWriter.write(sheets, to: cut)

            let result = try runNofdb(["load", cut.path, "--database-url", db.conninfo])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("has no rows for 2024-06"), "\(result.stdout)")
            let months = try c.query("SELECT period FROM audit.load_slice WHERE dataset = 'cancer' ORDER BY period") {
                try $0.decode("period", as: YearMonth.self)
            }
            #expect(months.map(\.description) == ["2024-04", "2024-05", "2024-07", "2024-08", "2024-09"])
            let warning = try c.value("SELECT message FROM nof.load_warning WHERE kind = 'gap'", as: String.self)
            #expect(warning == "the file covers 2024-04 to 2024-09 but has no rows for 2024-06: that month is not loaded from it")
            let coverage = try runNofdb(["report", "coverage", "--format", "markdown", "--database-url", db.conninfo])
            #expect(coverage.stdout.contains("2024-06") && coverage.stdout.contains("has no rows for 2024-06"), "\(coverage.stdout)")
        }
    }

    @Test("the server stopped mid-load: the load says the server closed the connection and nothing of the file was committed; after a restart the next command records the load as interrupted")
    func serverStoppedMidLoad() throws {
        let cluster = try PGLocal.start()
        defer { cluster.stop() }
        let admin = try Connection(ConnectionConfig(conninfo: cluster.url))
        try admin.execute("CREATE DATABASE crash")
        admin.close()
        let url = cluster.url.replacingOccurrences(of: "postgresql:///postgres?", with: "postgresql:///crash?")
        let initialised = try runNofdb(["init", "--database-url", url])
        try #require(initialised.status == 0, "\(initialised.stderr)")
        let file = TestEnvironment.nhseFile("ae/MSitAE-May-2018.csv")
        // The load stalls on a lock this session holds, then the server stops under it.
        let blocker = try Connection(ConnectionConfig(conninfo: url))
        try blocker.execute("BEGIN")
        try blocker.execute("LOCK TABLE dw.fact_ae IN ACCESS EXCLUSIVE MODE")
        let output = try TestEnvironment.temporaryDirectory("crash").appendingPathComponent("out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = TestEnvironment.nofdbBinary
        process.arguments = ["load", file.path, "--database-url", url]
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var running = false
        for _ in 0..<600 where !running {
            running = try blocker.value("SELECT count(*) AS n FROM audit.load_log WHERE status = 'running'", as: Int.self) == 1
            if !running { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(running, "the load started")
        try cluster.crash()
        process.waitUntilExit()
        try handle.close()
        let said = try String(contentsOf: output, encoding: .utf8)
        #expect(process.terminationStatus == 1)
        #expect(said.contains("the database server closed the connection while loading MSitAE-May-2018.csv; nothing of MSitAE-May-2018.csv was committed"), "\(said)")
        #expect(!said.contains("data test"), "\(said)")

        try cluster.restart()
        let c = try Connection(ConnectionConfig(conninfo: url))
        #expect(try c.value("SELECT status FROM audit.load_log WHERE file_name = 'MSitAE-May-2018.csv'", as: String.self) == "running",
                "the log still says running until a command that writes looks")
        let next = try runNofdb(["load", TestEnvironment.nhseFile("rtt").path, "--database-url", url])
        #expect(next.status == 0, "\(next.stdout)\(next.stderr)")
        #expect(next.stderr.contains("(MSitAE-May-2018.csv) was cut off before it finished"), "\(next.stderr)")
        #expect(try c.value("SELECT status FROM audit.load_log WHERE file_name = 'MSitAE-May-2018.csv'", as: String.self) == "interrupted")
        #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ae", as: Int.self) == 0)
    }
}

/// A throwaway cluster of a test's own (Scripts/pg-local), which the test may stop and restart.
struct PGLocal {
    let dir: String
    let url: String

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> [String: String] {
        let process = Process()
        process.executableURL = TestEnvironment.packageRoot.appendingPathComponent("Scripts/pg-local")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        // Files, not pipes: the server keeps inherited descriptors open.
        let dir = try TestEnvironment.temporaryDirectory("pg-local")
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let text = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw TestSetupError("pg-local \(arguments): \((try? String(contentsOf: errURL, encoding: .utf8)) ?? "")")
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { values[pair[0]] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
        }
        return values
    }

    /// A durable cluster (fsync and synchronous commit on), so what was committed before a
    /// crash is there after it, as on a real server.
    static func start() throws -> PGLocal {
        let values = try run(["start"], environment: ["NOFDB_PG_DURABLE": "1"])
        guard let dir = values["NOFDB_PG_DIR"], let url = values["NOFDB_TEST_DATABASE_URL"] else {
            throw TestSetupError("pg-local start printed no cluster")
        }
        return PGLocal(dir: dir, url: url)
    }

    func crash() throws { _ = try Self.run(["crash", dir]) }
    func restart() throws { _ = try Self.run(["restart", dir]) }
    func stop() { _ = try? Self.run(["stop", dir]) }
}
