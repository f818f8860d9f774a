import Foundation
import NOFPostgres
import NOFReports

/// `data/`: every public `nof` view as one CSV file (UTF-8 with a byte-order mark; the column
/// names and raw values a BI tool reads, written by PostgreSQL's own CSV output; rows in a
/// fixed order so an unchanged view gives identical bytes), and a page listing them.
enum DataFolder {
    struct View: Decodable, Sendable {
        let name: String
        let description: String?
        let grain: String?
        /// Columns a sort can use (json cannot be compared), in order.
        let orderable: [String]
    }

    /// Views left out, and why: the published file itself, row for row, at a size that has
    /// no place on an intranet page (192,000 rows a month nationally).
    static let leftOut: [String: String] = [
        "rtt_detail": "the RTT file as published, one row per provider, commissioner, treatment function and pathway part (about 192,000 rows a month nationally): query it with nofdb query or a BI tool, or download the file from NHS England",
    ]

    static func views(_ db: Connection) throws -> [View] {
        try db.query(
            """
            SELECT view_name AS name, max(view_description) AS description, max(grain) AS grain,
                   coalesce(array_agg(column_name::text ORDER BY position) FILTER (WHERE data_type NOT IN ('json', 'xml')), '{}') AS orderable
              FROM nof.data_dictionary GROUP BY view_name ORDER BY view_name
            """, as: View.self)
    }

    /// What every data file depends on: every slice, every load attempt and every sync step.
    static func inputs(_ fingerprinter: Fingerprinter) -> PageInputs {
        PageInputs(datasets: fingerprinter.allDatasets, extra: ["loads \(fingerprinter.inventory.loadLogMark)", "syncs \(fingerprinter.inventory.syncMark)"])
    }

    /// Writes one view's CSV to `url`: the server's own CSV (COPY … TO STDOUT), streamed. The
    /// caller has put `db` in the sandbox role and the publish's snapshot.
    static func writeCSV(_ view: View, db: Connection, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw PublishError("cannot create \(url.path): is the disk full, or the folder not writable?")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data("\u{FEFF}".utf8))
        let order: SQLQuery = view.orderable.isEmpty ? "" : " ORDER BY \(identifiers: view.orderable)"
        // Rows arrive one at a time: written in chunks of about a megabyte.
        var buffer = Data()
        buffer.reserveCapacity(1 << 20 + (64 << 10))
        try db.copyOut("COPY (SELECT * FROM \(identifier: view.name, in: "nof")\(order)) TO STDOUT WITH (FORMAT csv, HEADER)") { row in
            buffer.append(contentsOf: row)
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try handle.write(contentsOf: buffer) }
    }

    static func index(_ views: [View], _ site: SiteBuild) -> (SitePage, PageContent) {
        var page = SitePage(path: SitePaths.data, title: "Download the data", section: .data)
        var content = site.content(for: page.path)
        var html = """
            <p class="lead">Every public view of the warehouse as a CSV file: UTF-8 with a byte-order mark (Excel reads it as is), \
            the column names and raw values a BI tool sees. Each table on the other pages also has its own CSV and Excel download \
            beside it. <code>data_dictionary.csv</code> describes every column.</p>
            <ul class="links">

            """
        for view in views {
            let description = view.description.map { " — " + HTMLReport.escape($0) } ?? ""
            if let why = leftOut[view.name] {
                html += "<li><code>nof.\(HTMLReport.escape(view.name))</code>\(description) <strong>Not here:</strong> \(HTMLReport.escape(why)).</li>\n"
            } else {
                html += "<li><a href=\"\(HTMLReport.escape(SitePaths.link(from: page.path, to: SitePaths.dataCSV(view.name))))\">\(HTMLReport.escape(view.name)).csv</a>\(description)</li>\n"
            }
        }
        content.prose(html + "</ul>\n")
        page.date = site.fingerprinter.dataDate(PageInputs(datasets: site.fingerprinter.allDatasets))
        return (page, content)
    }
}
