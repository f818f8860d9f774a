import Foundation
import NOFPostgres
import Testing
import TestSupport

/// A revised copy of November 2021: Dorset County's type 1 attendances up by `by`, with the
/// TOTAL row changed to match (a real revision adds up).
func revisedNovember(in dir: URL, by: Int = 100, name: String = "Monthly-AE-November-2021-revised.csv") throws -> URL {
    let text = try String(contentsOf: DamagedCorpus.november, encoding: .utf8)
    var lines = text.components(separatedBy: "\r\n")
    for i in lines.indices {
        var fields = lines[i].components(separatedBy: ",")
        if fields.count > 4, fields[1] == "RBD" || fields[0] == "TOTAL", let value = Int(fields[4]) {
            fields[4] = String(value + by)
            lines[i] = fields.joined(separator: ",")
        }
    }
    let url = dir.appendingPathComponent(name)
    try lines.joined(separator: "\r\n").write(to: url, atomically: true, encoding: .utf8)
    return url
}

/// Views that change with a revision by design: they describe the loads and revisions.
let revisionViews: Set<String> = attemptViews.union(["slice_revision", "revision_change", "data_coverage"])

@Suite("revisions: every replaced month is kept, compared and can be restored", .serialized)
struct RevisionTests {
    @Test("a revised month is listed with what it changed, and a restore brings the original back exactly")
    func reviseDiffRestore() throws {
        try withTestDatabase { db in
            let url = ["--database-url", db.conninfo]
            #expect(try runNofdb(["load", DamagedCorpus.ae("Monthly-AE-October-2021.csv").path, DamagedCorpus.november.path] + url).status == 0)
            let c = try db.connect()
            let original = try dataViewFingerprints(c, excluding: revisionViews)
            let originalLoad = try c.value("SELECT load_id FROM audit.load_slice WHERE dataset = 'ae' AND period = '2021-11-01'", as: Int.self)
            let dir = try TestEnvironment.temporaryDirectory("revision")
            let revision = try runNofdb(["load", try revisedNovember(in: dir).path] + url)
            #expect(revision.status == 0, "\(revision.stdout)")
            #expect(revision.stdout.contains("revised: ae 2021-11 (replacing load \(originalLoad), kept as a revision)"))
            #expect(try c.value("SELECT att_type1 FROM dw.fact_ae WHERE period = '2021-11-01' AND org_code = 'RBD'", as: Int.self) == 3715)

            let list = try runNofdb(["report", "revisions", "--dataset", "ae", "--format", "csv", "--section", "revisions"] + url)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout.contains(",ae,2021-11,\(originalLoad),Monthly-AE-November-2021.csv,"), "\(list.stdout)")
            let diff = try runNofdb(["report", "revisions", "--load", String(originalLoad), "--format", "json"] + url)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
            let sections = try #require(object["sections"] as? [[String: Any]])
            let changes = try #require(sections.first { ($0["title"] as? String) == "Changes" }?["rows"] as? [[String: Any]])
            let rbd = changes.first { $0["org_code"] as? String == "RBD" && $0["standard"] as? String == "ae_4h_type1" }
            #expect(rbd != nil, "\(changes)")
            #expect((rbd?["new"] as? Double ?? 0) > (rbd?["old"] as? Double ?? 0))
            #expect(changes.contains { $0["org_code"] as? String == "ENG" }, "England changed too")
            #expect(!changes.contains { $0["org_code"] as? String == "RXF" }, "other providers did not change")

            let restore = try runNofdb(["restore", String(originalLoad)] + url)
            #expect(restore.status == 0, "\(restore.stdout)\(restore.stderr)")
            #expect(restore.stdout.contains("restored the data of load \(originalLoad) for ae: 2021-11"))
            #expect(try c.value("SELECT att_type1 FROM dw.fact_ae WHERE period = '2021-11-01' AND org_code = 'RBD'", as: Int.self) == 3615)
            #expect(try dataViewFingerprints(c, excluding: revisionViews) == original, "the restored month's views equal the original")
            let lastLoad = try #require(try c.execute("SELECT status, kind FROM nof.load_history ORDER BY load_id DESC LIMIT 1").rows.first)
            #expect(try lastLoad.decode("status", as: String.self) == "restored")
            #expect(try lastLoad.decode("kind", as: String.self) == "restore")
            // The revision the restore replaced is kept in turn; the original file is current again.
            #expect(try c.value("SELECT count(*) AS n FROM nof.slice_revision WHERE file_name = 'Monthly-AE-November-2021-revised.csv' AND restorable", as: Int.self) == 1)
            #expect(try runNofdb(["load", DamagedCorpus.november.path] + url).stdout.contains("unchanged"))
            let again = try runNofdb(["restore", String(originalLoad)] + url)
            #expect(again.status == 1 && again.stderr.contains("current already"), "\(again.stderr)")
            #expect(try runNofdb(["check"] + url).status == 0)
        }
    }

    @Test("only the newest --keep-revisions revisions of a month are kept")
    func keepRevisions() throws {
        try withTestDatabase { db in
            let url = ["--database-url", db.conninfo]
            let dir = try TestEnvironment.temporaryDirectory("keep")
            // Five revisions of the month, each with a different value for one provider and its TOTAL.
            for n in 1...5 {
                let file = try revisedNovember(in: dir, by: n, name: "november-\(n).csv")
                let args = n == 1 ? ["load", "--keep-revisions", "2", file.path] : ["load", file.path]
                #expect(try runNofdb(args + url).status == 0)
            }
            let c = try db.connect()
            #expect(try c.value("SELECT count(*) AS n FROM audit.slice_revision", as: Int.self) == 2)
            #expect(try c.query("SELECT file_name FROM nof.slice_revision ORDER BY archived_at") { try $0.decode("file_name", as: String.self) }
                    == ["november-3.csv", "november-4.csv"])
            #expect(try c.value("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'archive'", as: Int.self) == 2)
            #expect(try runNofdb(["check"] + url).status == 0)
        }
    }

    @Test("the marts equal a rebuild from the facts after loads in either order, revisions and a line-end-only reload")
    func martsAreAFunctionOfTheFacts() throws {
        let dir = try TestEnvironment.temporaryDirectory("orders")
        let revised = try revisedNovember(in: dir)
        // November 2021 again with LF line ends: the same facts, other bytes.
        let lf = dir.appendingPathComponent("Monthly-AE-November-2021-lf.csv")
        try (try String(contentsOf: DamagedCorpus.november, encoding: .utf8)).replacingOccurrences(of: "\r\n", with: "\n")
            .write(to: lf, atomically: true, encoding: .utf8)
        let ae = ["MSitAE-April-2018.csv", "Monthly-AE-April-2019-revised-220720-ab123.csv", "Monthly-AE-May-2019-revised-220720-de345.csv",
                  "Monthly-AE-June-2019-revised-210720-df453.csv", "April-2020-revised-260421-abc123.csv",
                  "September-2020-revised-270421-jh930.csv", "October-2020-revised-270421-dr302.csv",
                  "Monthly-AE-October-2021.csv", "Monthly-AE-November-2021.csv"].map { DamagedCorpus.ae($0) }
            // September 2020 is in ../shared only; the order test needs no particular month.
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        let others = ["ambsys", "nof", "dm01", "rtt", "cancer/CWT-CRS-Oct-2023-Data-Extract-Provider.xlsx"].map { TestEnvironment.nhseFile($0) }
        let orders: [[URL]] = [
            ae + others + [revised, lf],
            others.reversed() + [DamagedCorpus.november, revised] + ae.reversed() + [lf],
        ]
        for (n, order) in orders.enumerated() {
            try withTestDatabase { db in
                for file in order {
                    let r = try runNofdb(["load", file.path, "--database-url", db.conninfo])
                    #expect(r.status == 0, "order \(n + 1), \(file.lastPathComponent): \(r.stdout)")
                }
                let c = try db.connect()
                let marts = ["dw.mart_standard", "dw.mart_league_score", "dw.mart_league", "dw.dim_organisation"]
                let incremental = try marts.map { try LegacyWarehouse.fingerprint(c, $0) }
                let views = try dataViewFingerprints(c)
                try c.execute("BEGIN")
                try c.execute("SELECT dw.rebuild_marts()")
                let rebuilt = try marts.map { try LegacyWarehouse.fingerprint(c, $0) }
                let rebuiltViews = try dataViewFingerprints(c)
                try c.execute("ROLLBACK")
                for (i, table) in marts.enumerated() {
                    #expect(incremental[i] == rebuilt[i], "order \(n + 1): \(table) differs from a rebuild")
                }
                for (view, fingerprint) in views where rebuiltViews[view] != fingerprint {
                    Issue.record("order \(n + 1): nof.\(view) differs from a rebuild")
                }
                // nofdb rebuild by hand: the same marts, and the data tests pass.
                let rebuild = try runNofdb(["rebuild", "--database-url", db.conninfo])
                #expect(rebuild.status == 0 && rebuild.stdout.contains("data tests pass"), "\(rebuild.stdout)\(rebuild.stderr)")
                #expect(try marts.map { try LegacyWarehouse.fingerprint(c, $0) } == incremental)
            }
        }
    }
}
