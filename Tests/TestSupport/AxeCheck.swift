import Foundation
import Testing

/// axe-core in headless Chromium on HTML pages (Scripts/axe-check through the project's .venv),
/// for the report and the site browser tests: every page at 1280 and 400 px, each error, narrow
/// viewport and violation recorded as an issue named by the caller.
public enum AxeCheck {
    public struct Result: Decodable, Sendable {
        public struct Violation: Decodable, Sendable {
            public struct Node: Decodable, Sendable { public let target: [String]; public let summary: String? }
            public let id: String
            public let impact: String?
            public let help: String
            public let nodes: [Node]
        }
        public let page: String
        public let width: Int
        public let clientWidth: Int?
        public let violations: [Violation]?
        public let error: String?
    }

    /// Checks `pages` at 1280 and 400 px; `name` turns a page's path into the name an issue shows.
    public static func expectNoViolations(_ pages: [URL], name: (String) -> String) throws {
        let root = TestEnvironment.packageRoot
        let python = root.appendingPathComponent(".venv/bin/python")
        try #require(FileManager.default.isExecutableFile(atPath: python.path),
                     "axe-core is not installed: run Scripts/install-packages (it makes .venv with the axe-playwright-python wheel)")
        let result = try runProgram(python, [root.appendingPathComponent("Scripts/axe-check").path, "--width", "1280", "--width", "400"]
                                    + pages.map(\.path))
        #expect(result.status == 0, "Scripts/axe-check failed: \(result.stderr.suffix(800))")
        let results = try result.stdout.split(separator: "\n").map { try JSONDecoder().decode(Result.self, from: Data($0.utf8)) }
        #expect(results.count == pages.count * 2, "axe checked \(results.count) of \(pages.count * 2) pages and widths")
        for r in results {
            let label = "\(name(r.page))@\(r.width)"
            #expect(r.error == nil, "\(label): axe did not run: \(r.error ?? "")")
            #expect(r.clientWidth == r.width, "\(label): the viewport was \(r.clientWidth ?? 0) px")
            for v in r.violations ?? [] {
                Issue.record("\(label): \(v.id) (\(v.impact ?? "?")): \(v.help); \(v.nodes.count) nodes, e.g. \(v.nodes.prefix(3).map { $0.target.joined(separator: " ") + ": " + ($0.summary ?? "") })")
            }
        }
    }
}
