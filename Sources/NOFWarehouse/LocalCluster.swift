import Foundation
import NOFPostgres

#if canImport(Glibc)
import Glibc
#endif

/// Errors from managing the embedded PostgreSQL cluster, each saying what to do.
public struct LocalClusterError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// nofdb's own PostgreSQL cluster, used when no database is configured.
///
/// It lives in `$XDG_DATA_HOME/nofdb/pg` (else `~/.local/share/nofdb/pg`), is created with
/// `initdb` and started with `pg_ctl` on first use, and listens on a private Unix socket
/// only (no TCP). When nofdb runs as root the server runs as the `postgres` OS user.
public struct LocalCluster: Sendable {
    /// The cluster's folder: `data/` (PGDATA), `run/` (socket), `server.log`.
    public let root: URL
    /// The name of the database nofdb uses inside the cluster.
    public static let databaseName = "nofdb"
    /// The port number in the socket file name; the socket folder is private, so no clash.
    public static let port = 5432
    /// Why the cluster lives where it does, when that differs from the usual place.
    public let placementNote: String?

    public init(root: URL, placementNote: String? = nil) {
        self.root = root
        self.placementNote = placementNote
    }

    /// The default location for this user and environment.
    public static func `default`(environment: [String: String] = ProcessInfo.processInfo.environment) -> LocalCluster {
        let base: URL
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            base = URL(fileURLWithPath: xdg)
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            base = home.appendingPathComponent(".local/share")
        }
        let root = base.appendingPathComponent("nofdb/pg")
        if geteuid() == 0, !Self.postgresCanReach(root.deletingLastPathComponent()) {
            // The server must run as `postgres`, which cannot enter e.g. /root (mode 0700).
            return LocalCluster(
                root: URL(fileURLWithPath: "/var/lib/nofdb/pg"),
                placementNote: "running as root: the postgres user cannot reach \(root.path), so the cluster is in /var/lib/nofdb/pg")
        }
        return LocalCluster(root: root)
    }

    public var dataDirectory: URL { root.appendingPathComponent("data") }
    public var socketDirectory: URL { root.appendingPathComponent("run") }
    public var logFile: URL { root.appendingPathComponent("server.log") }
    var isRoot: Bool { geteuid() == 0 }

    /// The OS user that owns and runs the server.
    public var serverUser: String { isRoot ? "postgres" : NSUserName() }

    /// The connection configuration for the cluster's nofdb database.
    public func connectionConfig(database: String = LocalCluster.databaseName) -> ConnectionConfig {
        ConnectionConfig(
            conninfo: "host='\(socketDirectory.path)' port=\(Self.port) dbname='\(database)' user='\(serverUser)'",
            source: .embedded)
    }

    /// A `postgresql://` URL for the cluster, for other tools (psql, BI tools on this machine).
    public var url: String {
        let host = socketDirectory.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? socketDirectory.path
        return "postgresql:///\(Self.databaseName)?host=\(host)&port=\(Self.port)&user=\(serverUser)"
    }

    public var isInitialised: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// True when the server answers `pg_ctl status`.
    public func isRunning() -> Bool {
        guard isInitialised, let bin = try? Self.serverBinaries() else { return false }
        let result = run(bin.appendingPathComponent("pg_ctl").path, ["status", "-D", dataDirectory.path])
        return result.status == 0
    }

    /// Creates the cluster if needed and starts it if it is not running. Returns what it did.
    @discardableResult
    public func start() throws -> [String] {
        var actions: [String] = []
        try withFileLock {
            let bin = try Self.serverBinaries()
            let fm = FileManager.default
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            if !isInitialised {
                try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
                try fm.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
                try chownToServerUser([root, dataDirectory, socketDirectory])
                _ = chmod(dataDirectory.path, 0o700)
                _ = chmod(socketDirectory.path, 0o700)
                let initdb = run(
                    bin.appendingPathComponent("initdb").path,
                    ["-D", dataDirectory.path, "-U", serverUser, "--encoding=UTF8", "--locale=C",
                     "--auth-local=trust", "--auth-host=reject"])
                guard initdb.status == 0 else {
                    throw LocalClusterError("initdb failed for \(dataDirectory.path):\n\(initdb.output)")
                }
                let settings = """

                    # nofdb: private Unix socket only, no TCP.
                    listen_addresses = ''
                    unix_socket_directories = '\(socketDirectory.path)'
                    port = \(Self.port)
                    # Bulk loads: fewer checkpoints; still durable (fsync stays on).
                    max_wal_size = '2GB'
                    checkpoint_timeout = '15min'
                    wal_compression = on
                    logging_collector = off

                    """
                let conf = dataDirectory.appendingPathComponent("postgresql.conf")
                let handle = try FileHandle(forWritingTo: conf)
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(settings.utf8))
                try handle.close()
                actions.append("created a PostgreSQL cluster in \(dataDirectory.path)")
            }
            if !isRunning() {
                try? fm.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
                if !fm.fileExists(atPath: logFile.path) {
                    _ = fm.createFile(atPath: logFile.path, contents: nil)
                }
                try chownToServerUser([socketDirectory, logFile])
                let started = run(
                    bin.appendingPathComponent("pg_ctl").path,
                    ["start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60"])
                guard started.status == 0 else {
                    let tail = (try? String(contentsOf: logFile, encoding: .utf8))?
                        .split(separator: "\n").suffix(15).joined(separator: "\n") ?? ""
                    throw LocalClusterError(
                        "could not start the embedded PostgreSQL server:\n\(started.output)\n\(tail)\nSee \(logFile.path).")
                }
                actions.append("started PostgreSQL (socket in \(socketDirectory.path))")
            }
            try ensureDatabase()
        }
        return actions
    }

    /// Stops the server if it is running. Returns true if it was running.
    @discardableResult
    public func stop() throws -> Bool {
        guard isInitialised else { return false }
        let bin = try Self.serverBinaries()
        guard isRunning() else { return false }
        let result = run(bin.appendingPathComponent("pg_ctl").path, ["stop", "-D", dataDirectory.path, "-m", "fast", "-w"])
        guard result.status == 0 else {
            throw LocalClusterError("pg_ctl stop failed:\n\(result.output)")
        }
        return true
    }

    func ensureDatabase() throws {
        let admin = try Connection(connectionConfig(database: "postgres"))
        let exists = try admin.value("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = \(Self.databaseName)) AS exists", as: Bool.self)
        if !exists {
            do {
                try admin.execute("CREATE DATABASE \(identifier: Self.databaseName)")
            } catch let error as PostgresError where error.sqlState == .duplicateDatabase {
                // Created concurrently by another nofdb: fine.
            }
        }
    }

    /// The folder with `initdb`, `pg_ctl` and `postgres`: `pg_config --bindir`, else the newest
    /// `/usr/lib/postgresql/*/bin`. Throws a message naming the package to install.
    public static func serverBinaries() throws -> URL {
        let fm = FileManager.default
        func usable(_ dir: String) -> Bool {
            ["initdb", "pg_ctl", "postgres"].allSatisfy { fm.isExecutableFile(atPath: dir + "/" + $0) }
        }
        if let bindir = runCapture("pg_config", ["--bindir"])?.trimmingCharacters(in: .whitespacesAndNewlines),
           !bindir.isEmpty, usable(bindir) {
            return URL(fileURLWithPath: bindir)
        }
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap { Int($0) }.sorted(by: >)
        for version in versions where usable("/usr/lib/postgresql/\(version)/bin") {
            return URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin")
        }
        throw LocalClusterError(
            """
            PostgreSQL server programs (initdb, pg_ctl, postgres) were not found.
            Install them (Debian/Ubuntu: sudo apt-get install postgresql), or point nofdb at an
            existing server with --database-url or DATABASE_URL.
            """)
    }

    /// Whether the `postgres` user can traverse every folder down to `url` (or its nearest
    /// existing ancestor).
    static func postgresCanReach(_ url: URL) -> Bool {
        var path = url.standardizedFileURL.path
        let fm = FileManager.default
        while !fm.fileExists(atPath: path), path != "/" {
            path = (path as NSString).deletingLastPathComponent
        }
        var current = ""
        for component in path.split(separator: "/") {
            current += "/" + component
            var info = stat()
            guard stat(current, &info) == 0 else { return false }
            // Others need execute permission (postgres is neither the owner nor, usually, in the group).
            if info.st_mode & 0o001 == 0 { return false }
        }
        return true
    }

    private func chownToServerUser(_ urls: [URL]) throws {
        guard isRoot else { return }
        guard let pw = getpwnam("postgres") else {
            throw LocalClusterError(
                "nofdb runs as root, so its PostgreSQL server must run as the 'postgres' user, which does not exist. Install the postgresql package or run nofdb as an ordinary user.")
        }
        for url in urls {
            _ = chown(url.path, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
    }

    /// Runs a server program, as `postgres` when we are root.
    func run(_ program: String, _ arguments: [String]) -> (status: Int32, output: String) {
        if isRoot {
            return runProcess("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
        }
        return runProcess(program, arguments)
    }

    private func withFileLock<T>(_ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let path = root.appendingPathComponent(".lock").path
        let fd = open(path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw LocalClusterError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = flock(fd, LOCK_EX)
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }
}

/// Runs a program and returns its exit status and combined output. Never throws.
///
/// Uses posix_spawn and waitpid rather than Foundation's Process: `pg_ctl start` leaves a
/// server running that inherits Process's internal termination pipe, so Process would wait
/// for the server to exit.
func runProcess(_ program: String, _ arguments: [String]) -> (status: Int32, output: String) {
    let outputPath = FileManager.default.temporaryDirectory
        .appendingPathComponent("nofdb-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log").path
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // Close every other descriptor in the child: a server started by pg_ctl must not hold
    // pipes that our own caller is waiting to see closed.
    let openDescriptors = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [])
        .compactMap { Int32($0) }.filter { $0 > 2 }
    for fd in openDescriptors where fcntl(fd, F_GETFD) != -1 {
        posix_spawn_file_actions_addclose(&actions, fd)
    }
    let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
    guard spawned == 0 else {
        return (127, "cannot run \(program): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
    let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (exitCode, output)
}

/// Runs a program found on PATH and returns its standard output, or nil.
func runCapture(_ program: String, _ arguments: [String]) -> String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    guard let dir = paths.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") })
    else { return nil }
    let result = runProcess("\(dir)/\(program)", arguments)
    return result.status == 0 ? result.output : nil
}
