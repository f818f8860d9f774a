import Foundation
import NOFPostgres

/// Decides which database nofdb talks to: `--database-url`, `DATABASE_URL`, the `PG*`
/// variables, else the embedded local cluster (created and started on first use).
public struct DatabaseLocator: Sendable {
    public let flag: String?
    public let environment: [String: String]

    public init(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.flag = flag
        self.environment = environment
    }

    /// The configured database, or nil when the embedded cluster applies.
    public var configured: ConnectionConfig? {
        ConnectionConfig.fromEnvironment(flag: flag, environment: environment)
    }

    public var cluster: LocalCluster { LocalCluster.default(environment: environment) }

    /// The configuration to use, starting the embedded cluster if that is the one.
    /// `onStart` receives what was done (e.g. "started PostgreSQL").
    public func resolve(onStart: (String) -> Void = { _ in }) throws -> ConnectionConfig {
        if let configured { return configured }
        let cluster = self.cluster
        for action in try cluster.start() { onStart(action) }
        return cluster.connectionConfig()
    }

    /// Opens a connection to the resolved database.
    public func connect(onStart: (String) -> Void = { _ in }) throws -> Connection {
        try Connection(resolve(onStart: onStart))
    }
}
