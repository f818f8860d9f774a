import Foundation
import NOFCore
@testable import NOFPostgres
import NOFWarehouse
import Testing

@Suite("Typed queries")
struct SQLQueryTests {
    @Test("interpolated values become $n parameters with their own types")
    func typedBinds() {
        let org = "RBD"
        let limit = 5
        let rate = Decimal(string: "73.26")
        let query: SQLQuery = "SELECT * FROM t WHERE org = \(org) AND n < \(limit) AND r = \(rate) AND ok = \(true)"
        #expect(query.sql == "SELECT * FROM t WHERE org = $1 AND n < $2 AND r = $3 AND ok = $4")
        #expect(query.binds.map(\.type) == [.text, .int8, .numeric, .bool])
        #expect(query.binds.map(\.text) == ["RBD", "5", "73.26", "true"])
    }

    @Test("a value never reaches the SQL text, whatever it holds")
    func noInjection() {
        let hostile = "x'; DROP TABLE t; --"
        let query: SQLQuery = "SELECT \(hostile)"
        #expect(query.sql == "SELECT $1")
        #expect(query.binds.first?.text == hostile)
    }

    @Test("nil is a NULL of the value's type")
    func typedNull() {
        let missing: Int32? = nil
        let query: SQLQuery = "SELECT \(missing)"
        #expect(query.binds == [PostgresBind(type: .int4, text: nil)])
    }

    @Test("months bind as dates, lists as arrays with quoting and NULL elements")
    func arraysAndMonths() {
        let months = [YearMonth(constant: 2024, 11), YearMonth(constant: 2025, 1)]
        let names: [String?] = ["a\"b", nil, "c\\d"]
        let query: SQLQuery = "SELECT \(months), \(names), \(YearMonth(constant: 2021, 12))"
        #expect(query.binds[0] == PostgresBind(type: .dateArray, text: "{\"2024-11-01\",\"2025-01-01\"}"))
        #expect(query.binds[1] == PostgresBind(type: .textArray, text: "{\"a\\\"b\",NULL,\"c\\\\d\"}"))
        #expect(query.binds[2] == PostgresBind(type: .date, text: "2021-12-01"))
    }

    @Test("identifiers are quoted into the text, never bound")
    func identifiers() {
        let query: SQLQuery = "COPY \(identifier: "fact \"x\"", in: "dw") (\(identifiers: ["a", "b"])) FROM STDIN; SET x = \(integer: 50)"
        #expect(query.sql == "COPY \"dw\".\"fact \"\"x\"\"\" (\"a\", \"b\") FROM STDIN; SET x = 50")
        #expect(query.binds.isEmpty)
    }

    @Test("a fragment's parameters are renumbered after the outer query's")
    func fragments() {
        let inner: SQLQuery = "a = \(1) AND b = \("x")"
        let outer: SQLQuery = "SELECT \(0) WHERE \(inner) AND c = \(2.5)"
        #expect(outer.sql == "SELECT $1 WHERE a = $2 AND b = $3 AND c = $4")
        #expect(outer.binds.map(\.text) == ["0", "1", "x", "2.5"])
        let joined = SQLQuery.joined([inner, inner], separator: " OR ")
        #expect(joined.sql == "a = $1 AND b = $2 OR a = $3 AND b = $4")
    }

    @Test(":name binds by name; a name used twice is one parameter")
    func namedBinding() throws {
        let query = try SQLQuery(named: "SELECT :org, ':org', :period::date, :org",
                                 ["org": PostgresBind("RBD"), "period": PostgresBind(YearMonth(constant: 2025, 4))])
        #expect(query.sql == "SELECT $1, ':org', $2::date, $1")
        #expect(query.binds.map(\.type) == [.text, .date])
    }

    @Test("a :name without a value, or a value without a use, is refused")
    func namedBindingErrors() {
        #expect(throws: NamedParameterError(problem: .missing("org"))) {
            try SQLQuery(named: "SELECT :org", [:])
        }
        #expect(throws: NamedParameterError(problem: .unused("extra"))) {
            try SQLQuery(named: "SELECT 1", ["extra": PostgresBind(1)], requireAllUsed: true)
        }
    }

    @Test("dates and timestamps are written as PostgreSQL reads them")
    func dateText() {
        #expect(PostgresDate(year: 2025, month: 4, day: 1).postgresText == "2025-04-01")
        #expect(Date(timeIntervalSince1970: 1_704_067_200.25).postgresText == "2024-01-01 00:00:00.250+00")
        #expect(Double.nan.postgresText == "NaN")
    }
}
