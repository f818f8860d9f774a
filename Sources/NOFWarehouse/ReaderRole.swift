import Foundation
import NOFPostgres

/// Creates or updates a read-only role for BI tools: it can read the public `nof` views and
/// nothing else (no writes, no staging, audit or warehouse tables).
public enum ReaderRole {
    public struct Outcome: Sendable {
        public let role: String
        public let created: Bool
        public let canLogin: Bool
        /// What could not be tightened, and why.
        public var notes: [String] = []
    }

    /// How a BI tool should connect through psqlODBC. The driver's catalog (SQLTables, what
    /// Power BI's and Tableau's navigators list) shows every `pg_class` name whatever the
    /// role's privileges unless its "accessible only" extra option (bit 0x10 of `AB`) is set;
    /// with it, the reader's list is the `nof` views and nothing else (SandboxTests).
    public static let odbcAdvice = "ODBC (Power BI, Tableau, Excel through psqlODBC): add AB=0x10 to the connection string or the DSN in odbc.ini (psqlODBC's \"accessible only\"), so the catalog lists only the nof views; without it the driver also lists internal tables the role cannot open"

    /// One privilege a role has beyond reading the nof views.
    public struct Finding: Sendable, Equatable, Decodable {
        public let kind: String
        public let object: String
    }

    /// The statement timeout a reader role gets unless `--statement-timeout` says otherwise:
    /// a BI dashboard's query that runs longer is almost always a mistake holding a backend.
    public static let defaultStatementTimeoutSeconds = 300

    /// Grants `role` read access to schema `nof` in the current database, creating the role if
    /// needed, with a role `statement_timeout` (0: none), and takes TEMP from PUBLIC in every
    /// database of the cluster this user may (saying which it could not). With a password the
    /// role can log in; without, grant it to users.
    public static func grant(_ role: String, password: String?, statementTimeoutSeconds: Int = defaultStatementTimeoutSeconds,
                             on connection: Connection) throws -> Outcome {
        guard role.range(of: "^[A-Za-z_][A-Za-z0-9_$]{0,62}$", options: .regularExpression) != nil else {
            throw MigrationError(message: "'\(role)' is not a valid role name (letters, digits and _; 63 characters at most)")
        }
        try Migrator.requireCurrent(connection)
        return try connection.transaction { db in
            let exists = try db.value("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(role)) AS exists", as: Bool.self)
            if !exists {
                try db.execute("CREATE ROLE \(identifier: role) NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT")
            }
            if let password {
                // ALTER ROLE takes no parameters: the statement is made server-side by format(),
                // so the password is bound, never in nofdb's SQL text or its error messages.
                let statement = try db.value("SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', \(role), \(password)) AS statement", as: String.self)
                try db.execute(SQLQuery(verbatim: statement))
            }
            let database = try db.value("SELECT current_database()::text AS name", as: String.self)
            try db.execute("GRANT CONNECT ON DATABASE \(identifier: database) TO \(identifier: role)")
            try db.execute("GRANT USAGE ON SCHEMA nof TO \(identifier: role)")
            // The views read dw with their owner's rights and call its functions by OID: the
            // reader needs no USAGE on dw, so it can neither list nor call anything there.
            try db.execute("GRANT SELECT ON ALL TABLES IN SCHEMA nof TO \(identifier: role)")
            try db.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA nof GRANT SELECT ON TABLES TO \(identifier: role)")
            try db.execute("REVOKE ALL ON ALL TABLES IN SCHEMA dw, staging, audit, archive FROM \(identifier: role)")
            try db.execute("REVOKE ALL ON SCHEMA dw, staging, audit, archive FROM \(identifier: role)")
            try db.execute("REVOKE TEMPORARY ON DATABASE \(identifier: database) FROM \(identifier: role)")
            // ALTER ROLE … SET takes no parameters: the timeout is an integer (milliseconds).
            try db.execute("ALTER ROLE \(identifier: role) SET statement_timeout = \(integer: max(0, statementTimeoutSeconds) * 1000)")
            var notes: [String] = []
            // What PUBLIC has by default: temp tables in this database and CREATE on public.
            // Taken from PUBLIC (and given back to the owner and this user, who load data)
            // when this user owns the database or is a superuser.
            let canRevoke = try db.value(
                "SELECT (r.rolsuper OR d.datdba = r.oid) AS can_revoke FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()",
                as: Bool.self)
            if canRevoke {
                let owner = try db.value("SELECT pg_get_userbyid(datdba)::text AS owner FROM pg_database WHERE datname = current_database()", as: String.self)
                let me = try db.value("SELECT current_user::text AS me", as: String.self)
                try db.execute("REVOKE TEMPORARY ON DATABASE \(identifier: database) FROM PUBLIC")
                for user in Set([owner, me]) {
                    try db.execute("GRANT TEMPORARY ON DATABASE \(identifier: database) TO \(identifier: user)")
                }
                try db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            } else {
                notes.append("could not revoke TEMP on the database or CREATE on schema public from PUBLIC: only the database owner or a superuser can; \(role) keeps what PUBLIC has there")
            }
            // The cluster's other databases: a reader that may connect there could make temp
            // tables (PUBLIC has TEMP on every new database). GRANT and REVOKE on a database work
            // from any database of the cluster.
            notes += try revokeTempElsewhere(role: role, current: database, db)
            if try db.value("SELECT has_function_privilege('public', 'pg_catalog.lo_from_bytea(oid,bytea)', 'EXECUTE') AS granted", as: Bool.self) {
                notes.append("PUBLIC can still make large objects (lo_from_bytea, lo_create): run nofdb init as a superuser to revoke them")
            }
            if database != "postgres",
               try db.value("SELECT coalesce(has_database_privilege('public', 'postgres', 'CONNECT'), false) AS granted", as: Bool.self) {
                notes.append("PUBLIC may connect to the postgres database (a cluster setting nofdb leaves alone: REVOKE CONNECT ON DATABASE postgres FROM PUBLIC if no one needs it)")
            }
            try db.execute(
                "INSERT INTO audit.reader_role (role_name) VALUES (\(role)) ON CONFLICT (role_name) DO UPDATE SET granted_at = now()")
            return Outcome(role: role, created: !exists, canLogin: password != nil, notes: notes)
        }
    }

    private struct OtherDatabase: Decodable {
        let name: String
        let mayRevoke: Bool
        let owner: String
        let publicTemp: Bool
    }

    /// Takes TEMP from PUBLIC (and from `role`) in every other database that allows connections,
    /// giving it back to each database's owner and this user; returns a note for each database
    /// where this user may not (only the owner or a superuser may).
    static func revokeTempElsewhere(role: String, current: String, _ db: Connection) throws -> [String] {
        let others = try db.query(
            """
            SELECT d.datname::text AS name, (r.rolsuper OR d.datdba = r.oid) AS may_revoke, pg_get_userbyid(d.datdba)::text AS owner,
                   has_database_privilege('public', d.oid, 'TEMP') AS public_temp
              FROM pg_database d, pg_roles r
             WHERE r.rolname = current_user AND d.datallowconn AND NOT d.datistemplate AND d.datname <> \(current)
             ORDER BY d.datname
            """, as: OtherDatabase.self)
        var notes: [String] = []
        let me = try db.value("SELECT current_user::text AS me", as: String.self)
        var refused: [String] = []
        for other in others {
            guard other.mayRevoke else {
                if other.publicTemp { refused.append(other.name) }
                continue
            }
            // Another session may drop or change that database while this runs (a
            // 'tuple concurrently deleted' or 'updated' internal error): in a savepoint, so the
            // grant goes on; a database gone is skipped, one still there is tried once more.
            let revoke = {
                try db.transaction { db in
                    try db.execute("REVOKE TEMPORARY ON DATABASE \(identifier: other.name) FROM PUBLIC")
                    try db.execute("REVOKE TEMPORARY ON DATABASE \(identifier: other.name) FROM \(identifier: role)")
                    for user in Set([other.owner, me]) where user != role {
                        try db.execute("GRANT TEMPORARY ON DATABASE \(identifier: other.name) TO \(identifier: user)")
                    }
                }
            }
            do {
                try revoke()
            } catch let error as PostgresError where error.sqlState == .internalError || error.sqlState == .invalidCatalogName {
                let stillThere = try db.value("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = \(other.name)) AS there", as: Bool.self)
                if stillThere { try revoke() }
            }
        }
        if !refused.isEmpty {
            notes.append("could not take TEMP from PUBLIC in \(refused.count == 1 ? "database" : "databases") \(refused.joined(separator: ", ")) (only each database's owner or a superuser can): if \(role) may connect there, it can make temporary tables; run grant-reader as a superuser, or REVOKE TEMPORARY ON DATABASE … FROM PUBLIC as the owner")
        }
        return notes
    }

    /// One database `check` looked at: its findings, or why it could not be examined.
    public struct DatabaseFindings: Sendable {
        public let database: String
        public let findings: [Finding]
        /// Set when the database could not be examined (nofdb could not connect to it).
        public let problem: String?
    }

    /// `check` in every database of the cluster that `role` may connect to (the current one
    /// first): each is examined over a connection of its own, as the current user.
    public static func checkEveryDatabase(_ role: String, on connection: Connection) throws -> [DatabaseFindings] {
        let current = try connection.value("SELECT current_database()::text AS name", as: String.self)
        var results = [DatabaseFindings(database: current, findings: try check(role, on: connection), problem: nil)]
        let others = try connection.query(
            """
            SELECT datname::text AS name FROM pg_database
             WHERE datallowconn AND NOT datistemplate AND datname <> \(current)
               AND has_database_privilege(\(role), oid, 'CONNECT')
             ORDER BY datname
            """) { try $0.decode("name", as: String.self) }
        for name in others {
            do {
                let other = try Connection(connection.config.withDatabase(name))
                defer { other.close() }
                results.append(DatabaseFindings(database: name, findings: try check(role, on: other), problem: nil))
            } catch {
                results.append(DatabaseFindings(database: name, findings: [], problem: "could not examine it: \(error)"))
            }
        }
        return results
    }

    /// Every privilege `role` has in this database beyond reading the nof views: schemas it
    /// can use or create in, tables and views outside nof it can read or change, functions it
    /// can call outside pg_catalog, temp tables, large objects. Empty = a clean reader.
    public static func check(_ role: String, on connection: Connection) throws -> [Finding] {
        guard try connection.value("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(role)) AS exists", as: Bool.self) else {
            throw MigrationError(message: "no role '\(role)' in this cluster")
        }
        let rows = try connection.query(
            """
            SELECT 'schema usage' AS kind, nspname::text AS object FROM pg_namespace
             WHERE nspname NOT IN ('nof', 'pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE 'pg\\_%'
               AND has_schema_privilege(\(role), oid, 'USAGE')
            UNION ALL
            SELECT 'schema create', nspname::text FROM pg_namespace
             WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' AND has_schema_privilege(\(role), oid, 'CREATE')
            UNION ALL
            SELECT 'table ' || p.privilege, c.oid::regclass::text
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             CROSS JOIN (VALUES ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE')) AS p(privilege)
             WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND (n.nspname <> 'nof' OR p.privilege <> 'SELECT')
               AND has_table_privilege(\(role), c.oid, p.privilege) AND has_schema_privilege(\(role), n.oid, 'USAGE')
            UNION ALL
            SELECT 'function execute', p.oid::regprocedure::text
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'nof')
               AND has_schema_privilege(\(role), n.oid, 'USAGE') AND has_function_privilege(\(role), p.oid, 'EXECUTE')
            UNION ALL
            SELECT 'database temp', current_database()::text WHERE has_database_privilege(\(role), current_database(), 'TEMP')
            UNION ALL
            SELECT 'large objects', 'lo_from_bytea' WHERE has_function_privilege(\(role), 'pg_catalog.lo_from_bytea(oid,bytea)', 'EXECUTE')
            UNION ALL
            SELECT 'role membership', b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid
             WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = \(role))
            ORDER BY 1, 2
            """, as: Finding.self)
        return rows
    }
}
