import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

/// A report parameter problem, said so a user can fix it.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Options shared by every canned report.
public struct ReportOptions: Sendable {
    /// `latest`, `YYYY-MM` or `YYYY-Qn` (financial year starting in YYYY; Q1 = April-June).
    public var period = "latest"
    public var peerGroup = "acute"
    public var domain = "overall"
    public var org: String?
    public var region: String?
    public var limit: Int?
    /// Only this section of a report with several (its title or a prefix of it, any case).
    public var section: String?
    /// Only this load (the loads report: that load and all its rejected rows; the revisions
    /// report: what replacing that load's revision changed).
    public var load: Int?
    /// Only this dataset (the revisions report).
    public var dataset: String?
    /// Which league table: nof (the NOF metrics these datasets provide) or operational.
    public var league = "nof"
    /// Only the trusts of this ICB (code or name) in the report's month.
    public var icb: String?
    /// Trust report: history restated on today's organisation (nof.standard_performance_merged).
    public var merged = false

    public init() {}

    public static let leagues = ["nof", "operational"]
    public static let peerGroups = ["acute", "specialist", "ambulance"]
    public static let domains = ["overall", "urgent_and_emergency_care", "elective", "cancer", "diagnostics"]
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
            throw ReportError("--period \(text): use YYYY-MM (e.g. 2024-11), YYYY-Qn (e.g. 2024-Q3, the financial year starting April 2024) or latest")
        }
    }
}

/// Runs canned reports and ad-hoc queries against the warehouse.
public struct ReportRunner {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Runs `definition` with `options`, validating the parameters first.
    public func run(_ definition: ReportDefinition, options: ReportOptions) throws -> ReportResult {
        var definition = definition
        definition.sections = try definition.sections(matching: options.section)
        try Migrator.requireCurrent(connection)
        var described: [(String, String)] = []
        let uses = Set(definition.parameters)

        guard ReportOptions.peerGroups.contains(options.peerGroup) else {
            throw ReportError("--peer-group \(options.peerGroup): use one of \(ReportOptions.peerGroups.joined(separator: ", "))")
        }
        guard ReportOptions.leagues.contains(options.league) else {
            throw ReportError("--league \(options.league): use nof (the NHS Oversight Framework metrics these datasets provide) or operational (nofdb's wider set of standards)")
        }
        guard ReportOptions.domains.contains(options.domain) else {
            throw ReportError("--domain \(options.domain): use one of \(ReportOptions.domains.joined(separator: ", "))")
        }
        if let limit = options.limit, limit < 1 { throw ReportError("--limit must be 1 or more") }
        if options.load != nil, !uses.contains("load") {
            let takers = ReportCatalog.all.filter { $0.parameters.contains("load") }.map(\.name).joined(separator: ", ")
            throw ReportError("--load applies to the \(takers) reports, e.g. nofdb report loads --load ID")
        }
        if let load = options.load, try connection.scalar("SELECT 1 FROM nof.load_history WHERE load_id = $1::bigint", [String(load)]) == nil {
            let last = try connection.scalar("SELECT max(load_id) FROM nof.load_history")
            throw ReportError("no load \(load)" + (last.map { ": the newest load is \($0) (nofdb report loads lists them)" } ?? ": nothing has been loaded yet"))
        }
        if let dataset = options.dataset {
            guard uses.contains("dataset") else {
                throw ReportError("--dataset applies to the revisions report only: nofdb report revisions --dataset ae")
            }
            let known = try connection.query("SELECT DISTINCT dataset FROM audit.load_log WHERE dataset IS NOT NULL ORDER BY 1") { $0.string(0) ?? "" }
            guard known.contains(dataset) else {
                throw ReportError("--dataset \(dataset): nothing of that dataset was loaded; loaded: \(known.joined(separator: ", "))")
            }
        }
        let org = try options.org.map { try resolveOrganisation($0) }
        if definition.takesOrganisationArgument, org == nil {
            throw ReportError("report \(definition.name) needs an organisation code, e.g. nofdb report \(definition.name) RBD")
        }
        let region = try options.region.map { try resolveRegion($0) }
        if options.icb != nil, !uses.contains("icb") {
            let takers = ReportCatalog.all.filter { $0.parameters.contains("icb") }.map(\.name).joined(separator: ", ")
            throw ReportError("--icb applies to the \(takers) reports (ambulance trusts serve several ICBs)")
        }
        if options.merged, !uses.contains("merged") {
            throw ReportError("--merged applies to the trust report: nofdb report trust R0D --merged")
        }
        let icb = try options.icb.map { try resolveICB($0) }

        // Period: quarters for league and segment reports, months otherwise.
        let request = try PeriodRequest(options.period)
        let quarterly = uses.contains("peer-group") && definition.name != "rtt-waits"
        var periodType = "month"
        var period: YearMonth?
        switch request {
        case .month(let m): period = m
        case .quarter(let q):
            if quarterly || definition.name == "nof-official" {
                periodType = "quarter"
                period = q.months.first
            } else {
                period = q.months.last
                described.append(("note", "\(q.code) read as its last month, \(q.months.last?.description ?? "")"))
            }
        case .latest:
            // League and segment reports: the latest quarter every loaded dataset covers in
            // full (their latest SQL falls back to the latest quarter with any data).
            if quarterly || definition.name == "nof-official" { periodType = "quarter" }
        }
        if definition.name == "nof-official", case .month(let m) = request {
            periodType = "quarter"
            period = m.financialQuarter.months.first
        }
        var binds: [String?] = [periodType, period?.firstDay, options.peerGroup, options.domain, org, region,
                                options.limit.map(String.init), nil, nil, options.load.map(String.init), options.dataset,
                                options.league, icb, options.merged ? "true" : nil]
        if period == nil, quarterly, definition.name != "nof-official" {
            let choice = try defaultLeagueQuarter(options)
            period = choice.period
            binds[1] = choice.period.firstDay
            described += choice.notes
        } else if period == nil, let latestSQL = definition.latestSQL {
            guard let latest = try connection.executeTextParameters(latestSQL, binds).rows.first?.string(0) else {
                if latestSQL.contains("NULL::date") {
                    period = nil
                } else {
                    throw ReportError("report \(definition.name) has no data yet: load the files it needs with nofdb load")
                }
                return try runSections(definition, binds: binds, described: describe(options, org, region, nil, periodType) + described)
            }
            period = YearMonth(latest)
            binds[1] = period?.firstDay
        }
        if let period {
            binds[7] = (periodType == "quarter" ? period.adding(months: -3) : period.adding(months: -1)).firstDay
            binds[8] = period.adding(months: -12).firstDay
        }
        return try runSections(definition, binds: binds, described: describe(options, org, region, period, periodType) + described)
    }

    /// The quarter a league or segments report shows by default: the newest in which at least
    /// 10 organisations of the peer group are ranked, preferring, among the qualifying quarters
    /// of the year before it, the one whose scores cover the most datasets. Says what it
    /// covers and why newer quarters were passed over; refuses when no quarter qualifies.
    func defaultLeagueQuarter(_ options: ReportOptions) throws -> (period: YearMonth, notes: [(String, String)]) {
        struct Candidate { var period: YearMonth; var label: String; var ranked: Int; var datasets: [String] }
        let candidates = try connection.query(
            """
            WITH q AS (
                SELECT t.period, t.period_label, count(*) FILTER (WHERE t.ranked) AS ranked
                  FROM nof.league_table t
                 WHERE t.league = $1 AND t.period_type = 'quarter' AND t.peer_group = $2 AND t.domain = $3
                 GROUP BY t.period, t.period_label
            ), d AS MATERIALIZED (
                -- One pass over the scores, not a lookup per quarter: as a correlated subquery
                -- this took 1.1 s at five years of history (72 ms this way).
                SELECT m.period, string_agg(DISTINCT st.dataset, ',' ORDER BY st.dataset) AS datasets
                  FROM nof.league_metric_score m JOIN nof.standard st ON st.standard_code = m.standard_code
                 WHERE m.league = $1 AND m.period_type = 'quarter' AND m.peer_group = $2 AND m.score IS NOT NULL
                 GROUP BY m.period
            )
            SELECT q.period::text, q.period_label, q.ranked, coalesce(d.datasets, '')
              FROM q LEFT JOIN d ON d.period = q.period
             ORDER BY q.period DESC
            """, [options.league, options.peerGroup, options.domain]
        ) { row -> Candidate? in
            guard let period = YearMonth(String((row.string(0) ?? "").prefix(7))) else { return nil }
            return Candidate(period: period, label: row.string(1) ?? "", ranked: Int(row.string(2) ?? "") ?? 0,
                             datasets: (row.string(3) ?? "").split(separator: ",").map(String.init))
        }.compactMap { $0 }
        let qualifying = candidates.filter { $0.ranked >= 10 }
        guard let newest = qualifying.first else {
            let best = candidates.max { $0.ranked < $1.ranked }
            let most = best.map { " (the most is \($0.ranked), in \($0.label))" } ?? " (no league has been computed yet)"
            let advice = options.league == "nof" && options.peerGroup == "ambulance"
                ? "the nof table has one ambulance metric (OF0017, the Category 2 mean) and two are needed to rank: use --league operational"
                : options.league == "nof"
                    ? "load whole quarters of two of A&E, RTT and cancer (the datasets of OF0013, OF0023, OF0003, OF0010 and OF0011), or name a period with --period"
                    : "load whole quarters of the datasets behind its standards, or name a period with --period"
            throw ReportError("no quarter has 10 or more \(options.peerGroup) organisations ranked in the \(options.league) table\(most): \(advice)")
        }
        let recent = qualifying.filter { $0.period >= newest.period.adding(months: -12) }
        let chosen = recent.max { ($0.datasets.count, $0.period) < ($1.datasets.count, $1.period) } ?? newest
        var notes: [(String, String)] = [("covers", chosen.datasets.isEmpty ? "no dataset" : chosen.datasets.joined(separator: ", "))]
        let passed = candidates.filter { $0.period > chosen.period }.map { c in
            c.ranked < 10 ? "\(c.label) (\(c.ranked) ranked)" : "\(c.label) (covers \(c.datasets.joined(separator: ", ")) only)"
        }
        if !passed.isEmpty { notes.append(("passed over", passed.joined(separator: "; "))) }
        return (chosen.period, notes)
    }

    private func describe(_ options: ReportOptions, _ org: String?, _ region: String?, _ period: YearMonth?, _ type: String) -> [(String, String)] {
        var out: [(String, String)] = []
        if let period {
            out.append(("period", type == "quarter" ? period.financialQuarter.description : period.longName))
        }
        if let org { out.append(("organisation", org)) }
        if let region { out.append(("region", region)) }
        return out
    }

    private func runSections(_ definition: ReportDefinition, binds: [String?], described: [(String, String)]) throws -> ReportResult {
        var parameters = described
        let uses = Set(definition.parameters)
        if uses.contains("league") { parameters.append(("league", binds[11] ?? "")) }
        if uses.contains("peer-group") { parameters.append(("peer group", binds[2] ?? "")) }
        if uses.contains("domain") { parameters.append(("domain", binds[3] ?? "")) }
        if uses.contains("icb"), let icb = binds[12] { parameters.append(("icb", icb)) }
        if uses.contains("merged"), binds[13] != nil { parameters.append(("merged", "history restated on today's organisation")) }
        if uses.contains("limit"), let limit = binds[6] { parameters.append(("limit", limit)) }
        if uses.contains("load"), let load = binds[9] { parameters.append(("load", load)) }
        if uses.contains("dataset"), let dataset = binds[10] { parameters.append(("dataset", dataset)) }
        var tables: [ReportTable] = []
        try connection.transaction(readOnly: true, statementTimeout: 60_000) { db in
            // Report queries are small and fast; JIT compilation would only add latency.
            try db.execute("SET LOCAL jit = off")
            // The same guard as nofdb query: report SQL reads the nof views, as nofdb_query.
            try QueryRunner.enterSandbox(db)
            for section in definition.sections {
                if let needed = section.requires, binds[Self.bindIndex[needed] ?? 0] == nil { continue }
                let result = try db.executeTextParameters(section.sql, binds)
                tables.append(ReportTable(title: section.title, result: result, footnotes: section.footnotes, chart: section.chart))
            }
        }
        var title = definition.title
        if let period = parameters.first(where: { $0.0 == "period" })?.1 { title += " — \(period)" }
        if let org = binds[4] ?? nil {
            let name = try connection.scalar("SELECT org_name FROM dw.dim_organisation WHERE org_code = $1", [org]) ?? org
            title = "\(name) (\(org))" + (parameters.first(where: { $0.0 == "period" }).map { " — \($0.1)" } ?? "")
        }
        return ReportResult(name: definition.name, title: title, parameters: parameters, sections: tables)
    }

    /// Which `$n` (0-based) a parameter is bound to, for `-- when:` sections.
    static let bindIndex = ["period": 1, "peer-group": 2, "domain": 3, "org": 4, "region": 5, "limit": 6, "load": 9, "dataset": 10,
                            "league": 11, "icb": 12, "merged": 13]

    /// An organisation code that exists, or an error listing close matches.
    public func resolveOrganisation(_ text: String) throws -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        if try connection.scalar("SELECT org_code FROM dw.dim_organisation WHERE upper(org_code) = $1", [code]) != nil {
            return try connection.scalar("SELECT org_code FROM dw.dim_organisation WHERE upper(org_code) = $1", [code]) ?? code
        }
        let candidates = try connection.query("SELECT org_code, org_name FROM dw.dim_organisation") {
            ($0.string(0) ?? "", $0.string(1) ?? "")
        }
        // A name (or words of one) that matches exactly one organisation with data.
        let words = OrganisationSearch.words(text)
        if words.count >= 1, text.count >= 3 {
            let named = candidates.filter { OrganisationSearch.matches(words, name: $0.1) }
            if named.count == 1, let only = named.first { return only.0 }
            if named.count > 1 {
                let shown = named.sorted { $0.0 < $1.0 }.prefix(8).map { "\($0.0) (\($0.1))" }.joined(separator: ", ")
                throw ReportError("'\(text)' matches \(named.count) organisations: \(shown)\(named.count > 8 ? " …" : ""); give a code (nofdb orgs \(text) lists them)")
            }
        }
        let needle = text.lowercased()
        let scored = candidates.map { candidate -> (Int, String, String) in
            var score = editDistance(candidate.0.uppercased(), code)
            if candidate.1.lowercased().contains(needle), needle.count >= 3 { score = min(score, 1) }
            return (score, candidate.0, candidate.1)
        }.filter { $0.0 <= 2 }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(5)
        var message = "unknown organisation code '\(text)'"
        if scored.isEmpty {
            message += candidates.isEmpty ? " (no organisations are loaded yet: run nofdb load)" : "; no close matches"
        } else {
            message += "; did you mean: " + scored.map { "\($0.1) (\($0.2))" }.joined(separator: ", ") + "?"
        }
        throw ReportError(message)
    }

    /// An ICB code from a code (QVV) or words of its name (dorset).
    public func resolveICB(_ text: String) throws -> String {
        let rows = try connection.query("SELECT icb_code, icb_name FROM dw.icb ORDER BY icb_code") { ($0.string(0) ?? "", $0.string(1) ?? "") }
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        if let match = rows.first(where: { $0.0 == code }) { return match.0 }
        let words = OrganisationSearch.words(text)
        let named = rows.filter { !words.isEmpty && OrganisationSearch.matches(words, name: $0.1) }
        if named.count == 1, let only = named.first { return only.0 }
        let shown = (named.isEmpty ? rows : named).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        throw ReportError(named.isEmpty ? "unknown ICB '\(text)'; ICBs: \(shown)" : "'\(text)' matches \(named.count) ICBs: \(shown); give a code")
    }

    /// A region code from a code (Y56) or a name (london, "north west").
    public func resolveRegion(_ text: String) throws -> String {
        let rows = try connection.query("SELECT region_code, region_name FROM dw.dim_region") { ($0.string(0) ?? "", $0.string(1) ?? "") }
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if let match = rows.first(where: { $0.0.lowercased() == t || $0.1.lowercased() == t })
            ?? rows.first(where: { $0.1.lowercased().hasPrefix(t) && !t.isEmpty }) {
            return match.0
        }
        throw ReportError("unknown region '\(text)'; use a code or name: " + rows.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
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

/// Ad-hoc SQL with named parameters, run read-only with a statement timeout.
public struct QueryRunner {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Runs `sql` in a READ ONLY transaction. `:name` placeholders are bound from
    /// `parameters` as real parameters (never spliced into the SQL).
    /// The sandbox role `nofdb init` creates (dw.secure_query_sandbox).
    public static let sandboxRole = "nofdb_query"

    /// The first keywords of the statements `nofdb query` runs: reads only.
    static let readingStatements: Set<String> = ["select", "with", "values", "table", "explain", "show"]

    /// Runs the query. With `csv`, rows are written through it as they arrive (nothing is kept;
    /// the result returned has no sections); otherwise at most `limit` rows are kept and a
    /// parameter says the result was cut.
    public func run(_ sql: String, parameters: [String: String], timeoutMilliseconds: Int = 30_000,
                    unrestricted: Bool = false, limit: Int? = nil, csv: ((String) throws -> Void)? = nil) throws -> ReportResult {
        let (rewritten, names) = try Self.bindNamedParameters(sql)
        let keyword = Self.firstKeyword(rewritten)
        guard Self.readingStatements.contains(keyword) else {
            throw ReportError("nofdb query runs one read-only statement (SELECT, WITH, VALUES, TABLE, EXPLAIN or SHOW); '\(keyword.isEmpty ? sql.prefix(20) : Substring(keyword))' is not one. Nothing was run.")
        }
        let unknown = Set(parameters.keys).subtracting(names)
        if !unknown.isEmpty {
            throw ReportError("--param \(unknown.sorted().joined(separator: ", ")): the query has no :\(unknown.sorted().first ?? "") placeholder")
        }
        let values: [String?] = try names.map { name in
            guard let value = parameters[name] else {
                throw ReportError("the query uses :\(name) but no --param \(name)=VALUE was given")
            }
            return value
        }
        var table: ReportTable?
        var cut = false
        do {
            try connection.transaction(readOnly: true, statementTimeout: timeoutMilliseconds) { db in
                try db.execute("SET LOCAL lock_timeout = 5000")
                if !unrestricted { try Self.enterSandbox(db) }
                if let csv {
                    // Row by row to the output: memory stays flat for any number of rows.
                    var kinds: [ReportColumnKind]?
                    var buffer = ""
                    try db.streamTextParameters(rewritten, values) { result in
                        if kinds == nil {
                            let first = ReportTable(title: "Query", result: result)
                            kinds = first.columns.map(\.kind)
                            buffer += ReportRenderer.csvLine(first.columns.map(\.name))
                        }
                        for r in 0..<result.rowCount {
                            buffer += ReportRenderer.csvLine((kinds ?? []).enumerated().map { c, kind in
                                ReportCell(text: result.string(row: r, column: c), kind: kind).display
                            })
                        }
                        if buffer.utf8.count >= 1 << 16 {
                            try csv(buffer)
                            buffer = ""
                        }
                        return true
                    }
                    if !buffer.isEmpty { try csv(buffer) }
                    return
                }
                var collected: ReportTable?
                try db.streamTextParameters(rewritten, values) { result in
                    let part = ReportTable(title: "Query", result: result)
                    if collected == nil { collected = part } else { collected?.rows += part.rows }
                    let count = collected?.rows.count ?? 0
                    if let limit, count > limit {
                        collected?.rows.removeLast(count - limit)
                        cut = true
                        return false
                    }
                    return true
                }
                table = collected
            }
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege && !unrestricted {
            throw ReportError("permission denied: \(error.message). nofdb query runs as the sandbox role \(Self.sandboxRole), which reads the nof views (the public interface) and nothing else: no files, programs, large objects, locks, other sessions or the internal dw and audit schemas. Nothing was changed.")
        } catch let error as PostgresError where error.sqlState == .lockNotAvailable {
            throw ReportError("the query waited more than 5 s for a lock (a load may be running); try again. Nothing was changed.")
        } catch let error as PostgresError where error.sqlState == .readOnlySQLTransaction {
            throw ReportError("nofdb query is read-only: \(error.message). Nothing was changed.")
        } catch let error as PostgresError where error.sqlState == .queryCanceled {
            throw ReportError("the query ran longer than the \(timeoutMilliseconds / 1000) s statement timeout (--timeout) and was cancelled")
        }
        var shown = parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if cut, let limit {
            shown.append(("cut", "the first \(limit.formatted()) rows only: --limit N for more, or --format csv --output FILE for all of them"))
        }
        return ReportResult(name: "query", title: "Query", parameters: shown, sections: table.map { [$0] } ?? [])
    }

    /// Steps into the sandbox role for the rest of the transaction. A superuser without the
    /// role is refused (its session could reach files, programs and other backends); an
    /// ordinary user without it runs with its own rights.
    static func enterSandbox(_ db: Connection) throws {
        let row = try db.query(
            """
            SELECT r.rolsuper::text, (q.oid IS NOT NULL)::text,
                   (q.oid IS NOT NULL AND pg_has_role(current_user, q.oid, 'MEMBER'))::text, current_user::text
              FROM pg_roles r LEFT JOIN pg_roles q ON q.rolname = $1
             WHERE r.rolname = current_user
            """, [sandboxRole]) { [$0.string(0) ?? "", $0.string(1) ?? "", $0.string(2) ?? "", $0.string(3) ?? ""] }.first ?? []
        let superuser = row.first == "true", exists = row.count > 1 && row[1] == "true", member = row.count > 2 && row[2] == "true"
        let user = row.count > 3 ? row[3] : "?"
        if exists, superuser || member {
            try db.execute("SET LOCAL ROLE \(sandboxRole)")
        } else if superuser {
            throw ReportError("nofdb query will not run as the superuser \(user) without its sandbox: the role \(sandboxRole) \(exists ? "exists but cannot be used" : "does not exist"). Run `nofdb init` as a user with CREATEROLE (a superuser will do) to create it; or pass --unrestricted to run with \(user)'s full rights.")
        }
    }

    /// The statement's first keyword, lower case, after spaces, comments and opening brackets.
    static func firstKeyword(_ sql: String) -> String {
        var rest = Substring(sql)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "(" }
            if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*"), let end = rest.range(of: "*/") {
                rest = rest[end.upperBound...]
            } else {
                break
            }
        }
        return String(rest.prefix { $0.isLetter }).lowercased()
    }

    /// Rewrites `:name` placeholders to `$1…` (outside strings, quoted identifiers, comments,
    /// dollar quotes and `::` casts). Returns the SQL and the names in `$n` order.
    public static func bindNamedParameters(_ sql: String) throws -> (String, [String]) {
        let chars = Array(sql)
        var out = ""
        var names: [String] = []
        var i = 0
        func isNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        func isName(_ c: Character) -> Bool { isNameStart(c) || (c.isASCII && c.isNumber) }
        while i < chars.count {
            let c = chars[i]
            if c == "'" || c == "\"" {
                var j = i + 1
                while j < chars.count {
                    if chars[j] == c {
                        if j + 1 < chars.count, chars[j + 1] == c { j += 2; continue }
                        break
                    }
                    j += 1
                }
                out += String(chars[i...min(j, chars.count - 1)])
                i = j + 1
            } else if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                var j = i
                while j < chars.count, chars[j] != "\n" { j += 1 }
                out += String(chars[i..<j])
                i = j
            } else if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == "*" && chars[j + 1] == "/") { j += 1 }
                let end = min(j + 2, chars.count)
                out += String(chars[i..<end])
                i = end
            } else if c == "$", i + 1 < chars.count, chars[i + 1] == "$" || isNameStart(chars[i + 1]) {
                // Dollar quoting: $tag$ ... $tag$
                var j = i + 1
                while j < chars.count, chars[j] != "$", isName(chars[j]) { j += 1 }
                if j < chars.count, chars[j] == "$" {
                    let tag = String(chars[i...j])
                    let rest = String(chars[(j + 1)...])
                    if let close = rest.range(of: tag) {
                        let body = rest[..<close.upperBound]
                        out += tag + body
                        i = j + 1 + body.count
                        continue
                    }
                }
                out.append(c)
                i += 1
            } else if c == ":", i + 1 < chars.count, chars[i + 1] == ":" {
                out += "::"
                i += 2
            } else if c == ":", i + 1 < chars.count, isNameStart(chars[i + 1]) {
                var j = i + 1
                while j < chars.count, isName(chars[j]) { j += 1 }
                let name = String(chars[(i + 1)..<j])
                if let index = names.firstIndex(of: name) {
                    out += "$\(index + 1)"
                } else {
                    names.append(name)
                    out += "$\(names.count)"
                }
                i = j
            } else {
                out.append(c)
                i += 1
            }
        }
        return (out, names)
    }
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
