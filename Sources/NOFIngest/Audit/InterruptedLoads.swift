import Foundation
import NOFPostgres

/// Loads the log still calls `running` whose server session is gone: the process was killed,
/// the machine went down, or the server stopped or crashed mid-load. Their transactions died
/// with their sessions (nothing of them was committed); every command that writes records them
/// as `interrupted` before it starts, so `status` and `report loads` never show a dead load as
/// running.
public enum InterruptedLoads {
    public struct Entry: Sendable, Decodable {
        public let loadId: Int
        public let fileName: String
    }

    /// Marks every such load `interrupted` and returns them.
    @discardableResult
    public static func record(_ connection: Connection) throws -> [Entry] {
        try connection.query(
            """
            UPDATE audit.load_log l
               SET status = 'interrupted', finished_at = clock_timestamp(),
                   message = 'interrupted: its database session ended before the load finished (the process was stopped, or the server stopped or lost the connection); nothing from it was committed'
             WHERE l.status = 'running' AND l.backend_pid IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                                WHERE a.pid = l.backend_pid AND a.backend_start IS NOT DISTINCT FROM l.backend_start)
            RETURNING l.load_id, l.file_name
            """, as: Entry.self)
    }
}
