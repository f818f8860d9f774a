import Foundation
import NOFIngest
import NOFPostgres
import Synchronization

/// Every real NHS England file in ../shared/data/nhse and the ODS files nofdb loads from
/// ../shared/data/ods (both trusts snapshots and the successor file), loaded once into one
/// database. Without ../shared: every file of the committed corpus (Tests/Corpus/nhse), and no
/// ODS files (the corpus holds none).
public final class RealDataFixture: Sendable {
    public let db: TestDatabase
    public let results: [FileLoadResult]
    /// True when the fixture holds the full shared set, false for the committed corpus.
    public var isFullSet: Bool { TestEnvironment.hasSharedData }

    private init(db: TestDatabase, results: [FileLoadResult]) {
        self.db = db
        self.results = results
    }

    private static let shared = Mutex<RealDataFixture?>(nil)

    /// Loads everything on first use (once per test run), then returns the same database.
    public static func get() throws -> RealDataFixture {
        try shared.withLock { fixture in
            if let fixture { return fixture }
            let db = try TestDatabase.make()
            let connection = try db.connect()
            let loader = Loader(connection: connection, options: LoadOptions())
            let ods = TestEnvironment.hasSharedData ? ["etr-2025-07.csv", "etr.csv", "succ.csv"].map { TestEnvironment.odsFile($0).path } : []
            let (results, _) = try loader.load(paths: [TestEnvironment.nhseFile("").path] + ods)
            let made = RealDataFixture(db: db, results: results)
            fixture = made
            return made
        }
    }
}

