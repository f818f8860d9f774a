import Foundation
import NOFCore
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
                """
                SELECT count(*) AS rows, sum(n) AS total, sum(char_length(name)) AS characters, count(amount) AS amounts,
                       count(*) FILTER (WHERE name = 'new\nline') AS newlines
                  FROM big
                """
            ).rows.first)
            #expect(try row.decode("rows", as: Int.self) == 1_000_000)
            #expect(try row.decode("total", as: Int.self) == 500_000_500_000)
            #expect(try row.decode("characters", as: Int.self) == expectedLength)
            #expect(try row.decode("amounts", as: Int.self) == 900_000)
            #expect(try row.decode("newlines", as: Int.self) == 166_667)
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
            #expect(try c.value("SELECT count(*) AS n FROM t", as: Int.self) == 0)
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
            #expect(try c.value("SELECT count(*) AS n FROM t", as: Int.self) == 0)
            // The connection is usable afterwards.
            try c.copyIn("COPY t FROM STDIN") { w in try w.writeRow(["1"]) }
            #expect(try c.value("SELECT count(*) AS n FROM t", as: Int.self) == 1)
        }
    }

    @Test("binary COPY stores what text COPY stores: dates of every month 1900-2999, text, NULLs, int4 limits, arrays with NULL elements")
    func binaryMatchesText() throws {
        try withTestDatabase(migrated: false) { db in
            let c = try db.connect()
            try c.execute("CREATE TABLE b (period date, y int, m int, label text, n int, bands int[])")
            try c.execute("CREATE TABLE t (LIKE b)")
            let labels: [String?] = ["Ysbyty Glan Clwyd", "Hôpital Émile", "Tab\there", "new\nline", "back\\slash", "", nil, "日本語"]
            let counts: [Int?] = [0, 1, 2_147_483_647, nil, 104]
            let bandSets: [[Int?]?] = [nil, [], [0, 1, 2], [5, nil, 7], [nil], Array(repeating: 2_147_483_647, count: 105)]
            var binary = CopyTextEncoder(binary: true)
            var text = CopyTextEncoder()
            var i = 0
            for year in 1900...2999 {
                for month in 1...12 {
                    let ym = YearMonth(constant: year, month)
                    let label = labels[i % labels.count], n = counts[i % counts.count], bands = bandSets[i % bandSets.count]
                    i += 1
                    binary.beginBinaryRow(fields: 6)
                    binary.appendBinaryDate(daysSince2000: ym.firstDayDaysSince2000)
                    binary.appendBinaryInt4(year)
                    binary.appendBinaryInt4(month)
                    binary.appendBinaryText(label)
                    binary.appendBinaryInt4(n)
                    if let bands { binary.appendBinaryInt4Array(bands) } else { binary.appendBinaryNull() }
                    binary.endRow()
                    text.appendField(ym.firstDay); text.appendTab()
                    text.appendInt(year); text.appendTab()
                    text.appendInt(month); text.appendTab()
                    text.appendField(label); text.appendTab()
                    text.appendInt(n); text.appendTab()
                    if let bands {
                        text.appendField("{" + bands.map { $0.map(String.init) ?? "NULL" }.joined(separator: ",") + "}")
                    } else {
                        text.appendNull()
                    }
                    text.endRow()
                }
            }
            binary.appendBinaryTrailer()
            let bw = try c.beginCopy("COPY b FROM STDIN WITH (FORMAT binary)")
            try bw.send(binary)
            #expect(try bw.finish() == 1100 * 12)
            let tw = try c.beginCopy("COPY t FROM STDIN")
            try tw.send(text)
            #expect(try tw.finish() == 1100 * 12)
            // Row for row the same, NULLs included (IS NOT DISTINCT FROM on whole rows).
            let differing = try c.value("""
                SELECT count(*) AS n FROM (SELECT row_number() OVER (ORDER BY y, m) r, b FROM b) x
                FULL JOIN (SELECT row_number() OVER (ORDER BY y, m) r, t FROM t) z ON x.r = z.r
                WHERE (x.b)::text IS DISTINCT FROM (z.t)::text
                """, as: Int.self)
            #expect(differing == 0)
            #expect(try c.value("SELECT count(*) AS n FROM b WHERE period <> make_date(y, m, 1)", as: Int.self) == 0)
            #expect(try c.value("SELECT count(*) AS n FROM b WHERE array_position(bands, NULL) IS NOT NULL", as: Int.self) == 1100 * 12 / 6 * 2)
        }
    }
}
