import Foundation
import NOFPostgres

/// Creates or updates a read-only role for BI tools: it can read the public `nof` views and
/// nothing else (no writes, no staging, audit or warehouse tables).
public enum ReaderRole {
    public struct Outcome: Sendable {
        public let role: String
        public let created: Bool
        public let canLogin: Bool
    }

    /// Grants `role` read access to schema `nof` in the current database, creating the role if
    /// needed. With a password the role can log in; without, grant it to users.
    public static func grant(_ role: String, password: String?, on connection: Connection) throws -> Outcome {
        guard role.range(of: "^[A-Za-z_][A-Za-z0-9_$]{0,62}$", options: .regularExpression) != nil else {
            throw MigrationError(message: "'\(role)' is not a valid role name (letters, digits and _; 63 characters at most)")
        }
        try Migrator.requireCurrent(connection)
        let quoted = Connection.quoteIdentifier(role)
        return try connection.transaction { db in
            let exists = try db.scalar("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]) != nil
            if !exists {
                try db.execute("CREATE ROLE \(quoted) NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT")
            }
            if let password {
                // The password is bound server-side through format(): never in the SQL text or logs.
                let sql = try db.scalar("SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)", [role, password]) ?? ""
                try db.execute(sql)
            }
            let database = try db.scalar("SELECT current_database()") ?? ""
            try db.execute("GRANT CONNECT ON DATABASE \(Connection.quoteIdentifier(database)) TO \(quoted)")
            try db.execute("GRANT USAGE ON SCHEMA nof TO \(quoted)")
            // The views call helper functions in dw; USAGE lets them resolve, and grants no table access.
            try db.execute("GRANT USAGE ON SCHEMA dw TO \(quoted)")
            try db.execute("GRANT SELECT ON ALL TABLES IN SCHEMA nof TO \(quoted)")
            try db.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA nof GRANT SELECT ON TABLES TO \(quoted)")
            try db.execute("REVOKE ALL ON ALL TABLES IN SCHEMA dw, staging, audit FROM \(quoted)")
            try db.execute("REVOKE ALL ON SCHEMA staging, audit FROM \(quoted)")
            try db.execute(
                "INSERT INTO audit.reader_role (role_name) VALUES ($1) ON CONFLICT (role_name) DO UPDATE SET granted_at = now()",
                [role])
            return Outcome(role: role, created: !exists, canLogin: password != nil)
        }
    }
}
