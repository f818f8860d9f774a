import Foundation
import NOFPostgres
import NOFReports
import NOFSQL

/// The site's own queries (`SQL/site/`), in the canned reports' form: sections with their
/// column labels, formats, charts and footnotes. Each section computes a table for many pages
/// at once (every organisation, every standard) with a `page_key` column saying whose page a
/// row belongs to: one query instead of hundreds.
enum SiteCatalog {
    static let definitions: [String: Result<ReportDefinition, ReportDefinitionError>] = Dictionary(
        uniqueKeysWithValues: SQLTree.files(in: "site").map { file in
            (file.name, Result { () throws(ReportDefinitionError) in try ReportDefinition.parse(path: file.path, text: file.text) })
        })

    static func named(_ name: String) throws -> ReportDefinition {
        guard let parsed = definitions[name] else {
            throw PublishError("this nofdb has no site query \(name) (SQL/site/\(name).sql): the build is incomplete")
        }
        return try parsed.get()
    }
}

/// Runs reports for the site inside the publish's one snapshot: each in a savepoint that is
/// rolled back afterwards, so the sandbox role and settings a report takes end with it.
struct SiteReports {
    let connection: Connection

    /// A canned report (`SQL/reports/`), as `nofdb report NAME` runs it.
    func canned(_ name: String, _ options: ReportOptions = ReportOptions()) throws -> ReportResult {
        guard let definition = ReportCatalog.named(name) else {
            throw PublishError("this nofdb has no report \(name): the build is incomplete")
        }
        return try run(definition, options)
    }

    /// A site query (`SQL/site/NAME.sql`), every section split by its `page_key` column.
    func site(_ name: String) throws -> SiteTables {
        let report = try run(try SiteCatalog.named(name), ReportOptions())
        return SiteTables(report)
    }

    /// `body` inside a savepoint that is always rolled back (everything here only reads).
    func isolated<T>(_ body: () throws -> T) throws -> T {
        try connection.execute("SAVEPOINT nofdb_site_page")
        defer {
            _ = try? connection.execute("ROLLBACK TO SAVEPOINT nofdb_site_page")
            _ = try? connection.execute("RELEASE SAVEPOINT nofdb_site_page")
        }
        return try body()
    }

    func run(_ definition: ReportDefinition, _ options: ReportOptions) throws -> ReportResult {
        try isolated { try ReportRunner(connection: connection).run(definition, options: options) }
    }

    /// A query of the site's own, run as the sandbox role like the reports (it reads the
    /// `nof` views only).
    func sandboxed<T>(_ body: (Connection) throws -> T) throws -> T {
        try isolated {
            try Sandbox.enter(connection)
            return try body(connection)
        }
    }
}

/// A site query's result, split into each page's tables.
struct SiteTables {
    let report: ReportResult
    private var byKey: [String: [Int: [Int]]] = [:]

    init(_ report: ReportResult) {
        self.report = report
        for (s, table) in report.sections.enumerated() {
            guard let key = table.columnIndex("page_key") else { continue }
            for (r, row) in table.rows.enumerated() {
                byKey[row[key].display, default: [:]][s, default: []].append(r)
            }
        }
    }

    /// The page's part of every section, in order (empty tables where it has no rows).
    func tables(for key: String) -> [ReportTable] {
        report.sections.enumerated().map { s, table in
            table.rows(at: byKey[key]?[s] ?? []).removingColumn("page_key")
        }
    }
}
