import Foundation
import NOFPostgres
import Testing
import TestSupport

@Suite("COPY FROM STDIN writer")
struct CopyTests {
    @Test("1,000,000 rows including non-ASCII text arrive complete")
    func millionRows() throws {
        try withTestDatabase(migrated: false) { db in
            let c = try db.connect()
            try c.execute("CREATE TABLE big (n int NOT NULL, name text, amount numeric)")
            let names = ["Ysbyty Glan Clwyd", "Hôpital Émile", "Tab\there", "new\nline", "back\\slash", "日本語"]
            var expectedLength = 0
            let rows = try c.copyIn("COPY big (n, name, amount) FROM STDIN") { w in
                for i in 1...1_000_000 {
                    let name = names[i % names.count]
                    expectedLength += name.count
                    w.appendInt(i)
                    w.appendTab()
                    w.appendField(name)
                    w.appendTab()
                    if i % 10 == 0 { w.appendNull() } else { w.appendField("\(i / 2).5") }
                    try w.endRow()
                }
                #expect(w.rowsWritten == 1_000_000)
            }
            #expect(rows == 1_000_000)
            let row = try #require(try c.execute(
                "SELECT count(*), sum(n), sum(char_length(name)), count(amount), count(*) FILTER (WHERE name = 'new\nline') FROM big"
            ).rows.first)
            #expect(try row.int(0) == 1_000_000)
            #expect(try row.int(1) == 500_000_500_000)
            #expect(try row.int(2) == expectedLength)
            #expect(try row.int(3) == 900_000)
            #expect(try row.int(4) == 166_667)
        }
    }

    @Test("a bad row is reported with its line number and nothing is committed")
    func badRow() throws {
        try withTestDatabase(migrated: false) { db in
            let c = try db.connect()
            try c.execute("CREATE TABLE t (n int NOT NULL, label text)")
            let error = #expect(throws: PostgresError.self) {
                try c.transaction { tx in
                    try tx.copyIn("COPY t FROM STDIN") { w in
                        for i in 1...200_000 {
                            try w.writeRow([i == 123_457 ? "12x" : String(i), "row \(i)"])
                        }
                    }
                }
            }
            #expect(error?.sqlState == .invalidTextRepresentation)
            #expect(error?.copyLine == 123_457)
            #expect(error?.context?.contains("line 123457") == true)
            #expect(try c.scalar("SELECT count(*) FROM t") == "0")
        }
    }

    @Test("when the caller throws, the COPY is aborted and nothing is kept")
    func callerAbort() throws {
        struct Stop: Error {}
        try withTestDatabase(migrated: false) { db in
            let c = try db.connect()
            try c.execute("CREATE TABLE t (n int)")
            #expect(throws: Stop.self) {
                try c.copyIn("COPY t FROM STDIN", chunkSize: 64 * 1024) { w in
                    for i in 1...100_000 { try w.writeRow([String(i)]) }
                    throw Stop()
                }
            }
            #expect(try c.scalar("SELECT count(*) FROM t") == "0")
            // The connection is usable afterwards.
            try c.copyIn("COPY t FROM STDIN") { w in try w.writeRow(["1"]) }
            #expect(try c.scalar("SELECT count(*) FROM t") == "1")
        }
    }
}
