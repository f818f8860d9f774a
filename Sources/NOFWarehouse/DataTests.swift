import Foundation
import NOFCore
import NOFPostgres
import NOFSQL

/// A data test from `SQL/tests/`, in the dbt sense: one query that returns the rows breaking
/// a rule, named for the rule. It passes when the query returns no rows.
///
/// Header lines: `-- rule:` says the rule in words; `-- scope: periods` marks a test whose
/// query takes the months to check as `:periods`, a `date[]` (NULL: every month), so a load
/// can run it for the months it touched.
public struct DataTest: Sendable, Equatable {
    public let name: String
    public let rule: String
    public let sql: String
    public let scopedToPeriods: Bool

    public init(name: String, rule: String, sql: String, scopedToPeriods: Bool) {
        self.name = name
        self.rule = rule
        self.sql = sql
        self.scopedToPeriods = scopedToPeriods
    }

    /// Every data test in the embedded `SQL/tests/`, by name.
    public static var all: [DataTest] {
        SQLTree.files(in: "tests").map { file in
            var body = file.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if body.hasSuffix(";") { body.removeLast() }
            return DataTest(
                name: file.name, rule: file.header("rule").joined(separator: " "), sql: body,
                scopedToPeriods: file.header("scope").contains("periods"))
        }.sorted { $0.name < $1.name }
    }
}

/// The outcome of one data test.
public struct DataTestResult: Sendable {
    public let test: DataTest
    /// Rows that break the rule (0: passed).
    public var failingRows: Int
    /// The first failing rows, as column name → text (NULL as nil).
    public var columns: [String] = []
    public var sample: [[String?]] = []
    /// Set when the query itself failed (an error is a failure too).
    public var error: String?
    public var milliseconds: Int

    public var passed: Bool { failingRows == 0 && error == nil }
}

/// Runs data tests against a database.
public struct DataTestRunner {
    let connection: Connection
    /// How many failing rows each result keeps.
    public var sampleSize = 5

    public init(connection: Connection) { self.connection = connection }

    /// Runs `tests` (all when nil). With `periods`, only tests scoped to periods run, for
    /// those months. Each runs in its own read-only transaction under a statement timeout;
    /// inside an open transaction (a load's) each runs in a savepoint under the caller's
    /// settings, so it sees that transaction's changes.
    public func run(_ tests: [DataTest]? = nil, periods: [YearMonth]? = nil, timeoutMilliseconds: Int = 300_000) throws -> [DataTestResult] {
        var selected = tests ?? DataTest.all
        if periods != nil { selected = selected.filter(\.scopedToPeriods) }
        return try selected.map { test in try run(test, periods: periods, timeoutMilliseconds: timeoutMilliseconds) }
    }

    func run(_ test: DataTest, periods: [YearMonth]?, timeoutMilliseconds: Int) throws -> DataTestResult {
        let started = Date()
        var result = DataTestResult(test: test, failingRows: 0, milliseconds: 0)
        do {
            // One pass: the window counts every failing row before LIMIT keeps the first few.
            // The rule is a materialised CTE so it is planned on its own: under the LIMIT the
            // planner chose fast-start nested loops (a rule that takes 70 ms took 4 s at ten years).
            // The months go as a typed date[]: bound as text, `$1::date[]` was a cast the
            // planner did not fold, so `:periods IS NULL OR period = ANY (:periods)` could not
            // use an index and every rule scanned the whole history (the mart grain rule at 55
            // months: 311 ms as text, 9.5 ms typed).
            let rule = try SQLQuery(named: test.sql, test.scopedToPeriods ? ["periods": PostgresBind(periods)] : [:], requireAllUsed: true)
            let query: SQLQuery = "WITH t AS MATERIALIZED (\(rule)\n) SELECT count(*) OVER () AS nofdb_failing_rows, t.* FROM t LIMIT \(sampleSize)"
            let nested = connection.inTransaction
            try connection.transaction(readOnly: !nested, statementTimeout: nested ? nil : timeoutMilliseconds) { db in
                // No JIT: compiling costs more than these queries do (inside a load it stays off
                // for the rest of the load's transaction, which does not want it either).
                try db.execute("SET LOCAL jit = off")
                let rows = try db.execute(query)
                result.columns = Array(rows.columnNames.dropFirst())
                for row in rows.rows {
                    result.failingRows = try row.decode("nofdb_failing_rows", as: Int.self)
                    result.sample.append((1..<rows.columnCount).map { rows.string(row: row.index, column: $0) })
                }
            }
        } catch let error as PostgresError {
            result.error = error.message
        } catch let error as NamedParameterError {
            result.error = "SQL/tests/\(test.name).sql: \(error)"
        }
        result.milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        return result
    }
}
