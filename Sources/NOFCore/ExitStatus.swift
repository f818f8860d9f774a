/// Every exit status nofdb uses, one table for every command (README "Exit status" lists the
/// same; a test runs every command into each that applies). 64, 65, 69 and 75 are the BSD
/// sysexits codes for the same meanings.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    /// The work failed: a file failed or a month was held back (load, sync), a data test failed
    /// (check), a query or report failed, was refused or ran past its timeout.
    case failure = 1
    /// Loaded, but some rows were rejected (load, sync).
    case loadedWithRejects = 2
    /// The embedded cluster is not running (db status).
    case notRunning = 3
    /// A source could not be reached (sync).
    case sourceUnreachable = 4
    /// Loaded, but a standby had not replayed it within --wait-replicas (load, sync).
    case replicaBehind = 6
    /// The command line is wrong: an unknown option, a value out of range, a missing argument,
    /// an option the report does not take.
    case usage = 64
    /// What was named is not there (an organisation, ICB, region, load or dataset), or the SQL
    /// given to `nofdb query` is not valid (a syntax error, an unknown column).
    case dataError = 65
    /// The database cannot be reached (wrong URL, server down, password refused).
    case databaseUnavailable = 69
    /// Another load held the dataset's lock and --no-wait was given.
    case lockHeld = 75

    public var meaning: String {
        switch self {
        case .success: return "done (for load: loaded or unchanged)"
        case .failure: return "the work failed: a file failed or a month was held back, a data test failed, a query or report failed, was refused or ran past its --timeout"
        case .loadedWithRejects: return "loaded, some rows rejected"
        case .notRunning: return "the embedded cluster is not running (db status)"
        case .sourceUnreachable: return "a source could not be reached (sync)"
        case .replicaBehind: return "loaded, but a standby had not replayed it within --wait-replicas"
        case .usage: return "usage: the command line is wrong (unknown option, bad value, missing argument)"
        case .dataError: return "data: what was named is not in the warehouse, or the SQL given is not valid"
        case .databaseUnavailable: return "the database cannot be reached"
        case .lockHeld: return "another load held the lock and --no-wait was given"
        }
    }
}
