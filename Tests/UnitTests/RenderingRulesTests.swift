import Foundation
import NOFSpreadsheet
import Testing
import ZIPFoundation
@testable import NOFReports

/// The renderers on tables made here (no database): column formats, terminal layout at 80
/// columns, notices and the highlighted row in every format, the charts' axes, gaps, England,
/// flags and targets, and the workbook's dates, formats, frozen header and autofilter.
@Suite("rendering rules (no database)")
struct RenderingRulesTests {
    static let orgs = ReportTable(title: "Organisations", columns: [
        ReportColumn(name: "org_code", kind: .text, label: "Code"), ReportColumn(name: "org_name", kind: .text, label: "Name"),
        ReportColumn(name: "type", kind: .text, label: "Type"), ReportColumn(name: "subtype", kind: .text, label: "Subtype"),
        ReportColumn(name: "region", kind: .text, label: "Region"), ReportColumn(name: "icb", kind: .text, label: "ICB"),
        ReportColumn(name: "opened", kind: .text, label: "Opened"), ReportColumn(name: "closed", kind: .text, label: "Closed"),
        ReportColumn(name: "predecessors", kind: .text, label: "Predecessors"), ReportColumn(name: "merged_into", kind: .text, label: "Merged into"),
        ReportColumn(name: "note", kind: .text, label: "Note"),
    ], rows: [
        ["R0D", "University Hospitals Dorset NHS Foundation Trust", "Acute trust", "Acute - Teaching", "South West", "QVV", "2020-10-01", "", "RD3, RDZ", "", ""].map(ReportCell.text),
        ["RDZ", "The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust", "NHS trust", "", "South West", "QVV", "1992-04-01", "2020-09-30", "", "R0D", "predecessor of R0D"].map(ReportCell.text),
    ])

    /// Every space-separated word of every cell appears whole on some line of the output.
    static func wordsWhole(_ table: ReportTable, _ lines: [String]) -> [String] {
        let tokens = Set(lines.flatMap { $0.split(separator: " ").map(String.init) })
        let words: [String] = ReportFormat.cells(table).joined().flatMap { cell in cell.split(separator: " ").map(String.init) }
        return words.filter { !tokens.contains($0) }
    }

    @Test("column formats: m:ss, one decimal, grouped counts, two-decimal scores, Apr 2025")
    func columnFormats() {
        #expect(ReportFormat.formatted(.number("24.45"), .minutes) == "24:27")
        #expect(ReportFormat.formatted(.number("7.999"), .minutes) == "8:00")
        #expect(ReportFormat.formatted(.number("-0.5"), .minutes) == "-0:30")
        #expect(ReportFormat.formatted(.number("74.24"), .percent) == "74.2")
        #expect(ReportFormat.formatted(.integer(1_730_933), .count) == "1,730,933")
        #expect(ReportFormat.formatted(.number("27162.5"), .count) == "27,162" || ReportFormat.formatted(.number("27162.5"), .count) == "27,163")
        #expect(ReportFormat.formatted(.number("14.33"), .weeks) == "14.3")
        #expect(ReportFormat.formatted(.number("1.5"), .score) == "1.50")
        #expect(ReportFormat.formatted(.text("2025-04"), .month) == "Apr 2025")
        #expect(ReportFormat.formatted(.date("2021-12-01"), .month) == "Dec 2021")
        #expect(ReportFormat.formatted(.text("Q4 2024/25"), .month) == nil, "not a month: shown as it is")
        // A month column without a declared format still reads as months.
        let table = ReportTable(title: "t", columns: [ReportColumn(name: "month", kind: .text), ReportColumn(name: "value", kind: .number)],
                                rows: [[.text("2024-11"), .number("57.78")]])
        #expect(ReportFormat.cells(table)[0][0] == "Nov 2024")
    }

    @Test("terminal tables at 80 columns never split a word, a code or a date, and mark the highlighted row")
    func terminalNeverSplits() {
        for width in [80, 60, 40] {
            let lines = TerminalTable(Self.orgs, style: TerminalStyle(width: width), highlighted: [1]).lines()
            #expect(lines.allSatisfy { $0.count <= width }, "\(width): \(lines.filter { $0.count > width })")
            #expect(Self.wordsWhole(Self.orgs, lines).isEmpty, "\(width): split \(Self.wordsWhole(Self.orgs, lines))")
            #expect(lines.contains { $0.hasPrefix("▶") }, "the highlighted row is marked")
            #expect(lines.filter { $0.hasPrefix("▶") }.count == 1)
        }
        // A table that fits when wrapped keeps its columns, headers from the labels.
        let names = ReportTable(title: "t", columns: [
            ReportColumn(name: "org_code", kind: .text, label: "Code"), ReportColumn(name: "org_name", kind: .text, label: "Provider"),
            ReportColumn(name: "c2_mean", kind: .number, label: "Cat 2 mean", format: .minutes),
        ], rows: [[.text("RYA"), .text("West Midlands Ambulance Service University NHS Foundation Trust"), .number("14.8")]])
        let lines = TerminalTable(names, style: TerminalStyle(width: 40)).lines()
        #expect(lines[0].hasPrefix("Code") && lines.joined().contains("14:48"), "\(lines)")
        #expect(Self.wordsWhole(names, lines).isEmpty && lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        // Prose breaks a URL after its punctuation, not inside a word.
        #expect(TextWrap.wrap("postgresql://postgres@/render?host=/tmp/nofdb-pg.9e3FSS&port=47967", width: 30)
                .allSatisfy { $0.count <= 30 && !$0.hasSuffix("ren") })
    }

    static func report(notices: [String] = ["Sample data: synthetic figures from nofdb sample, not NHS England's"]) -> ReportResult {
        var report = ReportResult(name: "ambulance", title: "Ambulance", parameters: [("period", "January 2021")], sections: [
            ReportTable(title: "Response times", columns: [
                ReportColumn(name: "org_code", kind: .text, label: "Code"), ReportColumn(name: "org_name", kind: .text, label: "Trust"),
                ReportColumn(name: "c2_mean", kind: .number, label: "Cat 2 mean", format: .minutes),
                ReportColumn(name: "c2_target", kind: .number, label: "Target", format: .minutes),
                ReportColumn(name: "flag", kind: .text),
            ], rows: [
                [.text("ENG"), .text("England"), .number("29.7"), .number("18"), .null],
                [.text("RRU"), .text("London Ambulance Service NHS Trust"), .number("41.5"), .number("18"), .null],
                [.text("RYA"), .text("West Midlands Ambulance Service"), .number("14.8"), .number("18"), .text("small numbers")],
                [.text("RX8"), .text("Yorkshire Ambulance Service NHS Trust"), .number("24.5"), .number("18"), .null],
            ], chart: ChartSpec(kind: .bar, x: "org_name", y: "c2_mean", unit: "minutes", target: "c2_target", better: .lower, flag: "flag", code: "org_code")),
        ])
        report.notices = notices
        report.highlight = "RX8"
        return report
    }

    @Test("notices come first and the highlighted organisation is marked in every format")
    func noticesAndHighlight() throws {
        let report = Self.report()
        let notice = report.notices[0]
        let terminal = ReportRenderer.terminal(report, style: TerminalStyle(width: 80)).split(separator: "\n").map(String.init)
        #expect(terminal[1].contains("Sample data"), "\(terminal.prefix(3))")
        #expect(terminal.contains { $0.hasPrefix("▶") && $0.contains("RX8") })
        let markdown = ReportRenderer.markdown(report)
        #expect(markdown.split(separator: "\n").dropFirst().first { !$0.isEmpty }?.contains(notice) == true)
        #expect(markdown.contains("| ▶ **RX8** | **Yorkshire Ambulance Service NHS Trust** | **24:30**"), "\(markdown)")
        #expect(markdown.contains("| Code | Trust | Cat 2 mean |"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportRenderer.json(report).utf8)) as? [String: Any])
        #expect(json["notices"] as? [String] == [notice])
        #expect(json["highlight"] as? String == "RX8")
        let html = HTMLReport.render(report)
        let h1 = try #require(html.range(of: "</h1>")), firstTable = try #require(html.range(of: "<table>"))
        let noticeAt = try #require(html.range(of: "class=\"notice\""))
        #expect(noticeAt.lowerBound > h1.lowerBound && noticeAt.lowerBound < firstTable.lowerBound)
        #expect(html.contains("<tr class=\"hl\">") && html.contains("Highlighted: </span>RX8"))
        #expect(html.contains("<th scope=\"col\" class=\"num\">Cat 2 mean</th>"))
    }

    @Test("HTML table cells keep a short value, a date or a date and time on one line")
    func htmlCellsKeepDatesWhole() {
        let table = ReportTable(title: "Loads", columns: [
            ReportColumn(name: "file", kind: .text, label: "File"), ReportColumn(name: "loaded_at", kind: .text, label: "Loaded (UTC)"),
        ], rows: [[.text("20241130-RTT-November-2024-RBD-only.csv"), .text("2026-12-06 12:25")]])
        let html = HTMLReport.tableHTML(table, id: "t")
        #expect(html.contains("<td class=\"nw\">2026-12-06 12:25</td>"), "\(html)")
        #expect(!html.contains("<td class=\"nw\">20241130-RTT"))
        #expect(HTMLReport.keepsTogether("2026-12-06T12:25:01") && HTMLReport.keepsTogether("Dec 2021"))
        #expect(!HTMLReport.keepsTogether("University Hospitals Dorset"))
    }

    @Test("bar and dot charts: sorted best first, named, the target dashed and labelled, England grey, flags explained, the highlight strong")
    func barChart() throws {
        let report = Self.report()
        let table = report.sections[0]
        let chart = try #require(table.chart)
        let html = try #require(HTMLReport.chartSVG(table, chart, id: "c0", highlight: "RX8"))
        let rows = String(html[(html.range(of: "class=\"axis-title\"")?.upperBound ?? html.startIndex)...])
        let order = ["West Midlands", "Yorkshire", "England", "London"].compactMap { rows.range(of: $0)?.lowerBound }
        #expect(order.count == 4 && order == order.sorted(), "lower is better: the lowest first")
        #expect(html.contains("class=\"htarget\"") && html.contains("target 18:00"))
        #expect(html.contains("hrow hl") && html.contains(HTMLReport.highlightColor) && html.contains(HTMLReport.mutedColor))
        #expect(html.contains("hrow eng") && html.contains(HTMLReport.englandColor))
        #expect(html.contains("hdot flagged") && html.contains("small numbers"))
        #expect(html.contains("aria-label=\"Dot chart of"), "a text alternative")
        // A league score axis spans 1 (best) to 4 (worst), not 0 to 4.
        let league = ReportTable(title: "League", columns: [
            ReportColumn(name: "org_name", kind: .text), ReportColumn(name: "org_code", kind: .text),
            ReportColumn(name: "segment", kind: .integer), ReportColumn(name: "average_score", kind: .number, format: .score),
        ], rows: [[.text("A"), .text("AAA"), .integer(1), .number("1.07")], [.text("B"), .text("BBB"), .integer(2), .number("2.40")]])
        let leagueHTML = try #require(HTMLReport.chartSVG(league, ChartSpec(kind: .bar, x: "org_name", y: "average_score", better: .lower, code: "org_code"), id: "l"))
        #expect(leagueHTML.contains("1.00 best") && leagueHTML.contains("4.00 worst") && !leagueHTML.contains(">0.00<"))
        #expect(leagueHTML.contains("1.07 S1") && leagueHTML.contains("S2: segment 2"), "segments also as text")
    }

    @Test("line charts: one monthly axis for every panel, gaps kept, England grey, flags in the legend, no label past the edge")
    func lineCharts() throws {
        let columns = [ReportColumn(name: "month", kind: .text), ReportColumn(name: "standard", kind: .text),
                       ReportColumn(name: "value", kind: .number), ReportColumn(name: "england", kind: .number),
                       ReportColumn(name: "target", kind: .number), ReportColumn(name: "flag", kind: .text)]
        var rows: [[ReportCell]] = []
        for m in ["2024-04", "2024-05", "2024-06", "2024-12", "2025-01", "2025-03"] {
            rows.append([.text(m), .text("Cancer 62-day"), .number(m == "2025-01" ? "21.1" : "75"), .number("68"), .number("70"), m == "2025-01" ? .text("small numbers") : .null])
        }
        rows.append([.text("2024-11"), .text("RTT"), .number("57.8"), .null, .number("92"), .null])
        let table = ReportTable(title: "Trend", columns: columns, rows: rows,
                                chart: ChartSpec(kind: .line, x: "month", y: "value", panels: "standard", unit: "%", target: "target", england: "england", flag: "flag"))
        let spec = try #require(table.chart)
        let html = try #require(HTMLReport.chartSVG(table, spec, id: "c1"))
        let panels = html.components(separatedBy: "<figure").dropFirst()
        #expect(panels.count == 2)
        for panel in panels {
            #expect(panel.contains(">Apr 2024</text>"), "every panel starts its axis in Apr 2024")
            #expect(!panel.contains(">2024-"), "months as Apr 2024 on the axis")
        }
        let cancer = try #require(panels.first)
        // Apr–Jun, Dec–Jan and Mar: three runs of which two have a line; the gaps stay gaps.
        #expect(cancer.components(separatedBy: "<polyline fill=\"none\" stroke=\"\(HTMLReport.palette[0])\"").count - 1 == 2)
        #expect(cancer.contains("class=\"england\"") && cancer.contains(">England</li>"))
        #expect(cancer.contains("class=\"flagged\"") && cancer.contains("small numbers</li>"))
        #expect(cancer.contains("target-label") && cancer.contains("<desc id="))
        #expect(LineChart.runs([0: 1, 1: 1, 2: 1, 8: 1, 9: 1, 11: 1]) == [[0, 1, 2], [8, 9], [11]])
        let axis = HTMLReport.TimeAxis(rows, x: 0)
        #expect(axis.keys.count == 12 && axis.label(0) == "Apr 2024" && axis.label(11) == "Mar 2025")
        #expect(axis.ticks(room: 5) == [0, 3, 6, 9], "quarters on the quarter boundaries")
    }

    @Test("workbooks: labels as a frozen header, an autofilter, months as dates, minutes as times, widths")
    func workbook() throws {
        var report = Self.report()
        report.sections.append(ReportTable(title: "England", columns: [
            ReportColumn(name: "month", kind: .text), ReportColumn(name: "attendances", kind: .integer, label: "Attendances", format: .count),
        ], rows: [[.text("2025-04"), .integer(1_730_933)]]))
        let sheets = ReportWorkbook.sheets(report)
        #expect(sheets.map(\.name) == ["Response times", "England", "Notes"])
        #expect(sheets[0].header && sheets[0].numberFormats[2] == "[m]:ss")
        guard case .text(let header) = sheets[0].rows[0][2], case .number(let minutes) = sheets[0].rows[1][2] else {
            Issue.record("header or minutes cell not typed: \(sheets[0].rows[0][2]) \(sheets[0].rows[1][2])"); return
        }
        #expect(header == "Cat 2 mean" && abs(minutes - 29.7 / 1440) < 1e-12)
        guard case .date(2025, 4, 1) = sheets[1].rows[1][0] else { Issue.record("month not a date: \(sheets[1].rows[1][0])"); return }
        #expect(sheets[1].numberFormats[0] == "mmm yyyy" && sheets[1].numberFormats[1] == "#,##0")
        guard case .text(let first) = sheets[2].rows[0][0] else { Issue.record("Notes starts \(sheets[2].rows[0])"); return }
        #expect(first.hasPrefix("Sample data"), "notices first on the Notes sheet")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nofdb-render-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try ReportWorkbook.write(report, to: url)
        let archive = try Archive(url: url, accessMode: .read)
        func part(_ path: String) throws -> String {
            var data = Data()
            _ = try archive.extract(try #require(archive[path]), consumer: { data.append($0) })
            return String(decoding: data, as: UTF8.self)
        }
        let sheet1 = try part("xl/worksheets/sheet1.xml"), sheet2 = try part("xl/worksheets/sheet2.xml"), styles = try part("xl/styles.xml")
        #expect(sheet1.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet1.contains("<autoFilter ref=\"A1:E5\"/>") && sheet1.contains("<cols><col min=\"1\" max=\"1\""))
        #expect(styles.contains("formatCode=\"mmm yyyy\"") && styles.contains("formatCode=\"[m]:ss\""))
        #expect(try part("xl/workbook.xml").contains("_xlnm._FilterDatabase"))
        // The month cell carries the style whose number format is mmm yyyy.
        let formats = ["#,##0", "[m]:ss", "mmm yyyy"]
        let monthStyle = 3 + (formats.firstIndex(of: "mmm yyyy") ?? 0)
        #expect(sheet2.contains("<c r=\"A2\" s=\"\(monthStyle)\"><v>45748</v></c>"), "\(sheet2)")
    }
}
