import Foundation
import NOFCore
import NOFPostgres
import NOFReports
import NOFWarehouse

/// What the warehouse holds, read once at the start of a publish from the `nof` views: the
/// loaded slices (dataset, month, load), the organisations, the providers with data and the
/// datasets behind each, the standards and the league tables. Pages are planned from it, and
/// each page's inputs fingerprint is made from the slices it reads.
struct SiteInventory {
    struct Slice: Decodable, Equatable {
        let dataset: String
        let period: YearMonth
        let loadId: Int
        /// `YYYY-MM-DD HH:MM`, UTC.
        let loadedAt: String
        let sample: Bool
    }

    struct Organisation: Decodable {
        let code: String
        let name: String
        let kind: String?
        let regionName: String?
        let icbCode: String?
        let icbName: String?
        let peerGroup: String?
        let trustType: String?
        let trustSubtype: String?
        let openDate: String?
        let closeDate: String?
        let successorCode: String?
        let mergedInto: String?
        let mergedOn: String?
        let predecessors: [String]?
    }

    struct Standard: Decodable {
        let code: String
        let dataset: String
        let name: String
        let shortName: String
        let unit: String
        let higherIsBetter: Bool
        let numerator: String?
        let denominator: String?
        let leagueDomain: String?
        let nofMetricId: String?
    }

    struct LeagueTable {
        let key: LeagueTableKey
        let organisationsRanked: Int
        let overallRanking: Bool
        let scope: String
    }

    var slices: [Slice] = []
    /// The newest load attempt and how many there are: the load log's pages change with them.
    var loadLogMark = ""
    /// The newest step of `nofdb sync` (its log is one of the views in data/).
    var syncMark = ""
    var organisations: [String: Organisation] = [:]
    /// Providers with data: the datasets each has figures in, and its newest month.
    var providerDatasets: [String: Set<String>] = [:]
    var providerNewest: [String: YearMonth] = [:]
    var standards: [Standard] = []
    var leagueTables: [LeagueTable] = []
    /// The datasets behind each (league, peer group, domain) table; `overall` holds all of the peer group's.
    var leagueDatasets: [String: Set<String>] = [:]
    var fieldTestSites: Set<String> = []
    /// A fingerprint of the organisation reference (names, types, regions, ICBs, mergers):
    /// every page that names organisations changes when it does.
    var organisationsFingerprint = ""

    var sample: Bool { slices.contains(where: \.sample) }

    static func leagueDatasetsKey(_ league: String, _ peerGroup: String, _ domain: String) -> String {
        "\(league)/\(peerGroup)/\(domain)"
    }

    /// Reads the inventory (the caller holds the snapshot transaction).
    static func read(_ db: Connection) throws -> SiteInventory {
        var inventory = SiteInventory()
        inventory.slices = try db.query(
            """
            SELECT dataset, period, load_id, to_char(loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS loaded_at,
                   coalesce(sample, false) AS sample
              FROM nof.data_coverage ORDER BY dataset, period
            """, as: Slice.self)
        inventory.loadLogMark = try db.value(
            "SELECT coalesce(max(load_id)::text, 'none') || '/' || count(*) AS mark FROM nof.load_history", as: String.self)
        inventory.syncMark = try db.value(
            "SELECT coalesce(max(sync_id)::text, 'none') AS mark FROM nof.sync_history", as: String.self)
        let organisations = try db.query(
            """
            SELECT org_code AS code, coalesce(org_name, org_code) AS name, org_kind AS kind, region_name,
                   icb_code, icb_name, peer_group,
                   coalesce(reference_trust_type, nof_trust_type) AS trust_type,
                   coalesce(reference_trust_subtype, nof_trust_subtype) AS trust_subtype,
                   to_char(open_date, 'YYYY-MM-DD') AS open_date, to_char(close_date, 'YYYY-MM-DD') AS close_date,
                   successor_code, merged_into, to_char(merged_on, 'YYYY-MM-DD') AS merged_on,
                   predecessors
              FROM nof.organisation ORDER BY org_code
            """, as: Organisation.self)
        var fingerprint = ""
        for o in organisations {
            inventory.organisations[o.code] = o
            fingerprint += [o.code, o.name, o.kind, o.regionName, o.icbCode, o.icbName, o.peerGroup, o.trustType, o.trustSubtype,
                            o.openDate, o.closeDate, o.successorCode, o.mergedInto, o.mergedOn,
                            o.predecessors?.joined(separator: ",")].map { $0 ?? "" }.joined(separator: "|") + "\n"
        }
        inventory.organisationsFingerprint = SHA256Hasher.hex(of: Data(fingerprint.utf8))
        for row in try db.query(
            """
            SELECT sp.org_code, st.dataset, max(sp.period) AS newest
              FROM nof.standard_performance sp JOIN nof.standard st ON st.standard_code = sp.standard_code
             WHERE sp.org_level = 'provider'
             GROUP BY sp.org_code, st.dataset
            """, { (try $0.decode("org_code", as: String.self), try $0.decode("dataset", as: String.self), try $0.decode("newest", as: YearMonth.self)) }) {
            inventory.providerDatasets[row.0, default: []].insert(row.1)
            inventory.providerNewest[row.0] = max(inventory.providerNewest[row.0] ?? row.2, row.2)
        }
        inventory.standards = try db.query(
            """
            SELECT standard_code AS code, dataset, name, short_name, unit, higher_is_better,
                   numerator, denominator, league_domain, nof_metric_id
              FROM nof.standard ORDER BY sort_order
            """, as: Standard.self)
        for row in try db.query(
            """
            SELECT DISTINCT m.league, m.peer_group, m.domain, st.dataset
              FROM nof.league_metric m JOIN nof.standard st ON st.standard_code = m.standard_code
            """, { (try $0.decode("league", as: String.self), try $0.decode("peer_group", as: String.self),
                    try $0.decode("domain", as: String.self), try $0.decode("dataset", as: String.self)) }) {
            inventory.leagueDatasets[leagueDatasetsKey(row.0, row.1, row.2), default: []].insert(row.3)
            inventory.leagueDatasets[leagueDatasetsKey(row.0, row.1, "overall"), default: []].insert(row.3)
        }
        inventory.leagueTables = try readLeagueTables(db)
        inventory.fieldTestSites = Set(try db.query("SELECT org_code FROM nof.ae_field_test_site") { try $0.decode("org_code", as: String.self) })
        return inventory
    }

    /// Every quarter's table, and the newest month's where it is newer than the newest quarter
    /// that ranks anybody of that league, peer group and domain (the "newest period" while
    /// its quarter is not yet whole).
    static func readLeagueTables(_ db: Connection) throws -> [LeagueTable] {
        struct Row: Decodable {
            let league: String
            let periodType: String
            let period: YearMonth
            let peerGroup: String
            let domain: String
            let organisationsRanked: Int
            let overallRanking: Bool
            let scope: String
        }
        let rows = try db.query(
            """
            SELECT league, period_type, period, peer_group, domain,
                   organisations_ranked, overall_ranking, scope
              FROM nof.league_scope ORDER BY league, peer_group, domain, period_type, period
            """, as: Row.self)
        var tables: [LeagueTable] = []
        var newestQuarterEnd: [String: YearMonth] = [:]
        var newestMonth: [String: Row] = [:]
        for row in rows {
            let group = "\(row.league)/\(row.peerGroup)/\(row.domain)"
            if row.periodType == "quarter", row.organisationsRanked > 0 {
                let end = row.period.adding(months: 2)
                newestQuarterEnd[group] = max(newestQuarterEnd[group] ?? end, end)
            } else if row.periodType == "month", newestMonth[group].map({ $0.period < row.period }) ?? true {
                newestMonth[group] = row
            }
        }
        for row in rows {
            let group = "\(row.league)/\(row.peerGroup)/\(row.domain)"
            if row.periodType == "month" {
                guard newestMonth[group]?.period == row.period, newestQuarterEnd[group].map({ $0 < row.period }) ?? true else { continue }
            }
            let key = LeagueTableKey(league: row.league, peerGroup: row.peerGroup, domain: row.domain, periodType: row.periodType, period: row.period)
            tables.append(LeagueTable(key: key, organisationsRanked: row.organisationsRanked, overallRanking: row.overallRanking, scope: row.scope))
        }
        return tables.sorted { $0.key < $1.key }
    }

    /// The providers that get a page: every organisation with a figure in any dataset.
    var providers: [String] { providerDatasets.keys.sorted() }

    /// An organisation's name as the site shows it: title case, as the reports do.
    func displayName(_ code: String) -> String {
        organisations[code].map { ReportFormat.titleCase($0.name) } ?? code
    }
}
