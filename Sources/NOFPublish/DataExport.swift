import Foundation
import NOFPostgres
import NOFReports

/// Writes the data folder's CSV files on a second connection while the first builds the
/// pages: PostgreSQL formats the CSV on one core while nofdb renders pages on another. The
/// second connection reads the same snapshot as the first (`pg_export_snapshot` and `SET
/// TRANSACTION SNAPSHOT`), as the sandbox role, so the files and the pages agree.
struct DataExport: Sendable {
    let config: ConnectionConfig
    let snapshot: String
    let views: [DataFolder.View]
    /// Where each view's file goes (the site writer's staging folder).
    let files: [String: URL]

    /// Starts the export; `wait()` on the result for the files written or the error.
    func start() -> DataExportRun {
        let run = DataExportRun()
        let group = run.group
        group.enter()
        Thread.detachNewThread {
            run.finish(Result { try self.export() })
            group.leave()
        }
        return run
    }

    private func export() throws -> [String] {
        let db = try Connection(config)
        defer { db.close() }
        try db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try db.execute(SQLQuery(verbatim: "SET TRANSACTION SNAPSHOT \(Connection.quoteLiteral(snapshot))"))
        try db.execute("SET LOCAL jit = off")
        try Sandbox.enter(db)
        var written: [String] = []
        for view in views {
            guard let url = files[view.name] else { continue }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try DataFolder.writeCSV(view, db: db, to: url)
            written.append(view.name)
        }
        try db.execute("COMMIT")
        return written
    }
}

/// A data export under way: `wait()` returns the views written, or throws what stopped it.
final class DataExportRun: @unchecked Sendable {
    let group = DispatchGroup()
    private let lock = NSLock()
    private var result: Result<[String], any Error>?

    func finish(_ result: Result<[String], any Error>) {
        lock.lock()
        self.result = result
        lock.unlock()
    }

    func wait() throws -> [String] {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        guard let result else { throw PublishError("the data export ended without a result") }
        return try result.get()
    }
}
