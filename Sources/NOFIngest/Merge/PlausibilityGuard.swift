import Foundation
import NOFCore
import NOFPostgres

/// A provider's (or England's) key count for a month, set against the median of its own
/// previous loaded months (`dw.plausibility_findings`, thresholds in `dw.plausibility_threshold`).
public struct PlausibilityFinding: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        /// Far above its history: the month is held back (unless --allow-outliers).
        case hold
        /// Well above its history: a warning.
        case rise
        /// Well below its history: a warning, never a hold (services close; April 2020).
        case fall
    }

    public var orgCode: String
    public var isEngland: Bool
    public var field: String
    public var value: Decimal
    public var median: Decimal
    public var historyMonths: Int
    public var verdict: Verdict

    /// "RXX's A&E attendances (all types) 1,234,000 against a median of 12,340 over its previous 12 loaded months (100×)".
    public var description: String {
        let who = isEngland ? "England's" : "\(orgCode)'s"
        let value = NSDecimalNumber(decimal: value).doubleValue
        let median = NSDecimalNumber(decimal: median).doubleValue
        let ratio = median > 0 ? value / median : 0
        let ratioText = ratio >= 1 ? "\(ratio >= 10 ? String(Int(ratio.rounded())) : String(format: "%.1f", ratio))×"
                                   : String(format: "%.2f×", ratio)
        return "\(who) \(field) is \(Self.number(value)) against a median of \(Self.number(median)) over its previous \(historyMonths) loaded months (\(ratioText))"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? Int(value).formatted() : value.formatted(.number.precision(.fractionLength(1)))
    }
}

/// The plausibility guard: one staged month against its providers' own history. Holds come
/// back as reasons; rises and falls become warnings in `context`.
struct PlausibilityGuard {
    let connection: Connection
    let dataset: Dataset
    let allowOutliers: Bool

    /// The findings for `period`, read from the staged table `table` (in schema dw).
    func findings(period: YearMonth, table: String) throws -> [PlausibilityFinding] {
        try connection.query(
            "SELECT org_code, is_england, field, value, median, history_months, verdict FROM dw.plausibility_findings(\(dataset.rawValue), \(period), \(table))"
        ) { row in
            let verdict = try row.decode("verdict", as: String.self)
            guard let known = PlausibilityFinding.Verdict(rawValue: verdict) else {
                throw LoadError(file: "", reason: "dw.plausibility_findings returned the verdict '\(verdict)', which nofdb does not know (is the schema newer than this nofdb?)")
            }
            return PlausibilityFinding(
                orgCode: try row.decode("org_code", as: String.self), isEngland: try row.decode("is_england", as: Bool.self),
                field: try row.decode("field", as: String.self), value: try row.decode("value", as: Decimal.self),
                median: try row.decode("median", as: Decimal.self), historyMonths: try row.decode("history_months", as: Int.self),
                verdict: known)
        }
    }

    /// Applies the guard to one month: warnings go to `context`; returns the reason to hold the
    /// month back, or nil to let it in.
    func check(period: YearMonth, table: String, context: IngestContext) throws -> String? {
        let found = try findings(period: period, table: table)
        var holds: [PlausibilityFinding] = []
        for finding in found {
            switch finding.verdict {
            case .hold where allowOutliers:
                context.warn("outlier", period, "accepted with --allow-outliers: " + finding.description)
            case .hold:
                holds.append(finding)
            case .rise:
                context.warn("outlier", period, "rise: " + finding.description)
            case .fall:
                context.warn("fall", period, "fall: " + finding.description)
            }
        }
        guard !holds.isEmpty else { return nil }
        let shown = holds.prefix(5).map(\.description).joined(separator: "; ")
            + (holds.count > 5 ? "; and \(holds.count - 5) more" : "")
        return "held back: implausible against its own history: \(shown); check the file (a provider's figures multiplied, a unit changed), or pass --allow-outliers to load it anyway"
    }
}
