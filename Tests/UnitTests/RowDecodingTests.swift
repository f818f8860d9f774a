import Foundation
import NOFCore
@testable import NOFPostgres
import NOFWarehouse
import Testing

/// Rows read by name from results made on the client (no server needed).
@Suite("Rows decoded by name")
struct RowDecodingTests {
    let result: QueryResult

    init() throws {
        result = try #require(QueryResult.canned(
            columns: [("org_code", .text), ("period", .date), ("rate", .numeric), ("rows", .int8), ("met", .bool),
                      ("not_reporting", .textArray), ("note", .text)],
            rows: [["RBD", "2025-01-01", "21.05", "120", "f", "{RD3,\"R D\",NULL}", nil]]))
    }

    var row: Row { result.rows[0] }

    @Test("each column reads as its own type")
    func typed() throws {
        #expect(try row.decode("org_code", as: String.self) == "RBD")
        #expect(try row.decode("period", as: PostgresDate.self) == PostgresDate(year: 2025, month: 1, day: 1))
        #expect(try row.decode("period", as: YearMonth.self) == YearMonth(constant: 2025, 1))
        #expect(try row.decode("rate", as: Decimal.self) == Decimal(string: "21.05"))
        #expect(try row.decode("rate", as: Double.self) == 21.05)
        #expect(try row.decode("rows", as: Int.self) == 120)
        #expect(try row.decode("met", as: Bool.self) == false)
        #expect(try row.decode("not_reporting", as: [String?].self) == ["RD3", "R D", nil])
    }

    @Test("NULL is nil for an Optional and an error otherwise")
    func nulls() throws {
        #expect(try row.decode("note", as: String?.self) == nil)
        #expect(throws: PostgresDecodingError(column: "note", swiftType: "String", sqlType: "text", problem: .unexpectedNull)) {
            try row.decode("note", as: String.self)
        }
        // A NULL element of an array is refused unless the elements are Optional.
        #expect(throws: PostgresDecodingError.self) { try row.decode("not_reporting", as: [String].self) }
    }

    @Test("a missing column names itself and the columns there are")
    func missingColumn() {
        do {
            _ = try row.decode("rate_pct", as: Decimal?.self)
            Issue.record("a missing column must throw, even for an Optional")
        } catch let error as PostgresDecodingError {
            #expect(error.column == "rate_pct")
            #expect(error.description.contains("no column rate_pct"))
            #expect(error.description.contains("org_code, period, rate"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a column of another type is refused, naming both types")
    func mismatch() {
        #expect(throws: PostgresDecodingError(column: "rate", swiftType: "Int", sqlType: "numeric", problem: .typeMismatch)) {
            try row.decode("rate", as: Int.self)
        }
        #expect(throws: PostgresDecodingError(column: "period", swiftType: "String", sqlType: "date", problem: .typeMismatch)) {
            try row.decode("period", as: String.self)
        }
        #expect(throws: PostgresDecodingError.self) { try row.decode("org_code", as: Bool.self) }
    }

    struct Slice: Decodable {
        let orgCode: String
        let period: YearMonth
        let rate: Decimal?
        let rows: Int
        let note: String?
    }

    struct Renamed: Decodable {
        let orgCode: String
        let ratePct: Decimal?
    }

    @Test("a Decodable struct reads its properties from snake_case columns")
    func decodableRow() throws {
        let slice = try row.decode(Slice.self)
        #expect(slice.orgCode == "RBD")
        #expect(slice.period == YearMonth(constant: 2025, 1))
        #expect(slice.rate == Decimal(string: "21.05"))
        #expect(slice.rows == 120)
        #expect(slice.note == nil)
    }

    @Test("a Decodable struct whose Optional column is missing fails instead of reading nil")
    func decodableMissingColumn() {
        #expect(throws: PostgresDecodingError.self) { try row.decode(Renamed.self) }
    }

    @Test("text the server would never send for the type is reported, not guessed")
    func unreadable() throws {
        let odd = try #require(QueryResult.canned(columns: [("n", .int8)], rows: [["12x"]]))
        #expect(throws: PostgresDecodingError(column: "n", swiftType: "Int", sqlType: "bigint", problem: .unreadable("12x"))) {
            try odd.rows[0].decode("n", as: Int.self)
        }
    }
}
