import Foundation
import NOFCore
import NOFPostgres
import NOFReports
import NOFWarehouse

/// What the page builders share during one publish: the reports runner in the snapshot, the
/// inventory, fingerprints, links, and the site queries' results, run once and only when a
/// page needs them (a publish that changes nothing runs none).
final class SiteBuild {
    let reports: SiteReports
    let inventory: SiteInventory
    let fingerprinter: Fingerprinter
    let linker: SiteLinker
    private var organisations: SiteTables?
    private var standards: SiteTables?

    init(reports: SiteReports, inventory: SiteInventory, fingerprinter: Fingerprinter) {
        self.reports = reports
        self.inventory = inventory
        self.fingerprinter = fingerprinter
        var leagues: [String: LeagueTableKey] = [:]
        for table in inventory.leagueTables where table.key.league == "nof" {
            let key = table.key
            leagues[SiteLinker.leagueLookup(key.periodType, key.periodLabel, key.peerGroup, key.domain)] = key
        }
        let loaded = Set(inventory.slices.map(\.dataset))
        linker = SiteLinker(organisations: Set(inventory.providers),
                            standards: Set(inventory.standards.filter { loaded.contains($0.dataset) }.map(\.code)),
                            leagueTables: leagues)
    }

    func content(for path: String) -> PageContent { PageContent(path: path, linker: linker) }

    /// Every organisation page's tables (SQL/site/organisations.sql), run on first use.
    func organisationTables() throws -> SiteTables {
        if let organisations { return organisations }
        let tables = try reports.site("organisations")
        organisations = tables
        return tables
    }

    /// Every standard page's tables (SQL/site/standards.sql), run on first use.
    func standardTables() throws -> SiteTables {
        if let standards { return standards }
        let tables = try reports.site("standards")
        standards = tables
        return tables
    }
}

/// The build of nofdb that made a page: the SHA-256 of the running executable, so a new nofdb
/// rebuilds every page (and rewrites those whose bytes change) even when its version number
/// did not change; nofdb's version where the executable cannot be read.
enum BuildIdentity {
    static let current: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if let data = try? Data(contentsOf: exe, options: .alwaysMapped) {
            return "build " + SHA256Hasher.hex(of: data)
        }
        return "version " + NofdbVersion.current
    }()
}
