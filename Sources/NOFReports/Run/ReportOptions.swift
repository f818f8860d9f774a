import Foundation
import NOFCore

/// A report parameter problem, said so a user can fix it.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// The work failed (exit status 1).
        case failure
        /// The command line asked for something that cannot be: a value out of range, an
        /// option the report does not take (exit status 64, like the parser's own errors).
        case usage
        /// What was named is not in the warehouse (an organisation, ICB, region, load or
        /// dataset), or the SQL given is not valid SQL (exit status 65).
        case data
    }

    public let message: String
    public let kind: Kind
    public init(_ message: String, kind: Kind = .failure) {
        self.message = message
        self.kind = kind
    }
    public var description: String { message }
}

/// Which league table: the NOF metrics these datasets provide, or nofdb's wider set.
public enum League: String, CaseIterable, Sendable {
    case nof, operational
}

/// The organisations a league compares.
public enum PeerGroup: String, CaseIterable, Sendable {
    case acute, specialist, ambulance
}

/// A NOF domain, or all of them.
public enum Domain: String, CaseIterable, Sendable {
    case overall
    case urgentAndEmergencyCare = "urgent_and_emergency_care"
    case elective, cancer, diagnostics
}

/// The options of `nofdb report`, as the user gave them (nil: not given). Which a report takes
/// is declared in its file; the runner refuses the others.
public struct ReportOptions: Sendable {
    public var period = PeriodRequest.latest
    public var peerGroup: PeerGroup?
    public var domain: Domain?
    public var league: League?
    /// A code or words of a name (the positional ORG, or `--org`).
    public var org: String?
    /// A region code or name.
    public var region: String?
    /// An ICB code or words of its name: only that ICB's trusts in the report's month.
    public var icb: String?
    public var limit: Int?
    /// Only this load (the loads report: that load and all its rejected rows; the revisions
    /// report: what replacing that load's revision changed).
    public var load: Int?
    /// Only this dataset (the revisions report).
    public var dataset: String?
    /// Trust report: history restated on today's organisation (nof.standard_performance_merged).
    public var merged = false
    /// Only this section of a report with several (its title or a prefix of it, any case).
    public var section: String?
    /// An organisation (code or words of a name) to mark in tables and charts.
    public var highlight: String?

    public init() {}

    /// The options given, as the parameters they set.
    public var given: [ReportParameter] {
        var out: [ReportParameter] = []
        if period != .latest { out.append(.period) }
        if peerGroup != nil { out.append(.peerGroup) }
        if domain != nil { out.append(.domain) }
        if league != nil { out.append(.league) }
        if org != nil { out.append(.org) }
        if region != nil { out.append(.region) }
        if icb != nil { out.append(.icb) }
        if limit != nil { out.append(.limit) }
        if load != nil { out.append(.load) }
        if dataset != nil { out.append(.dataset) }
        if merged { out.append(.merged) }
        if highlight != nil { out.append(.highlight) }
        return out
    }
}

/// A period as the user asked for it.
public enum PeriodRequest: Sendable, Equatable {
    case latest
    case month(YearMonth)
    case quarter(FinancialQuarter)

    public init(_ text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.lowercased() == "latest" || t.isEmpty {
            self = .latest
        } else if t.range(of: "^[0-9]{4}-[Qq][1-4]$", options: .regularExpression) != nil, let q = FinancialQuarter(t) {
            self = .quarter(q)
        } else if t.range(of: "^[0-9]{4}-[0-9]{2}$", options: .regularExpression) != nil, let m = YearMonth(t) {
            self = .month(m)
        } else {
            throw ReportError("--period \(text): use YYYY-MM (e.g. 2024-11), YYYY-Qn (e.g. 2024-Q3, the financial year starting April 2024) or latest", kind: .usage)
        }
    }
}
