import Foundation
import NOFCore

/// Parses `MSitAE-<MONTH>-<YYYY>` (any case), `RTT-November-2024` and similar period labels.
func parseLabelledPeriod(_ text: String) -> YearMonth? {
    let tokens = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == "_" })
    var month: Int?
    var year: Int?
    for token in tokens {
        if let m = YearMonth.monthNumber(token) {
            month = m
        } else if token.count == 4, let y = Int(token) {
            year = y
        }
    }
    guard let month, let year else { return nil }
    return YearMonth(year: year, month: month)
}

/// A&E attendances and emergency admissions (MSitAE monthly provider CSV), every layout.
///
/// The TOTAL / Total row is not data: it is checked against the sums of the provider rows;
/// a missing total or a mismatch holds the month back (fails the file with --strict).
final class AENormaliser: Normaliser {
    let context: IngestContext
    let header: [String]
    let layout: Layout
    /// For each fact measure column (after period, org_code, parent_name): the source column,
    /// or nil when this layout does not have it (booked appointments before August 2020).
    let measureColumns: [Int?]
    let dataWidth: Int
    var sums: [YearMonth: [Int]] = [:]
    var totals: [YearMonth: (line: Int, values: [Int])] = [:]
    var seen: [YearMonth: [String: Int]] = [:]

    init(context: IngestContext, header: [String], layout: Layout) {
        self.context = context
        self.header = header
        self.layout = layout
        if layout.id == "ae-22" {
            measureColumns = Array(4...21).map { Optional($0) }
            dataWidth = 22
        } else {
            // 16-column layouts: no booked-appointment columns.
            measureColumns = [4, 5, 6, nil, nil, nil, 7, 8, 9, nil, nil, nil, 10, 11, 12, 13, 14, 15]
            dataWidth = 16
        }
    }

    func isTotalRow<R: RowCells>(_ row: R) -> Bool {
        let code = row.text(1).uppercased()
        let name = row.text(3).uppercased()
        return code == "TOTAL" || (row.text(0).isEmpty && code.isEmpty && name == "TOTAL")
    }

    func row<R: RowCells>(_ row: R) throws {
        if row.isBlankRow { return }
        let reader = RowReader(row: row, header: header, sheet: nil)
        if isTotalRow(row) {
            // Remember it for the check at the end; it is not a provider.
            var values: [Int] = []
            for column in measureColumns {
                guard let column else { values.append(0); continue }
                values.append((try? reader.count(column)) ?? -1)
            }
            let period = parseLabelledPeriod(row.text(0)) ?? totals.keys.first ?? sums.keys.first
            if let period { totals[period] = (row.rowNumber, values) }
            return
        }
        context.rowsRead += 1
        do {
            guard let periodText = try reader.text(0) else { return }
            guard let period = parseLabelledPeriod(periodText) else {
                throw reader.fail(0, "is not a period of the form MSitAE-<MONTH>-<YYYY>")
            }
            guard let code = try reader.text(1) else { return }
            let parent = try reader.text(2, required: false)
            let name = try reader.text(3, required: false) ?? code
            for extra in dataWidth..<max(row.cellCount, dataWidth) where !row.isBlank(extra) {
                throw reader.fail(extra, "holds data in a column the header leaves unnamed")
            }
            var values: [Int?] = []
            values.reserveCapacity(measureColumns.count)
            for column in measureColumns {
                values.append(try column.map { try reader.count($0) })
            }
            if let first = seen[period]?[code] {
                throw reader.fail(1, "organisation \(code) appears twice in \(period) (first on line \(first))")
            }
            seen[period, default: [:]][code] = row.rowNumber
            try context.sink.withRow(.ae, period, line: row.rowNumber) { e in
                e.appendField(period.firstDay); e.appendTab()
                e.appendField(code); e.appendTab()
                e.appendField(parent)
                for value in values {
                    e.appendTab()
                    e.appendInt(value)
                }
            }
            var sum = sums[period] ?? Array(repeating: 0, count: values.count)
            for (i, v) in values.enumerated() { sum[i] += v ?? 0 }
            sums[period] = sum
            context.seeOrganisation(code, period: period) {
                OrganisationSeen(name: name, parentCode: nil, parentName: parent, regionCode: nil)
            }
            context.rowsLoaded += 1
        } catch let rejection as RowRejection {
            context.reject(rejection.reject)
        }
    }

    static let measureNames = [
        "attendances type 1", "attendances type 2", "attendances other", "booked type 1", "booked type 2",
        "booked other", "over 4 hours type 1", "over 4 hours type 2", "over 4 hours other",
        "over 4 hours booked type 1", "over 4 hours booked type 2", "over 4 hours booked other",
        "DTA 4-12 hours", "DTA 12+ hours", "emergency admissions type 1", "emergency admissions type 2",
        "emergency admissions other A&E", "other emergency admissions",
    ]

    func finish() throws {
        for (period, sum) in sums {
            guard let total = totals[period] else {
                context.totalsProblem(period, missing: true, "the file has no TOTAL row (published A&E files always end with one), so its provider rows cannot be checked: the file may be cut short")
                continue
            }
            var mismatches: [String] = []
            for (i, column) in measureColumns.enumerated() where column != nil {
                if total.values[i] != sum[i] {
                    mismatches.append("\(Self.measureNames[i]): TOTAL row \(total.values[i]), providers sum to \(sum[i])")
                }
            }
            if !mismatches.isEmpty {
                context.totalsProblem(
                    period, missing: false,
                    "the TOTAL row (line \(total.line)) does not equal the sum of the provider rows: " + mismatches.prefix(4).joined(separator: "; ")
                        + (mismatches.count > 4 ? "; and \(mismatches.count - 4) more" : ""))
            }
        }
    }
}
