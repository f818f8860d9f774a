import Foundation
import NOFCore
import NOFSpreadsheet
import ZIPFoundation

/// What to generate.
public struct SampleOptions: Sendable {
    /// The last month of A&E and ambulance data; RTT, cancer and DM01 end a month earlier
    /// (their publication lag).
    public var end = YearMonth(constant: 2024, 5)
    public var months = 24
    public var acuteTrusts = 40
    public var independentProviders = 8
    public var rttCommissioners = 4
    public var rttTreatmentFunctions = 8
    /// A revised copy of one A&E month (in `revised/`) and a few bad rows.
    public var includeRevisionAndBadRows = true
    public var datasets: Set<String> = ["ae", "ambulance", "rtt", "cancer", "diagnostics"]

    public init() {}

    /// National size: ~130 acute trusts, ~240 RTT providers, an RTT month of ~190,000 rows.
    public static func national(months: Int = 12) -> SampleOptions {
        var o = SampleOptions()
        o.months = months
        o.acuteTrusts = 130
        o.independentProviders = 110
        o.rttCommissioners = 10
        o.rttTreatmentFunctions = 15
        o.includeRevisionAndBadRows = false
        return o
    }
}

/// A deterministic pseudo-random stream (SplitMix64), seeded from a string key so every
/// (dataset, organisation, month) gets the same numbers however the sample is cut.
struct Random {
    var state: UInt64
    init(_ key: String) {
        var h: UInt64 = 1_469_598_103_934_665_603
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        state = h
    }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
    mutating func around(_ value: Double, _ spread: Double) -> Double { value * (1 + spread * (unit() * 2 - 1)) }
}

struct Trust {
    let code: String
    let name: String
    let region: String
    let size: Double
}

/// Writes sample files in the exact published formats: MSitAE CSV (22 columns), AmbSYS CSV
/// (153 columns), zipped RTT Full CSV (121 columns), CWT CRS XLSX and DM01 XLS (BIFF8).
public struct SampleGenerator {
    public let options: SampleOptions

    public init(options: SampleOptions) { self.options = options }

    static let regions: [(code: String, name: String, aeParent: String, dm01: String)] = [
        ("Y56", "London", "NHS ENGLAND LONDON", "London Commissioning Region"),
        ("Y58", "South West", "NHS ENGLAND SOUTH WEST ", "South West Commissioning Region"),
        ("Y59", "South East", "NHS ENGLAND SOUTH EAST ", "South East Commissioning Region"),
        ("Y60", "Midlands", "NHS ENGLAND MIDLANDS ", "Midlands Commissioning Region"),
        ("Y61", "East of England", "NHS ENGLAND EAST OF ENGLAND ", "East of England Commissioning Region"),
        ("Y62", "North West", "NHS ENGLAND NORTH WEST ", "North West Commissioning Region"),
        ("Y63", "North East and Yorkshire", "NHS ENGLAND NORTH EAST AND YORKSHIRE ", "North East and Yorkshire Commissioning Region"),
    ]

    /// Real trust codes and names (the field-test sites among them), then synthetic ones.
    static let namedTrusts: [(String, String, String)] = [
        ("RGT", "CAMBRIDGE UNIVERSITY HOSPITALS NHS FOUNDATION TRUST", "Y61"),
        ("RQM", "CHELSEA AND WESTMINSTER HOSPITAL NHS FOUNDATION TRUST", "Y56"),
        ("RDU", "FRIMLEY HEALTH NHS FOUNDATION TRUST", "Y59"),
        ("RYJ", "IMPERIAL COLLEGE HEALTHCARE NHS TRUST", "Y56"),
        ("RNQ", "KETTERING GENERAL HOSPITAL NHS FOUNDATION TRUST", "Y60"),
        ("RC9", "BEDFORDSHIRE HOSPITALS NHS FOUNDATION TRUST", "Y61"),
        ("RXF", "MID YORKSHIRE HOSPITALS NHS TRUST", "Y63"),
        ("RVW", "NORTH TEES AND HARTLEPOOL NHS FOUNDATION TRUST", "Y63"),
        ("RX1", "NOTTINGHAM UNIVERSITY HOSPITALS NHS TRUST", "Y60"),
        ("RK9", "UNIVERSITY HOSPITALS PLYMOUTH NHS TRUST", "Y58"),
        ("R0D", "UNIVERSITY HOSPITALS DORSET NHS FOUNDATION TRUST", "Y58"),
        ("RHU", "PORTSMOUTH HOSPITALS UNIVERSITY NATIONAL HEALTH SERVICE TRUST", "Y59"),
        ("RFR", "THE ROTHERHAM NHS FOUNDATION TRUST", "Y63"),
        ("RGR", "WEST SUFFOLK NHS FOUNDATION TRUST", "Y61"),
        ("RBD", "DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST", "Y58"),
        ("R0A", "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST", "Y62"),
        ("RAL", "ROYAL FREE LONDON NHS FOUNDATION TRUST", "Y56"),
        ("RRK", "UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST", "Y60"),
        ("RJ1", "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST", "Y56"),
        ("R1H", "BARTS HEALTH NHS TRUST", "Y56"),
        ("RTH", "OXFORD UNIVERSITY HOSPITALS NHS FOUNDATION TRUST", "Y59"),
        ("RTD", "THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST", "Y63"),
        ("RR8", "LEEDS TEACHING HOSPITALS NHS TRUST", "Y63"),
        ("RHQ", "SHEFFIELD TEACHING HOSPITALS NHS FOUNDATION TRUST", "Y63"),
        ("RWE", "UNIVERSITY HOSPITALS OF LEICESTER NHS TRUST", "Y60"),
        ("REF", "ROYAL CORNWALL HOSPITALS NHS TRUST", "Y58"),
        ("RH8", "ROYAL DEVON UNIVERSITY HEALTHCARE NHS FOUNDATION TRUST", "Y58"),
        ("RN3", "GREAT WESTERN HOSPITALS NHS FOUNDATION TRUST", "Y58"),
        ("RBK", "WALSALL HEALTHCARE NHS TRUST", "Y60"),
        ("RWD", "UNITED LINCOLNSHIRE HOSPITALS NHS TRUST", "Y60"),
        ("RJE", "UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST", "Y60"),
        ("RM1", "NORFOLK AND NORWICH UNIVERSITY HOSPITALS NHS FOUNDATION TRUST", "Y61"),
        ("RAJ", "MID AND SOUTH ESSEX NHS FOUNDATION TRUST", "Y61"),
        ("RPA", "MEDWAY NHS FOUNDATION TRUST", "Y59"),
        ("RYR", "UNIVERSITY HOSPITALS SUSSEX NHS FOUNDATION TRUST", "Y59"),
        ("RXN", "LANCASHIRE TEACHING HOSPITALS NHS FOUNDATION TRUST", "Y62"),
        ("RBL", "WIRRAL UNIVERSITY TEACHING HOSPITAL NHS FOUNDATION TRUST", "Y62"),
        ("RCX", "THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST", "Y61"),
        ("RA2", "ROYAL SURREY COUNTY HOSPITAL NHS FOUNDATION TRUST", "Y59"),
        ("RWY", "CALDERDALE AND HUDDERSFIELD NHS FOUNDATION TRUST", "Y63"),
    ]

    static let ambulanceTrusts: [(String, String, String)] = [
        ("RRU", "LONDON AMBULANCE SERVICE NHS TRUST", "Y56"),
        ("RYF", "SOUTH WESTERN AMBULANCE SERVICE NHS FOUNDATION TRUST", "Y58"),
        ("RYD", "SOUTH EAST COAST AMBULANCE SERVICE NHS FOUNDATION TRUST", "Y59"),
        ("RYE", "SOUTH CENTRAL AMBULANCE SERVICE NHS FOUNDATION TRUST", "Y59"),
        ("RYA", "WEST MIDLANDS AMBULANCE SERVICE UNIVERSITY NHS FOUNDATION TRUST", "Y60"),
        ("RX9", "EAST MIDLANDS AMBULANCE SERVICE NHS TRUST", "Y60"),
        ("RYC", "EAST OF ENGLAND AMBULANCE SERVICE NHS TRUST", "Y61"),
        ("RX7", "NORTH WEST AMBULANCE SERVICE NHS TRUST", "Y62"),
        ("RX8", "YORKSHIRE AMBULANCE SERVICE NHS TRUST", "Y63"),
        ("RX6", "NORTH EAST AMBULANCE SERVICE NHS FOUNDATION TRUST", "Y63"),
    ]

    /// Field-test sites and months (the reference list's dates).
    static let fieldTest: [String: (YearMonth, YearMonth)] = {
        let from = YearMonth(constant: 2019, 5), to = YearMonth(constant: 2023, 5)
        var sites: [String: (YearMonth, YearMonth)] = [:]
        for code in ["RGT", "RQM", "RDU", "RYJ", "RNQ", "RC9", "RXF", "RVW", "RX1", "RK9", "RHU", "RFR", "RGR"] {
            sites[code] = (from, to)
        }
        sites["R0D"] = (YearMonth(constant: 2020, 10), to)
        return sites
    }()

    var trusts: [Trust] {
        var list: [Trust] = []
        for (i, t) in Self.namedTrusts.enumerated() where list.count < options.acuteTrusts {
            var r = Random("size" + t.0)
            list.append(Trust(code: t.0, name: t.1, region: t.2, size: r.around(i < 20 ? 1.3 : 1.0, 0.4)))
        }
        var n = 0
        let letters = Array("ABCDEFGHJKLMNPQSTUVWXYZ")
        while list.count < options.acuteTrusts {
            let code = "R" + String(letters[n / 10 % letters.count]) + String(n % 10)
            n += 1
            if list.contains(where: { $0.code == code }) || Self.namedTrusts.contains(where: { $0.0 == code })
                || Self.ambulanceTrusts.contains(where: { $0.0 == code }) { continue }
            var r = Random("size" + code)
            list.append(Trust(code: code, name: "SYNTHETIC ACUTE TRUST \(n) NHS FOUNDATION TRUST",
                              region: Self.regions[n % 7].code, size: r.around(1.0, 0.5)))
        }
        return list
    }

    var independent: [Trust] {
        (0..<options.independentProviders).map { i in
            Trust(code: String(format: "NQ%03d", i + 1), name: "INDEPENDENT SECTOR PROVIDER \(i + 1) LTD",
                  region: Self.regions[i % 7].code, size: 0.15)
        }
    }

    /// The months of A&E and ambulance data, oldest first.
    var urgentMonths: [YearMonth] { (0..<options.months).reversed().map { options.end.adding(months: -$0) } }
    /// RTT, cancer and DM01 lag a month more.
    var electiveMonths: [YearMonth] { urgentMonths.map { $0.adding(months: -1) } }

    static func seasonal(_ m: YearMonth) -> Double { 1 + 0.08 * cos(Double(m.month - 1) / 12 * 2 * .pi) }

    /// Writes everything under `directory` and returns the files written.
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        let fm = FileManager.default
        var written: [URL] = []
        for folder in ["ae", "ambsys", "rtt", "cancer", "dm01"] {
            try fm.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        if options.datasets.contains("ae") {
            for (i, month) in urgentMonths.enumerated() {
                let url = directory.appendingPathComponent("ae/MSitAE-\(month.longName.split(separator: " ")[0].uppercased())-\(month.year).csv")
                let bad = options.includeRevisionAndBadRows && i == 3
                try Data(aeCSV(month, revised: false, badRow: bad).utf8).write(to: url)
                written.append(url)
                if options.includeRevisionAndBadRows, i == options.months - 4 {
                    let revisedDir = directory.appendingPathComponent("revised")
                    try fm.createDirectory(at: revisedDir, withIntermediateDirectories: true)
                    let revised = revisedDir.appendingPathComponent("Monthly-AE-\(month.longName.replacingOccurrences(of: " ", with: "-"))-revised.csv")
                    try Data(aeCSV(month, revised: true, badRow: false).utf8).write(to: revised)
                    written.append(revised)
                }
            }
        }
        if options.datasets.contains("ambulance") {
            let url = directory.appendingPathComponent("ambsys/AmbSYS-to-\(options.end.shortName).csv")
            try Data(ambsysCSV().utf8).write(to: url)
            written.append(url)
        }
        if options.datasets.contains("rtt") {
            for month in electiveMonths {
                written.append(try writeRTT(month, directory: directory.appendingPathComponent("rtt")))
            }
        }
        if options.datasets.contains("cancer") {
            for chunk in stride(from: 0, to: electiveMonths.count, by: 6) {
                let months = Array(electiveMonths[chunk..<min(chunk + 6, electiveMonths.count)])
                guard let first = months.first, let last = months.last else { continue }
                let url = directory.appendingPathComponent(
                    "cancer/CWT-CRS-\(first.shortName.prefix(3))-\(first.year)-to-\(last.shortName.prefix(3))-\(last.year)-Data-Extract-Provider.xlsx")
                try XLSXWriter.write([cancerSheet(months)], to: url)
                written.append(url)
            }
        }
        if options.datasets.contains("diagnostics") {
            for month in electiveMonths {
                let url = directory.appendingPathComponent("dm01/Monthly-Diagnostics-Web-File-Provider-\(month.longName.replacingOccurrences(of: " ", with: "-")).xls")
                try XLSWriter.write(dm01Sheets(month), to: url)
                written.append(url)
            }
        }
        // What is synthetic, by its bytes: nofdb marks whatever it loads from these as sample data.
        try SampleManifest.write(files: written, in: directory)
        return written
    }

    // MARK: A&E

    static let aeHeader = "Period,Org Code,Parent Org,Org name,A&E attendances Type 1,A&E attendances Type 2,A&E attendances Other A&E Department,A&E attendances Booked Appointments Type 1,A&E attendances Booked Appointments Type 2,A&E attendances Booked Appointments Other Department,Attendances over 4hrs Type 1,Attendances over 4hrs Type 2,Attendances over 4hrs Other Department,Attendances over 4hrs Booked Appointments Type 1,Attendances over 4hrs Booked Appointments Type 2,Attendances over 4hrs Booked Appointments Other Department,Patients who have waited 4-12 hs from DTA to admission,Patients who have waited 12+ hrs from DTA to admission,Emergency admissions via A&E - Type 1,Emergency admissions via A&E - Type 2,Emergency admissions via A&E - Other A&E department,Other emergency admissions"

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    func aeCSV(_ month: YearMonth, revised: Bool, badRow: Bool) -> String {
        let period = "MSitAE-\(month.longName.split(separator: " ")[0].uppercased())-\(month.year)"
        var lines = [Self.aeHeader]
        var totals = [Int](repeating: 0, count: 18)
        var rows: [(String, String, String, [Int])] = []
        for trust in trusts {
            var r = Random("ae\(trust.code)\(month)\(revised ? "r" : "")")
            let t1 = Int(r.around(9000 * trust.size * Self.seasonal(month), 0.06))
            let t2 = r.unit() < 0.2 ? Int(r.around(300, 0.3)) : 0
            let other = Int(r.around(4500 * trust.size, 0.1))
            let booked = [Int(Double(t1) * 0.01), 0, Int(Double(other) * 0.02)]
            var quality = Random("perf" + trust.code)
            let performance = 0.62 + 0.2 * quality.unit() + Double(month.year - 2022) / 100.0
            var over4 = [Int(Double(t1) * (1 - performance) * r.around(1, 0.05)), Int(Double(t2) * 0.05),
                         Int(Double(other) * 0.04)]
            var overBooked = [Int(Double(booked[0]) * 0.1), 0, Int(Double(booked[2]) * 0.03)]
            if let (from, to) = Self.fieldTest[trust.code], month >= from, month <= to {
                over4 = [0, 0, 0]
                overBooked = [0, 0, 0]
            }
            let admissions = Int(Double(t1) * 0.28)
            let dta12 = Int(Double(admissions) * r.around(0.03, 0.8))
            let dta4 = Int(Double(admissions) * r.around(0.3, 0.3))
            let values = [t1, t2, other] + booked + over4 + overBooked + [dta4, dta12, admissions, Int(Double(t2) * 0.1), 0, Int(r.around(1500 * trust.size, 0.1))]
            rows.append((trust.code, Self.regions.first { $0.code == trust.region }?.aeParent ?? "", trust.name, values))
        }
        // Walk-in centres and urgent treatment centres: type 3 only.
        for i in 0..<max(4, trusts.count / 5) {
            var r = Random("wic\(i)\(month)")
            let other = Int(r.around(2500, 0.2))
            let values = [0, 0, other, 0, 0, 0, 0, 0, Int(Double(other) * 0.01), 0, 0, 0, 0, 0, 0, 0, 0, 0]
            rows.append((String(format: "NLO%02d", i + 10), Self.regions[i % 7].aeParent, "URGENT TREATMENT CENTRE \(i + 1)", values))
        }
        for (code, parent, name, values) in rows {
            for (i, v) in values.enumerated() { totals[i] += v }
            lines.append(([period, code, Self.csvField(parent), Self.csvField(name)] + values.map(String.init)).joined(separator: ","))
        }
        if badRow {
            // A row a person typed: a letter O for a zero. nofdb rejects it with its line and column.
            lines.append("\(period),NQX99,NHS ENGLAND LONDON,HAND-EDITED SITE,1O5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0")
        }
        lines.append("TOTAL,TOTAL,TOTAL,TOTAL," + totals.map(String.init).joined(separator: ","))
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: AmbSYS

    static let ambsysCodes: [String] =
        "A0,A1,A2,A3,A4,A114,A5,A6,A111,A112,A113,A7,A8,A9,A10,A11,A12,A24,A25,A26,A27,A28,A29,A30,A31,A32,A33,A34,A35,A36,A37,A38,A126,A127,A128,A129,A130,A131,A17,A18,A19,A20,A21,A22,A23,A132,A133,A134,A135,A136,A137,A138,A139,A53,A54,A55,A56,A39,A40,A41,A42,A43,A44,A45,A46,A47,A48,A74,A82,A83,A84,A78,A94,A95,A96,A115,A116,A117,A118,A75,A85,A86,A87,A79,A97,A98,A99,A119,A120,A121,A122,A76,A88,A89,A90,A80,A100,A101,A102,A77,A91,A92,A93,A81,A103,A104,A105,A49,A50,A51,A52,A13,A14,A15,A16,A106,A107,A108,A109,A110,A140,A141,A142,A143,A144,A145,A146,A147,A148,A124,A125,A57,A58,A59,A60,A61,A62,A63,A64,A65,A66,A67,A68,A69,A70,A71,A72,A73"
        .split(separator: ",").map(String.init)

    func ambulanceValues(_ code: String, _ month: YearMonth, size: Double) -> [String: Int] {
        var r = Random("amb\(code)\(month)")
        var v: [String: Int] = [:]
        let incidents = Int(r.around(70000 * size * Self.seasonal(month), 0.05))
        v["A7"] = incidents
        v["A0"] = Int(Double(incidents) * 1.4)
        v["A1"] = Int(Double(incidents) * 1.1)
        let shares = [("A8", "A24", "A25", "A26", 0.09, 8.0), ("A9", "A27", "A28", "A29", 0.07, 12.0),
                      ("A10", "A30", "A31", "A32", 0.5, 30.0), ("A11", "A33", "A34", "A35", 0.2, 90.0),
                      ("A12", "A36", "A37", "A38", 0.02, 120.0)]
        for (count, total, mean, p90, share, minutes) in shares {
            let n = Int(Double(incidents) * r.around(share, 0.1))
            let meanSeconds = Int(r.around(minutes * 60, 0.25))
            v[count] = n
            v[total] = n * meanSeconds + r.int(0...max(n / 3, 1))
            v[mean] = Int((Double(v[total] ?? 0) / Double(max(n, 1))).rounded())
            v[p90] = Int(Double(meanSeconds) * r.around(1.8, 0.1))
        }
        return v
    }

    func ambsysCSV() -> String {
        var lines = ["Year,Month,Region,Org Code,Org Name," + Self.ambsysCodes.joined(separator: ",")]
        for month in urgentMonths {
            var regionSums: [String: [String: Int]] = [:]
            var england: [String: Int] = [:]
            var trustLines: [String] = []
            for trust in Self.ambulanceTrusts {
                let values = ambulanceValues(trust.0, month, size: trust.0 == "RRU" ? 1.6 : 1.0)
                for (k, x) in values {
                    regionSums[trust.2, default: [:]][k, default: 0] += x
                    england[k, default: 0] += x
                }
                trustLines.append(row(month, trust.2, trust.0, trust.1, values))
            }
            func finish(_ v: inout [String: Int]) {
                for (count, total, mean) in [("A8", "A24", "A25"), ("A9", "A27", "A28"), ("A10", "A30", "A31"), ("A11", "A33", "A34"), ("A12", "A36", "A37")] {
                    v[mean] = Int((Double(v[total] ?? 0) / Double(max(v[count] ?? 1, 1))).rounded())
                }
                // Centiles of a group are not sums: publish an incident-weighted figure here.
                for p90 in ["A26", "A29", "A32", "A35", "A38"] { v[p90] = (v[p90] ?? 0) / 2 }
            }
            finish(&england)
            lines.append(row(month, "Eng", "Eng", "England", england))
            lines += trustLines
            for region in Self.regions {
                guard var sums = regionSums[region.code] else { continue }
                let members = Self.ambulanceTrusts.filter { $0.2 == region.code }
                if members.count == 1, let only = members.first {
                    sums = ambulanceValues(only.0, month, size: only.0 == "RRU" ? 1.6 : 1.0)
                } else {
                    finish(&sums)
                }
                lines.append(row(month, region.name, region.code, region.name, sums))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func row(_ month: YearMonth, _ region: String, _ code: String, _ name: String, _ values: [String: Int]) -> String {
        var r = Random("ambfill\(code)\(month)")
        let cells = Self.ambsysCodes.map { c -> String in
            if let v = values[c] { return String(v) }
            if let n = Int(c.dropFirst()), (57...73).contains(n) { return "." }
            return r.unit() < 0.1 ? "." : String(r.int(0...5000))
        }
        return ([String(month.year), String(month.month), region, code, Self.csvField(name)] + cells).joined(separator: ",")
    }

    // MARK: RTT

    static let treatmentFunctions: [(String, String)] = [
        ("C_100", "General Surgery Service"), ("C_101", "Urology Service"), ("C_110", "Trauma and Orthopaedic Service"),
        ("C_120", "Ear Nose and Throat Service"), ("C_130", "Ophthalmology Service"), ("C_140", "Oral Surgery Service"),
        ("C_150", "Neurosurgical Service"), ("C_160", "Plastic Surgery Service"), ("C_170", "Cardiothoracic Surgery Service"),
        ("C_300", "General Internal Medicine Service"), ("C_301", "Gastroenterology Service"), ("C_320", "Cardiology Service"),
        ("C_330", "Dermatology Service"), ("C_340", "Respiratory Medicine Service"), ("C_400", "Neurology Service"),
        ("C_410", "Rheumatology Service"), ("C_430", "Elderly Medicine Service"), ("C_502", "Gynaecology Service"),
        ("X02", "Other - Medical Services"), ("X03", "Other - Mental Health Services"), ("X04", "Other - Paediatric Services"),
        ("X05", "Other - Surgical Services"), ("X06", "Other - Other Services"),
    ]
    static let parts: [(String, String)] = [
        ("Part_1A", "Completed Pathways For Admitted Patients"), ("Part_1B", "Completed Pathways For Non-Admitted Patients"),
        ("Part_2", "Incomplete Pathways"), ("Part_2A", "Incomplete Pathways with DTA"), ("Part_3", "New RTT Periods - All Patients"),
    ]
    static let rttHeader: String = {
        let bands = (0..<104).map { String(format: "Gt %02d To %02d Weeks SUM 1", $0, $0 + 1) } + ["Gt 104 Weeks SUM 1"]
        return (["Period", "Provider Parent Org Code", "Provider Parent Name", "Provider Org Code", "Provider Org Name",
                 "Commissioner Parent Org Code", "Commissioner Parent Name", "Commissioner Org Code", "Commissioner Org Name",
                 "RTT Part Type", "RTT Part Description", "Treatment Function Code", "Treatment Function Name"] + bands
                + ["Total", "Patients with unknown clock start date", "Total All"]).joined(separator: ",")
    }()

    /// Weekly band counts for one row: a long-tailed wait distribution.
    static func bands(_ r: inout Random, total: Int, tail: Double) -> [Int] {
        var out = [Int](repeating: 0, count: 105)
        guard total > 0 else { return out }
        for _ in 0..<min(total, 60) {
            let weeks = min(104, Int(-log(max(r.unit(), 1e-9)) * tail))
            out[weeks] += max(1, total / 60)
        }
        return out
    }

    func writeRTT(_ month: YearMonth, directory: URL) throws -> URL {
        let label = "RTT-\(month.longName.replacingOccurrences(of: " ", with: "-"))"
        let csvName = String(format: "%04d%02d%02d", month.year, month.month, Self.lastDay(month)) + "-\(label)-full-extract.csv"
        let temp = directory.appendingPathComponent(csvName + ".tmp")
        _ = FileManager.default.createFile(atPath: temp.path, contents: nil)
        let handle = try FileHandle(forWritingTo: temp)
        var buffer = [UInt8]()
        buffer.reserveCapacity(2 << 20)
        func emit(_ line: String) throws {
            buffer += Array(line.utf8)
            buffer += [13, 10]
            if buffer.count > 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try emit(Self.rttHeader)
        let tfs = Array(Self.treatmentFunctions.prefix(options.rttTreatmentFunctions))
        for provider in trusts + independent {
            let icb = "Q" + String(provider.region.suffix(2)) + "A"
            let icbName = "NHS \(Self.regions.first { $0.code == provider.region }?.name.uppercased() ?? "") INTEGRATED CARE BOARD"
            var commissioners: [(String, String, String, String)] = []
            for c in 0..<options.rttCommissioners {
                if c == options.rttCommissioners - 1, c > 0 {
                    commissioners.append(("", "", "NONC", ""))
                } else {
                    commissioners.append((icb, icbName, String(format: "%02d%@", 10 + c, String(provider.region.suffix(1))), "NHS SUB ICB LOCATION \(c + 1), \(provider.region)"))
                }
            }
            for commissioner in commissioners {
                for part in Self.parts {
                    var totalsBands = [Int](repeating: 0, count: 105)
                    var totalAll = 0
                    var totalTotal = 0
                    for tf in tfs {
                        var r = Random("rtt\(provider.code)\(commissioner.2)\(part.0)\(tf.0)\(month)")
                        let scale = provider.size * (commissioner.2 == "NONC" ? 0.02 : 1)
                        let n = Int(r.around(part.0 == "Part_2" ? 900 : part.0 == "Part_2A" ? 200 : 120, 0.5) * scale)
                        let b = Self.bands(&r, total: n, tail: part.0.hasPrefix("Part_1") ? 10 : 16)
                        let sum = b.reduce(0, +)
                        if part.0 == "Part_3" {
                            try emit(rttLine(label, provider, commissioner, part, tf, nil, nil, nil, n))
                            totalAll += n
                        } else if part.0 == "Part_2" || part.0 == "Part_2A" {
                            try emit(rttLine(label, provider, commissioner, part, tf, b, nil, nil, sum))
                            for i in 0..<105 { totalsBands[i] += b[i] }
                            totalAll += sum
                        } else {
                            try emit(rttLine(label, provider, commissioner, part, tf, b, sum, 0, sum))
                            for i in 0..<105 { totalsBands[i] += b[i] }
                            totalAll += sum
                            totalTotal += sum
                        }
                    }
                    let total = ("C_999", "Total")
                    switch part.0 {
                    case "Part_3": try emit(rttLine(label, provider, commissioner, part, total, nil, nil, nil, totalAll))
                    case "Part_2", "Part_2A": try emit(rttLine(label, provider, commissioner, part, total, totalsBands, nil, nil, totalAll))
                    default: try emit(rttLine(label, provider, commissioner, part, total, totalsBands, totalTotal, 0, totalAll))
                    }
                }
            }
        }
        try handle.write(contentsOf: buffer)
        try handle.close()
        let zipURL = directory.appendingPathComponent("Full-CSV-data-file-\(month.shortName.replacingOccurrences(of: "-", with: ""))-ZIP.zip")
        try? FileManager.default.removeItem(at: zipURL)
        let archive = try Archive(url: zipURL, accessMode: .create)
        let size = (try FileManager.default.attributesOfItem(atPath: temp.path)[.size] as? Int) ?? 0
        let reader = try FileHandle(forReadingFrom: temp)
        try archive.addEntry(with: csvName, type: .file, uncompressedSize: Int64(size), modificationDate: fixedArchiveDate,
                             compressionMethod: .deflate, bufferSize: 1 << 20) { position, chunk in
            try reader.seek(toOffset: UInt64(position))
            return try reader.read(upToCount: chunk) ?? Data()
        }
        try reader.close()
        try FileManager.default.removeItem(at: temp)
        return zipURL
    }

    func rttLine(_ label: String, _ p: Trust, _ c: (String, String, String, String), _ part: (String, String),
                 _ tf: (String, String), _ bands: [Int]?, _ total: Int?, _ unknown: Int?, _ totalAll: Int) -> String {
        let icb = "Q" + String(p.region.suffix(2)) + "A"
        let icbName = "NHS \(Self.regions.first { $0.code == p.region }?.name.uppercased() ?? "") INTEGRATED CARE BOARD"
        var fields = [label, icb, icbName, p.code, Self.csvField(p.name), c.0, Self.csvField(c.1), c.2, Self.csvField(c.3),
                      part.0, part.1, tf.0, tf.1]
        if let bands { fields += bands.map(String.init) } else { fields += Array(repeating: "", count: 105) }
        fields.append(total.map(String.init) ?? "")
        fields.append(unknown.map(String.init) ?? "")
        fields.append(String(totalAll))
        return fields.joined(separator: ",")
    }

    static func lastDay(_ m: YearMonth) -> Int {
        let next = m.adding(months: 1)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let date = calendar.date(from: DateComponents(year: next.year, month: next.month, day: 1)) ?? Date()
        return calendar.component(.day, from: date.addingTimeInterval(-86400))
    }

    // MARK: Cancer

    func cancerSheet(_ months: [YearMonth]) -> WorkbookSheet {
        var rows: [[WorkbookCell]] = [["PERIOD", "YEAR", "MONTH", "STANDARD", "ORG CODE", "STAGE/ROUTE", "TREATMENT MODALITY",
                                       "CANCER TYPE", "TOTAL TREATED", "WITHIN STANDARD", "BREACHES"].map { .text($0) }]
        let fdsRoutes = ["URGENT SUSPECTED CANCER", "BREAST SYMPTOMATIC, CANCER NOT SUSPECTED", "NATIONAL SCREENING PROGRAMME"]
        let fdsTypes = ["Suspected breast cancer", "Suspected lower gastrointestinal cancer", "Suspected skin cancer",
                        "Suspected lung cancer", "Suspected urological malignancies (excluding testicular)"]
        let tumours = ["Breast", "Lower Gastrointestinal", "Skin", "Lung", "Urological - Prostate", "Haematological - Lymphoma"]
        let modalities = ["Surgery", "Anti-cancer drug regimen", "Radiotherapy", "Other"]
        for month in months {
            let fy = month.financialQuarter.financialYear
            let mon = month.shortName.prefix(3).uppercased()
            func add(_ standard: String, _ org: String, _ route: String, _ modality: String?, _ type: String, _ total: Double, _ within: Double) {
                rows.append([.date(year: month.year, month: month.month, day: 1), .text(fy), .text(String(mon)), .text(standard),
                             .text(org), .text(route), modality.map { .text($0) } ?? .empty, .text(type),
                             .number(total), .number(within), .number(total - within)])
            }
            for trust in trusts {
                var r = Random("cancer\(trust.code)\(month)")
                var base = Random("cq" + trust.code)
                let quality = 0.7 + 0.2 * base.unit()
                for route in fdsRoutes {
                    for type in fdsTypes where !(route.hasPrefix("BREAST") && type != fdsTypes[0]) {
                        let total = Double(Int(r.around(120 * trust.size, 0.5)))
                        add("28-day FDS", trust.code, route, nil, route.hasPrefix("BREAST") ? "Exhibited (non-cancer) breast symptoms - cancer not initially suspected" : type,
                            total, (total * min(1, quality * r.around(1.05, 0.05))).rounded())
                    }
                }
                for (standard, routes, halves) in [("31-day Combined", ["First Treatment", "Subsequent Treatment"], false),
                                                   ("62-day Combined", ["Urgent Suspected Cancer", "Screening", "Consultant Upgrade", "Breast Symptomatic"], true)] {
                    for route in routes {
                        // One table of counts by (tumour, modality); both cross-cuts are sums of it.
                        var grid: [[(Double, Double)]] = []
                        for _ in tumours {
                            grid.append(modalities.map { _ in
                                var total = Double(Int(r.around(6 * trust.size, 0.8)))
                                if halves, r.unit() < 0.4 { total += 0.5 }
                                let within = (total * min(1, quality * r.around(standard.hasPrefix("31") ? 1.25 : 0.95, 0.08)) * 2).rounded() / 2
                                return (total, min(within, total))
                            })
                        }
                        for (t, tumour) in tumours.enumerated() {
                            let total = grid[t].reduce(0) { $0 + $1.0 }, within = grid[t].reduce(0) { $0 + $1.1 }
                            if total > 0 { add(standard, trust.code, route, "ALL MODALITIES", tumour, total, within) }
                        }
                        for (m, modality) in modalities.enumerated() {
                            let total = grid.reduce(0) { $0 + $1[m].0 }, within = grid.reduce(0) { $0 + $1[m].1 }
                            if total > 0 { add(standard, trust.code, route, modality, "ALL CANCERS", total, within) }
                        }
                    }
                }
            }
        }
        return WorkbookSheet(name: "CWT CRS Provider Extract", rows: rows)
    }

    // MARK: DM01

    /// DM01 writes names in title case ("Barts Health NHS Trust").
    static func titleCase(_ name: String) -> String {
        name.capitalized.replacingOccurrences(of: "Nhs", with: "NHS")
    }

    /// total, 6+, 13+, the percentage, 14 bands, a gap column, then the three activity counts.
    static func measureCells(_ v: [Double], formula: Bool) -> [WorkbookCell] {
        func cell(_ x: Double) -> WorkbookCell { formula ? .formula(x) : .number(x) }
        var cells: [WorkbookCell] = v[0..<3].map(cell)
        cells.append(cell(v[0] > 0 ? v[1] / v[0] : 0))
        cells += v[3..<17].map(cell)
        cells.append(.empty)
        cells += v[17...].map(cell)
        return cells
    }

    static let tests = ["Magnetic Resonance Imaging", "Computed Tomography", "Non-obstetric Ultrasound", "Barium Enema", "DEXA Scan",
                        "Audiology - Audiology Assessments", "Cardiology - Echocardiography", "Cardiology - Electrophysiology",
                        "Neurophysiology - Peripheral Neurophysiology", "Respiratory physiology - Sleep Studies",
                        "Urodynamics - Pressures & Flows", "Colonoscopy", "Flexi Sigmoidoscopy", "Cystoscopy", "Gastroscopy"]

    func dm01Sheets(_ month: YearMonth) -> [WorkbookSheet] {
        let bandHeaders = (0..<13).map { String(format: "%02d <%02d weeks", $0, $0 + 1).replacingOccurrences(of: "00 <", with: "0 <") } + ["13+ weeks"]
        let meta: [[WorkbookCell]] = [
            [],
            [.empty, .text("Title:"), .text("Monthly Diagnostics")],
            [.empty, .text("Summary:"), .text("Waiting times and activity for Diagnostic tests and procedures")],
            [],
            [.empty, .text("Period:"), .text(month.longName)],
            [.empty, .text("Source:"), .text("DM01, collected via SDCS")],
            [.empty, .text("Basis:"), .text("Provider")],
            [.empty, .text("Published:"), .text("Sample (nofdb generator)")],
            [.empty, .text("Revised:")],
            [.empty, .text("Status:"), .text("Published")],
            [.empty, .text("Contact:"), .text("england.diagnosticsdata@nhs.net")],
            [],
        ]
        let activity = ["Planned tests / procedures", "Unscheduled tests / procedures", "Waiting list tests / procedures (excluding planned)"]
        let measures = ["Total Waiting List", "Number waiting 6+ Weeks", "Number waiting 13+ Weeks", "Percentage waiting 6+ weeks"]
        var byTest: [[WorkbookCell]] = meta + [[.empty, .text("Provider level data")],
            [.empty] + ["Regional Team Code", "Regional Team Name", "Provider Code", "Provider Name", "Diagnostic ID", "Diagnostic Test Name"].map { .text($0) }
            + measures.map { .text($0) } + bandHeaders.map { .text($0) } + [.empty] + activity.map { .text($0) }]
        var provider: [[WorkbookCell]] = meta + [[.empty, .text("Provider level data")],
            [.empty] + ["Regional Team Code", "Regional Team Name", "Provider Code", "Provider Name"].map { .text($0) }
            + measures.map { .text($0) } + bandHeaders.map { .text($0) } + [.empty] + activity.map { .text($0) }]
        var england = [Double](repeating: 0, count: 3 + 14 + 3)
        var dataByTest: [[WorkbookCell]] = []
        var dataProvider: [[WorkbookCell]] = []
        for trust in trusts {
            let region = Self.regions.first { $0.code == trust.region }
            var sums = [Double](repeating: 0, count: 20)
            var testRows: [[WorkbookCell]] = []
            for (t, test) in Self.tests.enumerated() {
                var r = Random("dm01\(trust.code)\(test)\(month)")
                if t == 3 || (t > 7 && r.unit() < 0.3) { continue }
                let waiting = Double(Int(r.around(900 * trust.size, 0.6)))
                var bands = [Double](repeating: 0, count: 14)
                var left = waiting
                for b in 0..<13 {
                    let take = (left * r.around(0.22, 0.3)).rounded()
                    bands[b] = min(take, left)
                    left -= bands[b]
                }
                bands[13] = left
                let six = bands[6...].reduce(0, +), thirteen = bands[13]
                let values = [waiting, six, thirteen] + bands + [Double(Int(r.around(300, 0.5))), Double(Int(r.around(500, 0.5))), Double(Int(r.around(800, 0.5)))]
                for i in 0..<20 { sums[i] += values[i] }
                let lead: [WorkbookCell] = [.empty, .text(trust.region), .text(region?.dm01 ?? ""), .text(trust.code),
                                            .text(Self.titleCase(trust.name)), .number(Double(t + 1)), .text(test)]
                testRows.append(lead + Self.measureCells(values, formula: false))
            }
            dataByTest += testRows
            let lead: [WorkbookCell] = [.empty, .text(trust.region), .text(region?.dm01 ?? ""), .text(trust.code),
                                        .text(Self.titleCase(trust.name))]
            dataByTest.append(lead + [.number(16), .text("Total")] + Self.measureCells(sums, formula: false))
            dataProvider.append(lead + Self.measureCells(sums, formula: false))
            for i in 0..<20 { england[i] += sums[i] }
        }
        // The England Total row is made of formulas, as in the published files.
        let totalRow: [WorkbookCell] = [.empty, .empty, .empty, .empty, .text("Total")]
        let formulas = Self.measureCells(england, formula: true)
        byTest.append(totalRow + [.empty, .empty] + formulas)
        byTest.append([])
        byTest += dataByTest
        provider.append(totalRow + formulas)
        provider.append([])
        provider += dataProvider
        return [WorkbookSheet(name: "Provider", rows: provider), WorkbookSheet(name: "Provider by Test", rows: byTest),
                WorkbookSheet(name: "Notes", rows: [[.empty, .text("Sample data written by nofdb; not real statistics.")]])]
    }
}
