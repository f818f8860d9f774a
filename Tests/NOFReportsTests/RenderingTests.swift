import Testing
@testable import NOFReports

@Suite("rendering rules")
struct RenderingTests {
    @Test("display formatting: thousands, fixed decimals per column and unit, title case for names published in capitals")
    func displayFormatting() {
        #expect(ReportFormat.grouped("184850") == "184,850")
        #expect(ReportFormat.grouped("-1234567.5") == "-1,234,567.5")
        #expect(ReportFormat.grouped("999") == "999")
        #expect(ReportFormat.titleCase("THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST") == "The Newcastle upon Tyne Hospitals NHS Foundation Trust")
        #expect(ReportFormat.titleCase("KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST") == "King's College Hospital NHS Foundation Trust")
        #expect(ReportFormat.titleCase("Frimley Health NHS Foundation Trust") == "Frimley Health NHS Foundation Trust", "published mixed case kept")
        #expect(ReportFormat.titleCase("POOLE HOSPITAL NHS FOUNDATION TRUST (to Sep-2020; merged into R0D)") == "Poole Hospital NHS Foundation Trust (to Sep-2020; merged into R0D)")
        let columns = [ReportColumn(name: "org_name", kind: .text), ReportColumn(name: "value", kind: .number),
                       ReportColumn(name: "unit", kind: .text), ReportColumn(name: "attendances", kind: .integer),
                       ReportColumn(name: "org_code", kind: .text)]
        let table = ReportTable(title: "t", columns: columns, rows: [
            [.text("BARTS HEALTH NHS TRUST"), .number("57.5"), .text("%"), .integer(1_984_369), .text("R1H")],
            [.text("Bolton NHS Foundation Trust"), .number("647"), .text("count"), .integer(12), .text("RMC")],
            [.text("x"), .number("2.98"), .text("%"), .null, .text("RXX")],
        ])
        let cells = ReportFormat.cells(table)
        #expect(cells[0] == ["Barts Health NHS Trust", "57.50", "%", "1,984,369", "R1H"])
        #expect(cells[1] == ["Bolton NHS Foundation Trust", "647", "count", "12", "RMC"], "a count beside percentages keeps no decimals")
        #expect(cells[2][1] == "2.98" && cells[2][3] == "")
    }

    @Test("terminal tables wrap long text inside its column and never exceed the width")
    func wrapping() {
        #expect(ReportRenderer.wrap("RTT: % of incomplete pathways waiting over 52 weeks", width: 20)
                == ["RTT: % of incomplete", "pathways waiting", "over 52 weeks"])
        #expect(ReportRenderer.wrap("Supercalifragilistic", width: 8) == ["Supercal", "ifragili", "stic"])
        #expect(ReportRenderer.wrapName("median_weeks", width: 8) == ["median_", "weeks"])
        let columns = [ReportColumn(name: "standard", kind: .text), ReportColumn(name: "waiting_list", kind: .integer)]
        let table = ReportTable(title: "t", columns: columns, rows: [
            [.text("RTT: % of incomplete pathways waiting over 52 weeks"), .integer(184_850)],
            [.text("RTT: % of incomplete pathways waiting 18 weeks or less"), .integer(3)],
        ])
        let lines = ReportRenderer.terminalTable(table, style: TerminalStyle(width: 30))
        #expect(lines.allSatisfy { $0.count <= 30 }, "\(lines)")
        // The first column's pieces, read down the rows, give the whole names back.
        let rule = lines.firstIndex { $0.hasPrefix("─") } ?? 0
        let body = lines.dropFirst(rule + 1)
        let width = lines[rule].split(separator: " ").first?.count ?? 0
        let firstColumn = body.map { String($0.prefix(width)).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(firstColumn.contains("RTT: % of incomplete pathways waiting over 52 weeks"), "\(lines)")
        #expect(firstColumn.contains("RTT: % of incomplete pathways waiting 18 weeks or less"), "\(lines)")
        #expect(lines.joined().contains("184,850") && !lines.joined().contains("…"))
    }

    @Test("a marked footnote is shown only when a cell carries its mark; plain footnotes always")
    func markedFootnotes() {
        let columns = [ReportColumn(name: "org", kind: .text), ReportColumn(name: "note", kind: .text)]
        let notes = ["Scores run from 1 to 4.", "† not reported: A&E four-hour field test."]
        let marked = ReportTable(title: "t", columns: columns, rows: [[.text("RC9"), .text("†")]], footnotes: notes)
        #expect(marked.footnotes == notes)
        let plain = ReportTable(title: "t", columns: columns, rows: [[.text("RC9"), .text("")]], footnotes: notes)
        #expect(plain.footnotes == ["Scores run from 1 to 4."])
    }

    @Test("chart axes use round steps, start at 0 for non-negative data and cover the data")
    func niceAxis() {
        let percent = HTMLReport.niceAxis(2.1, 98.7)
        #expect(percent.bottom == 0)
        #expect(percent.top == 100)
        #expect(percent.ticks == [0, 25, 50, 75, 100])
        let minutes = HTMLReport.niceAxis(6.9, 8.4)
        #expect(minutes.bottom == 0 && minutes.top >= 8.4)
        #expect(minutes.ticks.count >= 3 && minutes.ticks.count <= 6)
        let flat = HTMLReport.niceAxis(0, 0)
        #expect(flat.top > flat.bottom)
        let negative = HTMLReport.niceAxis(-3, 7)
        #expect(negative.bottom <= -3 && negative.top >= 7)
    }
}
