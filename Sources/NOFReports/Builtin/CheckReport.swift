import Foundation
import NOFWarehouse

/// Presents `nofdb check` results as a report: one table of every test, then one table per
/// failing test with its first failing rows.
public enum CheckReport {
    public static func make(_ results: [DataTestResult], database: String) -> ReportResult {
        let summary = ReportTable(
            title: "Data tests",
            columns: [
                ReportColumn(name: "test", kind: .text), ReportColumn(name: "result", kind: .text),
                ReportColumn(name: "failing_rows", kind: .integer), ReportColumn(name: "ms", kind: .integer),
                ReportColumn(name: "rule", kind: .text),
            ],
            rows: results.map { r in
                [.text(r.test.name), .text(r.error != nil ? "error" : r.passed ? "pass" : "FAIL"),
                 .integer(r.failingRows), .integer(r.milliseconds), .text(r.test.rule)]
            })
        var sections = [summary]
        for r in results where !r.passed {
            if let error = r.error {
                sections.append(ReportTable(
                    title: "\(r.test.name): the test query failed",
                    columns: [ReportColumn(name: "error", kind: .text)], rows: [[.text(error)]]))
                continue
            }
            let shown = r.sample.count < r.failingRows ? "first \(r.sample.count) of \(r.failingRows) rows" : "\(r.failingRows) rows"
            sections.append(ReportTable(
                title: "\(r.test.name): \(shown)",
                columns: r.columns.map { ReportColumn(name: $0, kind: .text) },
                rows: r.sample.map { $0.map { $0.map(ReportCell.text) ?? .null } },
                footnotes: [r.test.rule]))
        }
        let failed = results.filter { !$0.passed }.count
        return ReportResult(
            name: "check",
            title: failed == 0 ? "Data tests: all \(results.count) pass" : "Data tests: \(failed) of \(results.count) fail",
            parameters: [("database", database), ("tests", String(results.count)), ("failed", String(failed))],
            sections: sections)
    }
}
