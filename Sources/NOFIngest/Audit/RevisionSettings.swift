import Foundation
import NOFPostgres

/// How many replaced revisions of a month the warehouse keeps (`nofdb load --keep-revisions`),
/// remembered in `audit.setting` for later loads.
public struct RevisionSettings {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    public func keep(_ revisions: Int) throws {
        try connection.execute(
            "UPDATE audit.setting SET value = \(String(revisions)), changed_at = now() WHERE name = 'keep_revisions'")
    }
}
