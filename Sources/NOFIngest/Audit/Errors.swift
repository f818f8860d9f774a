import Foundation
import NOFCore

/// Why a file could not be loaded: which file, where in it, what it held and why that is a
/// problem, with a hint at what to do. Nothing from the file is committed.
public struct LoadError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var column: String?
    public var value: String?
    public var reason: String
    public var hint: String?

    public init(
        file: String, line: Int? = nil, column: String? = nil, value: String? = nil, reason: String,
        hint: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        var text = "\(location): "
        if let column { text += "column \"\(column)\": " }
        if let value { text += "value \"\(Self.clip(value))\": " }
        text += reason
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    static func clip(_ value: String) -> String {
        value.count > 80 ? String(value.prefix(77)) + "…" : value
    }
}

/// A row that was not loaded, and why. Stored in `audit.load_reject`.
public struct Reject: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line in a CSV file, or row number in a spreadsheet.
    public var line: Int
    public var column: String?
    public var value: String?
    public var reason: String
    public var sheet: String?

    public init(line: Int, column: String? = nil, value: String? = nil, reason: String, sheet: String? = nil) {
        self.line = line
        self.column = column
        self.value = value.map { $0.count > 500 ? String($0.prefix(500)) + "…" : $0 }
        self.reason = reason
        self.sheet = sheet
    }

    public var description: String {
        var text = sheet.map { "\($0) row \(line)" } ?? "line \(line)"
        if let column { text += ", column \"\(column)\"" }
        if let value { text += ", value \"\(LoadError.clip(value))\"" }
        return text + ": " + reason
    }
}

/// A check that did not stop the load but that a user should know about (e.g. a TOTAL row
/// that does not equal the sum of the provider rows). Stored in `audit.load_warning`.
public struct LoadWarning: Sendable, Equatable, CustomStringConvertible {
    public var kind: String
    public var period: YearMonth?
    public var message: String

    public init(kind: String, period: YearMonth? = nil, message: String) {
        self.kind = kind
        self.period = period
        self.message = message
    }

    public var description: String { (period.map { "[\($0)] " } ?? "") + message }
}
