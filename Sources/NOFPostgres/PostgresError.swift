import Foundation

/// A five-character SQLSTATE code, matchable against the named constants below.
public struct SQLState: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let code: String
    public init(_ code: String) { self.code = code }
    public init(stringLiteral value: String) { self.code = value }
    public var description: String { code }

    /// The two-character class, e.g. "23" for integrity constraint violations.
    public var errorClass: String { String(code.prefix(2)) }

    public static let uniqueViolation: SQLState = "23505"
    public static let foreignKeyViolation: SQLState = "23503"
    public static let notNullViolation: SQLState = "23502"
    public static let checkViolation: SQLState = "23514"
    public static let invalidTextRepresentation: SQLState = "22P02"
    public static let numericValueOutOfRange: SQLState = "22003"
    public static let invalidDatetimeFormat: SQLState = "22007"
    public static let badCopyFileFormat: SQLState = "22P04"
    public static let characterNotInRepertoire: SQLState = "22021"
    public static let lockNotAvailable: SQLState = "55P03"
    public static let queryCanceled: SQLState = "57014"
    public static let readOnlySQLTransaction: SQLState = "25006"
    public static let insufficientPrivilege: SQLState = "42501"
    public static let undefinedTable: SQLState = "42P01"
    public static let undefinedColumn: SQLState = "42703"
    public static let undefinedFunction: SQLState = "42883"
    public static let syntaxError: SQLState = "42601"
    public static let duplicateDatabase: SQLState = "42P04"
    public static let duplicateObject: SQLState = "42710"
    public static let invalidPassword: SQLState = "28P01"
    public static let invalidAuthorization: SQLState = "28000"
    public static let invalidCatalogName: SQLState = "3D000"
    public static let internalError: SQLState = "XX000"
    public static let connectionFailure: SQLState = "08006"
    public static let serializationFailure: SQLState = "40001"
    public static let deadlockDetected: SQLState = "40P01"
}

/// An error from PostgreSQL or from libpq, with everything a user needs to act on it.
///
/// It carries the SQL that failed but never the values bound to it, and never a password.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Where the error arose.
    public enum Kind: Sendable, Equatable {
        /// Could not connect or lost the connection.
        case connection
        /// The server rejected a statement.
        case server
        /// libpq or this library refused an operation (protocol misuse, bad input).
        case client
    }

    public var kind: Kind
    public var sqlState: SQLState?
    public var severity: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The server's context line, e.g. `COPY fact_ae, line 3, column t1_attendances: "x"`.
    public var context: String?
    /// The SQL text (never the bound values).
    public var sql: String?
    /// 1-based character position in `sql`, when the server reported one.
    public var position: Int?

    public init(
        kind: Kind, sqlState: SQLState? = nil, severity: String? = nil, message: String,
        detail: String? = nil, hint: String? = nil, context: String? = nil, sql: String? = nil,
        position: Int? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
        self.context = context
        self.sql = sql
        self.position = position
    }

    /// The line of COPY input the server complained about (1-based), if any.
    public var copyLine: Int? {
        guard let context, context.hasPrefix("COPY ") else { return nil }
        guard let range = context.range(of: ", line ") else { return nil }
        let digits = context[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// The column of COPY input the server complained about, if any.
    public var copyColumn: String? {
        guard let context, context.hasPrefix("COPY "),
              let range = context.range(of: ", column ") else { return nil }
        let rest = context[range.upperBound...]
        return String(rest.prefix { $0 != ":" })
    }

    public var description: String {
        var text = message
        if let sqlState { text = "\(text) (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "\nDETAIL: \(detail)" }
        if let hint, !hint.isEmpty { text += "\nHINT: \(hint)" }
        if let context, !context.isEmpty { text += "\nCONTEXT: \(context)" }
        if let sql {
            let oneLine = sql.split(whereSeparator: \.isNewline).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.joined(separator: " ")
            let shown = oneLine.count > 300 ? String(oneLine.prefix(300)) + "…" : oneLine
            text += "\nSQL: \(shown)"
        }
        return text
    }

    /// Removes every occurrence of `secret` from the texts this error carries.
    func redacting(_ secret: String?) -> PostgresError {
        guard let secret, !secret.isEmpty else { return self }
        var copy = self
        func clean(_ s: String?) -> String? { s?.replacingOccurrences(of: secret, with: "***") }
        copy.message = clean(copy.message) ?? ""
        copy.detail = clean(copy.detail)
        copy.hint = clean(copy.hint)
        copy.context = clean(copy.context)
        copy.sql = clean(copy.sql)
        return copy
    }
}
