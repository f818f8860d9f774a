import NOFCore
import NOFPostgres

// Months cross the database boundary as `date` (their first day), both ways: bound as typed
// parameters and read from `period` columns. Both types are nofdb's own; the conformance
// lives here, the first module that sees both.

extension YearMonth: PostgresEncodable, PostgresArrayElement {
    public static var postgresType: PostgresDataType { .date }
    public static var postgresArrayType: PostgresDataType { .dateArray }
    /// `2024-11-01`.
    public var postgresText: String { firstDay }
}

extension YearMonth: PostgresDecodable {
    /// A `date` column holding a month's first day (any day reads as its month).
    public static func decode(_ text: String, type: PostgresType) throws(PostgresDecodingError.Problem) -> YearMonth {
        guard type == .date else { throw .typeMismatch }
        guard let value = YearMonth(text) else { throw .unreadable(text) }
        return value
    }
}
