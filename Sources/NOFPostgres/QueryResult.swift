import CLibPQ
import Foundation

/// The PostgreSQL type of a result column, reduced to what renderers and readers need.
public enum PostgresType: Sendable, Equatable {
    case bool, int2, int4, int8, float4, float8, numeric, text, date, timestamp, timestamptz
    case json, other(UInt32)

    init(oid: UInt32) {
        switch oid {
        case 16: self = .bool
        case 21: self = .int2
        case 23: self = .int4
        case 20: self = .int8
        case 700: self = .float4
        case 701: self = .float8
        case 1700: self = .numeric
        case 25, 1043, 1042, 19: self = .text
        case 1082: self = .date
        case 1114: self = .timestamp
        case 1184: self = .timestamptz
        case 114, 3802: self = .json
        default: self = .other(oid)
        }
    }

    /// True for integer, floating and numeric columns.
    public var isNumeric: Bool {
        switch self {
        case .int2, .int4, .int8, .float4, .float8, .numeric: return true
        default: return false
        }
    }

    /// True for integer columns.
    public var isInteger: Bool {
        switch self {
        case .int2, .int4, .int8: return true
        default: return false
        }
    }
}

/// A calendar date as PostgreSQL's `date` type holds it.
public struct PostgresDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
    public static func < (a: Self, b: Self) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A result set in text format. Owns its `PGresult` and frees it when released.
public final class QueryResult {
    private let result: OpaquePointer

    init(_ result: OpaquePointer) { self.result = result }
    deinit { PQclear(result) }

    public var rowCount: Int { Int(PQntuples(result)) }
    public var columnCount: Int { Int(PQnfields(result)) }

    /// The command tag, e.g. `INSERT 0 3` or `COPY 1000000`.
    public var commandTag: String { String(cString: PQcmdStatus(result)) }

    /// Rows affected by INSERT, UPDATE, DELETE, COPY, MERGE, … (0 when not applicable).
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    public var columnNames: [String] {
        (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
    }

    public var columnTypes: [PostgresType] {
        (0..<columnCount).map { PostgresType(oid: PQftype(result, Int32($0))) }
    }

    /// The index of a column by name, or nil.
    public func columnIndex(_ name: String) -> Int? {
        let index = Int(PQfnumber(result, "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""))
        return index >= 0 ? index : nil
    }

    public func isNull(row: Int, column: Int) -> Bool {
        PQgetisnull(result, Int32(row), Int32(column)) == 1
    }

    /// The text of a cell, or nil for NULL or out-of-range indexes.
    public func string(row: Int, column: Int) -> String? {
        guard row >= 0, row < rowCount, column >= 0, column < columnCount,
              !isNull(row: row, column: column),
              let value = PQgetvalue(result, Int32(row), Int32(column))
        else { return nil }
        return String(cString: value)
    }

    /// Every row, for iteration.
    public var rows: [Row] { (0..<rowCount).map { Row(result: self, index: $0) } }
}

/// One row of a `QueryResult`, with typed access by column index or name.
public struct Row {
    public let result: QueryResult
    public let index: Int

    func columnIndex(_ name: String) throws -> Int {
        guard let i = result.columnIndex(name) else {
            throw PostgresError(kind: .client, message: "the result has no column named \(name)")
        }
        return i
    }

    public func isNull(_ column: Int) -> Bool { result.isNull(row: index, column: column) }
    public func string(_ column: Int) -> String? { result.string(row: index, column: column) }
    public func string(_ name: String) throws -> String? { string(try columnIndex(name)) }

    public func int(_ column: Int) throws -> Int? {
        guard let text = string(column) else { return nil }
        guard let value = Int(text) else { throw typeError(column, text, "an integer") }
        return value
    }
    public func int(_ name: String) throws -> Int? { try int(try columnIndex(name)) }

    public func double(_ column: Int) throws -> Double? {
        guard let text = string(column) else { return nil }
        guard let value = Double(text) else { throw typeError(column, text, "a number") }
        return value
    }
    public func double(_ name: String) throws -> Double? { try double(try columnIndex(name)) }

    /// A `numeric` (or any number) as an exact Decimal.
    public func decimal(_ column: Int) throws -> Decimal? {
        guard let text = string(column) else { return nil }
        if text == "NaN" { return Decimal.nan }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw typeError(column, text, "a decimal number")
        }
        return value
    }
    public func decimal(_ name: String) throws -> Decimal? { try decimal(try columnIndex(name)) }

    public func bool(_ column: Int) throws -> Bool? {
        guard let text = string(column) else { return nil }
        switch text {
        case "t", "true": return true
        case "f", "false": return false
        default: throw typeError(column, text, "a boolean")
        }
    }
    public func bool(_ name: String) throws -> Bool? { try bool(try columnIndex(name)) }

    public func date(_ column: Int) throws -> PostgresDate? {
        guard let text = string(column) else { return nil }
        guard let value = PostgresDate(text) else { throw typeError(column, text, "a date") }
        return value
    }
    public func date(_ name: String) throws -> PostgresDate? { try date(try columnIndex(name)) }

    private func typeError(_ column: Int, _ text: String, _ expected: String) -> PostgresError {
        let name = column < result.columnCount ? result.columnNames[column] : "#\(column)"
        return PostgresError(kind: .client, message: "column \(name) holds \"\(text)\", not \(expected)")
    }
}
