import Foundation
import NOFPostgres

/// Turns what a user typed for `--org`, `--region` and `--icb` into codes, through the public
/// `nof` views: an exact code, or words of exactly one name; otherwise an error listing the
/// close matches.
struct OrganisationResolver {
    let connection: Connection

    private struct Named: Decodable {
        let code: String
        let name: String
    }

    /// An organisation code that exists, or an error listing close matches.
    func organisation(_ text: String) throws -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        if let exact = try connection.firstValue(
            "SELECT org_code FROM nof.organisation WHERE upper(org_code) = \(code) ORDER BY org_code LIMIT 1", as: String.self) {
            return exact
        }
        let candidates = try connection.query(
            "SELECT org_code AS code, coalesce(org_name, org_code) AS name FROM nof.organisation", as: Named.self)
        // A name (or words of one) that matches exactly one organisation.
        let words = OrganisationSearch.words(text)
        if words.count >= 1, text.count >= 3 {
            let named = candidates.filter { OrganisationSearch.matches(words, name: $0.name) }
            if named.count == 1, let only = named.first { return only.code }
            if named.count > 1 {
                let shown = named.sorted { $0.code < $1.code }.prefix(8).map { "\($0.code) (\($0.name))" }.joined(separator: ", ")
                throw ReportError("'\(text)' matches \(named.count) organisations: \(shown)\(named.count > 8 ? " …" : ""); give a code (nofdb orgs \(text) lists them)", kind: .data)
            }
        }
        let needle = text.lowercased()
        let scored = candidates.map { candidate -> (Int, String, String) in
            var score = editDistance(candidate.code.uppercased(), code)
            if candidate.name.lowercased().contains(needle), needle.count >= 3 { score = min(score, 1) }
            return (score, candidate.code, candidate.name)
        }.filter { $0.0 <= 2 }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(5)
        var message = "unknown organisation code '\(text)'"
        if scored.isEmpty {
            message += candidates.isEmpty ? " (no organisations are loaded yet: run nofdb load)" : "; no close matches"
        } else {
            message += "; did you mean: " + scored.map { "\($0.1) (\($0.2))" }.joined(separator: ", ") + "?"
        }
        throw ReportError(message, kind: .data)
    }

    /// An organisation's name for a report's title (its code when it has none).
    func name(of code: String) throws -> String {
        try connection.value("SELECT coalesce(org_name, org_code) AS name FROM nof.organisation WHERE org_code = \(code)", as: String.self)
    }

    /// An ICB code from a code (QVV) or words of its name (dorset).
    func icb(_ text: String) throws -> String {
        let rows = try connection.query("SELECT icb_code AS code, icb_name AS name FROM nof.icb ORDER BY icb_code", as: Named.self)
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        if let match = rows.first(where: { $0.code == code }) { return match.code }
        let words = OrganisationSearch.words(text)
        let named = rows.filter { !words.isEmpty && OrganisationSearch.matches(words, name: $0.name) }
        if named.count == 1, let only = named.first { return only.code }
        let shown = (named.isEmpty ? rows : named).map { "\($0.code) \($0.name)" }.joined(separator: ", ")
        throw ReportError(named.isEmpty ? "unknown ICB '\(text)'; ICBs: \(shown)" : "'\(text)' matches \(named.count) ICBs: \(shown); give a code", kind: .data)
    }

    /// A region code from a code (Y56) or a name (london, "north west").
    func region(_ text: String) throws -> String {
        let rows = try connection.query("SELECT region_code AS code, region_name AS name FROM nof.region", as: Named.self)
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if let match = rows.first(where: { $0.code.lowercased() == t || $0.name.lowercased() == t })
            ?? rows.first(where: { $0.name.lowercased().hasPrefix(t) && !t.isEmpty }) {
            return match.code
        }
        throw ReportError("unknown region '\(text)'; use a code or name: " + rows.map { "\($0.code) \($0.name)" }.joined(separator: ", "), kind: .data)
    }
}

/// Levenshtein distance (small strings: organisation codes).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

/// Case- and punctuation-insensitive matching of search words against organisation names.
public enum OrganisationSearch {
    /// Lower-case words of letters and digits ("St. George's" -> ["st", "georges"]).
    public static func words(_ text: String) -> [String] {
        text.lowercased().replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "")
            .split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// True when every search word begins a word of the name.
    public static func matches(_ search: [String], name: String) -> Bool {
        let nameWords = words(name)
        return search.allSatisfy { word in nameWords.contains { $0.hasPrefix(word) } }
    }
}
