import Foundation
import NOFCore

/// RTT Full CSV data file: provider × commissioner × part × treatment function, with weekly
/// bands to 104+ weeks (or 52+ in older layouts).
///
/// Blank stays NULL (Part_3 bands, Part_2 Total), 0 stays 0. `C_999` rows are totals; they
/// are stored as published and also summed over commissioners into `fact_rtt_provider`
/// (never added to specialty rows). The file streams: a national month is never held whole.
final class RTTNormaliser: Normaliser {
    struct Columns {
        var period = -1, year: Int?, providerParentCode: Int?, providerParentName: Int?
        var providerCode = -1, providerName: Int?
        var commissionerParentCode: Int?, commissionerParentName: Int?
        var commissionerCode = -1, commissionerName: Int?
        var part = -1, treatmentFunctionCode = -1, treatmentFunctionName: Int?
        var bandStart = -1, bandCount = 0, total = -1, unknown = -1, totalAll = -1
    }

    struct Aggregate {
        var bands: [Int]
        var bandsSeen = false
        var total: Int?
        var unknown: Int?
        var totalAll: Int?
        var rows = 0
    }

    let context: IngestContext
    let header: [String]
    let columns: Columns
    /// 64-bit fingerprints of the row keys seen, to refuse duplicate rows. Published files
    /// group rows by provider, so the set holds one provider's rows and is emptied when the
    /// next provider starts: memory stays flat however long the file. Should a provider come
    /// back after others (an ungrouped file), fingerprints are kept for the rest of the file.
    var fingerprints: Set<Int> = []
    var currentProvider = ""
    var finishedProviders: Set<String> = []
    var grouped = true
    var aggregates: [YearMonth: [String: Aggregate]] = [:]
    var partTwoMismatches = 0
    var partOneMismatches = 0
    var firstMismatch: String?
    var lastPeriodText = ""
    var lastPeriod: YearMonth?
    /// The first day of `lastPeriod` as binary COPY's date, made once per file, not per row.
    var lastPeriodDays: Int32 = 0
    var bandValues: [Int?]

    init(context: IngestContext, header: [String]) throws {
        self.context = context
        self.header = header
        let names = header.map(normaliseHeader)
        func find(_ options: String...) -> Int? { options.lazy.compactMap { names.firstIndex(of: $0) }.first }
        var c = Columns()
        c.period = find("period", "period name") ?? -1
        c.year = find("year")
        c.providerParentCode = find("provider parent org code")
        c.providerParentName = find("provider parent name")
        c.providerCode = find("provider org code") ?? -1
        c.providerName = find("provider org name")
        c.commissionerParentCode = find("commissioner parent org code")
        c.commissionerParentName = find("commissioner parent name")
        c.commissionerCode = find("commissioner org code") ?? -1
        c.commissionerName = find("commissioner org name")
        c.part = find("rtt part type", "rtt part name") ?? -1
        c.treatmentFunctionCode = find("treatment function code") ?? -1
        c.treatmentFunctionName = find("treatment function name", "treatment function description")
        c.bandStart = find("gt 00 to 01 weeks sum 1") ?? -1
        c.total = find("total") ?? -1
        c.unknown = find("patients with unknown clock start date") ?? -1
        c.totalAll = find("total all") ?? -1
        if c.bandStart >= 0 {
            var i = c.bandStart
            while i < names.count, names[i].hasPrefix("gt "), names[i].hasSuffix(" weeks sum 1") { i += 1 }
            c.bandCount = i - c.bandStart
        }
        let required: [(String, Int)] = [
            ("Period", c.period), ("Provider Org Code", c.providerCode), ("Commissioner Org Code", c.commissionerCode),
            ("RTT Part Type", c.part), ("Treatment Function Code", c.treatmentFunctionCode),
            ("Gt 00 To 01 Weeks SUM 1", c.bandStart), ("Total", c.total),
            ("Patients with unknown clock start date", c.unknown), ("Total All", c.totalAll),
        ]
        if let missing = required.first(where: { $0.1 < 0 }) {
            throw LoadError(file: context.fileName, reason: "the RTT header has no \"\(missing.0)\" column")
        }
        columns = c
        bandValues = Array(repeating: nil, count: c.bandCount)
    }

    static func part(_ text: String) -> String? {
        switch text {
        case "Part_1A": return "1A"
        case "Part_1B": return "1B"
        case "Part_2": return "2"
        case "Part_2A": return "2A"
        case "Part_3": return "3"
        default: break
        }
        let t = text.uppercased().replacingOccurrences(of: "PART", with: "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "_ -"))
        return ["1A", "1B", "2", "2A", "3"].contains(t) ? t : nil
    }

    func period<R: RowCells>(_ row: R, _ reader: RowReader<R>) throws -> YearMonth {
        let text = row.text(columns.period)
        if text == lastPeriodText, let lastPeriod { return lastPeriod }
        var parsed = parseLabelledPeriod(text)
        if parsed == nil, let month = YearMonth.monthNumber(text), let yearColumn = columns.year {
            // Old layout: Period Name is a month; Year is 2016 or a financial year 2016/17 or 2016-17.
            let yearText = row.text(yearColumn)
            if let start = Int(yearText.prefix(4)) {
                let financial = yearText.count > 4
                parsed = YearMonth(year: financial && month < 4 ? start + 1 : start, month: month)
            }
        }
        guard let parsed else { throw reader.fail(columns.period, "is not a period such as RTT-November-2024") }
        lastPeriodText = text
        lastPeriod = parsed
        lastPeriodDays = parsed.firstDayDaysSince2000
        return parsed
    }

    /// A count beyond the warehouse's `integer` columns refuses the load, as the server
    /// refuses such a value in text COPY (binary COPY would not check). Names the first such
    /// cell of the row. (Checked once per row by the caller, off the per-cell path.)
    func outOfRange<R: RowCells>(_ row: R) -> LoadError {
        let c = columns
        let cells = Array(c.bandStart..<(c.bandStart + c.bandCount)) + [c.total, c.unknown, c.totalAll]
        let i = cells.first {
            if case .value(let v) = row.integer($0) { return v > Int(Int32.max) }
            return false
        } ?? c.totalAll
        return LoadError(
            file: context.fileName, line: row.rowNumber, column: header[i], value: row.raw(i),
            reason: "is out of range: more than 2,147,483,647, the largest count the warehouse's integer columns hold; nothing from the file was loaded")
    }

    func row<R: RowCells>(_ row: R) throws {
        if row.isBlankRow { return }
        context.rowsRead += 1
        let c = columns
        let reader = RowReader(row: row, header: header, sheet: nil)
        do {
            if row.cellCount < c.totalAll + 1 {
                throw reader.fail(nil, "has \(row.cellCount) cells; the header has \(header.count)")
            }
            let period = try period(row, reader)
            guard let provider = try reader.text(c.providerCode),
                  let commissioner = try reader.text(c.commissionerCode),
                  let partText = try reader.text(c.part),
                  let treatmentFunction = try reader.text(c.treatmentFunctionCode)
            else { return }
            guard let part = Self.part(partText) else {
                throw reader.fail(c.part, "is not an RTT part (Part_1A, Part_1B, Part_2, Part_2A or Part_3)")
            }
            let providerParent = try c.providerParentCode.flatMap { try reader.text($0, required: false) }
            let commissionerParent = try c.commissionerParentCode.flatMap { try reader.text($0, required: false) }
            var bandSum = 0
            var anyBand = false
            var values: [Int?] = []
            swap(&values, &bandValues)
            defer { swap(&values, &bandValues) }
            var largest = 0
            for b in 0..<c.bandCount {
                let v = try reader.optionalCount(c.bandStart + b)
                values[b] = v
                if let v {
                    bandSum += v
                    anyBand = true
                    largest = max(largest, v)
                }
            }
            let total = try reader.optionalCount(c.total)
            let unknown = try reader.optionalCount(c.unknown)
            let totalAll = try reader.optionalCount(c.totalAll)
            largest = max(largest, total ?? 0, unknown ?? 0, totalAll ?? 0)
            if largest > Int(Int32.max) { throw outOfRange(row) }
            if provider != currentProvider {
                if !currentProvider.isEmpty { finishedProviders.insert(currentProvider) }
                if finishedProviders.contains(provider) { grouped = false }
                if grouped { fingerprints.removeAll(keepingCapacity: true) }
                currentProvider = provider
            }
            var hasher = Hasher()
            hasher.combine(provider)
            hasher.combine(commissioner)
            hasher.combine(part)
            hasher.combine(treatmentFunction)
            hasher.combine(period)
            guard fingerprints.insert(hasher.finalize()).inserted else {
                throw reader.fail(c.treatmentFunctionCode,
                    "duplicate row: \(provider) × \(commissioner) × Part_\(part) × \(treatmentFunction) already appeared in \(period)")
            }
            // Checks from the file's own arithmetic (warnings, not rejects).
            if anyBand {
                if part == "2" || part == "2A", let totalAll, totalAll != bandSum {
                    partTwoMismatches += 1
                    if firstMismatch == nil { firstMismatch = "line \(row.rowNumber): Total All \(totalAll) ≠ bands \(bandSum)" }
                } else if part == "1A" || part == "1B", let totalAll, let total, totalAll != total + (unknown ?? 0) {
                    partOneMismatches += 1
                    if firstMismatch == nil { firstMismatch = "line \(row.rowNumber): Total All \(totalAll) ≠ Total \(total) + unknown \(unknown ?? 0)" }
                }
            }
            // Binary COPY (FactTable.rtt.binaryCopy), in FactTable.rtt.columns' order; every
            // count fits 32 bits (`largest` above).
            let periodDays = lastPeriodDays
            try context.sink.withRow(.rtt, period, line: row.rowNumber) { e in
                e.beginBinaryRow(fields: 11)
                e.appendBinaryDate(daysSince2000: periodDays)
                e.appendBinaryText(provider)
                e.appendBinaryText(providerParent)
                e.appendBinaryText(commissionerParent)
                e.appendBinaryText(commissioner)
                e.appendBinaryText(part)
                e.appendBinaryText(treatmentFunction)
                if anyBand { e.appendBinaryInt4Array(values) } else { e.appendBinaryNull() }
                e.appendBinaryInt4(total)
                e.appendBinaryInt4(unknown)
                e.appendBinaryInt4(totalAll)
            }
            if treatmentFunction == "C_999" {
                let aggKey = provider + "\u{1}" + part
                var agg = aggregates[period]?[aggKey] ?? Aggregate(bands: Array(repeating: 0, count: c.bandCount))
                if anyBand {
                    agg.bandsSeen = true
                    for (i, v) in values.enumerated() { agg.bands[i] += v ?? 0 }
                }
                if let total { agg.total = (agg.total ?? 0) + total }
                if let unknown { agg.unknown = (agg.unknown ?? 0) + unknown }
                if let totalAll { agg.totalAll = (agg.totalAll ?? 0) + totalAll }
                agg.rows += 1
                aggregates[period, default: [:]][aggKey] = agg
            }
            // Names are decoded only the first time a code is seen.
            context.seeOrganisation(provider, period: period) {
                OrganisationSeen(
                    name: c.providerName.map { row.text($0) } ?? provider,
                    parentCode: providerParent,
                    parentName: c.providerParentName.map { row.text($0) }, regionCode: nil)
            }
            if context.commissioners[commissioner] == nil {
                context.commissioners[commissioner] = OrganisationSeen(
                    name: c.commissionerName.map { row.text($0) } ?? "",
                    parentCode: commissionerParent,
                    parentName: c.commissionerParentName.map { row.text($0) }, regionCode: nil)
            }
            if context.treatmentFunctions[treatmentFunction] == nil {
                context.treatmentFunctions[treatmentFunction] =
                    c.treatmentFunctionName.map { row.text($0) } ?? treatmentFunction
            }
            context.rowsLoaded += 1
        } catch let rejection as RowRejection {
            context.reject(rejection.reject)
        }
    }

    func finish() throws {
        if partTwoMismatches + partOneMismatches > 0 {
            context.warn(
                "rtt_arithmetic", nil,
                "\(partTwoMismatches) Part_2/2A rows where Total All ≠ sum of the bands and \(partOneMismatches) Part_1 rows where Total All ≠ Total + unknown clock start; first: \(firstMismatch ?? "")")
        }
        for (period, byKey) in aggregates {
            for key in byKey.keys.sorted() {
                guard let agg = byKey[key] else { continue }
                let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false)
                guard parts.count == 2 else { continue }
                try context.sink.withRow(.rttProvider, period, line: 0) { e in
                    e.appendField(period.firstDay); e.appendTab()
                    e.appendField(String(parts[0])); e.appendTab()
                    e.appendField(String(parts[1])); e.appendTab()
                    if agg.bandsSeen {
                        e.append(UInt8(ascii: "{"))
                        for (i, v) in agg.bands.enumerated() {
                            if i > 0 { e.append(UInt8(ascii: ",")) }
                            e.appendInt(v)
                        }
                        e.append(UInt8(ascii: "}"))
                    } else {
                        e.appendNull()
                    }
                    e.appendTab(); e.appendInt(agg.total)
                    e.appendTab(); e.appendInt(agg.unknown)
                    e.appendTab(); e.appendInt(agg.totalAll)
                    e.appendTab(); e.appendInt(agg.rows)
                }
            }
        }
    }
}
