import NOFPostgres
@testable import NOFReports
import Testing

/// Every canned report's header against its SQL, and the rules the header is held to.
@Suite("Report declarations")
struct ReportDeclarationTests {
    @Test("every report file parses: each :name is declared, each declared parameter is used")
    func everyReportParses() {
        #expect(ReportCatalog.problems.isEmpty, "\(ReportCatalog.problems)")
        #expect(ReportCatalog.all.count == ReportCatalog.parsed.count)
        #expect(ReportCatalog.all.count == 14)
    }

    @Test("no report SQL uses a positional $n")
    func noPositionalParameters() {
        for report in ReportCatalog.all {
            for section in report.sections {
                let positional = SQLTokenizer.tokens(section.sql).filter { $0.kind == .positionalParameter }
                #expect(positional.isEmpty, "\(report.name) / \(section.title) uses \(positional.map(\.text))")
            }
        }
    }

    @Test("a report takes exactly the options it declares and refuses the others")
    func optionsFollowDeclarations() {
        for report in ReportCatalog.all {
            for parameter in ReportParameter.allCases where parameter.option != nil {
                let refusal = report.refusal(of: [parameter])
                if report.uses(parameter) {
                    #expect(refusal == nil, "\(report.name) refuses \(parameter.rawValue), which it declares")
                } else {
                    #expect(refusal != nil, "\(report.name) accepts \(parameter.rawValue) but does not use it")
                    #expect(refusal?.message.contains(parameter.option ?? "") == true)
                }
            }
        }
    }

    @Test("the trust report needs an organisation; the league reads quarters by the league rule")
    func headerFacts() throws {
        let trust = try #require(ReportCatalog.named("trust"))
        #expect(trust.takesOrganisationArgument)
        #expect(trust.declaration(.trendStart)?.type == .date)
        let league = try #require(ReportCatalog.named("league-table"))
        #expect(league.latest == .leagueQuarter)
        #expect(league.periodGrain == .monthOrQuarter)
        #expect(league.declaration(.peerGroup)?.defaultValue == "acute")
        #expect(ReportCatalog.named("nof-official")?.periodGrain == .quarter)
        #expect(ReportCatalog.named("coverage")?.uses(.period) == false)
    }

    func parse(_ header: String, _ sql: String = "SELECT 1") throws(ReportDefinitionError) -> ReportDefinition {
        try ReportDefinition.parse(path: "reports/x.sql", text: "-- report: x\n\(header)\n-- section: S\n\(sql)\n")
    }

    @Test("an undeclared :name, an unused declaration or a wrong type is a defect in the file")
    func defects() {
        #expect(throws: ReportDefinitionError.self) { try parse("", "SELECT :org") }
        #expect(throws: ReportDefinitionError.self) { try parse("-- param: org text") }
        #expect(throws: ReportDefinitionError.self) { try parse("-- param: org date", "SELECT :org") }
        #expect(throws: ReportDefinitionError.self) { try parse("-- param: colour text", "SELECT :colour") }
        #expect(throws: ReportDefinitionError.self) { try parse("-- param: org text\n-- param: org text", "SELECT :org") }
        #expect(throws: ReportDefinitionError.self) { try parse("-- param: trend_start date", "SELECT :trend_start") }
        #expect(throws: ReportDefinitionError.self) { try parse("-- period: fortnight") }
        #expect(throws: ReportDefinitionError.self) { try parse("-- param: load bigint\n-- latest: SELECT max(period) FROM t", "SELECT :load") }
    }

    @Test("a declaration reads its default and whether it is required")
    func declarations() throws {
        let d = try ParameterDeclaration.parse("peer_group text = acute")
        #expect(d.parameter == .peerGroup && d.defaultValue == "acute" && !d.required)
        let org = try ParameterDeclaration.parse("org text required")
        #expect(org.required && org.defaultValue == nil && org.type == .text)
        #expect(throws: ReportDefinitionError.self) { try ParameterDeclaration.parse("limit integer") }
    }

    @Test("a section may depend on a parameter (-- when:)")
    func whenSections() throws {
        let definition = try parse("-- param: load bigint", "SELECT 1\n-- section: T\n-- when: load\nSELECT :load")
        #expect(definition.sections.map(\.requires) == [nil, .load])
        #expect(throws: ReportDefinitionError.self) { try parse("", "SELECT 1\n-- section: T\n-- when: load\nSELECT 2") }
    }

    @Test("--period reads months, quarters and latest, and refuses anything else")
    func periods() throws {
        #expect(try PeriodRequest("2024-11") == .month(.init(constant: 2024, 11)))
        #expect(try PeriodRequest("latest") == .latest)
        if case .quarter(let q) = try PeriodRequest("2024-q3") { #expect(q.code == "2024-Q3") } else { Issue.record("not a quarter") }
        #expect(throws: ReportError.self) { try PeriodRequest("banana") }
        #expect(throws: ReportError.self) { try PeriodRequest("2024-13") }
    }
}
