import Foundation
import NOFReports

/// Method and data: the NOF method and its versions, what the leagues score and what they
/// cannot, the flag rules and targets, every load, and a calendar of what is loaded.
enum MethodPage {
    static func build(_ site: SiteBuild) throws -> (SitePage, PageContent) {
        var page = SitePage(path: SitePaths.method, title: "Method and data", section: .method)
        var content = site.content(for: page.path)
        let link = { (target: String) in HTMLReport.escape(SitePaths.link(from: page.path, to: target)) }
        content.prose("""
            <div class="prose">
            <p class="lead">How the figures on this site are made, where nofdb departs from NHS England's own method, and what \
            has been loaded.</p>
            <h2>The figures</h2>
            <p>Every figure is computed in the warehouse from the files NHS England publishes: rates from summed numerators and \
            denominators, never averages of rates; England, region and ICB figures from their providers, with how many providers \
            they come from (a figure from fewer providers than usual is marked <em>partial</em>); ambulance means and centiles as \
            AmbSYS publishes them. Each figure is compared with the target in force in its month. A figure from fewer than 20 \
            patients is marked <em>small numbers</em>; a standard whose newest figure is more than two months older than the \
            organisation's newest is marked <em>stale</em>. The A&amp;E field-test sites' missing four-hour figures are \
            <a href="\(link(SitePaths.fieldTest))">not reported, not zero</a>.</p>
            <h2>League tables and the NHS Oversight Framework</h2>
            <p>The NOF league scores each metric 1.00 (best) to 4.00 by percentile rank within the peer group (acute, specialist \
            or ambulance trusts, from trust types) and places organisations in segments 1 to 4 by their average score. It departs \
            from NHS England's NOF in what it can score: only the metrics these five datasets provide (the others, listed below, \
            need finance, workforce, quality and other data), so there is no finance override, and an organisation is ranked \
            only when scored on enough metrics. A league from one domain's metrics is that domain's league, never an overall \
            ranking, and every league page says which metrics it scored out of how many. Quarters are made from whole \
            quarters only: a provider missing a month has no quarterly figure.</p>
            <p>The tables of this page can be downloaded like every other; all the data is in <a href="\(link(SitePaths.data))">the data folder</a>.</p>
            </div>

            """)
        content.add(try site.reports.site("method").report.sections)
        var loads = ReportOptions()
        loads.limit = 100_000
        content.add(try site.reports.canned("loads", loads), sortable: true,
                    intro: "<p class=\"prose\">Every file loaded into the warehouse, newest first, with the rows it held; then the months a guard held back, the checks that warned, and the rows it rejected.</p>\n")
        content.add(try site.reports.canned("coverage"),
                    intro: "<p class=\"prose\">Which months of each dataset are loaded, the gaps between the first and the newest, and a calendar of them.</p>\n")
        page.notices = content.notices
        return (page, content)
    }
}
