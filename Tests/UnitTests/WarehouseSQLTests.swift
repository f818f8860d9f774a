import Foundation
import NOFCore
import NOFSQL
@testable import NOFWarehouse
import Testing

/// The embedded SQL tree, read without a database.
@Suite("Embedded SQL tree")
struct WarehouseSQLTests {
    @Test("references are found in function bodies, not in comments or string literals")
    func references() {
        let sql = """
            -- reads dw.in_comment
            CREATE VIEW nof.x AS SELECT * FROM dw.fact_ae JOIN "dw".quoted ON true;
            COMMENT ON VIEW nof.x IS 'see nof.in_string';
            CREATE FUNCTION dw.f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN PERFORM dw.refresh_league(); END $$;
            /* audit.in_block */ SELECT audit.load_log.load_id FROM audit.load_log;
            """
        #expect(WarehouseSQL.references(in: sql) == ["nof.x", "dw.fact_ae", "dw.f", "dw.refresh_league", "audit.load_log"])
    }

    @Test("the embedded functions and views have an order with no cycle")
    func dependencyOrder() throws {
        let logic = try WarehouseSQL.dependencyOrder(WarehouseSQL.logic)
        let views = try WarehouseSQL.dependencyOrder(WarehouseSQL.views)
        #expect(logic.count == SQLTree.files(in: "logic").count)
        #expect(views.count == SQLTree.files(in: "views").count)
        for (i, view) in views.enumerated() {
            for dependency in view.dependencies {
                let at = views.firstIndex { $0.name == dependency }
                #expect(at.map { $0 < i } ?? true, "\(view.name) comes before \(dependency)")
            }
        }
    }

    @Test("a cycle is refused, naming it")
    func cycle() {
        var a = SchemaObject(kind: .view, name: "nof.a", sql: "")
        var b = SchemaObject(kind: .view, name: "nof.b", sql: "")
        a.dependencies = ["nof.b"]
        b.dependencies = ["nof.a"]
        #expect(throws: MigrationError.self) { try WarehouseSQL.dependencyOrder([a, b]) }
    }

    @Test("the tree checksum does not depend on the order of the objects")
    func orderFreeChecksum() {
        let ordered = Migrator(connection: nil).treeChecksum
        #expect(ordered == Migrator.embeddedTreeChecksum)
    }

    @Test("SHA-256 gives the published test vectors")
    func sha256() {
        #expect(SHA256Hasher.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var chunked = SHA256Hasher()
        chunked.update(Data("a".utf8))
        chunked.update(Data("bc".utf8))
        #expect(chunked.hex() == SHA256Hasher.hex(of: Data("abc".utf8)))
    }
}
