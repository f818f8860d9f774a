import Foundation
import NOFPostgres

/// The sandbox role `nofdb init` creates (dw.secure_query_sandbox): it reads the `nof` views
/// and nothing else. Ad-hoc queries and canned reports run as it.
public enum Sandbox {
    public static let role = "nofdb_query"

    private struct Membership: Decodable {
        let superuser: Bool
        let exists: Bool
        let member: Bool
        let user: String
    }

    /// Steps into the sandbox role for the rest of the transaction. A superuser without the
    /// role is refused (its session could reach files, programs and other backends); an
    /// ordinary user without it runs with its own rights.
    public static func enter(_ db: Connection) throws {
        let me = try db.query(
            """
            SELECT r.rolsuper AS superuser, q.oid IS NOT NULL AS exists,
                   (q.oid IS NOT NULL AND pg_has_role(current_user, q.oid, 'MEMBER')) AS member, current_user::text AS user
              FROM pg_roles r LEFT JOIN pg_roles q ON q.rolname = \(role)
             WHERE r.rolname = current_user
            """, as: Membership.self)
        guard let me = me.first else { throw ReportError("the current user is not in pg_roles; cannot check the sandbox role") }
        if me.exists, me.superuser || me.member {
            try db.execute("SET LOCAL ROLE \(identifier: role)")
        } else if me.superuser {
            throw ReportError("nofdb query will not run as the superuser \(me.user) without its sandbox: the role \(role) \(me.exists ? "exists but cannot be used" : "does not exist"). Run `nofdb init` as a user with CREATEROLE (a superuser will do) to create it; or pass --unrestricted to run with \(me.user)'s full rights.")
        }
    }
}
