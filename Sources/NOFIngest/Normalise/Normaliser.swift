import Foundation
import NOFCore

/// An organisation as a file names it in one period.
struct OrganisationSeen {
    var name: String
    var parentCode: String?
    var parentName: String?
    var regionCode: String?
}

/// A check of a file's own totals (A&E's TOTAL row, AmbSYS's England rows, DM01's provider
/// Total rows) that failed for one month: the total is missing or does not add up.
public struct TotalsFinding: Sendable, Equatable {
    public var period: YearMonth
    public var missing: Bool
    public var message: String
}

/// Shared state of one file's normalisation: rejects, warnings, counts and dimensions seen.
final class IngestContext {
    let fileName: String
    let sink: SliceSink
    var rejects: [Reject] = []
    var rejectCount = 0
    var warnings: [LoadWarning] = []
    /// Data rows read (not headers, blank lines or TOTAL rows).
    var rowsRead = 0
    var rowsLoaded = 0
    var organisations: [YearMonth: [String: OrganisationSeen]] = [:]
    var commissioners: [String: OrganisationSeen] = [:]
    var treatmentFunctions: [String: String] = [:]
    /// Most rejects kept in detail; the rest are counted.
    let maxStoredRejects = 10_000

    init(fileName: String, sink: SliceSink) {
        self.fileName = fileName
        self.sink = sink
    }

    func reject(_ reject: Reject) {
        rejectCount += 1
        if rejects.count < maxStoredRejects { rejects.append(reject) }
    }

    /// Totals checks that failed, per month (the merge holds those months back, or with
    /// --strict fails the file).
    var totals: [TotalsFinding] = []

    func totalsProblem(_ period: YearMonth, missing: Bool, _ message: String) {
        totals.append(TotalsFinding(period: period, missing: missing, message: message))
    }

    func warn(_ kind: String, _ period: YearMonth?, _ message: String) {
        warnings.append(LoadWarning(kind: kind, period: period, message: message))
    }

    func seeOrganisation(_ code: String, period: YearMonth, _ make: () -> OrganisationSeen) {
        if organisations[period]?[code] == nil {
            organisations[period, default: [:]][code] = make()
        }
    }

    /// The periods any slice holds rows for.
    var periods: [YearMonth] { Array(Set(sink.slices.keys.map(\.period))).sorted() }
}

/// The interface every dataset normaliser implements.
protocol Normaliser: AnyObject {
    /// Rows before the header (e.g. DM01's metadata block), as trimmed strings.
    func preamble(_ rows: [[String]]) throws
    /// One data row after the header. Throw `RowRejection` to refuse it, `LoadError` to
    /// fail the whole file.
    func row<R: RowCells>(_ row: R) throws
    /// After the last row: totals checks, aggregates.
    func finish() throws
}

extension Normaliser {
    func preamble(_ rows: [[String]]) throws {}
}

/// Helpers for reading required values and refusing rows with a clear reason.
struct RowReader<R: RowCells> {
    let row: R
    let header: [String]
    let sheet: String?

    func columnName(_ i: Int) -> String { i < header.count && !header[i].isEmpty ? header[i] : "#\(i + 1)" }

    func fail(_ i: Int?, _ reason: String) -> RowRejection {
        RowRejection(reject: Reject(
            line: row.rowNumber, column: i.map(columnName), value: i.map { row.raw($0) }, reason: reason, sheet: sheet))
    }

    /// A required, valid UTF-8 text cell.
    func text(_ i: Int, required: Bool = true) throws -> String? {
        guard row.isValidText(i) else {
            throw fail(i, "not valid UTF-8 text (the file looks like Windows-1252): load it with --encoding windows-1252, or re-save it as CSV UTF-8")
        }
        let value = row.text(i)
        if value.isEmpty {
            if required { throw fail(i, "is blank; a value is required") }
            return nil
        }
        return value
    }

    /// A required whole number ≥ 0.
    func count(_ i: Int) throws -> Int {
        switch row.integer(i) {
        case .value(let v) where v >= 0: return v
        case .value: throw fail(i, "is negative, and a count cannot be negative")
        case .blank: throw fail(i, "is blank; a count is required (the file reports 0 for none)")
        case .invalid: throw fail(i, "is not a whole number")
        }
    }

    /// An optional whole number ≥ 0 (blank = NULL).
    func optionalCount(_ i: Int) throws -> Int? {
        switch row.integer(i) {
        case .value(let v) where v >= 0: return v
        case .value: throw fail(i, "is negative, and a count cannot be negative")
        case .blank: return nil
        case .invalid: throw fail(i, "is not a whole number")
        }
    }

    /// A required exact decimal ≥ 0, as normalised text.
    func decimal(_ i: Int) throws -> String {
        switch row.decimal(i) {
        case .value(let v) where !v.hasPrefix("-"): return v
        case .value: throw fail(i, "is negative, and a count cannot be negative")
        case .blank: throw fail(i, "is blank; a number is required")
        case .invalid: throw fail(i, "is not a number")
        }
    }

    /// An optional decimal (blank = NULL); negative values allowed.
    func optionalDecimal(_ i: Int) throws -> String? {
        switch row.decimal(i) {
        case .value(let v): return v
        case .blank: return nil
        case .invalid: throw fail(i, "is not a number")
        }
    }
}
