import Foundation
import NOFCore
@testable import NOFIngest
import NOFSpreadsheet
import Testing
import TestSupport

/// Small fixtures in the structure of each NHS England product: sheet names, the metadata
/// block (`Title:` … `Contact:` in columns B and C, rows 2–11), group headings and header
/// rows. Written here at test time with nofdb's own XLSX and XLS writers.
///
/// Where the structure comes from: the RTT commissioner workbook, the AmbSYS time series
/// workbook and the DM01 provider web file are copied from the real files in ../shared (cell
/// for cell, fewer rows); the CWT national time series from the sheet names and titles quoted
/// in FORMATS.md; the other products (RTT provider and overview workbooks, CWT commissioner
/// extract, DM01 commissioner and time series files, A&E workbooks) follow the same NHS England
/// conventions but were not seen as real files, so the registry recognises them by the
/// parts they share with the real ones (metadata block, Basis, sheet names), not by every cell.
enum ProductFixture {
    static func text(_ cells: [String]) -> [WorkbookCell] { cells.map { $0.isEmpty ? .empty : .text($0) } }

    /// NHS England's metadata block: rows 1–12 with labels in column B, values in C.
    static func metadata(title: String, summary: String, period: String, basis: String, source: String = "NHS England") -> [[WorkbookCell]] {
        [
            [],
            text(["", "Title:", title]),
            text(["", "Summary:", summary]),
            [],
            text(["", "Period:", period]),
            text(["", "Source:", source]),
            text(["", "Basis:", basis]),
            text(["", "Published:", "13th February 2025"]),
            text(["", "Revised:", "10th July 2025"]),
            text(["", "Status:", "Published"]),
            text(["", "Contact:", "england.rtt@nhs.net"]),
            [],
        ]
    }

    /// The RTT weekly bands as the workbooks head them: `>0-1` … `>103-104`, `104 plus`.
    static let rttBands = (0..<104).map { ">\($0)-\($0 + 1)" } + ["104 plus"]

    /// An RTT monthly workbook: the real commissioner workbook's structure (Dec 2024), or the
    /// same for a provider workbook.
    static func rtt(summary: String, basis: String) -> [WorkbookSheet] {
        let meta = metadata(title: "Referral to Treatment (RTT) Waiting Times", summary: summary, period: "December 2024",
                            basis: basis, source: "NHS England: monthly RTT data collection")
        func sheet(_ name: String, _ heading: String, _ keys: [String], _ key: [String]) -> WorkbookSheet {
            let header = text([""] + keys + ["Treatment Function Code", "Treatment Function"] + rttBands + ["Total number of completed pathways (all)"])
            let row: [WorkbookCell] = text([""] + key + ["C_100", "General Surgery Service"]) + rttBands.map { _ in .number(1) } + [.number(105)]
            return WorkbookSheet(name: name, rows: meta + [text(["", heading, "", "", "", "", "The number of completed pathways by week since referral"]), header, row])
        }
        let last = basis == "Commissioner"
            ? sheet("Sub-ICB", "Commissioner Level Data", ["Region Code", "Org Code", "Org Name"], ["-", "Y56", "LONDON COMMISSIONING REGION"])
            : sheet("Provider", "Provider Level Data", ["Region Code", "Provider Code", "Provider Name"], ["Y58", "RBD", "DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST"])
        return [
            sheet("National", "National Level Data", [], []),
            sheet("Region", "Regional Level Data", ["Region Code", "Region Name"], ["-", "NHS ENGLAND"]),
            sheet("ICB", "System Level Data", ["ICB Code", "ICB Name"], ["-", "NHS ENGLAND"]),
            last,
            WorkbookSheet(name: "Notes", rows: []),
            WorkbookSheet(name: "Guidance", rows: []),
        ]
    }

    /// DM01 web file: the real provider file's structure (Aug 2024), or the commissioner one.
    static func dm01(basis: String, first: String, byTest: String) -> [WorkbookSheet] {
        let meta = metadata(title: "Monthly Diagnostics", summary: "Waiting times and activity for Diagnostic tests and procedures",
                            period: "April 2025", basis: basis, source: "DM01, collected via SDCS")
        let bands = (0..<13).map { String(format: "%02d <%02d weeks", $0, $0 + 1).replacingOccurrences(of: "00 <", with: "0 <") } + ["13+ weeks"]
        let code = basis == "Provider" ? ["Provider Code", "Provider Name"] : ["Commissioner Code", "Commissioner Name"]
        let header = text(["", "Regional Team Code", "Regional Team Name"] + code + ["Diagnostic ID", "Diagnostic Test Name", "Total Waiting List",
                                                                                  "Number waiting 6+ Weeks", "Number waiting 13+ Weeks", "Percentage waiting 6+ weeks"]
                          + bands + ["", "Planned tests / procedures", "Unscheduled tests / procedures", "Waiting list tests / procedures (excluding planned)"])
        let groups = text(["", "", "", "", "", "", "", "Waiting List", "", "", "", "Waiting times"])
        var sheets = [WorkbookSheet(name: byTest, rows: meta + [groups, header])]
        sheets.insert(WorkbookSheet(name: first, rows: meta + [groups]), at: 0)
        sheets.append(WorkbookSheet(name: "Guidance & Definitions", rows: [text(["", "Guidance"])]))
        sheets.append(WorkbookSheet(name: "Notes", rows: [text(["", "Notes"])]))
        return sheets
    }

    static func writeXLSX(_ sheets: [WorkbookSheet], _ name: String) throws -> URL {
        let url = try TestEnvironment.temporaryDirectory("product").appendingPathComponent(name)
        try XLSXWriter.write(sheets, to: url)
        return url
    }

    static func writeXLS(_ sheets: [WorkbookSheet], _ name: String) throws -> URL {
        let url = try TestEnvironment.temporaryDirectory("product").appendingPathComponent(name)
        try XLSWriter.write(sheets, to: url)
        return url
    }

    static func identify(xlsx sheets: [WorkbookSheet], _ name: String = "book.xlsx") throws -> Product? {
        let url = try writeXLSX(sheets, name)
        return ProductRegistry.identify(try XLSXWorkbook(url: url, fileName: name).probe().probe)
    }

    static func identify(xls sheets: [WorkbookSheet], _ name: String = "book.xls") throws -> Product? {
        let url = try writeXLS(sheets, name)
        return ProductRegistry.identify(try XLSWorkbook(path: url.path, fileName: name).probe())
    }
}

@Suite("NHS England products: recognised by structure, loaded or named and refused (no database)")
struct ProductTests {
    func expectRefused(_ product: Product?, id: String, name: String, instead: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(product?.id == id, "\(String(describing: product))", sourceLocation: sourceLocation)
        guard let product else { return }
        #expect(!product.isLoaded, sourceLocation: sourceLocation)
        #expect(product.message.hasPrefix("This is the \(name) ("), "\(product.message)", sourceLocation: sourceLocation)
        #expect(product.message.contains(instead), "\(product.message)", sourceLocation: sourceLocation)
    }

    @Test("RTT commissioner and provider workbooks, every part: named by part and basis, refused for the Full CSV")
    func rttWorkbooks() throws {
        let summaries: [(String, String, String)] = [
            ("completed admitted pathways", "admitted", "Admitted"),
            ("completed non-admitted pathways", "nonadmitted", "Non-Admitted"),
            ("incomplete pathways", "incomplete", "Incomplete"),
            ("incomplete pathways with a decision to admit for treatment", "incomplete-dta", "Incomplete with DTA"),
            ("new RTT periods", "new-periods", "New Periods"),
        ]
        for basis in ["Commissioner", "Provider"] {
            for (summary, id, title) in summaries {
                let product = try ProductFixture.identify(
                    xlsx: ProductFixture.rtt(summary: "Monthly Referral to Treatment (RTT) waiting times for \(summary).", basis: basis))
                expectRefused(product, id: "rtt-\(id)-\(basis.lowercased())", name: "RTT \(title) \(basis) workbook",
                              instead: "nofdb loads provider-level RTT from the Full CSV data file")
            }
        }
        // The commissioner workbook of the issue, by its sheets: the message names it and what it holds.
        let admitted = try ProductFixture.identify(
            xlsx: ProductFixture.rtt(summary: "Monthly Referral to Treatment (RTT) waiting times for completed admitted pathways.", basis: "Commissioner"))
        #expect(admitted?.message.hasPrefix("This is the RTT Admitted Commissioner workbook (completed admitted pathways summarised by commissioner") == true)
        #expect(admitted?.message.contains("Full CSV data file") == true)
    }

    @Test("the RTT overview time series is named and refused")
    func rttOverview() throws {
        let sheets = [
            WorkbookSheet(name: "Full Time Series", rows: ProductFixture.metadata(
                title: "Referral to Treatment (RTT) Waiting Times Overview Time Series",
                summary: "Monthly RTT waiting times for England, including estimates for missing trusts", period: "April 2007 - December 2024",
                basis: "England") + [ProductFixture.text(["", "Year", "Period", "Total waiting (mil) with estimates", "No. within 18 weeks"])]),
            WorkbookSheet(name: "Notes", rows: []),
        ]
        expectRefused(try ProductFixture.identify(xlsx: sheets), id: "rtt-overview-timeseries", name: "RTT Overview Timeseries workbook",
                      instead: "Full CSV data file")
    }

    @Test("CWT commissioner extract: the provider extract's very header, refused by its sheet name")
    func cancerCommissioner() throws {
        let header = LayoutRegistry.cancerHeader
        let row: [WorkbookCell] = [.date(year: 2023, month: 10, day: 1), .text("2023/24"), .text("OCT"), .text("31-day Combined"), .text("15N"),
                                   .text("First Treatment"), .text("Surgery"), .text("ALL CANCERS"), .number(61), .number(59), .number(2)]
        let sheets = [WorkbookSheet(name: "CWT CRS Commissioner Extract", rows: [ProductFixture.text(header), row])]
        // Its header alone would load as provider data: the product is what tells them apart.
        #expect(LayoutRegistry.headerSpec(in: [header], dataset: nil)?.layout.id == "cwt-crs")
        expectRefused(try ProductFixture.identify(xlsx: sheets), id: "cwt-crs-commissioner-extract", name: "CWT CRS Commissioner Extract",
                      instead: "from the CWT CRS Provider Extract")
        // The provider extract is recognised as the product nofdb loads.
        let provider = try ProductFixture.identify(xlsx: [WorkbookSheet(name: "CWT CRS Provider Extract", rows: [ProductFixture.text(header), row])])
        #expect(provider?.id == "cwt-crs-provider-extract" && provider?.isLoaded == true)
    }

    @Test("CWT national time series, new (Monthly Performance) and old (Monthly Data) series")
    func cancerTimeSeries() throws {
        let measures = ["Monthly", "Total", "Within Standard", "Outside Standard", "Performance (%)"]
        let new = [WorkbookSheet(name: "Monthly Performance", rows: [
            [],
            ProductFixture.text(["", "Four Week (28-days) Wait From Urgent Referral to Patient Told they have Cancer, or Cancer is Definitively Excluded"]),
            ProductFixture.text([""] + measures),
            [.empty, .text("Apr-21"), .number(200000), .number(150000), .number(50000), .number(0.75)],
        ])]
        expectRefused(try ProductFixture.identify(xlsx: new), id: "cwt-national-time-series", name: "CWT national time series workbook",
                      instead: "from the CWT CRS Provider Extract")
        let old = [WorkbookSheet(name: "Monthly Data", rows: [
            [],
            ProductFixture.text(["", "Two Week Wait From GP Urgent Referral to First Consultant Appointment"]),
            ProductFixture.text([""] + measures),
            [.empty, .text("Oct-09"), .text("No Standard Set")],
        ])]
        expectRefused(try ProductFixture.identify(xlsx: old), id: "cwt-national-time-series", name: "CWT national time series workbook",
                      instead: "CWT CRS Provider Extract")
    }

    @Test("DM01 commissioner web file (.xls) is refused; the provider web file (.xls) is the product nofdb loads")
    func diagnostics() throws {
        let commissioner = try ProductFixture.identify(xls: ProductFixture.dm01(basis: "Commissioner", first: "Commissioner", byTest: "Commissioner by Test"))
        expectRefused(commissioner, id: "dm01-commissioner", name: "Monthly Diagnostics Web File - Commissioner (DM01)",
                      instead: "from the Monthly Diagnostics Web File - Provider")
        let provider = try ProductFixture.identify(xls: ProductFixture.dm01(basis: "Provider", first: "Provider", byTest: "Provider by Test"))
        #expect(provider?.id == "dm01-provider" && provider?.disposition == .load(sheet: "Provider by Test"))
    }

    @Test("DM01 time series (.xls) is refused")
    func diagnosticsTimeSeries() throws {
        let sheets = [
            WorkbookSheet(name: "Total Waiting List", rows: ProductFixture.metadata(
                title: "Monthly Diagnostics", summary: "Time series of waiting times and activity for diagnostic tests and procedures",
                period: "January 2006 - April 2025", basis: "England", source: "DM01, collected via SDCS")
                + [ProductFixture.text(["", "Period", "Magnetic Resonance Imaging", "Computed Tomography", "Total"])]),
            WorkbookSheet(name: "Notes", rows: []),
        ]
        expectRefused(try ProductFixture.identify(xls: sheets), id: "dm01-time-series", name: "DM01 time series workbook",
                      instead: "Monthly Diagnostics Web File - Provider")
    }

    @Test("A&E time series and the month's A&E workbook (.xls) are refused for the monthly CSV")
    func aeWorkbooks() throws {
        let series = [
            WorkbookSheet(name: "Activity", rows: [
                ProductFixture.text(["", "A&E Attendances and Emergency Admissions - Monthly Time Series"]), [],
                ProductFixture.text(["", "Period", "Type 1 Departments - Major A&E", "Type 2 Departments - Single Specialty", "Total attendances"]),
            ]),
            WorkbookSheet(name: "Performance", rows: [ProductFixture.text(["", "Percentage in 4 hours or less (all)"])]),
            WorkbookSheet(name: "Notes", rows: []),
        ]
        expectRefused(try ProductFixture.identify(xls: series), id: "ae-time-series", name: "A&E time series workbook",
                      instead: "from the monthly CSV")
        let month = [
            WorkbookSheet(name: "Provider Level Data", rows: ProductFixture.metadata(
                title: "A&E Attendances and Emergency Admissions", summary: "Monthly A&E attendances and emergency admissions",
                period: "November 2021", basis: "Provider") + [ProductFixture.text(["", "Code", "Region", "Name", "Type 1 Departments - Major A&E"])]),
            WorkbookSheet(name: "System Level Data", rows: []),
        ]
        expectRefused(try ProductFixture.identify(xls: month), id: "ae-provider-workbook", name: "A&E attendances and emergency admissions workbook",
                      instead: "from the monthly CSV")
    }

    @Test("the ODS reference files nofdb carries are named, built in, with nothing to load")
    func referenceFiles() throws {
        let files: [(header: String, row: String, id: String, name: String, source: String)] = [
            ("icb24_code_nhs,icb24_code,icb24_name", "QYG,E54000008,NHS Cheshire and Merseyside Integrated Care Board", "icb-list", "ICB list",
             "(ONS LSOA 2021 to ICB 2024 lookup, 2024)"),
            ("predecessor_ods,predecessor_name,successor_ods,successor_name,succession_date,succession_type",
             "QHG,NHS Bedfordshire Luton and Milton Keynes,S1Y5D,NHS Central East,2026-04-01,merger", "icb-successions", "ICB successions file",
             "April 2026)"),
            ("org_code,org_name,trust_type,trust_subtype", "R0A,MANCHESTER UNIVERSITY NHS FOUNDATION TRUST,Acute trust,Acute - Teaching",
             "trust-types-nof", "NOF trust types list", "(NHS England Oversight Framework trust profiles Q3 2025/26, March 2026)"),
            ("trust_code,trust_name,provider_type_source", "R0A,MANCHESTER UNIVERSITY NHS FOUNDATION TRUST,ACUTE - TEACHING",
             "trust-types-eric", "ERIC trust types list", "(NHS Digital ERIC 2024/25, 2024/25)"),
        ]
        for file in files {
            // Through the CSV pipeline, as `nofdb load` reads it: recognised at the header, before any row.
            let error = #expect(throws: ProductRecognised.self) { try NormaliseRows.csv(file.header + "\r\n" + file.row + "\r\n") }
            let product = try #require(error?.product)
            #expect(product.id == file.id)
            #expect(product.message.hasPrefix("this is the \(file.name) ("), "\(product.message)")
            #expect(product.message.contains("reference data built in \(file.source.hasPrefix("(") ? "" : "(")") && product.message.contains(file.source)
                    && product.message.contains("; nothing to load"), "\(product.message)")
            if case .builtIn = product.disposition {} else { Issue.record("\(file.id) is not built-in reference data") }
        }
        // A header that merely shares a column name with one is not taken for it.
        #expect(ProductRegistry.identify(csvHeader: ["org_code", "org_name", "value"]) == nil)
    }

    @Test("a workbook no product or layout knows: the message names the closest sheet and the sheets not recognised")
    func unknownWorkbook() throws {
        let near = LayoutRegistry.cancerHeader.map { $0 == "ORG CODE" ? "PROVIDER" : $0 }
        let sheets = [
            WorkbookSheet(name: "Cover", rows: [ProductFixture.text(["", "Some statistics"])]),
            WorkbookSheet(name: "Data", rows: [ProductFixture.text(near)]),
            WorkbookSheet(name: "Lookup", rows: [ProductFixture.text(["code", "name"])]),
            WorkbookSheet(name: "Blank", rows: []),
        ]
        let url = try ProductFixture.writeXLSX(sheets, "mystery.xlsx")
        let (probe, unreadable) = try XLSXWorkbook(url: url, fileName: "mystery.xlsx").probe()
        #expect(ProductRegistry.identify(probe) == nil)
        let message = LayoutRegistry.unrecognisedWorkbook(file: "mystery.xlsx", probe: probe, dataset: nil, unreadable: unreadable).description
        #expect(message.contains("none of its 3 sheets with data has a header nofdb knows"), "\(message)")
        #expect(message.contains("Closest is sheet \"Data\": closest known layout is cwt-crs"), "\(message)")
        #expect(message.contains("missing: \"ORG CODE\"") && message.contains("not expected: \"PROVIDER\""), "\(message)")
        #expect(message.contains("Not recognised either: sheets \"Cover\", \"Lookup\"") && message.contains("empty: \"Blank\""), "\(message)")
        // One sheet: it is named.
        let single = try ProductFixture.writeXLSX([WorkbookSheet(name: "Data", rows: [ProductFixture.text(near)])], "one.xlsx")
        let one = LayoutRegistry.unrecognisedWorkbook(file: "one.xlsx", probe: try XLSXWorkbook(url: single, fileName: "one.xlsx").probe().probe, dataset: nil)
        #expect(one.reason.hasPrefix("unrecognised workbook: its sheet \"Data\" has no header nofdb knows; closest known layout is cwt-crs"), "\(one.reason)")
    }

    @Test("every product in the registry is covered by a test above")
    func everyProduct() {
        let covered: Set<String> = [
            "ambsys-time-series", "cwt-crs-provider-extract", "dm01-provider", "rtt-overview-timeseries",
            "rtt-admitted-provider", "rtt-nonadmitted-provider", "rtt-incomplete-provider", "rtt-incomplete-dta-provider", "rtt-new-periods-provider",
            "rtt-admitted-commissioner", "rtt-nonadmitted-commissioner", "rtt-incomplete-commissioner", "rtt-incomplete-dta-commissioner",
            "rtt-new-periods-commissioner", "rtt-provider-workbook", "rtt-commissioner-workbook", "cwt-crs-commissioner-extract",
            "cwt-national-time-series", "dm01-commissioner", "dm01-time-series", "ae-time-series", "ae-provider-workbook",
            "icb-list", "icb-successions", "trust-types-nof", "trust-types-eric",
        ]
        #expect(Set(ProductRegistry.products.map(\.id)) == covered)
        #expect(ProductRegistry.products.count == covered.count, "ids are unique")
    }

    @Test("an RTT workbook whose summary names no known part is still named by its basis and refused")
    func rttUnknownPart() throws {
        for basis in ["Provider", "Commissioner"] {
            let product = try ProductFixture.identify(xlsx: ProductFixture.rtt(summary: "Monthly RTT waiting times.", basis: basis))
            expectRefused(product, id: "rtt-\(basis.lowercased())-workbook", name: "RTT \(basis) workbook", instead: "Full CSV data file")
        }
    }
}

/// CSV text through the parser and a pipeline, stopping at the header (the registry's
/// refusals are thrown there).
enum NormaliseRows {
    static func csv(_ text: String) throws {
        _ = try Normalise.csv(text)
    }
}
