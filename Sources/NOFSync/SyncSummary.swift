import Foundation
import NOFIngest

/// Renders a sync report for people and for schedulers.
public enum SyncSummary {
    public static func text(_ report: SyncReport) -> String {
        var lines: [String] = []
        for problem in report.pageProblems { lines.append("page problem: \(problem)") }
        for item in report.items {
            let month = item.month.map { " [\($0)]" } ?? ""
            lines.append("\(item.action.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(item.dataset)\(month) \(item.linkText.isEmpty ? item.url : item.linkText): \(item.reason)")
        }
        let count = { (a: SyncItem.Action) in report.items.filter { $0.action == a }.count }
        lines.append("\(report.items.count) files found: \(count(.loaded)) loaded, \(count(.skipped)) skipped, \(count(.failed)) failed"
                     + (count(.wouldFetch) > 0 ? ", \(count(.wouldFetch)) would be fetched (dry run)" : "")
                     + (report.unreachable ? "; the source could not be reached" : ""))
        return lines.joined(separator: "\n")
    }

    public static func json(_ report: SyncReport) -> String {
        let object: [String: Any] = [
            "exit_code": Int(report.exitCode),
            "unreachable": report.unreachable,
            "page_problems": report.pageProblems,
            "files": report.items.map { item -> [String: Any] in
                var o: [String: Any] = ["dataset": item.dataset, "url": item.url, "link_text": item.linkText,
                                        "action": item.action.rawValue, "reason": item.reason]
                o["month"] = item.month?.description
                o["load_id"] = item.load?.loadId
                o["load_status"] = item.load?.status.rawValue
                return o
            },
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
