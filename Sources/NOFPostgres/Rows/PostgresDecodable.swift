import Foundation

/// A value read from a result column that is missing, NULL where a value is needed, of
/// another type, or unreadable: names the column, the Swift type wanted and the SQL type found.
public struct PostgresDecodingError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The result has no column of that name (a renamed view column, say).
        case missingColumn(available: [String])
        /// The column is NULL and the Swift type has no place for it.
        case unexpectedNull
        /// The column's SQL type cannot become the Swift type.
        case typeMismatch
        /// The text the server sent does not parse as the type (should not happen).
        case unreadable(String)
    }

    public let column: String
    public let swiftType: String
    public let sqlType: String?
    public let problem: Problem

    public var description: String {
        switch problem {
        case .missingColumn(let available):
            return "the result has no column \(column) (wanted as \(swiftType)); its columns: \(available.joined(separator: ", "))"
        case .unexpectedNull:
            return "column \(column) (\(sqlType ?? "?")) is NULL where a \(swiftType) is needed"
        case .typeMismatch:
            return "column \(column) is \(sqlType ?? "?"), which cannot be read as \(swiftType)"
        case .unreadable(let text):
            return "column \(column) (\(sqlType ?? "?")) holds \"\(text.prefix(40))\", which is not a \(swiftType)"
        }
    }
}

/// A Swift type a result column can be read as. Each type says which SQL types it accepts, so
/// a column that changes type fails loudly instead of turning into a wrong value.
public protocol PostgresDecodable {
    /// Reads the column's text; throws `.typeMismatch` for a SQL type it does not take.
    static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> Self
    /// The value for SQL NULL; the default refuses (`.unexpectedNull`). Optional returns nil.
    static func decodeNull() throws(PostgresDecodingError.Problem) -> Self
}

extension PostgresDecodable {
    public static func decodeNull() throws(PostgresDecodingError.Problem) -> Self { throw .unexpectedNull }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> Self {
        try Wrapped.decode(text, type: type)
    }
    public static func decodeNull() throws(PostgresDecodingError.Problem) -> Self { nil }
}

extension String: PostgresDecodable {
    /// Text columns (text, varchar, char, name) and types nofdb does not know (enums).
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> String {
        switch type {
        case .text, .other: return text
        default: throw .typeMismatch
        }
    }
}

extension Int: PostgresDecodable {
    /// smallint, integer and bigint (not numeric: `sum(bigint)` needs a `::bigint`).
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> Int {
        guard type.isInteger else { throw .typeMismatch }
        guard let value = Int(text) else { throw .unreadable(text) }
        return value
    }
}

extension Int32: PostgresDecodable {
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> Int32 {
        guard type == .int2 || type == .int4 else { throw .typeMismatch }
        guard let value = Int32(text) else { throw .unreadable(text) }
        return value
    }
}

extension Double: PostgresDecodable {
    /// Any number column.
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> Double {
        guard type.isNumeric else { throw .typeMismatch }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw .unreadable(text) }
            return value
        }
    }
}

extension Decimal: PostgresDecodable {
    /// numeric and integer columns, exactly.
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> Decimal {
        guard type == .numeric || type.isInteger else { throw .typeMismatch }
        if text == "NaN" { return .nan }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { throw .unreadable(text) }
        return value
    }
}

extension Bool: PostgresDecodable {
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> Bool {
        guard type == .bool else { throw .typeMismatch }
        switch text {
        case "t", "true": return true
        case "f", "false": return false
        default: throw .unreadable(text)
        }
    }
}

extension PostgresDate: PostgresDecodable {
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> PostgresDate {
        guard type == .date else { throw .typeMismatch }
        guard let value = PostgresDate(text) else { throw .unreadable(text) }
        return value
    }
}

extension Date: PostgresDecodable {
    /// timestamptz (the session runs in UTC, so its text is `YYYY-MM-DD HH:MM:SS[.ffffff]+00`).
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> Date {
        guard type == .timestamptz || type == .timestamp else { throw .typeMismatch }
        guard let value = PostgresTimestamp.parse(text) else { throw .unreadable(text) }
        return value
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// A one-dimensional array column (`text[]`, `date[]`, …); NULL elements are refused
    /// unless the element type is Optional.
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> [Element] {
        guard case .array(let elementType) = type else { throw .typeMismatch }
        guard let items = PostgresArrayText.elements(text) else { throw .unreadable(text) }
        var out: [Element] = []
        out.reserveCapacity(items.count)
        for item in items {
            if let item { out.append(try Element.decode(item, type: elementType)) } else { out.append(try Element.decodeNull()) }
        }
        return out
    }
}

/// Parses PostgreSQL's text form of timestamps in UTC.
enum PostgresTimestamp {
    static func parse(_ text: String) -> Date? {
        // YYYY-MM-DD HH:MM:SS[.fraction][+00[:00]]
        let parts = text.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let day = PostgresDate(String(parts[0])) else { return nil }
        var time = parts[1]
        if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) { time = time[..<sign] }
        let hms = time.split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let m = Int(hms[1]), let s = Double(hms[2]) else { return nil }
        var components = DateComponents()
        components.year = day.year
        components.month = day.month
        components.day = day.day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let midnight = calendar.date(from: components) else { return nil }
        return midnight.addingTimeInterval(Double(h * 3600 + m * 60) + s)
    }
}

/// Splits the text form of a one-dimensional array, `{a,"b c",NULL}`, into its elements.
enum PostgresArrayText {
    static func elements(_ text: String) -> [String?]? {
        let chars = Array(text)
        guard chars.first == "{", chars.last == "}" else { return nil }
        var out: [String?] = []
        var i = 1
        let end = chars.count - 1
        if i == end { return [] }
        while i <= end {
            var value = ""
            var quoted = false
            if chars[i] == "\"" {
                quoted = true
                i += 1
                while i < end, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < end { i += 1 }
                    value.append(chars[i])
                    i += 1
                }
                i += 1
            } else {
                while i < end, chars[i] != "," {
                    value.append(chars[i])
                    i += 1
                }
            }
            out.append(!quoted && value == "NULL" ? nil : value)
            guard i == end || chars[i] == "," else { return nil }
            i += 1
        }
        return out
    }
}

extension PostgresDecodingError.Problem: Error {}
