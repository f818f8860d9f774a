import CLibPQ
import Foundation

/// What to connect to: a libpq conninfo string or a `postgres://` URL, and where it came from.
///
/// The order nofdb uses is: the `--database-url` flag, then `DATABASE_URL`, then the standard
/// `PG*` variables, then the embedded local cluster (resolved by NOFWarehouse).
public struct ConnectionConfig: Sendable, CustomStringConvertible {
    /// Where a configuration came from, for messages such as `nofdb db url`.
    public enum Source: String, Sendable {
        case flag = "--database-url"
        case environmentURL = "DATABASE_URL"
        case pgEnvironment = "PG* environment variables"
        case embedded = "embedded local cluster"
        case explicit = "explicit"
    }

    /// The conninfo passed to libpq (may contain a password: never print it).
    public let conninfo: String
    public let source: Source

    public init(conninfo: String, source: Source = .explicit) {
        self.conninfo = conninfo
        self.source = source
    }

    /// The configuration from the flag or environment, or nil when nothing is configured
    /// (the caller then falls back to the embedded cluster).
    public static func fromEnvironment(
        flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ConnectionConfig? {
        if let flag, !flag.isEmpty { return ConnectionConfig(conninfo: flag, source: .flag) }
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return ConnectionConfig(conninfo: url, source: .environmentURL)
        }
        let pgVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]
        if pgVariables.contains(where: { !(environment[$0] ?? "").isEmpty }) {
            // An empty conninfo makes libpq read the PG* variables itself.
            return ConnectionConfig(conninfo: "", source: .pgEnvironment)
        }
        return nil
    }

    /// The options libpq would use, parsed from the conninfo (nil when it does not parse).
    public func parsedOptions() -> [String: String]? {
        var errmsg: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errmsg) else {
            if let errmsg { PQfreemem(errmsg) }
            return nil
        }
        defer { PQconninfoFree(options) }
        var result: [String: String] = [:]
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                result[String(cString: keyword)] = String(cString: value)
            }
            cursor = cursor.advanced(by: 1)
        }
        return result
    }

    /// Why the conninfo does not parse, or nil when it does.
    public func parseError() -> String? {
        var errmsg: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(conninfo, &errmsg) {
            PQconninfoFree(options)
            return nil
        }
        defer { if let errmsg { PQfreemem(errmsg) } }
        let text = errmsg.map { String(cString: $0) } ?? "invalid connection string"
        return redact(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The password in the conninfo, if any (used only to scrub messages).
    var password: String? {
        if let value = parsedOptions()?["password"], !value.isEmpty { return value }
        // A URL that does not parse may still carry user:password@.
        if let url = URLComponents(string: conninfo), let pw = url.password, !pw.isEmpty { return pw }
        return nil
    }

    /// Replaces the password wherever it appears in `text`.
    public func redact(_ text: String) -> String {
        var text = text
        if let password { text = text.replacingOccurrences(of: password, with: "***") }
        return text
    }

    /// A safe, human-readable form: `postgresql://user@host:port/dbname`, never the password.
    public var description: String {
        guard let options = parsedOptions() else { return "(unparseable connection string)" }
        let env = ProcessInfo.processInfo.environment
        let user = options["user"] ?? env["PGUSER"] ?? NSUserName()
        let host = options["host"] ?? options["hostaddr"] ?? env["PGHOST"] ?? "localhost"
        let port = options["port"] ?? env["PGPORT"] ?? "5432"
        let dbname = options["dbname"] ?? env["PGDATABASE"] ?? user
        if host.hasPrefix("/") {
            return "postgresql://\(user)@/\(dbname)?host=\(host)&port=\(port)"
        }
        return "postgresql://\(user)@\(host):\(port)/\(dbname)"
    }

    /// The same target with a different database name (used by tests and `db` commands).
    public func withDatabase(_ name: String) -> ConnectionConfig {
        var options = parsedOptions() ?? [:]
        options["dbname"] = name
        // A conninfo string of key='value' pairs; values quoted and escaped as libpq expects.
        let text = options.sorted { $0.key < $1.key }.map { key, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "'", with: "\\'")
            return "\(key)='\(escaped)'"
        }.joined(separator: " ")
        return ConnectionConfig(conninfo: text, source: source)
    }
}
