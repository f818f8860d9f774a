import Foundation
import NOFSQL

/// Every canned report shipped with nofdb (`SQL/reports/`).
public enum ReportCatalog {
    /// Each report file, parsed; a failure is a defect in the SQL tree (a unit test checks none fails).
    public static let parsed: [(path: String, definition: Result<ReportDefinition, ReportDefinitionError>)] =
        SQLTree.files(in: "reports").map { file in
            (file.path, Result { () throws(ReportDefinitionError) in try ReportDefinition.parse(path: file.path, text: file.text) })
        }

    public static let all: [ReportDefinition] = {
        let order = ["league-table", "trust", "national", "field-test", "segments", "rtt-waits", "cancer",
                     "diagnostics", "ambulance", "nof-official", "loads", "revisions", "coverage"]
        let definitions = parsed.compactMap { try? $0.definition.get() }
        return definitions.sorted { (order.firstIndex(of: $0.name) ?? 99, $0.name) < (order.firstIndex(of: $1.name) ?? 99, $1.name) }
    }()

    /// Report files that do not parse, with why.
    public static var problems: [ReportDefinitionError] {
        parsed.compactMap { if case .failure(let error) = $0.definition { return error } else { return nil } }
    }

    public static func named(_ name: String) -> ReportDefinition? { all.first { $0.name == name } }

    /// The reports that take `parameter`, for messages ("--load applies to the loads, revisions reports").
    public static func reports(taking parameter: ReportParameter) -> [String] {
        all.filter { $0.uses(parameter) }.map(\.name)
    }

    /// `nofdb report --list`.
    public static func listing() -> String {
        var lines = ["Canned reports (nofdb report NAME [options]):", ""]
        for report in all {
            let args = report.takesOrganisationArgument ? " ORG" : ""
            lines.append("  \(report.name)\(args)")
            lines.append("      \(report.description)")
            let options = report.parameters.filter { !$0.required }.compactMap { $0.parameter.option }
                + (report.highlightColumn == nil ? [] : ["--highlight"])
            lines.append("      parameters: " + (options.isEmpty ? "none" : options.joined(separator: ", ")))
            if report.sections.count > 1 {
                lines.append("      sections (--section): " + report.sections.map(\.slug).joined(separator: ", "))
            }
        }
        lines.append("")
        lines.append("Every report takes --format table|csv|json|markdown|html|xlsx and --output FILE;")
        lines.append("--section NAME keeps one table of a report with several (a single CSV table for a spreadsheet).")
        lines.append("--period YYYY-MM | YYYY-Qn (financial year starting in that year, Q1 = Apr-Jun) | latest")
        lines.append("  (latest: the newest month; for league-table and segments the newest quarter with at least 10")
        lines.append("  organisations of the peer group ranked, preferring among the year's the one covering the most datasets)")
        lines.append("--league \(League.allCases.map(\.rawValue).joined(separator: "|"))   --peer-group \(PeerGroup.allCases.map(\.rawValue).joined(separator: "|"))")
        lines.append("--domain \(Domain.allCases.map(\.rawValue).joined(separator: "|"))")
        lines.append("--icb CODE|name (reports taking --region: the ICB's trusts that month)   --merged (trust: predecessors summed in)")
        return lines.joined(separator: "\n")
    }
}

extension ReportDefinition {
    /// An error for the first option given that this report does not take, naming the reports
    /// it applies to; nil when every option given applies.
    public func refusal(of given: [ReportParameter]) -> ReportError? {
        guard let parameter = given.first(where: { !uses($0) }) else { return nil }
        let option = parameter.option ?? parameter.rawValue
        let takers = ReportCatalog.reports(taking: parameter)
        guard let first = takers.first else { return ReportError("\(option) applies to no canned report", kind: .usage) }
        let example = " (e.g. nofdb report \(first) \(option)\(parameter.type == .bool ? "" : " …"))"
        return ReportError("report \(name) does not take \(option); it applies to the \(takers.joined(separator: ", ")) report\(takers.count == 1 ? "" : "s")\(example)", kind: .usage)
    }
}
