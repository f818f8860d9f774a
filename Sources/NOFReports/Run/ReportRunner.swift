import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

/// Runs canned reports: checks the options against what the report declares, resolves them
/// (organisation, region and ICB names, the period and what follows from it), binds each
/// declared parameter by name with its type, and runs the sections read-only as the sandbox role.
public struct ReportRunner {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// What every report says first when the warehouse holds figures from `nofdb sample`.
    public static let sampleNotice = "Sample data: figures loaded from nofdb sample are synthetic (made up, under real trust names for realism), not NHS England's statistics."

    /// Runs `definition` with `options`, validating the parameters first.
    public func run(_ definition: ReportDefinition, options: ReportOptions) throws -> ReportResult {
        var definition = definition
        definition.sections = try definition.sections(matching: options.section)
        if let refusal = definition.refusal(of: options.given) { throw refusal }
        try Migrator.requireCurrent(connection)
        var values = ReportValues(definition: definition)
        var notes: [(String, String)] = []
        let resolver = OrganisationResolver(connection: connection)

        // Options that name something: it must exist.
        if let load = options.load {
            guard try connection.value("SELECT EXISTS (SELECT 1 FROM nof.load_history WHERE load_id = \(load)) AS known", as: Bool.self) else {
                let newest = try connection.value("SELECT max(load_id) AS newest FROM nof.load_history", as: Int?.self)
                throw ReportError("no load \(load)" + (newest.map { ": the newest load is \($0) (nofdb report loads lists them)" } ?? ": nothing has been loaded yet"), kind: .data)
            }
            values.set(.load, load)
        }
        if let dataset = options.dataset {
            let known = try connection.query("SELECT DISTINCT dataset FROM nof.load_history WHERE dataset IS NOT NULL ORDER BY 1") {
                try $0.decode("dataset", as: String.self)
            }
            guard known.contains(dataset) else {
                throw ReportError("--dataset \(dataset): nothing of that dataset was loaded; loaded: \(known.joined(separator: ", "))", kind: .data)
            }
            values.set(.dataset, dataset)
        }
        let org = try options.org.map { try resolver.organisation($0) }
        if definition.takesOrganisationArgument, org == nil {
            throw ReportError("report \(definition.name) needs an organisation code, e.g. nofdb report \(definition.name) RBD", kind: .usage)
        }
        values.set(.org, org)
        let region = try options.region.map { try resolver.region($0) }
        values.set(.region, region)
        values.set(.icb, try options.icb.map { try resolver.icb($0) })
        let highlight = try options.highlight.map { try resolver.organisation($0) }
        values.set(.limit, options.limit)
        if options.merged { values.set(.merged, true) }
        values.set(.league, options.league?.rawValue)
        values.set(.peerGroup, options.peerGroup?.rawValue)
        values.set(.domain, options.domain?.rawValue)

        // The period: as asked, read at the report's grain, or by its latest rule.
        var period: YearMonth?
        var periodType = "month"
        var ruleNotices: [String] = []
        switch (options.period, definition.periodGrain) {
        case (.month(let m), .quarter):
            periodType = "quarter"
            period = m.financialQuarter.months.first
        case (.month(let m), _):
            period = m
        case (.quarter(let q), .month):
            period = q.months.last
            notes.append(("note", "\(q.code) read as its last month, \(q.months.last?.description ?? "")"))
        case (.quarter(let q), _):
            periodType = "quarter"
            period = q.months.first
        case (.latest, let grain):
            if grain != .month { periodType = "quarter" }
            switch definition.latest {
            case .leagueQuarter:
                let choice = try LeagueQuarter(connection: connection).choose(
                    league: try values.text(.league), peerGroup: try values.text(.peerGroup), domain: try values.text(.domain),
                    domainGiven: options.domain != nil)
                period = choice.period
                values.set(.domain, choice.domain)
                notes += choice.notes
                ruleNotices = choice.notices
            case .sql(let sql):
                guard let latest = try connection.value(try values.query(sql), as: YearMonth?.self) else {
                    throw ReportError("report \(definition.name) has no data yet: load the files it needs with nofdb load")
                }
                period = latest
            case nil:
                period = nil
            }
        }
        if definition.uses(.period) {
            values.set(.period, period)
            values.set(.periodType, periodType)
            values.set(.previous, period.map { periodType == "quarter" ? $0.adding(months: -3) : $0.adding(months: -1) })
            values.set(.trendStart, period.map { $0.adding(months: -12) })
        }

        // What the header says: period, organisation and region, notes, then the rest.
        var shown: [(String, String)] = []
        if let period { shown.append(("period", periodType == "quarter" ? period.financialQuarter.description : period.longName)) }
        if let org { shown.append(("organisation", org)) }
        if let region { shown.append(("region", region)) }
        shown += notes
        for parameter in ReportParameter.displayOrder where definition.uses(parameter) {
            guard let label = parameter.label, let text = values.display(parameter) else { continue }
            shown.append((label, parameter == .merged ? "history restated on today's organisation" : text))
        }

        var tables: [ReportTable] = []
        var heading: String?
        var notices = ruleNotices
        try connection.transaction(readOnly: true, statementTimeout: 60_000) { db in
            // Report queries are small and fast; JIT compilation would only add latency.
            try db.execute("SET LOCAL jit = off")
            // The same guard as nofdb query: report SQL reads the nof views, as nofdb_query.
            try Sandbox.enter(db)
            if try db.value("SELECT EXISTS (SELECT 1 FROM nof.data_coverage WHERE sample) AS sample", as: Bool.self) {
                notices.insert(Self.sampleNotice, at: 0)
            }
            if let sql = definition.headingSQL {
                heading = try db.firstValue(try values.query(sql), as: String?.self) ?? nil
            }
            for sql in definition.noticeSQL {
                notices += try db.query(try values.query(sql)) { try $0.decode("notice", as: String.self) }
            }
            for section in definition.sections {
                if let needed = section.requires, values.isNull(needed) { continue }
                let result = try db.execute(try values.query(section.sql))
                var table = ReportTable(title: section.title, result: result, footnotes: section.footnotes, chart: section.chart)
                table.style(section.columns)
                table.detail = section.detail
                tables.append(table)
            }
        }
        var title = heading ?? definition.title
        let periodLabel = shown.first(where: { $0.0 == "period" })?.1
        if let periodLabel { title += " — \(periodLabel)" }
        if let org {
            title = "\(ReportFormat.titleCase(try resolver.name(of: org))) (\(org))" + (periodLabel.map { " — \($0)" } ?? "")
        }
        var report = ReportResult(name: definition.name, title: title, parameters: shown, sections: tables)
        report.notices = notices
        if let highlight, let column = definition.highlightColumn {
            report.highlight = highlight
            report.highlightColumn = column
            report.parameters.append(("highlight", "\(ReportFormat.titleCase(try resolver.name(of: highlight))) (\(highlight))"))
        }
        return report
    }
}

/// The values of a report's declared parameters, bound by name with their declared types
/// (an option left out is its declared default, else a NULL of its type).
struct ReportValues {
    let definition: ReportDefinition
    private var binds: [ReportParameter: PostgresBind] = [:]

    init(definition: ReportDefinition) {
        self.definition = definition
        for declaration in definition.parameters {
            binds[declaration.parameter] = PostgresBind(type: declaration.type, text: declaration.defaultValue)
        }
    }

    /// Sets a declared parameter (a parameter the report does not declare is not bound); nil
    /// leaves the default.
    mutating func set<T: PostgresEncodable>(_ parameter: ReportParameter, _ value: T?) {
        guard let declaration = definition.declaration(parameter), let value else { return }
        binds[parameter] = PostgresBind(type: declaration.type, text: value.postgresText)
    }

    func isNull(_ parameter: ReportParameter) -> Bool { binds[parameter]?.text == nil }

    /// The text of a parameter for the header, nil when NULL or not declared.
    func display(_ parameter: ReportParameter) -> String? { binds[parameter]?.text }

    /// A parameter's value, which must be set (declared with a default, or given).
    func text(_ parameter: ReportParameter) throws -> String {
        guard let text = binds[parameter]?.text else {
            throw ReportError("report \(definition.name) needs \(parameter.option ?? parameter.rawValue): its file declares no default", kind: .usage)
        }
        return text
    }

    /// `sql` with its `:name` parameters bound.
    func query(_ sql: String) throws -> SQLQuery {
        var named: [String: PostgresBind] = [:]
        for (parameter, bind) in binds { named[parameter.rawValue] = bind }
        return try SQLQuery(named: sql, named)
    }
}
