/// A statement and its bound parameters, built by string interpolation: every interpolated
/// value becomes a `$n` parameter bound with its real type, never text in the SQL.
///
///     let rows = try db.execute("SELECT rate FROM nof.standard_performance WHERE org_code = \(org) AND period >= \(month)")
///
/// Only names that cannot be parameters (roles, tables in DDL) go into the text, quoted, with
/// `\(identifier:)`; a statement from the embedded SQL tree is wrapped with `SQLQuery(verbatim:)`.
public struct SQLQuery: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The SQL text, with `$1…` where the values go.
    public private(set) var sql: String
    /// The values, in `$n` order.
    public private(set) var binds: [PostgresBind]

    /// SQL text from the embedded tree or a user (`nofdb query`), with no values in it.
    public init(verbatim sql: String) {
        self.sql = sql
        self.binds = []
    }

    /// SQL whose `$n` placeholders are already numbered to match `binds`.
    public init(sql: String, binds: [PostgresBind]) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) { self.init(verbatim: value) }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.binds = stringInterpolation.binds
    }

    /// The SQL (values are never shown: they may be personal or secret).
    public var description: String { sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresBind] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) { sql += literal }

        /// A value, bound as `$n` with its type.
        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T) {
            append(PostgresBind(value))
        }

        /// A value or a NULL of its type.
        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T?) {
            append(PostgresBind(value))
        }

        /// An already typed bind (e.g. from a report's parameter table).
        public mutating func appendInterpolation(bind: PostgresBind) { append(bind) }

        /// A name that cannot be a parameter (a role or table in DDL), double-quoted.
        public mutating func appendInterpolation(identifier: String) {
            sql += Connection.quoteIdentifier(identifier)
        }

        /// A schema-qualified name (`dw.fact_ae`), each part double-quoted.
        public mutating func appendInterpolation(identifier name: String, in schema: String) {
            sql += Connection.quoteIdentifier(schema) + "." + Connection.quoteIdentifier(name)
        }

        /// Column names, each double-quoted, separated by commas (`"period", "org_code"`).
        public mutating func appendInterpolation(identifiers names: [String]) {
            sql += names.map(Connection.quoteIdentifier).joined(separator: ", ")
        }

        /// An integer written into the text, for the few statements that take no parameters
        /// (`SET LOCAL statement_timeout = 5000`): digits only, so nothing can be injected.
        public mutating func appendInterpolation(integer: Int) { sql += String(integer) }

        /// A fragment of SQL with its own binds: its `$n` are renumbered to follow ours.
        public mutating func appendInterpolation(_ fragment: SQLQuery) {
            sql += fragment.renumbered(from: binds.count)
            binds += fragment.binds
        }

        private mutating func append(_ bind: PostgresBind) {
            binds.append(bind)
            sql += "$\(binds.count)"
        }
    }

    /// The SQL with each `$n` shifted by `offset` (outside strings, comments and quotes).
    func renumbered(from offset: Int) -> String {
        guard offset > 0, !binds.isEmpty else { return sql }
        var out = ""
        for token in SQLTokenizer.tokens(sql) {
            if token.kind == .positionalParameter, let n = Int(token.text.dropFirst()) {
                out += "$\(n + offset)"
            } else {
                out += token.text
            }
        }
        return out
    }

    /// Joins fragments with a separator (e.g. `, ` or ` AND `), renumbering their parameters.
    public static func joined(_ parts: [SQLQuery], separator: String) -> SQLQuery {
        var result = SQLQuery(verbatim: "")
        for (i, part) in parts.enumerated() {
            if i > 0 { result.sql += separator }
            result.sql += part.renumbered(from: result.binds.count)
            result.binds += part.binds
        }
        return result
    }
}

/// A problem binding `:name` parameters, said so the user can fix it.
public struct NamedParameterError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The SQL uses `:name` and no value was given.
        case missing(String)
        /// A value was given for a name the SQL does not use.
        case unused(String)
    }
    public let problem: Problem
    public var description: String {
        switch problem {
        case .missing(let name): return "the SQL uses :\(name) but no value was given for it"
        case .unused(let name): return "a value was given for :\(name) but the SQL has no :\(name)"
        }
    }
}

extension SQLQuery {
    /// The `:name` parameters SQL text uses, in order of first use (outside strings, quoted
    /// identifiers, comments, dollar quotes and `::` casts).
    public static func parameterNames(in sql: String) -> [String] {
        var seen: [String] = []
        for token in SQLTokenizer.tokens(sql) {
            if let name = token.parameterName, !seen.contains(name) { seen.append(name) }
        }
        return seen
    }

    /// Binds SQL's `:name` placeholders by name: each becomes `$n` with the type of its value.
    /// Every name used needs a value; with `requireAllUsed`, every value needs a use.
    public init(named sql: String, _ values: [String: PostgresBind], requireAllUsed: Bool = false) throws {
        var out = ""
        var order: [String] = []
        for token in SQLTokenizer.tokens(sql) {
            guard let name = token.parameterName else {
                out += token.text
                continue
            }
            guard values[name] != nil else { throw NamedParameterError(problem: .missing(name)) }
            if let index = order.firstIndex(of: name) {
                out += "$\(index + 1)"
            } else {
                order.append(name)
                out += "$\(order.count)"
            }
        }
        if requireAllUsed, let unused = values.keys.sorted().first(where: { !order.contains($0) }) {
            throw NamedParameterError(problem: .unused(unused))
        }
        self.init(sql: out, binds: order.compactMap { values[$0] })
    }
}
