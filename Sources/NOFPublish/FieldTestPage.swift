import Foundation
import NOFReports

/// The A&E four-hour field test in plain English, with the field-test report's tables: the
/// sites, England with and without them, and the gaps the reference does not explain.
enum FieldTestPage {
    static let inputs = PageInputs(datasets: ["ae"])

    static func build(_ site: SiteBuild) throws -> (SitePage, PageContent) {
        var page = SitePage(path: SitePaths.fieldTest, title: "The A&E four-hour field test", section: .fieldTest)
        var content = site.content(for: page.path)
        content.prose("""
            <div class="prose">
            <p class="lead">From May 2019 to May 2023, fourteen hospital trusts tested new urgent and \
            emergency care standards in place of the four-hour target. While they did, they did not report how many patients \
            waited more than four hours in A&amp;E.</p>
            <h2>What happened</h2>
            <p>In 2019 NHS England began a field test of proposed new A&amp;E standards at a small number of trusts. The trusts \
            kept sending their monthly A&amp;E returns — attendances and emergency admissions — but stopped reporting four-hour \
            performance. The published files still have a number in the "over four hours" columns for them: <strong>0</strong>. \
            That 0 does not mean that nobody waited more than four hours; it means the figure was not reported. The test ended, \
            and the trusts reported four-hour figures again, from June 2023.</p>
            <p>Two mergers run through the list. Poole Hospital (RD3) was a field-test site until it merged with Royal Bournemouth \
            into University Hospitals Dorset (R0D) in October 2020; the merged trust reported no four-hour figures from then, \
            which is why the list below has fifteen codes. \
            Luton and Dunstable (RC9) absorbed Bedford Hospital in April 2020, so Bedford's breaches disappear from the files too.</p>
            <h2>How nofdb treats it</h2>
            <ul>
            <li>For each field-test site's months, four-hour figures are <strong>not reported</strong>, never 0: the trust's pages \
            show them as "† not reported (field test)" and its charts leave a gap.</li>
            <li>England's four-hour figure leaves the field-test sites' attendances and breaches out, which is how NHS England \
            publishes it. Counting their zeros as real would overstate England's performance: both are in the chart below.</li>
            <li>A quarter with a field-test month has no four-hour value for that site, so the league tables score it on its other \
            metrics in that quarter rather than on a false 100%.</li>
            <li>Sites with many attendances and no breaches that the list does not explain are listed below as unexplained gaps, \
            so that a new non-reporting site is noticed rather than counted as perfect.</li>
            </ul>
            </div>

            """)
        do {
            content.add(try site.reports.canned("field-test"))
        } catch let error as ReportError {
            content.prose("<p>No tables: \(HTMLReport.escape(error.message)).</p>\n")
        }
        page.notices = content.notices
        return (page, content)
    }
}
