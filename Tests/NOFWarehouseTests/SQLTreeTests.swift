import Foundation
import NOFCore
import NOFPostgres
import NOFSQL
@testable import NOFWarehouse
import Testing
import TestSupport

@Suite("the SQL tree: layout, data tests, nofdb check and upgrades", .serialized)
struct SQLTreeTests {
    @Test("SQL/ has six folders (the site's queries beside the reports); migrations after the tree define no function or view; one object per file, named for it")
    func layout() throws {
        let folders = Set(SQLTree.files.map(\.folder))
        #expect(folders == ["migrations", "logic", "views", "reports", "tests", "site"])
        #expect(DataTest.all.count >= 15)
        for migration in WarehouseSQL.migrations where migration.version >= 9 {
            let text = migration.sql.uppercased()
            #expect(!text.contains("CREATE FUNCTION") && !text.contains("CREATE OR REPLACE FUNCTION") && !text.contains("CREATE VIEW"),
                    "migration \(migration.label) defines a function or view; put it in SQL/logic or SQL/views")
        }
        // Every logic and view file creates exactly the object it is named for, and nothing else.
        for object in WarehouseSQL.logic + WarehouseSQL.views {
            let pattern = object.kind == .logic
                ? "CREATE(?: OR REPLACE)? (?:FUNCTION|PROCEDURE) ([a-z_]+\\.[a-z_0-9]+)"
                : "CREATE(?: OR REPLACE)? VIEW ([a-z_]+\\.[a-z_0-9]+)"
            let regex = try Regex(pattern).ignoresCase()
            let created = object.sql.matches(of: regex).compactMap { $0.output[1].substring.map { String($0).lowercased() } }
            #expect(created == [object.name], "\(object.key) creates \(created)")
        }
        // No object is defined twice across the tree.
        let names = (WarehouseSQL.logic + WarehouseSQL.views).map { "\($0.kind) \($0.name)" }
        #expect(Set(names).count == names.count)
        // The runner's order puts every view after the views it reads.
        let order = WarehouseSQL.views.map(\.name)
        for view in WarehouseSQL.views {
            for dependency in view.dependencies {
                #expect((order.firstIndex(of: dependency) ?? 0) < (order.firstIndex(of: view.name) ?? 0), "\(view.name) before \(dependency)")
            }
        }
        #expect(WarehouseSQL.views.first { $0.name == "nof.nof_official_reproduction" }?.dependencies.contains("nof.league_ranking") == true)
    }

    @Test("headers are read from the leading comments only; the start-up tree checksum equals the one init records and changes with any file")
    func headersAndChecksum() throws {
        let file = SQLFile(path: "logic/dw.x.sql", text: "-- why it exists\n  -- depends: dw.a, dw.b (reason)\t\n\n--supersedes:  abc def\nCREATE FUNCTION dw.x() ...\n-- depends: dw.not_a_header\n")
        #expect(file.header("depends") == ["dw.a, dw.b (reason)"])
        #expect(file.header("supersedes") == ["abc def"])
        #expect(file.header("rule").isEmpty)
        // The cheap checksum every command computes at start equals the one init records from
        // the dependency-ordered objects.
        #expect(Migrator.embeddedTreeChecksum == Migrator(connection: nil).treeChecksum)
        var views = WarehouseSQL.views
        views[0] = SchemaObject(kind: .view, name: views[0].name, sql: views[0].sql + " ")
        #expect(Migrator(connection: nil, views: views).treeChecksum != Migrator.embeddedTreeChecksum)
        #expect(Migrator(connection: nil, migrations: Array(WarehouseSQL.migrations.dropLast())).treeChecksum != Migrator.embeddedTreeChecksum)
    }

    @Test("a dependency cycle between files is refused with the cycle named")
    func cycle() throws {
        var a = SchemaObject(kind: .view, name: "nof.a", sql: "CREATE VIEW nof.a AS SELECT * FROM nof.b;")
        var b = SchemaObject(kind: .view, name: "nof.b", sql: "CREATE VIEW nof.b AS SELECT * FROM nof.a;")
        a.dependencies = ["nof.b"]
        b.dependencies = ["nof.a"]
        let error = #expect(throws: MigrationError.self) { try WarehouseSQL.dependencyOrder([a, b]) }
        #expect(error?.message.contains("nof.a → nof.b → nof.a") == true)
    }

    @Test("every data test passes on the real files")
    func dataTestsOnRealFiles() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        let results = try DataTestRunner(connection: c).run()
        #expect(results.count == DataTest.all.count)
        for r in results {
            #expect(r.passed, "\(r.test.name): \(r.error ?? "\(r.failingRows) rows, e.g. \(r.sample.first ?? [])")")
        }
    }

    @Test("a rule broken inside a transaction fails its data test, naming the rows; the rollback restores it")
    func brokenRuleInTransaction() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        try c.execute("BEGIN")
        defer { _ = try? c.execute("ROLLBACK") }
        // The primary key would refuse the duplicate: the data test guards the grain anyway
        // (a restore without constraints, a hand-made fix), so take the key away first.
        try c.execute("ALTER TABLE dw.mart_standard DROP CONSTRAINT mart_standard_pkey")
        try c.execute("INSERT INTO dw.mart_standard SELECT * FROM dw.mart_standard WHERE org_code = 'RBD' AND standard_code = 'ae_4h_all' AND period = '2021-11-01'")
        try c.execute("UPDATE dw.mart_league SET segment = 7 WHERE league = 'operational' AND org_code = 'RBD' AND period_type = 'month' AND period = '2021-11-01' AND domain = 'overall'")
        let tests = DataTest.all.filter { ["mart_standard_grain_is_unique", "segments_are_1_to_4", "scores_are_1_to_4"].contains($0.name) }
        let results = try DataTestRunner(connection: c).run(tests)
        let grain = try #require(results.first { $0.test.name == "mart_standard_grain_is_unique" })
        #expect(!grain.passed && grain.failingRows == 1)
        #expect(grain.columns.contains("org_code") && grain.sample.first?.contains("RBD") == true)
        let segments = try #require(results.first { $0.test.name == "segments_are_1_to_4" })
        #expect(segments.failingRows == 1 && segments.sample.first?.contains("7") == true)
        #expect(results.first { $0.test.name == "scores_are_1_to_4" }?.passed == true)
        // Scoped to other months, the grain test does not see the duplicate.
        let scoped = try DataTestRunner(connection: c).run(tests, periods: [YearMonth(constant: 2021, 10)])
        #expect(scoped.allSatisfy(\.passed) && scoped.map(\.test.name) == ["mart_standard_grain_is_unique"])
        try c.execute("ROLLBACK")
        #expect(try DataTestRunner(connection: c).run(tests).allSatisfy(\.passed))
    }

    @Test("the reports' rules fail when broken: a peer rank past the peers ranked, a peer median outside its group, an overall rank from one domain")
    func answersRulesCanFail() throws {
        let fixture = try RealDataFixture.get()
        let c = try fixture.db.connect()
        try c.execute("BEGIN")
        defer { _ = try? c.execute("ROLLBACK") }
        let names = ["peer_ranks_are_among_peers", "overall_rankings_span_two_domains"]
        let tests = DataTest.all.filter { names.contains($0.name) }
        #expect(tests.count == 2)
        #expect(try DataTestRunner(connection: c).run(tests).allSatisfy(\.passed))
        // Two of RBD's peer rows in its newest month with two or more: one ranked past its peers, one
        // with a median no peer's value comes near.
        let rows = try c.query("""
            SELECT period, standard_code FROM dw.mart_peer
             WHERE org_code = 'RBD'
               AND period = (SELECT period FROM dw.mart_peer WHERE org_code = 'RBD' GROUP BY period HAVING count(*) >= 2 ORDER BY period DESC LIMIT 1)
             ORDER BY standard_code LIMIT 2
            """) { (try $0.decode("period", as: YearMonth.self), try $0.decode("standard_code", as: String.self)) }
        try #require(rows.count == 2 && rows[0].0 == rows[1].0)
        let month = rows[0].0
        let rank = try c.execute("""
            UPDATE dw.mart_peer SET peer_rank = peers_ranked + 1
             WHERE org_code = 'RBD' AND standard_code = \(rows[0].1) AND period = \(month)
            """).affectedRows
        let median = try c.execute("""
            UPDATE dw.mart_peer SET peer_median = 1000000
             WHERE org_code = 'RBD' AND standard_code = \(rows[1].1) AND period = \(month)
            """).affectedRows
        #expect(rank == 1 && median == 1)
        let overall = try c.execute("""
            UPDATE dw.mart_league SET domains_scored = 1
             WHERE (league, period_type, period, peer_group, org_code, domain) IN
                   (SELECT league, period_type, period, peer_group, org_code, domain FROM nof.league_table
                     WHERE domain = 'overall' AND ranked ORDER BY period DESC, org_code LIMIT 1)
            """).affectedRows
        // The corpus ranks no one overall (one A&E year, no second domain): the rule is then checked on the full set only.
        #expect(overall == 1 || !fixture.isFullSet)
        let results = try DataTestRunner(connection: c).run(tests)
        let peers = try #require(results.first { $0.test.name == "peer_ranks_are_among_peers" })
        #expect(!peers.passed && peers.failingRows == 2, "\(peers.sample)")
        #expect(results.first { $0.test.name == "overall_rankings_span_two_domains" }?.failingRows == overall)
        // Scoped to the broken month (as a load runs it), the peer rule still sees both rows.
        let scoped = try DataTestRunner(connection: c).run(tests, periods: [month])
        #expect(scoped.first { $0.test.name == "peer_ranks_are_among_peers" }?.failingRows == 2)
    }

    @Test("nofdb check exits 0 when every test passes and 1 naming the failing rows; --format json")
    func checkCommand() throws {
        try withTestDatabase { db in
            let url = ["--database-url", db.conninfo]
            let load = try runNofdb(["load", TestEnvironment.nhseFile("ae/Monthly-AE-November-2021.csv").path] + url)
            #expect(load.status == 0, "\(load.stdout)\(load.stderr)")
            let pass = try runNofdb(["check"] + url)
            #expect(pass.status == 0, "\(pass.stdout)\(pass.stderr)")
            #expect(pass.stdout.contains("all \(DataTest.all.count) pass"))
            let c = try db.connect()
            try c.execute("UPDATE dw.mart_league SET segment = 9 WHERE league = 'operational' AND org_code = 'RBD' AND domain = 'overall'")
            let fail = try runNofdb(["check"] + url)
            #expect(fail.status == 1)
            #expect(fail.stdout.contains("segments_are_1_to_4") && fail.stdout.contains("FAIL") && fail.stdout.contains("RBD"), "\(fail.stdout)")
            let json = try runNofdb(["check", "--format", "json", "--test", "segments_are_1_to_4"] + url)
            #expect(json.status == 1)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let sections = object?["sections"] as? [[String: Any]]
            #expect(sections?.count == 2, "\(json.stdout)")
            let unknown = try runNofdb(["check", "--test", "no_such_rule"] + url)
            #expect(unknown.status != 0 && unknown.stderr.contains("nofdb check --list"))
        }
    }

    @Test("a load whose months would break a data test commits nothing and says which test")
    func loadRunsScopedDataTests() throws {
        try withTestDatabase { db in
            let url = ["--database-url", db.conninfo]
            let file = TestEnvironment.nhseFile("ae/Monthly-AE-November-2021.csv").path
            #expect(try runNofdb(["load", file] + url).status == 0)
            let c = try db.connect()
            // A duplicate mart row of another dataset in the same month (the key taken away).
            try c.execute("ALTER TABLE dw.mart_standard DROP CONSTRAINT mart_standard_pkey")
            try c.execute(
                """
                INSERT INTO dw.mart_standard (period, quarter_start, org_level, org_code, standard_code, value, status)
                VALUES ('2021-11-01', '2021-10-01', 'provider', 'RBD', 'rtt_52w_count', 50, 'reported'),
                       ('2021-11-01', '2021-10-01', 'provider', 'RBD', 'rtt_52w_count', 50, 'reported')
                """)
            let before = try warehouseSnapshot(c)
            let copy = try TestEnvironment.temporaryDirectory("reload").appendingPathComponent("november.csv")
            try (try Data(contentsOf: URL(fileURLWithPath: file)) + Data("\n".utf8)).write(to: copy)
            let load = try runNofdb(["load", copy.path] + url)
            #expect(load.status == 1)
            #expect(load.stdout.contains("data test mart_standard_grain_is_unique fails"), "\(load.stdout)")
            #expect(try warehouseSnapshot(c) == before)
        }
    }

    @Test("init upgrades a release 0.1.0 warehouse in place: data kept, no reload, views equal a fresh build from the same facts")
    func upgradeFromRelease010() throws {
        let fixture = try RealDataFixture.get()
        let source = try fixture.db.connect()
        try withTestDatabase(migrated: false) { db in
            let legacy = try db.connect()
            try LegacyWarehouse.create(legacy)
            try LegacyWarehouse.copyData(from: source, to: legacy)
            let columns = try LegacyWarehouse.dataColumns(legacy)
            let before = try LegacyWarehouse.dataFingerprints(legacy, columnsOf: columns)
            #expect(before["dw.fact_ae"]?.hasPrefix("0:") == false)
            #expect(try legacy.value("SELECT count(*) AS n FROM dw.mart_league", as: Int.self) > 0)
            let upgrade = try runNofdb(["init", "--database-url", db.conninfo])
            #expect(upgrade.status == 0, "\(upgrade.stdout)\(upgrade.stderr)")
            #expect(upgrade.stdout.contains("re-recorded migration 003_facts"), "\(upgrade.stdout)")
            #expect(upgrade.stdout.contains("applied migration 009_sql_tree"))
            #expect(upgrade.stdout.contains("rebuilt derived tables and the marts"))
            #expect(try legacy.value("SELECT count(*) AS n FROM pg_proc WHERE proname = 'target_in_force'", as: Int.self) == 0)
            #expect(try legacy.value("SELECT count(*) AS n FROM audit.schema_object WHERE name = 'views'", as: Int.self) == 0)

            // No data lost: every fact, dimension and audit table is as it was (in the columns it
            // had; later migrations add some). Organisations are re-derived from their history:
            // release 0.1.0 took an RTT provider's region from its ICB's name.
            let after = try LegacyWarehouse.dataFingerprints(legacy, columnsOf: columns)
            for (table, fingerprint) in before {
                #expect(after[table] == fingerprint, "\(table) changed in the upgrade")
            }
            // Every public view equals a fresh build of the current schema over the same facts
            // (the fixture's marts rebuilt inside a transaction that is rolled back). Release
            // 0.1.0 had no ODS datasets, so the fresh build leaves the fixture's ODS files out.
            let upgraded = try LegacyWarehouse.viewFingerprints(legacy)
            try source.execute("BEGIN")
            defer { _ = try? source.execute("ROLLBACK") }
            try source.execute("DELETE FROM dw.fact_ods_trust")
            try source.execute("DELETE FROM dw.fact_ods_successor")
            try source.execute("DELETE FROM audit.load_slice WHERE dataset IN ('ods_trusts', 'ods_successors')")
            try source.execute("SELECT dw.rebuild_marts()")
            let fresh = try LegacyWarehouse.viewFingerprints(source)
            try source.execute("ROLLBACK")
            #expect(Set(upgraded.keys) == Set(fresh.keys))
            for (view, fingerprint) in fresh {
                #expect(upgraded[view] == fingerprint, "nof.\(view) differs after the upgrade")
            }
            let again = try runNofdb(["init", "--database-url", db.conninfo])
            #expect(again.stdout.contains("up to date"), "\(again.stdout)")
            let check = try runNofdb(["check", "--database-url", db.conninfo])
            #expect(check.status == 0, "\(check.stdout)")
        }
    }
}
