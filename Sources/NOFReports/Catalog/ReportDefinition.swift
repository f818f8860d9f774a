import Foundation
import NOFCore
import NOFPostgres

/// A canned report, parsed from one SQL file in `SQL/reports/` (embedded in the binary).
///
/// The file's header comment names it and declares its parameters (`-- param: period date`),
/// which its SQL uses as `:period`; `-- section:` lines split it into tables, each with optional
/// `-- chart:`, `-- footnote:` and `-- when:` lines.
public struct ReportDefinition: Sendable {
    public struct Section: Sendable {
        public var title: String
        public var sql: String
        public var chart: ChartSpec?
        public var footnotes: [String]
        /// A parameter the section needs (`-- when: load`): without a value the section is left out.
        public var requires: ReportParameter?
        /// Labels and formats of its columns (`-- column: c2_mean | Category 2 mean | minutes`).
        public var columns: [String: ColumnStyle] = [:]
        /// A detail left out of the terminal table unless asked for (`-- detail: yes`): a long
        /// series whose summary is another section; HTML, XLSX, JSON and CSV carry it.
        public var detail = false
        /// The name `--section` takes: the title in lower case with hyphens, e.g. `league-position`.
        public var slug: String { ReportDefinition.slug(title) }
    }

    /// What `--period` means for a report.
    public enum PeriodGrain: String, Sendable {
        /// Months; a quarter is read as its last month.
        case month
        /// Months or quarters, as asked (league tables).
        case monthOrQuarter = "month-or-quarter"
        /// Quarters; a month is read as its quarter.
        case quarter
    }

    /// How the period is chosen when the user gives none (`--period latest`).
    public enum LatestRule: Sendable, Equatable {
        /// A query returning the newest period with data (one `date` column; may use parameters).
        case sql(String)
        /// The league rule: the newest quarter with enough organisations ranked (see `LeagueQuarter`).
        case leagueQuarter
    }

    public static func slug(_ text: String) -> String { text.lowercased().replacingOccurrences(of: " ", with: "-") }

    public var name: String
    /// A short title for the report's heading.
    public var title: String
    public var description: String
    /// The parameters its SQL uses, as declared.
    public var parameters: [ParameterDeclaration]
    public var periodGrain: PeriodGrain
    /// The column of organisation codes `--highlight` marks (`-- highlight: org_code`); nil when
    /// the report does not take `--highlight`.
    public var highlightColumn: String?
    /// Without a rule, the period is NULL unless the user names one.
    public var latest: LatestRule?
    /// A query returning the report's heading for the values it runs with (one text column,
    /// `heading`), e.g. "Cancer league — not an overall ranking"; the `-- title:` otherwise.
    public var headingSQL: String?
    /// Queries whose rows (one text column, `notice`) the report states first, before any table:
    /// what it covers and does not (`-- notice:`).
    public var noticeSQL: [String] = []
    public var sections: [Section]

    /// The declaration of `parameter`, if the report uses it.
    public func declaration(_ parameter: ReportParameter) -> ParameterDeclaration? {
        parameters.first { $0.parameter == parameter }
    }

    public func uses(_ parameter: ReportParameter) -> Bool {
        parameter == .highlight ? highlightColumn != nil : declaration(parameter) != nil
    }

    /// True when the organisation is required (given as `nofdb report NAME ORG`).
    public var takesOrganisationArgument: Bool { declaration(.org)?.required ?? false }

    /// The options the report takes (`--period`, `--org`, …), in declaration order.
    public var options: [String] {
        parameters.compactMap { $0.parameter.option } + (highlightColumn == nil ? [] : ["--highlight"])
    }

    /// The sections `--section` asks for: all of them when nil, else the one whose title
    /// equals or starts with `name` (any case; hyphens for spaces, so `league-position`).
    public func sections(matching name: String?) throws -> [Section] {
        guard let name else { return sections }
        let wanted = Self.slug(name.trimmingCharacters(in: .whitespaces))
        let titles = sections.map { "'" + $0.slug + "'" }.joined(separator: ", ")
        if let exact = sections.first(where: { $0.slug == wanted }) { return [exact] }
        let prefixed = sections.filter { $0.slug.hasPrefix(wanted) }
        guard !wanted.isEmpty, prefixed.count == 1 else {
            throw ReportError("--section \(name): report \(self.name) has \(prefixed.count > 1 ? "more than one section starting so" : "no such section"); its sections: \(titles)", kind: .usage)
        }
        return prefixed
    }

    /// Parses one report file; throws when its header and SQL disagree (an undeclared
    /// `:name`, a declared parameter nothing uses, an unknown header value). The published
    /// site's own queries (`SQL/site/`) are in the same form.
    public static func parse(path: String, text: String) throws(ReportDefinitionError) -> ReportDefinition {
        var name = (path as NSString).lastPathComponent.replacingOccurrences(of: ".sql", with: "")
        var description = ""
        var title = ""
        var parameters: [ParameterDeclaration] = []
        var grain = PeriodGrain.month
        var latest: LatestRule?
        var highlight: String?
        var heading: String?
        var notices: [String] = []
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
            if let v = value("param") {
                let declaration = try ParameterDeclaration.parse(v)
                guard !parameters.contains(where: { $0.parameter == declaration.parameter }) else {
                    throw ReportDefinitionError("\(path): -- param: \(declaration.parameter.rawValue) is declared twice")
                }
                parameters.append(declaration)
                continue
            }
            if let v = value("period") {
                guard let g = PeriodGrain(rawValue: v) else {
                    throw ReportDefinitionError("\(path): -- period: \(v): use month, month-or-quarter or quarter")
                }
                grain = g
                continue
            }
            if let v = value("latest") { latest = v == "league-quarter" ? .leagueQuarter : .sql(v); continue }
            if let v = value("highlight") { highlight = v; continue }
            if let v = value("heading") { heading = v; continue }
            if let v = value("notice") { notices.append(v); continue }
            if let v = value("section") {
                if let current { sections.append(current) }
                current = Section(title: v, sql: "", chart: nil, footnotes: [])
                continue
            }
            if let v = value("when"), current != nil {
                guard let parameter = ReportParameter(rawValue: v) else {
                    throw ReportDefinitionError("\(path): -- when: \(v) is not a report parameter")
                }
                current?.requires = parameter
                continue
            }
            if let v = value("detail"), current != nil {
                current?.detail = v == "yes"
                continue
            }
            if let v = value("column"), current != nil {
                let parts = v.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count >= 2, !parts[0].isEmpty else {
                    throw ReportDefinitionError("\(path): -- column: \(v): expected NAME | Label [| format]")
                }
                var style = ColumnStyle(label: parts[1].isEmpty ? nil : parts[1], wideOnly: parts.count > 3 && parts[3] == "wide")
                if parts.count > 2, !parts[2].isEmpty {
                    guard let format = ColumnFormat(rawValue: parts[2]) else {
                        throw ReportDefinitionError("\(path): -- column: \(parts[0]): unknown format \(parts[2]); use \(ColumnFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    style.format = format
                }
                current?.columns[parts[0]] = style
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
        guard !sections.isEmpty else { throw ReportDefinitionError("\(path): no -- section: line") }
        if sections[0].chart == nil { sections[0].chart = pendingChart }
        sections[0].footnotes = headerFootnotes + sections[0].footnotes
        for i in sections.indices {
            sections[i].sql = sections[i].sql.trimmingCharacters(in: .whitespacesAndNewlines)
            if sections[i].sql.hasSuffix(";") { sections[i].sql.removeLast() }
        }
        let definition = ReportDefinition(
            name: name, title: title.isEmpty ? name : title, description: description, parameters: parameters,
            periodGrain: grain, highlightColumn: highlight, latest: latest, headingSQL: heading, noticeSQL: notices,
            sections: sections)
        try definition.check(path: path)
        return definition
    }

    /// Every `:name` the SQL uses is declared, and every declared parameter is used.
    func check(path: String) throws(ReportDefinitionError) {
        var used = Set<String>()
        var texts = sections.map(\.sql) + noticeSQL + (headingSQL.map { [$0] } ?? [])
        if case .sql(let sql) = latest { texts.append(sql) }
        for sql in texts { used.formUnion(SQLQuery.parameterNames(in: sql)) }
        let declared = Set(parameters.map(\.parameter.rawValue))
        if let undeclared = used.subtracting(declared).sorted().first {
            throw ReportDefinitionError("\(path): the SQL uses :\(undeclared), which no -- param: line declares")
        }
        let requiredBySections = Set(sections.compactMap { $0.requires?.rawValue })
        for parameter in parameters where !used.contains(parameter.parameter.rawValue) && !requiredBySections.contains(parameter.parameter.rawValue) {
            // The period is also the report's title ("… — April 2025") and feeds the derived
            // parameters; it still has to be used by the SQL, so --period is never ignored.
            throw ReportDefinitionError("\(path): -- param: \(parameter.parameter.rawValue) is declared but no SQL uses :\(parameter.parameter.rawValue)")
        }
        if let section = sections.first(where: { $0.requires.map { !declared.contains($0.rawValue) } ?? false }) {
            throw ReportDefinitionError("\(path): section '\(section.title)' needs \(section.requires?.rawValue ?? ""), which is not declared")
        }
        let derived: [ReportParameter] = [.periodType, .previous, .trendStart]
        if !declared.contains(ReportParameter.period.rawValue), let orphan = derived.first(where: { declared.contains($0.rawValue) }) {
            throw ReportDefinitionError("\(path): :\(orphan.rawValue) is derived from the period, which the report does not declare")
        }
        if latest != nil, !declared.contains(ReportParameter.period.rawValue) {
            throw ReportDefinitionError("\(path): a -- latest: rule without -- param: period date")
        }
    }

    /// `line x=month y=value panels=standard unit=unit target=target partial=coverage fieldtest=note england=england flag=flag`
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
                         better: pairs["better"].flatMap(ChartSpec.Better.init(rawValue:)), england: pairs["england"],
                         flag: pairs["flag"], code: pairs["code"])
    }
}
