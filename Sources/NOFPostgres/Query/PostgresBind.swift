import Foundation

/// A PostgreSQL data type as libpq names it: its OID, and a name for messages.
public struct PostgresDataType: Hashable, Sendable, CustomStringConvertible {
    public let oid: UInt32
    public let name: String

    public init(oid: UInt32, name: String) {
        self.oid = oid
        self.name = name
    }

    public var description: String { name }

    /// No declared type: the server infers it from where the parameter stands (for values
    /// typed on a command line, e.g. `nofdb query --param`).
    public static let unknown = PostgresDataType(oid: 0, name: "unknown")
    public static let bool = PostgresDataType(oid: 16, name: "boolean")
    public static let int2 = PostgresDataType(oid: 21, name: "smallint")
    public static let int4 = PostgresDataType(oid: 23, name: "integer")
    public static let int8 = PostgresDataType(oid: 20, name: "bigint")
    public static let float8 = PostgresDataType(oid: 701, name: "double precision")
    public static let numeric = PostgresDataType(oid: 1700, name: "numeric")
    public static let text = PostgresDataType(oid: 25, name: "text")
    public static let date = PostgresDataType(oid: 1082, name: "date")
    public static let timestamptz = PostgresDataType(oid: 1184, name: "timestamp with time zone")
    public static let boolArray = PostgresDataType(oid: 1000, name: "boolean[]")
    public static let int4Array = PostgresDataType(oid: 1007, name: "integer[]")
    public static let int8Array = PostgresDataType(oid: 1016, name: "bigint[]")
    public static let float8Array = PostgresDataType(oid: 1022, name: "double precision[]")
    public static let numericArray = PostgresDataType(oid: 1231, name: "numeric[]")
    public static let textArray = PostgresDataType(oid: 1009, name: "text[]")
    public static let dateArray = PostgresDataType(oid: 1182, name: "date[]")
}

/// One bound parameter: its declared type and its value in PostgreSQL's text format (nil is
/// SQL NULL). The type travels to the server with the value, so SQL needs no `$1::date` casts
/// and the planner sees the real type.
public struct PostgresBind: Sendable, Equatable {
    public let type: PostgresDataType
    public let text: String?

    public init(type: PostgresDataType, text: String?) {
        self.type = type
        self.text = text
    }

    /// A typed NULL.
    public static func null(_ type: PostgresDataType) -> PostgresBind { PostgresBind(type: type, text: nil) }

    /// `value` bound with its own type.
    public init<T: PostgresEncodable>(_ value: T) {
        self.init(type: T.postgresType, text: value.postgresText)
    }

    /// `value` bound with its own type, or a NULL of that type.
    public init<T: PostgresEncodable>(_ value: T?) {
        self.init(type: T.postgresType, text: value?.postgresText)
    }
}

/// A Swift value that can be bound as a parameter of a fixed PostgreSQL type.
public protocol PostgresEncodable: Sendable {
    /// The type the value is declared as.
    static var postgresType: PostgresDataType { get }
    /// The value in PostgreSQL's text input format.
    var postgresText: String { get }
}

/// A value that can be an element of a bound array (`text[]`, `date[]`, …); Optional
/// elements are NULL in the array.
public protocol PostgresArrayElement: Sendable {
    /// The array type of which this is an element (`text[]` for String).
    static var postgresArrayType: PostgresDataType { get }
    /// The element's text, or nil for a NULL element.
    var postgresArrayItem: String? { get }
}

extension PostgresArrayElement where Self: PostgresEncodable {
    public var postgresArrayItem: String? { postgresText }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    public static var postgresArrayType: PostgresDataType { Wrapped.postgresArrayType }
    public var postgresArrayItem: String? { self?.postgresArrayItem }
}

extension String: PostgresEncodable, PostgresArrayElement {
    public static var postgresType: PostgresDataType { .text }
    public static var postgresArrayType: PostgresDataType { .textArray }
    public var postgresText: String { self }
}

extension Substring: PostgresEncodable {
    public static var postgresType: PostgresDataType { .text }
    public var postgresText: String { String(self) }
}

extension Int: PostgresEncodable, PostgresArrayElement {
    public static var postgresType: PostgresDataType { .int8 }
    public static var postgresArrayType: PostgresDataType { .int8Array }
    public var postgresText: String { String(self) }
}

extension Int64: PostgresEncodable, PostgresArrayElement {
    public static var postgresType: PostgresDataType { .int8 }
    public static var postgresArrayType: PostgresDataType { .int8Array }
    public var postgresText: String { String(self) }
}

extension Int32: PostgresEncodable, PostgresArrayElement {
    public static var postgresType: PostgresDataType { .int4 }
    public static var postgresArrayType: PostgresDataType { .int4Array }
    public var postgresText: String { String(self) }
}

extension Double: PostgresEncodable, PostgresArrayElement {
    public static var postgresType: PostgresDataType { .float8 }
    public static var postgresArrayType: PostgresDataType { .float8Array }
    public var postgresText: String {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)
    }
}

extension Decimal: PostgresEncodable, PostgresArrayElement {
    public static var postgresType: PostgresDataType { .numeric }
    public static var postgresArrayType: PostgresDataType { .numericArray }
    public var postgresText: String { isNaN ? "NaN" : NSDecimalNumber(decimal: self).stringValue }
}

extension Bool: PostgresEncodable, PostgresArrayElement {
    public static var postgresType: PostgresDataType { .bool }
    public static var postgresArrayType: PostgresDataType { .boolArray }
    public var postgresText: String { self ? "true" : "false" }
}

extension PostgresDate: PostgresEncodable, PostgresArrayElement {
    public static var postgresType: PostgresDataType { .date }
    public static var postgresArrayType: PostgresDataType { .dateArray }
    public var postgresText: String { description }
}

extension Date: PostgresEncodable {
    public static var postgresType: PostgresDataType { .timestamptz }
    /// ISO 8601 in UTC with milliseconds, which `timestamptz` input reads exactly.
    public var postgresText: String {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        let seconds = Int64((milliseconds / 1000).rounded(.down))
        let fraction = Int64(milliseconds) - seconds * 1000
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%03lld+00", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), fraction)
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresDataType { Element.postgresArrayType }
    /// `{"a","b",NULL}`: every element quoted, with `"` and `\` escaped (a one-dimensional
    /// array); a nil element is NULL.
    public var postgresText: String {
        var out = "{"
        for (i, element) in enumerated() {
            if i > 0 { out += "," }
            guard let item = element.postgresArrayItem else {
                out += "NULL"
                continue
            }
            out += "\""
            for character in item {
                if character == "\"" || character == "\\" { out += "\\" }
                out.append(character)
            }
            out += "\""
        }
        return out + "}"
    }
}
