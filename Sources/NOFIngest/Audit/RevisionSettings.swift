import Foundation
import NOFPostgres

/// How many replaced revisions of a month the warehouse keeps (`nofdb load --keep-revisions`),
/// remembered in `audit.setting` for later loads.
public struct RevisionSettings {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// The number kept (seeded as 3 by the migrations).
    func kept() throws -> Int32 {
        try connection.value("SELECT value::integer AS keep FROM audit.setting WHERE name = 'keep_revisions'", as: Int32.self)
    }

    public func keep(_ revisions: Int) throws {
        try connection.execute(
            "UPDATE audit.setting SET value = \(String(revisions)), changed_at = now() WHERE name = 'keep_revisions'")
    }
}
