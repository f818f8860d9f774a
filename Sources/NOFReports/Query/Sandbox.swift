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
        let settings: [String]?
    }

    /// The settings of the role (ALTER ROLE nofdb_query SET …) a sandboxed query runs under.
    /// SET ROLE does not apply them (only a login does), so `enter` sets them for the transaction.
    static let boundedSettings: Set<String> = ["work_mem", "temp_file_limit"]

    /// Steps into the sandbox role for the rest of the transaction. A superuser without the
    /// role is refused (its session could reach files, programs and other backends); an
    /// ordinary user without it runs with its own rights.
    public static func enter(_ db: Connection) throws {
        let me = try db.query(
            """
            SELECT r.rolsuper AS superuser, q.oid IS NOT NULL AS exists,
                   (q.oid IS NOT NULL AND pg_has_role(current_user, q.oid, 'MEMBER')) AS member, current_user::text AS user,
                   (SELECT s.setconfig FROM pg_db_role_setting s WHERE s.setrole = q.oid AND s.setdatabase = 0) AS settings
              FROM pg_roles r LEFT JOIN pg_roles q ON q.rolname = \(role)
             WHERE r.rolname = current_user
            """, as: Membership.self)
        guard let me = me.first else { throw ReportError("the current user is not in pg_roles; cannot check the sandbox role") }
        if me.exists, me.superuser || me.member {
            for setting in me.settings ?? [] {
                let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, boundedSettings.contains(parts[0]),
                      parts[0] != "temp_file_limit" || me.superuser,
                      parts[1].range(of: #"^-?[0-9]+(kB|MB|GB|TB)?$"#, options: .regularExpression) != nil
                else { continue }
                // SET takes no parameters: the value is a checked size (digits and a unit).
                try db.execute(SQLQuery(verbatim: "SET LOCAL \(Connection.quoteIdentifier(parts[0])) = '\(parts[1])'"))
            }
            try db.execute("SET LOCAL ROLE \(identifier: role)")
        } else if me.superuser {
            throw ReportError("nofdb query will not run as the superuser \(me.user) without its sandbox: the role \(role) \(me.exists ? "exists but cannot be used" : "does not exist"). Run `nofdb init` as a user with CREATEROLE (a superuser will do) to create it; or pass --unrestricted to run with \(me.user)'s full rights.")
        }
    }
}
