import Foundation
import NOFCore
import NOFPostgres
import NOFSQL

/// A canned report, parsed from one SQL file in `SQL/reports/` (embedded in the binary).
///
/// The file's header comment names it and lists its parameters; `-- section:` lines split it
/// into tables, each with optional `-- chart:` and `-- footnote:` lines.
public struct ReportDefinition: Sendable {
    public struct Section: Sendable {
        public var title: String
        public var sql: String
        public var chart: ChartSpec?
        public var footnotes: [String]
        /// A parameter the section needs (`-- when: load`): without it the section is left out.
        public var requires: String?
        /// The name `--section` takes: the title in lower case with hyphens, e.g. `league-position`.
        public var slug: String { ReportDefinition.slug(title) }
    }

    public static func slug(_ text: String) -> String { text.lowercased().replacingOccurrences(of: " ", with: "-") }

    public var name: String
    /// A short title for the report's heading.
    public var title: String
    public var description: String
    /// Parameter names as the header lists them: period, peer-group, domain, org, region,
    /// limit, or ORG for a positional organisation argument.
    public var parameters: [String]
    /// SQL returning the latest period with data (bound like the sections).
    public var latestSQL: String?
    public var sections: [Section]

    public var takesOrganisationArgument: Bool { parameters.contains("ORG") }

    /// The sections `--section` asks for: all of them when nil, else the one whose title
    /// equals or starts with `name` (any case; hyphens for spaces, so `league-position`).
    public func sections(matching name: String?) throws -> [Section] {
        guard let name else { return sections }
        let wanted = Self.slug(name.trimmingCharacters(in: .whitespaces))
        let titles = sections.map { "'" + $0.slug + "'" }.joined(separator: ", ")
        if let exact = sections.first(where: { $0.slug == wanted }) { return [exact] }
        let prefixed = sections.filter { $0.slug.hasPrefix(wanted) }
        guard !wanted.isEmpty, prefixed.count == 1 else {
            throw ReportError("--section \(name): report \(self.name) has \(prefixed.count > 1 ? "more than one section starting so" : "no such section"); its sections: \(titles)")
        }
        return prefixed
    }

    static func parse(path: String, text: String) -> ReportDefinition? {
        var name = (path as NSString).lastPathComponent.replacingOccurrences(of: ".sql", with: "")
        var description = ""
        var title = ""
        var parameters: [String] = []
        var latest: String?
        var sections: [Section] = []
        var current: Section?
        var headerFootnotes: [String] = []
        var pendingChart: ChartSpec?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            func value(_ key: String) -> String? {
                guard trimmed.hasPrefix("-- \(key):") else { return nil }
                return String(trimmed.dropFirst("-- \(key):".count)).trimmingCharacters(in: .whitespaces)
            }
            if let v = value("report") { name = v; continue }
            if let v = value("description") { description = v; continue }
            if let v = value("title") { title = v; continue }
            if let v = value("parameters") {
                parameters = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                continue
            }
            if let v = value("latest") { latest = v; continue }
            if value("bind") != nil { continue }
            if let v = value("section") {
                if let current { sections.append(current) }
                current = Section(title: v, sql: "", chart: nil, footnotes: [])
                continue
            }
            if let v = value("when"), current != nil {
                current?.requires = v
                continue
            }
            if let v = value("chart") {
                let chart = Self.parseChart(v)
                if current != nil { current?.chart = chart } else { pendingChart = chart }
                continue
            }
            if let v = value("footnote") {
                if current != nil { current?.footnotes.append(v) } else { headerFootnotes.append(v) }
                continue
            }
            if current != nil { current?.sql += line + "\n" }
        }
        if let current { sections.append(current) }
        guard !sections.isEmpty else { return nil }
        if sections[0].chart == nil { sections[0].chart = pendingChart }
        sections[0].footnotes = headerFootnotes + sections[0].footnotes
        for i in sections.indices {
            sections[i].sql = sections[i].sql.trimmingCharacters(in: .whitespacesAndNewlines)
            if sections[i].sql.hasSuffix(";") { sections[i].sql.removeLast() }
        }
        return ReportDefinition(
            name: name, title: title.isEmpty ? name : title, description: description, parameters: parameters,
            latestSQL: latest, sections: sections)
    }

    /// `line x=month y=value panels=standard unit=unit target=target partial=coverage fieldtest=note`
    /// or `bar label=org_name value=average_score better=lower axis=average_score_(1_best,_4_worst)`;
    /// in `axis=` and `unit=` an underscore stands for a space.
    static func parseChart(_ text: String) -> ChartSpec? {
        let words = text.split(separator: " ").map(String.init)
        guard let first = words.first, let kind = ChartSpec.Kind(rawValue: first) else { return nil }
        var pairs: [String: String] = [:]
        for word in words.dropFirst() {
            let kv = word.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { pairs[kv[0]] = kv[1] }
        }
        guard let x = pairs["x"] ?? pairs["label"], let y = pairs["y"] ?? pairs["value"] else { return nil }
        var filter: (String, String)?
        if let only = pairs["only"], let colon = only.firstIndex(of: ":") {
            filter = (String(only[..<colon]), String(only[only.index(after: colon)...]))
        }
        func spaced(_ key: String) -> String? { pairs[key].map { $0.replacingOccurrences(of: "_", with: " ") } }
        return ChartSpec(kind: kind, x: x, y: y, series: pairs["series"], onlyColumn: filter?.0, onlyValue: filter?.1,
                         partialColumn: pairs["partial"], panels: pairs["panels"], unit: pairs["unit"],
                         axisTitle: spaced("axis"), target: pairs["target"], fieldTest: pairs["fieldtest"],
                         better: pairs["better"].flatMap(ChartSpec.Better.init(rawValue:)))
    }
}

/// Every canned report shipped with nofdb.
public enum ReportCatalog {
    public static let all: [ReportDefinition] = {
        let order = ["league-table", "trust", "national", "field-test", "segments", "rtt-waits", "cancer",
                     "diagnostics", "ambulance", "nof-official", "loads", "revisions", "coverage"]
        let parsed = SQLTree.files(in: "reports").compactMap { ReportDefinition.parse(path: $0.path, text: $0.text) }
        return parsed.sorted { (order.firstIndex(of: $0.name) ?? 99, $0.name) < (order.firstIndex(of: $1.name) ?? 99, $1.name) }
    }()

    public static func named(_ name: String) -> ReportDefinition? { all.first { $0.name == name } }

    /// `nofdb report --list`.
    public static func listing() -> String {
        var lines = ["Canned reports (nofdb report NAME [options]):", ""]
        for report in all {
            let args = report.takesOrganisationArgument ? " ORG" : ""
            lines.append("  \(report.name)\(args)")
            lines.append("      \(report.description)")
            let options = report.parameters.filter { $0 != "ORG" }.map { "--\($0)" }
            lines.append("      parameters: " + (options.isEmpty ? "none" : options.joined(separator: ", ")))
            if report.sections.count > 1 {
                lines.append("      sections (--section): " + report.sections.map(\.slug).joined(separator: ", "))
            }
        }
        lines.append("")
        lines.append("Every report takes --format table|csv|json|markdown|html and --output FILE;")
        lines.append("--section NAME keeps one table of a report with several (a single CSV table for a spreadsheet).")
        lines.append("--period YYYY-MM | YYYY-Qn (financial year starting in that year, Q1 = Apr-Jun) | latest")
        lines.append("  (latest: the newest month; for league-table and segments the newest quarter with at least 10")
        lines.append("  organisations of the peer group ranked, preferring among the year's the one covering the most datasets)")
        lines.append("--league nof|operational   --peer-group acute|specialist|ambulance")
        lines.append("--domain overall|urgent_and_emergency_care|elective|cancer|diagnostics")
        lines.append("--icb CODE|name (reports taking --region: the ICB's trusts that month)   --merged (trust: predecessors summed in)")
        return lines.joined(separator: "\n")
    }
}
