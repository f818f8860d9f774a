import CLibPQ
import Foundation

/// The PostgreSQL type of a result column, reduced to what renderers and readers need.
public indirect enum PostgresType: Sendable, Equatable, CustomStringConvertible {
    case bool, int2, int4, int8, float4, float8, numeric, text, date, timestamp, timestamptz
    case json, array(PostgresType), other(UInt32)

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
        case 1000: self = .array(.bool)
        case 1005: self = .array(.int2)
        case 1007: self = .array(.int4)
        case 1016: self = .array(.int8)
        case 1021: self = .array(.float4)
        case 1022: self = .array(.float8)
        case 1231: self = .array(.numeric)
        case 1009, 1015, 1014, 1003: self = .array(.text)
        case 1182: self = .array(.date)
        case 1115: self = .array(.timestamp)
        case 1185: self = .array(.timestamptz)
        default: self = .other(oid)
        }
    }

    /// The SQL name, for messages.
    public var description: String {
        switch self {
        case .bool: return "boolean"
        case .int2: return "smallint"
        case .int4: return "integer"
        case .int8: return "bigint"
        case .float4: return "real"
        case .float8: return "double precision"
        case .numeric: return "numeric"
        case .text: return "text"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .timestamptz: return "timestamp with time zone"
        case .json: return "json"
        case .array(let element): return "\(element)[]"
        case .other(let oid): return "type with OID \(oid)"
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
public struct PostgresDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
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

    /// The index of a column by name (exactly as the result names it), or nil.
    public func columnIndex(_ name: String) -> Int? { columnIndexes[name] }

    private lazy var columnIndexes: [String: Int] = {
        var indexes: [String: Int] = [:]
        for (i, name) in columnNames.enumerated() where indexes[name] == nil { indexes[name] = i }
        return indexes
    }()

    /// The SQL type of a column.
    public func columnType(_ column: Int) -> PostgresType { PostgresType(oid: PQftype(result, Int32(column))) }

    public func isNull(row: Int, column: Int) -> Bool {
        PQgetisnull(result, Int32(row), Int32(column)) == 1
    }

    /// The text of a cell, or nil for NULL; for renderers that show every column as it comes
    /// (reads of known columns go through `Row.decode`). Out-of-range indexes are a bug.
    public func string(row: Int, column: Int) -> String? {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
                     "cell (\(row), \(column)) outside a \(rowCount)×\(columnCount) result")
        if isNull(row: row, column: column) { return nil }
        return rawText(row: row, column: column)
    }

    /// The bytes of a cell's text (nil for NULL), valid while this result lives: for writers
    /// that copy values out without making a `String` of each.
    public func bytes(row: Int, column: Int) -> UnsafeRawBufferPointer? {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
                     "cell (\(row), \(column)) outside a \(rowCount)×\(columnCount) result")
        if isNull(row: row, column: column) { return nil }
        guard let value = PQgetvalue(result, Int32(row), Int32(column)) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: value, count: Int(PQgetlength(result, Int32(row), Int32(column))))
    }

    func rawText(row: Int, column: Int) -> String {
        guard let value = PQgetvalue(result, Int32(row), Int32(column)) else { return "" }
        return String(cString: value)
    }

    /// Every row, for iteration.
    public var rows: [Row] { (0..<rowCount).map { Row(result: self, index: $0) } }
}

/// One row of a `QueryResult`, read by column name with typed decoding.
///
///     let period: PostgresDate = try row.decode("period")     // throws if missing, NULL or not a date
///     let rate: Decimal? = try row.decode("rate")             // nil only for SQL NULL
public struct Row {
    public let result: QueryResult
    public let index: Int

    /// The column's value as `T`; throws `PostgresDecodingError` naming the column, the Swift
    /// type wanted and the SQL type found when it is missing, NULL (unless `T` is Optional) or
    /// of a type `T` does not read.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let c = result.columnIndex(column) else {
            throw PostgresDecodingError(column: column, swiftType: "\(T.self)", sqlType: nil,
                                        problem: .missingColumn(available: result.columnNames))
        }
        let sqlType = result.columnType(c)
        do {
            if result.isNull(row: index, column: c) { return try T.decodeNull() }
            return try T.decode(result.rawText(row: index, column: c), type: sqlType)
        } catch {
            throw PostgresDecodingError(column: column, swiftType: "\(T.self)", sqlType: sqlType.description, problem: error)
        }
    }

    /// The whole row as a `Decodable` struct: each property is read from the column of the
    /// same name in snake_case (`periodLabel` from `period_label`), with the same checks.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: RowDecoder(row: self))
    }
}
