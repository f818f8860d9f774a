import Foundation

/// The datasets nofdb loads. The raw value is what the load log and `--dataset` use.
public enum Dataset: String, CaseIterable, Sendable, Codable {
    case ae
    case ambulance
    case rtt
    case cancer
    case diagnostics
    case nofData = "nof_data"
    case nofLeague = "nof_league"
    case odsTrusts = "ods_trusts"
    case odsSuccessors = "ods_successors"

    public var title: String {
        switch self {
        case .ae: return "A&E attendances and emergency admissions (MSitAE)"
        case .ambulance: return "Ambulance Systems Indicators (AmbSYS)"
        case .rtt: return "Referral to treatment waiting times (RTT Full CSV)"
        case .cancer: return "Cancer waiting times (CWT CRS provider extract)"
        case .diagnostics: return "Monthly diagnostics waiting times (DM01)"
        case .nofData: return "NHS Oversight Framework data file"
        case .nofLeague: return "NHS Oversight Framework league table"
        case .odsTrusts: return "ODS NHS trusts (etr.csv, ect.csv)"
        case .odsSuccessors: return "ODS successor organisations (succ.csv)"
        }
    }

    /// The fact tables a load of this dataset writes; the first is the primary one, whose rows
    /// are the file's data rows (the slice guards count and compare it).
    public var tables: [FactTable] {
        switch self {
        case .ae: return [.ae]
        case .ambulance: return [.ambulance]
        case .rtt: return [.rtt, .rttProvider]
        case .cancer: return [.cancer]
        case .diagnostics: return [.diagnostics]
        case .nofData: return [.nofMetric]
        case .nofLeague: return [.nofLeague]
        case .odsTrusts: return [.odsTrust]
        case .odsSuccessors: return [.odsSuccessor]
        }
    }

    public var primaryTable: FactTable { tables[0] }

    /// Accepts the raw value and a few obvious names (`a&e`, `dm01`, `cwt`, `ambsys`, `nof`).
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: "-", with: "_")
        switch n {
        case "ae", "a&e", "a_e", "msitae": self = .ae
        case "ambulance", "ambsys", "aqi": self = .ambulance
        case "rtt", "elective": self = .rtt
        case "cancer", "cwt", "cwt_crs": self = .cancer
        case "diagnostics", "dm01": self = .diagnostics
        case "nof_data", "nof", "nof_metrics": self = .nofData
        case "nof_league", "nof_league_table", "league": self = .nofLeague
        case "ods_trusts", "etr", "ect", "trusts", "ods": self = .odsTrusts
        case "ods_successors", "succ", "successors": self = .odsSuccessors
        default: return nil
        }
    }
}

/// A recognised file layout: which dataset and which version of its header.
public struct Layout: Sendable, Equatable, CustomStringConvertible {
    public let dataset: Dataset
    /// A short stable id recorded in the load log, e.g. `ae-22`, `rtt-104`.
    public let id: String
    public let summary: String
    public var description: String { id }
}

/// Header text compared loosely: trimmed, lower case, inner whitespace collapsed, BOM removed.
func normaliseHeader(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{FEFF}", with: "")
        .lowercased()
        .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        .joined(separator: " ")
}

/// What a layout's normaliser is made from.
struct NormaliserSetup {
    let context: IngestContext
    let header: [String]
    let layout: Layout
    /// The sheet the header was found on (spreadsheets), for reject messages.
    let sheet: String?
}

/// A layout's header signature, how to recognise it, and how to normalise its rows.
struct LayoutSpec: Sendable {
    let layout: Layout
    /// The header cells as published (for messages and exact matching).
    let header: [String]
    /// Cells beyond `header` that are allowed when blank (or a stray one-letter label).
    let allowsStrayTrailingColumns: Bool
    /// True when the header may follow a few lines of front matter.
    let allowsFrontMatter: Bool
    /// True when the file has no header row (the ODS files): the row that matched is data.
    let headerless: Bool
    /// A custom matcher for families of headers (AmbSYS A-codes, RTT bands). Nil = exact match.
    let matcher: (@Sendable ([String]) -> Bool)?
    /// Makes the normaliser for a file in this layout.
    let makeNormaliser: @Sendable (NormaliserSetup) throws -> any Normaliser

    init(
        _ dataset: Dataset, _ id: String, _ summary: String, header: [String], strayTrailing: Bool = false,
        frontMatter: Bool = false, headerless: Bool = false, matcher: (@Sendable ([String]) -> Bool)? = nil,
        normaliser: @escaping @Sendable (NormaliserSetup) throws -> any Normaliser
    ) {
        layout = Layout(dataset: dataset, id: id, summary: summary)
        self.header = header
        allowsStrayTrailingColumns = strayTrailing
        allowsFrontMatter = frontMatter
        self.headerless = headerless
        self.matcher = matcher
        makeNormaliser = normaliser
    }

    func matches(_ cells: [String]) -> Bool {
        let normalised = cells.map(normaliseHeader)
        if let matcher { return matcher(normalised) }
        let expected = header.map(normaliseHeader)
        var actual = normalised
        if allowsStrayTrailingColumns, actual.count > expected.count {
            let extra = actual[expected.count...]
            // Stray columns: empty, or a lone letter (September 2024 ends `,,,,,,a`).
            guard extra.allSatisfy({ $0.isEmpty || $0.count == 1 }) else { return false }
            actual = Array(actual.prefix(expected.count))
        } else {
            while actual.count > expected.count, actual.last == "" { actual.removeLast() }
        }
        return actual == expected
    }

    /// How alike `cells` is to this layout (0…1), for "closest known layout" messages.
    func similarity(_ cells: [String]) -> Double {
        let a = Set(cells.map(normaliseHeader).filter { !$0.isEmpty })
        let b = Set(header.map(normaliseHeader))
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }
}

/// The header of an RTT week band, e.g. `Gt 18 To 19 Weeks SUM 1`.
func rttBandHeaders(through last: Int) -> [String] {
    (0..<last).map { String(format: "Gt %02d To %02d Weeks SUM 1", $0, $0 + 1) } + ["Gt \(last) Weeks SUM 1"]
}

/// DM01 week bands as headed in the web file.
let dm01BandHeaders = (0..<13).map { String(format: "%02d <%02d weeks", $0, $0 + 1).replacingOccurrences(of: "00 <", with: "0 <") } + ["13+ weeks"]

/// Every layout nofdb recognises, one entry per published header version.
enum LayoutRegistry {
    static let aeA = [
        "Period", "Org Code", "Parent Org", "Org name", "Number of A&E attendances Type 1",
        "Number of A&E attendances Type 2", "Number of A&E attendances Other A&E Department",
        "Number of attendances over 4hrs Type 1", "Number of attendances over 4hrs Type 2",
        "Number of attendances over 4hrs Other A&E Department",
        "Patients who have waited 4-12 hs from DTA to admission",
        "Patients who have waited 12+ hrs from DTA to admission", "Emergency admissions via A&E - Type 1",
        "Emergency admissions via A&E - Type 2", "Emergency admissions via A&E - Other A&E department",
        "Other emergency admissions",
    ]
    static let aeB = [
        "Period", "Org Code", "Parent Org", "Org name", "A&E attendances Type 1", "A&E attendances Type 2",
        "A&E attendances Other A&E Department", "Attendances over 4hrs Type 1", "Attendances over 4hrs Type 2",
        "Attendances over 4hrs Other Department", "Patients who have waited 4-12 hs from DTA to admission",
        "Patients who have waited 12+ hrs from DTA to admission", "Emergency admissions via A&E - Type 1",
        "Emergency admissions via A&E - Type 2", "Emergency admissions via A&E - Other A&E department",
        "Other emergency admissions",
    ]
    static let aeC = [
        "Period", "Org Code", "Parent Org", "Org name", "A&E attendances Type 1", "A&E attendances Type 2",
        "A&E attendances Other A&E Department", "A&E attendances Booked Appointments Type 1",
        "A&E attendances Booked Appointments Type 2", "A&E attendances Booked Appointments Other Department",
        "Attendances over 4hrs Type 1", "Attendances over 4hrs Type 2", "Attendances over 4hrs Other Department",
        "Attendances over 4hrs Booked Appointments Type 1", "Attendances over 4hrs Booked Appointments Type 2",
        "Attendances over 4hrs Booked Appointments Other Department",
        "Patients who have waited 4-12 hs from DTA to admission",
        "Patients who have waited 12+ hrs from DTA to admission", "Emergency admissions via A&E - Type 1",
        "Emergency admissions via A&E - Type 2", "Emergency admissions via A&E - Other A&E department",
        "Other emergency admissions",
    ]

    static let ambsysFixed = ["Year", "Month", "Region", "Org Code", "Org Name"]
    static let ambsys128Codes: [String] =
        "A0,A1,A2,A3,A4,A114,A5,A6,A111,A112,A113,A7,A8,A9,A10,A11,A12,A24,A25,A26,A27,A28,A29,A30,A31,A32,A33,A34,A35,A36,A37,A38,A17,A18,A19,A20,A21,A22,A23,A53,A54,A55,A56,A39,A40,A41,A42,A43,A44,A45,A46,A47,A48,A74,A82,A83,A84,A78,A94,A95,A96,A115,A116,A117,A118,A75,A85,A86,A87,A79,A97,A98,A99,A119,A120,A121,A122,A76,A88,A89,A90,A80,A100,A101,A102,A77,A91,A92,A93,A81,A103,A104,A105,A49,A50,A51,A52,A13,A14,A15,A16,A106,A107,A108,A109,A110,A57,A58,A59,A60,A61,A62,A63,A64,A65,A66,A67,A68,A69,A70,A71,A72,A73"
        .split(separator: ",").map(String.init)
    static let ambsys153Codes: [String] =
        "A0,A1,A2,A3,A4,A114,A5,A6,A111,A112,A113,A7,A8,A9,A10,A11,A12,A24,A25,A26,A27,A28,A29,A30,A31,A32,A33,A34,A35,A36,A37,A38,A126,A127,A128,A129,A130,A131,A17,A18,A19,A20,A21,A22,A23,A132,A133,A134,A135,A136,A137,A138,A139,A53,A54,A55,A56,A39,A40,A41,A42,A43,A44,A45,A46,A47,A48,A74,A82,A83,A84,A78,A94,A95,A96,A115,A116,A117,A118,A75,A85,A86,A87,A79,A97,A98,A99,A119,A120,A121,A122,A76,A88,A89,A90,A80,A100,A101,A102,A77,A91,A92,A93,A81,A103,A104,A105,A49,A50,A51,A52,A13,A14,A15,A16,A106,A107,A108,A109,A110,A140,A141,A142,A143,A144,A145,A146,A147,A148,A124,A125,A57,A58,A59,A60,A61,A62,A63,A64,A65,A66,A67,A68,A69,A70,A71,A72,A73"
        .split(separator: ",").map(String.init)

    /// The AmbSYS time series workbook's `Raw` sheet, before its A-codes.
    static let ambsysWorkbookFixed = ["Concatenated", "Year", "Month", "Reg", "", "Area", "Trust"]

    static let rttDescriptive = [
        "Period", "Provider Parent Org Code", "Provider Parent Name", "Provider Org Code", "Provider Org Name",
        "Commissioner Parent Org Code", "Commissioner Parent Name", "Commissioner Org Code",
        "Commissioner Org Name", "RTT Part Type", "RTT Part Description", "Treatment Function Code",
        "Treatment Function Name",
    ]
    static let rttTotals = ["Total", "Patients with unknown clock start date", "Total All"]

    static let cancerHeader = [
        "PERIOD", "YEAR", "MONTH", "STANDARD", "ORG CODE", "STAGE/ROUTE", "TREATMENT MODALITY", "CANCER TYPE",
        "TOTAL TREATED", "WITHIN STANDARD", "BREACHES",
    ]

    static let dm01ByTest =
        ["", "Regional Team Code", "Regional Team Name", "Provider Code", "Provider Name", "Diagnostic ID",
         "Diagnostic Test Name", "Total Waiting List", "Number waiting 6+ Weeks", "Number waiting 13+ Weeks",
         "Percentage waiting 6+ weeks"] + dm01BandHeaders
        + ["", "Planned tests / procedures", "Unscheduled tests / procedures",
           "Waiting list tests / procedures (excluding planned)"]

    static let nofData = [
        "Quarter", "Region", "Trust_type", "Trust_subtype", "Trust_code", "Trust_name", "Domain", "Sub-domain",
        "Metric_ID", "Metric_description", "Reporting_date", "Units", "Value", "Median_value", "Lower_quartile",
        "Upper_quartile", "Rank",
    ]
    static let nofLeague = [
        "Quarter", "Region", "Trust_type", "Trust_subtype", "Trust_code", "Trust_name", "Average_score",
        "Likely_range_of_average_score", "Segment", "Trust_in_financial_deficit", "Rank", "Likely_range_of_rank",
    ]

    static let specs: [LayoutSpec] = [
        LayoutSpec(.ae, "ae-16a", "16 columns, 'Number of …' wording (Apr 2018 – Mar 2020)", header: aeA, strayTrailing: true,
                   normaliser: { AENormaliser(context: $0.context, header: $0.header, layout: $0.layout) }),
        LayoutSpec(.ae, "ae-16b", "16 columns without 'Number of' (Apr – Jul 2020)", header: aeB, strayTrailing: true,
                   normaliser: { AENormaliser(context: $0.context, header: $0.header, layout: $0.layout) }),
        LayoutSpec(.ae, "ae-22", "22 columns with booked appointments (Aug 2020 on; stray empty columns allowed)",
                   header: aeC, strayTrailing: true, normaliser: { AENormaliser(context: $0.context, header: $0.header, layout: $0.layout) }),
        LayoutSpec(.ambulance, "ambsys-128", "AmbSYS, 128 columns (to January 2021)", header: ambsysFixed + ambsys128Codes,
                   normaliser: { AmbulanceNormaliser(context: $0.context, header: $0.header) }),
        LayoutSpec(.ambulance, "ambsys-153", "AmbSYS, 153 columns (to April 2026)", header: ambsysFixed + ambsys153Codes,
                   normaliser: { AmbulanceNormaliser(context: $0.context, header: $0.header) }),
        LayoutSpec(
            .ambulance, "ambsys-acodes", "AmbSYS with other A-codes (kept as reported)",
            header: ambsysFixed + ambsys153Codes,
            matcher: { cells in
                let fixed = ambsysFixed.map(normaliseHeader)
                guard cells.count > 5, Array(cells.prefix(5)) == fixed else { return false }
                let codes = cells.dropFirst(5).filter { !$0.isEmpty }
                return codes.count >= 10 && codes.allSatisfy { $0.first == "a" && Int($0.dropFirst()) != nil }
            }, normaliser: { AmbulanceNormaliser(context: $0.context, header: $0.header) }),
        LayoutSpec(
            .ambulance, "ambsys-workbook",
            "AmbSYS time series workbook, sheet Raw: trust months with the CSV's A-codes (0 throughout = not reported), England and regions from its formulas",
            header: ambsysWorkbookFixed + ambsys153Codes, frontMatter: true,
            matcher: { cells in
                guard cells.count > 7, Array(cells.prefix(7)) == ambsysWorkbookFixed.map(normaliseHeader) else { return false }
                return cells.dropFirst(7).filter { $0.range(of: "^a[0-9]+$", options: .regularExpression) != nil }.count >= 10
            }, normaliser: { try AmbulanceWorkbookNormaliser(context: $0.context, header: $0.header, sheet: $0.sheet) }),
        LayoutSpec(.rtt, "rtt-104", "RTT Full CSV, 121 columns, bands to Gt 104 Weeks (from April 2021)",
                   header: rttDescriptive + rttBandHeaders(through: 104) + rttTotals, normaliser: { try RTTNormaliser(context: $0.context, header: $0.header) }),
        LayoutSpec(.rtt, "rtt-52", "RTT Full CSV, bands to Gt 52 Weeks (October 2017 – March 2021)",
                   header: rttDescriptive + rttBandHeaders(through: 52) + rttTotals, normaliser: { try RTTNormaliser(context: $0.context, header: $0.header) }),
        LayoutSpec(
            .rtt, "rtt-pre2017", "RTT Full CSV before October 2017: front-matter lines, Period Name and RTT Part Name",
            header: ["Period Name", "Provider Org Code", "RTT Part Name", "Treatment Function Code"]
                + rttBandHeaders(through: 52) + rttTotals,
            frontMatter: true,
            matcher: { cells in
                let set = Set(cells)
                let required = ["period name", "rtt part name", "provider org code", "treatment function code",
                                "total all", "gt 52 weeks sum 1", "gt 00 to 01 weeks sum 1"]
                return required.allSatisfy { set.contains($0) }
            }, normaliser: { try RTTNormaliser(context: $0.context, header: $0.header) }),
        LayoutSpec(.cancer, "cwt-crs", "CWT CRS provider extract (11 columns)", header: cancerHeader, normaliser: { CancerNormaliser(context: $0.context, header: $0.header, sheet: $0.sheet) }),
        LayoutSpec(.cancer, "cwt-crs-total", "CWT CRS provider extract with TOTAL for TOTAL TREATED",
                   header: cancerHeader.map { $0 == "TOTAL TREATED" ? "TOTAL" : $0 }, normaliser: { CancerNormaliser(context: $0.context, header: $0.header, sheet: $0.sheet) }),
        LayoutSpec(.diagnostics, "dm01-provider-by-test", "DM01 web file, Provider by Test sheet",
                   header: dm01ByTest, frontMatter: true, normaliser: { DiagnosticsNormaliser(context: $0.context, header: $0.header, sheet: $0.sheet) }),
        LayoutSpec(.nofData, "nof-data-17", "NHS Oversight Framework data file (17 columns)", header: nofData,
                   normaliser: { NOFNormaliser(context: $0.context, header: $0.header, isLeague: false) }),
        LayoutSpec(.nofLeague, "nof-league-12", "NHS Oversight Framework league table (12 columns)", header: nofLeague,
                   normaliser: { NOFNormaliser(context: $0.context, header: $0.header, isLeague: true) }),
        LayoutSpec(.odsTrusts, "ods-etr-27", "ODS NHS trusts or care trusts file (etr.csv, ect.csv): no header, 27 columns",
                   header: ODSNormaliser.trustColumns, headerless: true, matcher: ODSNormaliser.looksLikeTrusts,
                   normaliser: { ODSNormaliser(context: $0.context, header: ODSNormaliser.trustColumns, kind: .trusts) }),
        LayoutSpec(.odsSuccessors, "ods-succ-5", "ODS successor organisations file (succ.csv): no header, 5 columns",
                   header: ODSNormaliser.successorColumns, headerless: true, matcher: ODSNormaliser.looksLikeSuccessors,
                   normaliser: { ODSNormaliser(context: $0.context, header: ODSNormaliser.successorColumns, kind: .successors) }),
    ]

    /// The layout whose header `cells` is, if any (restricted to `dataset` when given).
    static func match(_ cells: [String], dataset: Dataset?, frontMatter: Bool) -> LayoutSpec? {
        specs.first { spec in
            (dataset == nil || spec.layout.dataset == dataset) && (!frontMatter || spec.allowsFrontMatter)
                && spec.matches(cells)
        }
    }

    /// The layout a sheet's (or file's) first rows hold a header of, as `RowPipeline` finds it:
    /// a header after non-blank rows must be a layout that allows front matter.
    static func headerSpec(in rows: [[String]], dataset: Dataset?) -> LayoutSpec? {
        var nonBlankBefore = false
        for cells in rows.prefix(RowPipeline.headerSearchRows) {
            if cells.allSatisfy(\.isEmpty) { continue }
            if let spec = match(cells, dataset: dataset, frontMatter: nonBlankBefore) { return spec }
            nonBlankBefore = true
        }
        return nil
    }

    /// The known layout closest to any of `candidates` (rows that might be a header).
    struct Closest {
        let spec: LayoutSpec
        let score: Double
        let cells: [String]
    }

    static func closest(_ candidates: [[String]], dataset: Dataset?) -> Closest? {
        var best: Closest?
        for cells in candidates where !cells.allSatisfy({ $0.isEmpty }) {
            for spec in specs where dataset == nil || spec.layout.dataset == dataset {
                let score = spec.similarity(cells)
                if let current = best, score <= current.score { continue }
                best = Closest(spec: spec, score: score, cells: cells)
            }
        }
        return best
    }

    /// "closest known layout is …; missing: …; not expected: …".
    static func describe(_ best: Closest) -> String {
        let expected = best.spec.header.map(normaliseHeader)
        let actual = best.cells.map(normaliseHeader)
        let missing = best.spec.header.filter { !actual.contains(normaliseHeader($0)) && !$0.isEmpty }
        let unexpected = best.cells.filter { !expected.contains(normaliseHeader($0)) && !$0.isEmpty }
        var text = "closest known layout is \(best.spec.layout.id) (\(best.spec.layout.summary), \(Int(best.score * 100))% of header cells in common)"
        if !missing.isEmpty { text += "; missing: \(list(missing))" }
        if !unexpected.isEmpty { text += "; not expected: \(list(unexpected))" }
        if missing.isEmpty, unexpected.isEmpty {
            text += "; the same cells in a different order or number (\(best.cells.count) columns, expected \(best.spec.header.count))"
        }
        return text
    }

    static func list(_ items: [String], limit: Int = 6) -> String {
        let shown = items.prefix(limit).map { "\"\($0)\"" }.joined(separator: ", ")
        return items.count > limit ? shown + " and \(items.count - limit) more" : shown
    }

    static let unrecognisedHint =
        "nofdb detects the dataset from the header row (and a workbook's product from its sheets and title cells), not the file name; see `nofdb load --help` for what it loads and README's list of products it names and refuses"

    /// A message naming the closest layout and the header cells that did not match (and the
    /// sheet they were read from, for a workbook).
    static func unrecognised(file: String, candidates: [[String]], dataset: Dataset?, sheet: String? = nil) -> LoadError {
        guard let best = closest(candidates, dataset: dataset) else {
            return LoadError(
                file: file, reason: "no header row\(sheet.map { " on sheet \"\($0)\"" } ?? ""): the file is empty, or no cell of it could be read",
                hint: "check the download (a damaged spreadsheet can open yet yield no cells); NHS England files always start with a header")
        }
        var reason = "unrecognised header"
        if let sheet { reason += " on sheet \"\(sheet)\"" }
        if let dataset { reason += " for dataset \(dataset.rawValue)" }
        reason += ": " + describe(best)
        return LoadError(file: file, reason: reason, hint: unrecognisedHint)
    }

    /// No sheet of a workbook holds a header nofdb knows, and the workbook is no product it
    /// knows: names the sheet whose rows came closest, and the sheets it did not recognise.
    static func unrecognisedWorkbook(file: String, probe: FileProbe, dataset: Dataset?, unreadable: [String: String] = [:]) -> LoadError {
        let filled = probe.sheets.filter { $0.rows.contains { !$0.allSatisfy(\.isEmpty) } }
        let empty = probe.sheets.filter { sheet in !filled.contains { $0.name == sheet.name } && unreadable[sheet.name] == nil }
        var best: (sheet: String, closest: Closest)?
        for sheet in filled {
            guard let c = closest(sheet.rows, dataset: dataset) else { continue }
            if let current = best, c.score <= current.closest.score { continue }
            best = (sheet.name, c)
        }
        guard let best else {
            var reason = probe.sheets.count == 1
                ? "the workbook's only sheet, \"\(probe.sheets[0].name)\", is empty (no header row, no data)"
                : "every sheet of the workbook is empty (\(list(probe.sheetNames)))"
            if probe.sheets.isEmpty { reason = "the workbook has no sheets" }
            if let (sheet, error) = unreadable.first { reason += "; sheet \"\(sheet)\" could not be read: \(error)" }
            return LoadError(file: file, reason: reason,
                             hint: "check the download; a published workbook always has a header and rows")
        }
        var reason = "unrecognised workbook"
        if let dataset { reason += " for dataset \(dataset.rawValue)" }
        if filled.count == 1 {
            reason += ": its sheet \"\(best.sheet)\" has no header nofdb knows; " + describe(best.closest)
        } else {
            reason += ": none of its \(filled.count) sheets with data has a header nofdb knows. Closest is sheet \"\(best.sheet)\": " + describe(best.closest)
            let others = filled.map(\.name).filter { $0 != best.sheet }
            reason += ". Not recognised either: \(others.count == 1 ? "sheet" : "sheets") \(list(others, limit: 8))"
        }
        if !empty.isEmpty { reason += "; empty: \(list(empty.map(\.name), limit: 8))" }
        if !unreadable.isEmpty { reason += "; could not be read: \(list(unreadable.keys.sorted(), limit: 8))" }
        return LoadError(file: file, reason: reason, hint: unrecognisedHint)
    }
}
