import Foundation
import NOFReports

/// One page of the site: where it goes, its title, the trail back to Home, its body, and the
/// date of the data it shows.
struct SitePage {
    let path: String
    var title: String
    /// The pages between Home and this one (label, path).
    var trail: [(label: String, path: String)] = []
    /// Which item of the site navigation the page belongs to.
    var section: SiteSection?
    var notices: [String] = []
    var body = ""
    var date = DataDate()
    /// Loads the search index (home and the organisations list).
    var search = false
}

/// The items of the site's navigation.
enum SiteSection: CaseIterable {
    case home, leagues, organisations, standards, fieldTest, method, data

    var label: String {
        switch self {
        case .home: return "Home"
        case .leagues: return "League tables"
        case .organisations: return "Organisations A–Z"
        case .standards: return "Standards"
        case .fieldTest: return "A&E field test"
        case .method: return "Method and data"
        case .data: return "Download the data"
        }
    }

    var path: String {
        switch self {
        case .home: return SitePaths.home
        case .leagues: return SitePaths.leagues
        case .organisations: return SitePaths.organisations
        case .standards: return SitePaths.standards
        case .fieldTest: return SitePaths.fieldTest
        case .method: return SitePaths.method
        case .data: return SitePaths.data
        }
    }
}

/// The frame around every page: a skip link, the site header and navigation, the trail back
/// to Home, the sample-data warning, the title with the data's date, and a footer that says
/// the date again, the source and the licence.
enum PageChrome {
    static func escape(_ s: String) -> String { HTMLReport.escape(s) }

    static func render(_ page: SitePage, sample: Bool) -> String {
        let link = { (target: String) in escape(SitePaths.link(from: page.path, to: target)) }
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escape(page.title)) – NHS performance (nofdb)</title>
            <link rel="stylesheet" href="\(link(SitePaths.stylesheet))"/>
            </head>
            <body>
            <a class="skip-link" href="#main">Skip to the content</a>
            <header class="site-header">
            <p class="brand"><a href="\(link(SitePaths.home))">NHS performance against the standards</a></p>
            <nav class="site-nav" aria-label="Site"><ul>
            """
        for item in SiteSection.allCases {
            let current = item == page.section && page.path == item.path ? " aria-current=\"page\"" : ""
            html += "<li><a href=\"\(link(item.path))\"\(current)>\(escape(item.label))</a></li>"
        }
        html += "</ul></nav>\n</header>\n"
        if page.path != SitePaths.home {
            html += "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"\(link(SitePaths.home))\">Home</a></li>"
            for step in page.trail { html += "<li><a href=\"\(link(step.path))\">\(escape(step.label))</a></li>" }
            html += "<li aria-current=\"page\">\(escape(page.title))</li></ol></nav>\n"
        }
        html += "<main id=\"main\">\n<h1>\(escape(page.title))</h1>\n"
        html += "<p class=\"data-date\">\(escape(page.date.sentence)).</p>\n"
        var notices = page.notices.filter { $0 != ReportRunner.sampleNotice }
        if sample { notices.insert(sampleNotice, at: 0) }
        html += HTMLReport.noticesHTML(notices)
        html += page.body
        html += """
            </main>
            <footer class="site-footer">
            <p>\(escape(page.date.sentence)). Figures from NHS England's published statistics (Open Government Licence v3.0), loaded and computed by nofdb; how they are made: <a href="\(link(SitePaths.method))">method and data</a>. <a href="\(link(SitePaths.home))">Back to Home</a>.</p>
            </footer>

            """
        if page.search { html += "<script src=\"\(link(SitePaths.searchIndex))\"></script>\n" }
        html += "<script src=\"\(link(SitePaths.script))\"></script>\n</body>\n</html>\n"
        return html
    }

    static let sampleNotice = "Sample data: this site was published from figures loaded from nofdb sample, which are synthetic (made up, under real trust names for realism), not NHS England's statistics."
}
