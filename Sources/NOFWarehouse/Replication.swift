import Foundation
import NOFPostgres

/// Streaming replication as nofdb uses it: one primary takes loads, hot standbys serve reads.
public enum Replication {
    /// A write command pointed at a hot standby, said before anything is attempted.
    public struct StandbyError: Error, CustomStringConvertible, Sendable {
        public let command: String
        public var description: String {
            "this server is a read-only standby; give the primary's URL (--database-url or DATABASE_URL) for \(command). "
                + "Standbys serve report, query, status and check (--read-url or NOFDB_READ_URL)."
        }
    }

    /// Throws when `connection` is to a server in recovery (a hot standby).
    public static func requirePrimary(_ connection: Connection, for command: String) throws {
        if try connection.value("SELECT pg_is_in_recovery() AS in_recovery", as: Bool.self) { throw StandbyError(command: command) }
    }

    /// One standby as the primary sees it.
    public struct Standby: Sendable, Equatable, Decodable {
        public var name: String
        public var state: String
        public var replayLagBytes: Int
        public var caughtUp: Bool
    }

    /// Waits until every standby in pg_stat_replication has replayed the primary's current WAL
    /// position (everything committed so far), or `timeout` seconds pass. Returns whether they
    /// all caught up, and each standby at the end.
    public static func waitForStandbys(_ connection: Connection, timeout: Double) throws -> (caughtUp: Bool, standbys: [Standby]) {
        let target = try connection.value("SELECT pg_current_wal_lsn()::text AS lsn", as: String.self)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let standbys = try connection.query(
                """
                SELECT coalesce(application_name, '') AS name, coalesce(state, '') AS state,
                       greatest(coalesce(pg_wal_lsn_diff(\(target)::pg_lsn, replay_lsn), 0), 0)::bigint AS replay_lag_bytes,
                       (replay_lsn IS NOT NULL AND replay_lsn >= \(target)::pg_lsn) AS caught_up
                  FROM pg_stat_replication ORDER BY application_name, pid
                """, as: Standby.self)
            if standbys.allSatisfy(\.caughtUp) || Date() >= deadline { return (standbys.allSatisfy(\.caughtUp), standbys) }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}
