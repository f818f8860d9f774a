import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

/// `nofdb rebuild`: every mart rebuilt from the facts, with every dataset's load lock held so
/// no load runs meanwhile, then every data test, in one transaction.
public struct Rebuilder {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    public func rebuild(onWait: (String) -> Void = { _ in }) throws -> (datasetMonths: Int, seconds: Double, tests: [DataTestResult]) {
        let started = Date()
        var held: [AdvisoryLock] = []
        defer { for lock in held { connection.releaseAdvisoryLock(lock) } }
        for dataset in Dataset.allCases {
            let lock = AdvisoryLock("load:\(dataset.rawValue)")
            try connection.acquireAdvisoryLock(lock, wait: true) { onWait("waiting for a load of \(dataset.rawValue) data to finish…") }
            held.append(lock)
        }
        return try connection.transaction { db in
            try db.execute("SET LOCAL jit = off")
            try db.execute("SET LOCAL work_mem = '64MB'")
            try db.execute("SELECT dw.rebuild_standard_target_month()")
            let months = try db.value("SELECT dw.rebuild_marts()::bigint AS months", as: Int.self)
            let tests = try DataTestRunner(connection: db).run()
            if let failure = tests.first(where: { !$0.passed }) {
                throw LoadError(file: "rebuild", reason: "after rebuilding, data test \(failure.test.name) fails: \(failure.test.rule) Nothing was changed",
                                hint: "this is a defect in nofdb's SQL: run nofdb check and report it")
            }
            return (months, Date().timeIntervalSince(started), tests)
        }
    }
}
