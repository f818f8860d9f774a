import Testing
@testable import NOFReports

@Suite("rendering rules")
struct RenderingTests {
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
