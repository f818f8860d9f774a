import Foundation

/// What a workbook or CSV looks like before any of it is loaded: its sheets' names and first
/// rows. NHS England publishes each dataset in several products (full CSVs, provider and
/// commissioner workbooks, time series, national summaries); a product is recognised from
/// this structure (sheet names, the `Title:` / `Summary:` / `Basis:` block, header rows),
/// never from the file name.
public struct FileProbe: Sendable {
    public enum Kind: String, Sendable { case csv, xlsx, xls }

    public struct Sheet: Sendable {
        public var name: String
        /// The first rows (trimmed cell text), at most `FileProbe.rowsPerSheet`.
        public var rows: [[String]]

        public init(name: String, rows: [[String]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// Rows read from the top of each sheet: enough for the DM01 and RTT metadata blocks and
    /// header rows (row 14), and the AmbSYS time series `Raw` header (row 5).
    public static let rowsPerSheet = 30

    public var kind: Kind
    public var sheets: [Sheet]

    public init(kind: Kind, sheets: [Sheet]) {
        self.kind = kind
        self.sheets = sheets
    }

    public var sheetNames: [String] { sheets.map(\.name) }

    func sheet(_ name: String) -> Sheet? {
        sheets.first { normaliseHeader($0.name) == normaliseHeader(name) }
    }

    func hasSheet(_ name: String) -> Bool { sheet(name) != nil }

    /// The value beside a metadata label (`Title:`, `Summary:`, `Basis:`) in the block NHS
    /// England puts at the top of its workbooks: the first non-blank cell right of the label,
    /// on the first sheet that has one.
    func metadata(_ label: String) -> String? {
        let wanted = normaliseHeader(label)
        for sheet in sheets {
            for row in sheet.rows {
                guard let i = row.firstIndex(where: { normaliseHeader($0) == wanted }) else { continue }
                if let value = row.dropFirst(i + 1).first(where: { !$0.isEmpty }) { return value }
            }
        }
        return nil
    }

    /// True when any probed cell of any sheet contains `text` (case-insensitive).
    func anyCell(containing text: String) -> Bool {
        let wanted = normaliseHeader(text)
        return sheets.contains { $0.rows.contains { $0.contains { normaliseHeader($0).contains(wanted) } } }
    }

    /// The first row of the first sheet that is not blank (a CSV's header).
    var firstRow: [String]? {
        sheets.first?.rows.first { !$0.allSatisfy(\.isEmpty) }
    }
}

/// A product NHS England publishes (or reference data nofdb carries), and what nofdb does
/// with it.
public struct Product: Sendable, Equatable, CustomStringConvertible {
    public enum Disposition: Sendable, Equatable {
        /// nofdb loads it: from this sheet (nil: the sheet or file whose header it recognises).
        case load(sheet: String?)
        /// nofdb does not load it; `instead` says what to load.
        case refuse(instead: String)
        /// Reference data nofdb already carries in its schema: nothing to load.
        case builtIn(source: String, date: String, table: String)
    }

    /// A short stable id, e.g. `rtt-admitted-commissioner`.
    public let id: String
    public let dataset: Dataset?
    /// "RTT Admitted Commissioner workbook".
    public let name: String
    /// What it holds, e.g. "completed admitted pathways summarised by commissioner".
    public let detail: String
    public let disposition: Disposition

    public var description: String { name }

    /// What `nofdb load` says about the file: for a refused product its name and what to load
    /// instead; for built-in reference data, that there is nothing to load.
    public var message: String {
        switch disposition {
        case .load: return "This is the \(name) (\(detail))."
        case .refuse(let instead): return "This is the \(name) (\(detail)). \(instead)"
        case .builtIn(let source, let date, let table):
            return "this is the \(name) (\(detail)): reference data built in (\(source), \(date)); nothing to load (nofdb keeps it in \(table))"
        }
    }

    public var isLoaded: Bool {
        if case .load = disposition { return true }
        return false
    }
}

/// Thrown while reading when the file is a product nofdb names rather than loads (refused,
/// or reference data it carries).
struct ProductRecognised: Error, CustomStringConvertible {
    let product: Product
    var description: String { product.message }
}

/// How to recognise one product from a probe.
struct ProductSpec: Sendable {
    let product: Product
    let kinds: Set<FileProbe.Kind>
    let matches: @Sendable (FileProbe) -> Bool
}

/// Every NHS England product nofdb knows by structure: the ones it loads from a workbook
/// (which sheet), the ones it names and refuses (with what to load instead), and the
/// reference files it carries itself. Plain CSV data files (A&E, AmbSYS, RTT Full CSV, NOF,
/// ODS) are recognised by their header row in `LayoutRegistry`.
public enum ProductRegistry {
    // What to load instead, per dataset.
    static let rttInstead =
        "nofdb loads provider-level RTT from the Full CSV data file: on the month's page under england.nhs.uk/statistics/statistical-work-areas/rtt-waiting-times/ download \"Full CSV data file <Mon><YY> (ZIP)\" and load the ZIP as it is (or the CSV inside it)."
    static let cancerInstead =
        "nofdb loads cancer waiting times by provider from the CWT CRS Provider Extract (CWT-CRS-<months>-Data-Extract-Provider.xlsx on the Cancer Waiting Times page under england.nhs.uk/statistics/statistical-work-areas/cancer-waiting-times/): load that workbook."
    static let dm01Instead =
        "nofdb loads DM01 by provider from the Monthly Diagnostics Web File - Provider (Monthly-Diagnostics-Web-File-Provider-<Month>-<Year>.xls on the month's page under england.nhs.uk/statistics/statistical-work-areas/diagnostics-waiting-times-and-activity/): load that .xls."
    static let aeInstead =
        "nofdb loads A&E by provider from the monthly CSV (\"Monthly A&E <Month> <Year> (CSV)\", the MSitAE file on each month's page under england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/): load those CSVs."

    /// RTT's monthly workbooks: one per part of the pathway and per basis.
    enum RTTPart: CaseIterable {
        case admitted, nonAdmitted, incomplete, incompleteDTA, newPeriods

        var title: String {
            switch self {
            case .admitted: return "Admitted"
            case .nonAdmitted: return "Non-Admitted"
            case .incomplete: return "Incomplete"
            case .incompleteDTA: return "Incomplete with DTA"
            case .newPeriods: return "New Periods"
            }
        }

        var id: String {
            switch self {
            case .admitted: return "admitted"
            case .nonAdmitted: return "nonadmitted"
            case .incomplete: return "incomplete"
            case .incompleteDTA: return "incomplete-dta"
            case .newPeriods: return "new-periods"
            }
        }

        var holds: String {
            switch self {
            case .admitted: return "completed admitted pathways"
            case .nonAdmitted: return "completed non-admitted pathways"
            case .incomplete: return "incomplete pathways"
            case .incompleteDTA: return "incomplete pathways with a decision to admit"
            case .newPeriods: return "new RTT periods (clock starts)"
            }
        }

        /// Which part a workbook's `Summary:` cell describes ("Monthly Referral to Treatment
        /// (RTT) waiting times for completed admitted pathways.").
        static func of(summary: String) -> RTTPart? {
            let s = normaliseHeader(summary)
            if s.contains("non-admitted") || s.contains("non admitted") || s.contains("nonadmitted") { return .nonAdmitted }
            if s.contains("admitted") && !s.contains("incomplete") { return .admitted }
            if s.contains("incomplete") {
                return s.contains("decision to admit") || s.contains("dta") ? .incompleteDTA : .incomplete
            }
            if s.contains("new rtt period") || s.contains("new period") || s.contains("clock start") { return .newPeriods }
            return nil
        }
    }

    static func isRTT(_ p: FileProbe) -> Bool {
        (p.metadata("Title:").map { normaliseHeader($0).contains("referral to treatment") } ?? false)
    }

    static func basis(_ p: FileProbe) -> String { normaliseHeader(p.metadata("Basis:") ?? "") }

    /// A time series by its title cells (the metadata block, or a title row), not by text
    /// anywhere: a monthly workbook's notes may well mention the time series.
    static func isTimeSeries(_ p: FileProbe) -> Bool {
        let titles = [p.metadata("Title:"), p.metadata("Summary:"), p.metadata("Basis:")].compactMap { $0 }
            + p.sheets.compactMap { $0.rows.first(where: { !$0.allSatisfy(\.isEmpty) })?.first(where: { !$0.isEmpty }) }
        return titles.contains { title in
            let t = normaliseHeader(title)
            return t.contains("time series") || t.contains("timeseries")
        }
    }

    static let ambsysRawPrefix = ["concatenated", "year", "month", "reg", "", "area", "trust"]

    static let specs: [ProductSpec] = {
        var specs: [ProductSpec] = []
        // MARK: loaded workbooks
        specs.append(ProductSpec(
            product: Product(
                id: "ambsys-time-series", dataset: .ambulance, name: "AmbSYS time series workbook",
                detail: "Ambulance Systems Indicators for every month since August 2017: dashboard sheets, an ICB lookup, and the trust-month data in its Raw sheet",
                disposition: .load(sheet: "Raw")),
            kinds: [.xlsx],
            matches: { p in
                guard let raw = p.sheet("Raw") else { return false }
                return raw.rows.contains { row in
                    Array(row.prefix(7).map(normaliseHeader)) == ambsysRawPrefix
                        && row.dropFirst(7).filter { $0.range(of: "^A[0-9]+$", options: .regularExpression) != nil }.count >= 10
                }
            }))
        specs.append(ProductSpec(
            product: Product(
                id: "cwt-crs-provider-extract", dataset: .cancer, name: "CWT CRS Provider Extract",
                detail: "cancer waiting times by provider, standard, route, modality and cancer type, one row per combination and month",
                disposition: .load(sheet: "CWT CRS Provider Extract")),
            kinds: [.xlsx],
            matches: { $0.hasSheet("CWT CRS Provider Extract") }))
        specs.append(ProductSpec(
            product: Product(
                id: "dm01-provider", dataset: .diagnostics, name: "Monthly Diagnostics Web File - Provider (DM01)",
                detail: "waiting list by provider and test in its Provider by Test sheet",
                disposition: .load(sheet: "Provider by Test")),
            kinds: [.xls, .xlsx],
            matches: { p in
                p.hasSheet("Provider by Test")
                    && (p.metadata("Title:").map { normaliseHeader($0).contains("diagnostic") } ?? true)
            }))

        // MARK: RTT workbooks (refused: provider-level RTT comes from the Full CSV)
        specs.append(ProductSpec(
            product: Product(
                id: "rtt-overview-timeseries", dataset: .rtt, name: "RTT Overview Timeseries workbook",
                detail: "England totals by month since 2007, with estimates for trusts that did not submit",
                disposition: .refuse(instead: rttInstead)),
            kinds: [.xlsx, .xls],
            matches: { p in
                (isRTT(p) || p.anyCell(containing: "referral to treatment"))
                    && (isTimeSeries(p) || p.hasSheet("Full Time Series")
                        || (p.metadata("Title:").map { normaliseHeader($0).contains("overview") } ?? false))
            }))
        for basisName in ["Provider", "Commissioner"] {
            for part in RTTPart.allCases {
                let sheets = basisName == "Provider" ? "National, Region, ICB and Provider sheets" : "National, Region, ICB and Sub-ICB sheets"
                specs.append(ProductSpec(
                    product: Product(
                        id: "rtt-\(part.id)-\(basisName.lowercased())", dataset: .rtt,
                        name: "RTT \(part.title) \(basisName) workbook",
                        detail: "\(part.holds) summarised by \(basisName.lowercased()) and treatment function, by week waited; \(sheets)",
                        disposition: .refuse(instead: rttInstead)),
                    kinds: [.xlsx, .xls],
                    matches: { p in
                        isRTT(p) && basis(p).contains(basisName.lowercased())
                            && RTTPart.of(summary: p.metadata("Summary:") ?? "") == part
                    }))
            }
        }
        // An RTT workbook whose summary names no part nofdb knows: still named, still refused.
        for basisName in ["Provider", "Commissioner"] {
            specs.append(ProductSpec(
                product: Product(
                    id: "rtt-\(basisName.lowercased())-workbook", dataset: .rtt, name: "RTT \(basisName) workbook",
                    detail: "RTT waiting times summarised by \(basisName.lowercased()) and treatment function",
                    disposition: .refuse(instead: rttInstead)),
                kinds: [.xlsx, .xls],
                matches: { p in isRTT(p) && basis(p).contains(basisName.lowercased()) }))
        }

        // MARK: cancer
        specs.append(ProductSpec(
            product: Product(
                id: "cwt-crs-commissioner-extract", dataset: .cancer, name: "CWT CRS Commissioner Extract",
                detail: "cancer waiting times by commissioner (sub-ICB location), not by provider",
                disposition: .refuse(instead: cancerInstead)),
            kinds: [.xlsx],
            matches: { p in p.sheets.contains { normaliseHeader($0.name).contains("commissioner extract") } }))
        specs.append(ProductSpec(
            product: Product(
                id: "cwt-national-time-series", dataset: .cancer, name: "CWT national time series workbook",
                detail: "England performance against each cancer standard by month (Monthly Performance or Monthly Data sheet), no providers",
                disposition: .refuse(instead: cancerInstead)),
            kinds: [.xlsx, .xls],
            matches: { p in
                (p.hasSheet("Monthly Performance") || p.hasSheet("Monthly Data"))
                    && (p.anyCell(containing: "cancer") || p.anyCell(containing: "two week wait")
                        || p.anyCell(containing: "28-days") || p.anyCell(containing: "62-days"))
            }))

        // MARK: diagnostics
        specs.append(ProductSpec(
            product: Product(
                id: "dm01-commissioner", dataset: .diagnostics, name: "Monthly Diagnostics Web File - Commissioner (DM01)",
                detail: "waiting list by commissioner (sub-ICB location) and test, not by provider",
                disposition: .refuse(instead: dm01Instead)),
            kinds: [.xls, .xlsx],
            matches: { p in
                (p.metadata("Title:").map { normaliseHeader($0).contains("diagnostic") } ?? false)
                    && (basis(p).contains("commissioner") || p.hasSheet("Commissioner by Test"))
            }))
        specs.append(ProductSpec(
            product: Product(
                id: "dm01-time-series", dataset: .diagnostics, name: "DM01 time series workbook",
                detail: "England waiting list and activity by test and month, no providers",
                disposition: .refuse(instead: dm01Instead)),
            kinds: [.xls, .xlsx],
            matches: { p in
                (p.metadata("Title:").map { normaliseHeader($0).contains("diagnostic") } ?? false)
                    && (isTimeSeries(p) || basis(p) == "england" || basis(p) == "national")
            }))

        // MARK: A&E
        specs.append(ProductSpec(
            product: Product(
                id: "ae-time-series", dataset: .ae, name: "A&E time series workbook",
                detail: "England attendances, four-hour performance and emergency admissions by month since August 2010, no providers",
                disposition: .refuse(instead: aeInstead)),
            kinds: [.xls, .xlsx],
            matches: { p in
                (p.anyCell(containing: "a&e attendances and emergency admissions") || p.anyCell(containing: "a&e attendances"))
                    && (isTimeSeries(p) || (p.hasSheet("Activity") && p.hasSheet("Performance")))
            }))
        specs.append(ProductSpec(
            product: Product(
                id: "ae-provider-workbook", dataset: .ae, name: "A&E attendances and emergency admissions workbook",
                detail: "the month's figures as a formatted workbook (provider, system and region sheets)",
                disposition: .refuse(instead: aeInstead)),
            kinds: [.xls, .xlsx],
            matches: { p in
                p.metadata("Title:").map { normaliseHeader($0).contains("a&e attendances") } ?? false
            }))

        // MARK: reference data nofdb carries (SQL/migrations/012, 013)
        func reference(_ id: String, _ name: String, _ detail: String, _ source: String, _ date: String, _ table: String,
                       header: [String]) -> ProductSpec {
            ProductSpec(
                product: Product(id: id, dataset: nil, name: name, detail: detail,
                                 disposition: .builtIn(source: source, date: date, table: table)),
                kinds: [.csv],
                matches: { p in
                    guard let first = p.firstRow else { return false }
                    var cells = first.map(normaliseHeader)
                    while cells.last == "" { cells.removeLast() }
                    return cells == header
                })
        }
        specs.append(reference(
            "icb-list", "ICB list", "the 42 integrated care boards of July 2022 to March 2026: ODS code, ONS code, name",
            "ONS LSOA 2021 to ICB 2024 lookup", "2024", "dw.icb",
            header: ["icb24_code_nhs", "icb24_code", "icb24_name"]))
        specs.append(reference(
            "icb-successions", "ICB successions file", "the April 2026 ICB mergers, 42 to 36 boards: predecessor, successor, date",
            "NHS England's April 2026 ICB changes, as transcribed by RCPCH", "April 2026", "dw.icb",
            header: ["predecessor_ods", "predecessor_name", "successor_ods", "successor_name", "succession_date", "succession_type"]))
        specs.append(reference(
            "trust-types-nof", "NOF trust types list", "trust type and subtype of 150 trusts",
            "NHS England Oversight Framework trust profiles Q3 2025/26", "March 2026", "dw.organisation_type",
            header: ["org_code", "org_name", "trust_type", "trust_subtype"]))
        specs.append(reference(
            "trust-types-eric", "ERIC trust types list", "provider type of 207 trusts",
            "NHS Digital ERIC 2024/25", "2024/25", "dw.organisation_type",
            header: ["trust_code", "trust_name", "provider_type_source"]))
        return specs
    }()

    /// Every product nofdb recognises by structure, in the order it tries them.
    public static var products: [Product] { specs.map(\.product) }

    /// The product `probe` is, if nofdb knows it.
    public static func identify(_ probe: FileProbe) -> Product? {
        specs.first { $0.kinds.contains(probe.kind) && $0.matches(probe) }?.product
    }

    /// For a CSV: the product its first row (header) identifies, if any.
    static func identify(csvHeader cells: [String]) -> Product? {
        identify(FileProbe(kind: .csv, sheets: [FileProbe.Sheet(name: "", rows: [cells])]))
    }
}
