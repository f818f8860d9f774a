import Foundation

/// A calendar month, the grain of every nofdb fact (`2024-11`).
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1900...2999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// A month written in the code, not read from input (the month is clamped into 1...12).
    public init(constant year: Int, _ month: Int) {
        self.year = year
        self.month = min(max(month, 1), 12)
    }

    /// Parses `YYYY-MM` (also `YYYY-MM-DD`, taking the month).
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count >= 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(year: y, month: m)
    }

    public static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]

    /// The month number for a full or three-letter English month name, in any case.
    public static func monthNumber(_ name: some StringProtocol) -> Int? {
        let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
        if let i = monthNames.firstIndex(of: lower) { return i + 1 }
        if lower.count == 3, let i = monthNames.firstIndex(where: { $0.hasPrefix(lower) }) { return i + 1 }
        if lower == "sept" { return 9 }
        return nil
    }

    /// `2024-11`
    public var description: String {
        let y = String(year)
        return (y.count < 4 ? String(repeating: "0", count: 4 - y.count) + y : y) + (month < 10 ? "-0" : "-") + String(month)
    }
    /// `2024-11-01`, the first day, as stored in `period` columns.
    public var firstDay: String { description + "-01" }
    /// The first day as days since 2000-01-01 (PostgreSQL's binary `date`), by the civil-from-
    /// days algorithm on the proleptic Gregorian calendar.
    public var firstDayDaysSince2000: Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let daysSince1970 = era * 146_097 + dayOfEra - 719_468
        return Int32(daysSince1970 - 10_957)
    }
    /// `November 2024`
    public var longName: String { Self.monthNames[month - 1].capitalized + " \(year)" }
    /// `Nov-24`
    public var shortName: String {
        String(Self.monthNames[month - 1].prefix(3)).capitalized + String(format: "-%02d", year % 100)
    }

    public func adding(months: Int) -> YearMonth {
        let index = year * 12 + (month - 1) + months
        return YearMonth(uncheckedYear: index / 12, month: index % 12 + 1)
    }

    private init(uncheckedYear: Int, month: Int) {
        year = uncheckedYear
        self.month = month
    }

    /// Months from `self` to `other` (positive when `other` is later).
    public func distance(to other: YearMonth) -> Int {
        (other.year * 12 + other.month) - (year * 12 + month)
    }

    /// The NHS financial quarter holding this month (Q1 = April–June).
    public var financialQuarter: FinancialQuarter {
        let fyStart = month >= 4 ? year : year - 1
        let q = ((month + 8) % 12) / 3 + 1
        return FinancialQuarter(startYear: fyStart, quarter: q)
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool {
        (a.year, a.month) < (b.year, b.month)
    }
}

/// A quarter of an NHS financial year: `2025/26 Q4` = January–March 2026.
public struct FinancialQuarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year in which the financial year starts (April).
    public let startYear: Int
    /// 1…4
    public let quarter: Int

    public init(startYear: Int, quarter: Int) {
        self.startYear = startYear
        self.quarter = quarter
    }

    /// Parses `2025-Q4` (calendar-style, as nofdb's `--period` takes it: the quarter of the
    /// financial year starting in April 2025), `Q4 2025/26` (NOF files) or `2025/26 Q4`.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        // Q4 2025/26 or 2025/26 Q4
        let tokens = t.split(whereSeparator: { $0 == " " || $0 == "-" })
        var q: Int?
        var fy: Int?
        for token in tokens {
            if token.hasPrefix("Q"), let n = Int(token.dropFirst()), (1...4).contains(n) {
                q = n
            } else if token.contains("/") {
                let halves = token.split(separator: "/")
                if halves.count == 2, let y = Int(halves[0]), halves[0].count == 4 { fy = y }
            } else if token.count == 4, let y = Int(token) {
                fy = y
            }
        }
        guard let q, let fy else { return nil }
        self.init(startYear: fy, quarter: q)
    }

    /// `2025/26`
    public var financialYear: String { String(format: "%04d/%02d", startYear, (startYear + 1) % 100) }
    /// `Q4 2025/26`, the NOF files' spelling.
    public var description: String { "Q\(quarter) \(financialYear)" }
    /// `2025-Q4`, nofdb's `--period` spelling.
    public var code: String { "\(startYear)-Q\(quarter)" }

    /// The three months, in order.
    public var months: [YearMonth] {
        let firstMonth = 4 + (quarter - 1) * 3  // 4, 7, 10, 13
        let start = YearMonth(year: startYear, month: 4)?.adding(months: firstMonth - 4)
        guard let start else { return [] }
        return (0..<3).map { start.adding(months: $0) }
    }

    public static func < (a: Self, b: Self) -> Bool { (a.startYear, a.quarter) < (b.startYear, b.quarter) }
}
