import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

/// The quarter a league or segments report shows by default (`-- latest: league-quarter`):
/// the newest in which at least 10 organisations of the peer group are ranked, preferring,
/// among the qualifying quarters of the year before it, the one whose scores cover the most
/// datasets. Says what it covers and why newer quarters were passed over; refuses when no
/// quarter qualifies.
struct LeagueQuarter {
    let connection: Connection

    private struct Candidate: Decodable {
        let period: YearMonth
        let periodLabel: String
        let ranked: Int
        let datasets: [String]
    }

    /// The choice: the quarter, the domain (another than asked when no quarter can be ranked
    /// overall and the user did not name a domain), and what the header should say about it.
    struct Choice {
        var period: YearMonth
        var domain: String
        var notes: [(String, String)]
        var notices: [String] = []
    }

    /// With `domainGiven` false and no quarter rankable overall, falls back to the newest
    /// domain league that ranks 10 or more, and says so and what to load for an overall one.
    func choose(league: String, peerGroup: String, domain: String, domainGiven: Bool) throws -> Choice {
        do {
            let chosen = try choose(league: league, peerGroup: peerGroup, domain: domain)
            return Choice(period: chosen.period, domain: domain, notes: chosen.notes)
        } catch let error as ReportError where domain == Domain.overall.rawValue && !domainGiven {
            guard let fallback = try newestDomainLeague(league: league, peerGroup: peerGroup) else { throw error }
            let chosen = try choose(league: league, peerGroup: peerGroup, domain: fallback)
            let words = fallback.replacingOccurrences(of: "_", with: " ")
            let missing = try datasetsNotScored(league: league, peerGroup: peerGroup, period: chosen.period)
            let advice = missing.isEmpty ? "" : " For an overall ranking, load \(missing.joined(separator: " or ")) for the same quarters as the \(words) data."
            return Choice(
                period: chosen.period, domain: fallback,
                notes: chosen.notes,
                notices: ["Not an overall ranking: no quarter loaded has \(league == League.nof.rawValue ? "NOF" : league) metrics from two domains for \(peerGroup) trusts, so this is the \(words) league, the newest that ranks 10 or more.\(advice)"])
        }
    }

    /// The domain of the newest quarter in which a domain league ranks 10 or more (the one
    /// ranking most, when several do).
    private func newestDomainLeague(league: String, peerGroup: String) throws -> String? {
        try connection.firstValue(
            """
            SELECT domain FROM nof.league_scope
             WHERE league = \(league) AND period_type = 'quarter' AND peer_group = \(peerGroup) AND domain <> 'overall'
               AND organisations_ranked >= 10
             ORDER BY period DESC, organisations_ranked DESC, domain LIMIT 1
            """, as: String.self)
    }

    /// The datasets behind the league's metrics for the peer group that no score came from in
    /// the quarter (what to load for an overall ranking), by their names.
    private func datasetsNotScored(league: String, peerGroup: String, period: YearMonth) throws -> [String] {
        try connection.query(
            """
            SELECT DISTINCT st.dataset
              FROM nof.league_metric m JOIN nof.standard st ON st.standard_code = m.standard_code
             WHERE m.league = \(league) AND m.peer_group = \(peerGroup)
               AND NOT EXISTS (SELECT 1 FROM nof.league_metric_score s JOIN nof.standard x ON x.standard_code = s.standard_code
                                WHERE s.league = m.league AND s.period_type = 'quarter' AND s.period = \(period)
                                  AND s.peer_group = m.peer_group AND x.dataset = st.dataset AND s.score IS NOT NULL)
             ORDER BY 1
            """) { row in
            let dataset: String = try row.decode("dataset")
            return Self.datasetNames[dataset] ?? dataset
        }
    }

    static let datasetNames = ["ae": "A&E (MSitAE)", "rtt": "RTT (the Full CSV data file)", "cancer": "cancer waiting times",
                               "diagnostics": "diagnostics (DM01)", "ambulance": "AmbSYS"]

    func choose(league: String, peerGroup: String, domain: String) throws -> (period: YearMonth, notes: [(String, String)]) {
        let candidates = try connection.query(
            """
            WITH q AS (
                SELECT t.period, t.period_label, count(*) FILTER (WHERE t.ranked) AS ranked
                  FROM nof.league_table t
                 WHERE t.league = \(league) AND t.period_type = 'quarter' AND t.peer_group = \(peerGroup) AND t.domain = \(domain)
                 GROUP BY t.period, t.period_label
            ), d AS MATERIALIZED (
                -- One pass over the scores, not a lookup per quarter: as a correlated subquery
                -- this took 1.1 s at five years of history (72 ms this way).
                SELECT m.period, array_agg(DISTINCT st.dataset ORDER BY st.dataset) AS datasets
                  FROM nof.league_metric_score m JOIN nof.standard st ON st.standard_code = m.standard_code
                 WHERE m.league = \(league) AND m.period_type = 'quarter' AND m.peer_group = \(peerGroup) AND m.score IS NOT NULL
                 GROUP BY m.period
            )
            SELECT q.period, q.period_label, q.ranked, coalesce(d.datasets, '{}') AS datasets
              FROM q LEFT JOIN d ON d.period = q.period
             ORDER BY q.period DESC
            """, as: Candidate.self)
        let qualifying = candidates.filter { $0.ranked >= 10 }
        guard let newest = qualifying.first else {
            let best = candidates.max { $0.ranked < $1.ranked }
            let most = best.map { " (the most is \($0.ranked), in \($0.periodLabel))" } ?? " (no league has been computed yet)"
            let advice = league == League.nof.rawValue && peerGroup == PeerGroup.ambulance.rawValue
                ? "the nof table has one ambulance metric (OF0017, the Category 2 mean) and two are needed to rank: use --league operational"
                : league == League.nof.rawValue
                    ? "load whole quarters of two of A&E, RTT and cancer (the datasets of OF0013, OF0023, OF0003, OF0010 and OF0011), or name a period with --period"
                    : "load whole quarters of the datasets behind its standards, or name a period with --period"
            throw ReportError("no quarter has 10 or more \(peerGroup) organisations ranked in the \(league) table\(most): \(advice)")
        }
        let recent = qualifying.filter { $0.period >= newest.period.adding(months: -12) }
        let chosen = recent.max { ($0.datasets.count, $0.period) < ($1.datasets.count, $1.period) } ?? newest
        var notes: [(String, String)] = [("covers", chosen.datasets.isEmpty ? "no dataset" : chosen.datasets.joined(separator: ", "))]
        let passed = candidates.filter { $0.period > chosen.period }.map { c in
            c.ranked < 10 ? "\(c.periodLabel) (\(c.ranked) ranked)" : "\(c.periodLabel) (covers \(c.datasets.joined(separator: ", ")) only)"
        }
        if !passed.isEmpty { notes.append(("passed over", passed.joined(separator: "; "))) }
        return (chosen.period, notes)
    }
}
