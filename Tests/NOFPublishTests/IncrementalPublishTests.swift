import Foundation
import NOFIngest
import NOFPostgres
import Testing
import TestSupport

/// `nofdb publish` run again after a load: only the pages that read the new month are built
/// and rewritten; and a warehouse of sample data gives a site that says so on every page.
@Suite("Publishing again", .serialized)
struct IncrementalPublishTests {
    typealias Stamp = (inode: Int, modified: Date)

    static func stamps(_ root: URL) throws -> [String: Stamp] {
        let base = root.standardizedFileURL.path + "/"
        var out: [String: Stamp] = [:]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return out }
        for case let file as URL in walker {
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            guard attributes[.type] as? FileAttributeType == .typeRegular,
                  let inode = attributes[.systemFileNumber] as? Int, let modified = attributes[.modificationDate] as? Date else { continue }
            out[String(file.standardizedFileURL.path.dropFirst(base.count))] = (inode, modified)
        }
        return out
    }

    @Test("after loading one A&E month, the A&E pages change and the ambulance pages do not")
    func oneMonth() throws {
        try withTestDatabase { db in
            let connection = try db.connect()
            let loader = Loader(connection: connection, options: LoadOptions())
            // Files the committed corpus holds too; the ODS reference files only with ../shared.
            let before = ["ae/Monthly-AE-October-2021.csv", "ae/Monthly-AE-November-2021.csv"].map { TestEnvironment.nhseFile($0).path }
                + [TestEnvironment.ambsysFile.path]
                + (TestEnvironment.hasSharedData ? ["etr.csv", "succ.csv"].map { TestEnvironment.odsFile($0).path } : [])
            _ = try loader.load(paths: before)
            let root = try TestEnvironment.temporaryDirectory("incremental").appendingPathComponent("site")
            let first = try runNofdb(["publish", root.path, "--database-url", db.conninfo])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("0 unchanged since the last publish"), "\(first.stdout)")
            let published = try Self.stamps(root)

            _ = try loader.load(paths: [TestEnvironment.nhseFile("ae/Monthly-AE-December-2021-1.csv").path])
            let second = try runNofdb(["publish", root.path, "--verbose", "--database-url", db.conninfo])
            #expect(second.status == 0, "\(second.stderr)")
            let now = try Self.stamps(root)
            let changed = Set(now.filter { path, stamp in published[path].map { $0.inode != stamp.inode || $0.modified != stamp.modified } ?? true }.keys)
            let listed = Set(second.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("nofdb:") })
            #expect(listed == changed.subtracting([".nofdb-site.json"]), "--verbose lists other files than those that changed")

            // Which organisations read A&E: those with A&E figures and those in the acute and
            // specialist leagues, whose ranks A&E decides.
            let readsAE = Set(try connection.query(
                """
                SELECT DISTINCT sp.org_code FROM nof.standard_performance sp JOIN nof.standard st USING (standard_code)
                 WHERE sp.org_level = 'provider' AND st.dataset = 'ae'
                UNION SELECT org_code FROM nof.organisation WHERE peer_group IN ('acute', 'specialist')
                """) { try $0.decode("org_code", as: String.self) })
            let ambulanceOnly = try connection.query(
                """
                SELECT sp.org_code FROM nof.standard_performance sp JOIN nof.standard st USING (standard_code)
                 WHERE sp.org_level = 'provider' GROUP BY sp.org_code HAVING bool_and(st.dataset = 'ambulance')
                """) { try $0.decode("org_code", as: String.self) }
            #expect(ambulanceOnly.count >= 5)
            let aeStandards = ["ae_4h_all", "ae_4h_type1", "ae_12h_dta_count", "ae_12h_dta_share"]
            let fixed: Set<String> = ["index.html", "method.html", "field-test.html", "league/index.html", "org/index.html",
                                      "standard/index.html", "data/index.html", "assets/search-index.js", "assets/search-index.json"]
            func page(_ file: String) -> String {
                // A download belongs to its page: org/RBD-standards.csv and org/RBD.xlsx to org/RBD.html.
                if file.hasSuffix(".html") || file.hasPrefix("data/") || file.hasPrefix("assets/") { return file }
                let stem = file.hasSuffix(".xlsx") ? String(file.dropLast(5)) : file
                let candidates = now.keys.filter { $0.hasSuffix(".html") && stem.hasPrefix(String($0.dropLast(5))) }
                return candidates.max { $0.count < $1.count } ?? file
            }
            for file in changed.subtracting([".nofdb-site.json"]) {
                let owner = page(file)
                let allowed = fixed.contains(owner) || owner.hasPrefix("data/")
                    || (owner.hasPrefix("org/") && readsAE.contains(String(owner.dropFirst(4).dropLast(5))))
                    || aeStandards.contains { owner == "standard/\($0).html" }
                    || (owner.hasPrefix("league/") && !owner.contains("-ambulance-")
                        && (owner.contains("2021-Q3") || owner.contains("2021-11") || owner.contains("2021-12")))
                #expect(allowed, "\(file) changed but does not read A&E December 2021")
            }
            for code in ambulanceOnly { #expect(!changed.contains("org/\(code).html"), "org/\(code).html changed") }
            for standard in ["amb_c1_mean", "amb_c2_mean", "amb_c4_p90"] {
                #expect(!changed.contains("standard/\(standard).html"), "the \(standard) page changed")
            }
            #expect(!changed.contains { $0.hasPrefix("league/") && $0.contains("-ambulance-") }, "an ambulance league page changed")
            #expect(changed.contains("org/RBD.html") && changed.contains("standard/ae_4h_all.html") && changed.contains("index.html"))
            #expect(now.keys.contains("league/nof-acute-urgent-and-emergency-care-2021-Q3.html"), "no page for the quarter made whole")
            #expect(second.stdout.contains("unchanged since the last publish"), "\(second.stdout)")
        }
    }

    @Test("a site of sample data says so on every page and in every workbook")
    func sampleData() throws {
        try withTestDatabase { db in
            let files = try TestEnvironment.temporaryDirectory("sample-files")
            let made = try runNofdb(["sample", files.path, "--months", "3", "--datasets", "ae,ambulance"])
            #expect(made.status == 0, "\(made.stderr)")
            _ = try Loader(connection: try db.connect(), options: LoadOptions()).load(paths: [files.path])
            let root = try TestEnvironment.temporaryDirectory("sample-site").appendingPathComponent("site")
            let result = try runNofdb(["publish", root.path, "--database-url", db.conninfo])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("sample data"))
            let pages = try Self.stamps(root).keys.filter { $0.hasSuffix(".html") }
            #expect(pages.count > 20)
            for page in pages {
                let html = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
                #expect(html.contains("Sample data: this site was published from figures loaded from nofdb sample"), "\(page) does not say it is sample data")
            }
        }
    }

    @Test("publish refuses a folder that holds other files, and changes nothing in it")
    func refusesOtherFolders() throws {
        let fixture = try RealDataFixture.get()
        let folder = try TestEnvironment.temporaryDirectory("not-a-site")
        try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let result = try runNofdb(["publish", folder.path, "--database-url", fixture.db.conninfo])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a site nofdb published"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }
}
