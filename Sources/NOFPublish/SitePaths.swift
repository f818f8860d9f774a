import Foundation
import NOFCore

/// Where each page of the site lives, and links between pages as relative paths (so the site
/// works from `file://`, from any folder of a web server, and when copied elsewhere).
enum SitePaths {
    static let home = "index.html"
    static let fieldTest = "field-test.html"
    static let method = "method.html"
    static let leagues = "league/index.html"
    static let organisations = "org/index.html"
    static let standards = "standard/index.html"
    static let data = "data/index.html"
    static let stylesheet = "assets/site.css"
    static let script = "assets/site.js"
    static let searchIndex = "assets/search-index.js"

    /// An organisation's page; ODS codes are letters and digits, anything else is replaced.
    static func organisation(_ code: String) -> String { "org/\(safe(code)).html" }

    static func standard(_ code: String) -> String { "standard/\(safe(code)).html" }

    /// A league table's page: `league/nof-acute-overall-2021-Q3.html` (a quarter) or
    /// `…-2021-01.html` (a month).
    static func league(_ table: LeagueTableKey) -> String {
        "league/\(safe(table.league))-\(safe(table.peerGroup))-\(safe(table.domain).replacingOccurrences(of: "_", with: "-"))-\(table.periodCode).html"
    }

    /// A view's CSV in the data folder.
    static func dataCSV(_ view: String) -> String { "data/\(safe(view)).csv" }

    /// `target` as seen from the page at `from` (both relative to the site's root).
    static func link(from: String, to target: String) -> String {
        var folders = from.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var parts = target.split(separator: "/", omittingEmptySubsequences: false)
        // Up out of the page's folders only as far as the target needs: org/a.html -> org/b.html is "b.html".
        while let folder = folders.first, parts.count > 1, parts.first == folder {
            folders.removeFirst()
            parts.removeFirst()
        }
        return String(repeating: "../", count: folders.count) + parts.joined(separator: "/")
    }

    /// Letters, digits, `-`, `_` and `.` kept; anything else becomes `_` (no path can leave its folder).
    static func safe(_ text: String) -> String {
        let kept = text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" }
        let name = String(kept)
        return name.isEmpty ? "_" : name
    }

    /// A file name part from a title: "13-month trend" -> "13-month-trend".
    static func slug(_ title: String) -> String {
        var out = ""
        for ch in title.lowercased() {
            if ch.isASCII, ch.isLetter || ch.isNumber { out.append(ch) } else if out.last != "-" { out.append("-") }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "table" : String(trimmed.prefix(60))
    }
}

/// One league table: league, peer group, domain and period (a quarter, or a month).
struct LeagueTableKey: Hashable, Sendable, Comparable {
    var league: String
    var peerGroup: String
    var domain: String
    var periodType: String
    /// The month, or the first month of the quarter.
    var period: YearMonth

    var isQuarter: Bool { periodType == "quarter" }

    /// `2021-Q3` for a quarter, `2021-01` for a month: what `--period` takes.
    var periodCode: String { isQuarter ? period.financialQuarter.code : period.description }

    /// `Q3 2021/22`, or `January 2021`.
    var periodLabel: String { isQuarter ? period.financialQuarter.description : period.longName }

    /// The months whose data the table is made from.
    var months: [YearMonth] { isQuarter ? period.financialQuarter.months : [period] }

    static let domainOrder = ["overall", "urgent_and_emergency_care", "elective", "cancer", "diagnostics"]

    /// Newest first; then league, peer group and domain in their usual order.
    static func < (a: Self, b: Self) -> Bool {
        if a.period != b.period { return a.period > b.period }
        if a.league != b.league { return a.league < b.league }
        if a.peerGroup != b.peerGroup { return a.peerGroup < b.peerGroup }
        let ai = domainOrder.firstIndex(of: a.domain) ?? 99, bi = domainOrder.firstIndex(of: b.domain) ?? 99
        if ai != bi { return ai < bi }
        return a.periodType < b.periodType
    }
}

/// Words for the codes the warehouse uses.
enum SiteWords {
    static func domain(_ code: String) -> String {
        switch code {
        case "overall": return "Overall"
        case "urgent_and_emergency_care": return "Urgent and emergency care"
        case "elective": return "Elective"
        case "cancer": return "Cancer"
        case "diagnostics": return "Diagnostics"
        default: return code.replacingOccurrences(of: "_", with: " ").capitalized
        }
    }

    static func peerGroup(_ code: String) -> String {
        switch code {
        case "acute": return "Acute trusts"
        case "specialist": return "Specialist trusts"
        case "ambulance": return "Ambulance trusts"
        case "mental_health_community": return "Mental health and community trusts"
        default: return code.replacingOccurrences(of: "_", with: " ").capitalized
        }
    }

    static func league(_ code: String) -> String {
        code == "nof" ? "NOF league" : "Operational league"
    }

    static func dataset(_ code: String) -> String {
        switch code {
        case "ae": return "A&E"
        case "ambulance": return "ambulance"
        case "rtt": return "RTT"
        case "cancer": return "cancer"
        case "diagnostics": return "diagnostics (DM01)"
        case "nof_data": return "NOF data file"
        case "nof_league": return "NOF league file"
        case "ods_trusts": return "ODS trusts"
        case "ods_successors": return "ODS successors"
        default: return code
        }
    }
}
