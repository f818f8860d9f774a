import Foundation
import NOFCore
import NOFPostgres

/// The warehouse fact tables a load writes, with their COPY column order.
public enum FactTable: String, CaseIterable, Sendable {
    case ae = "fact_ae"
    case ambulance = "fact_ambulance"
    case rtt = "fact_rtt"
    case rttProvider = "fact_rtt_provider"
    case cancer = "fact_cancer"
    case diagnostics = "fact_diagnostics"
    case nofMetric = "fact_nof_metric"
    case nofLeague = "fact_nof_league"
    case odsTrust = "fact_ods_trust"
    case odsSuccessor = "fact_ods_successor"

    /// Whether the slice goes by binary COPY. Only the RTT fact: its 105 weekly bands as text
    /// cost the server an `array_in` per row (docs/performance.md measures what it saved).
    public var binaryCopy: Bool { self == .rtt }

    /// The `COPY … FROM STDIN` statement for a new slice table of this fact.
    func copyStatement(into table: String) -> SQLQuery {
        binaryCopy
            ? "COPY \(identifier: table, in: "dw") (\(identifiers: columns)) FROM STDIN WITH (FORMAT binary)"
            : "COPY \(identifier: table, in: "dw") (\(identifiers: columns)) FROM STDIN"
    }

    public var columns: [String] {
        switch self {
        case .ae:
            return ["period", "org_code", "parent_name", "att_type1", "att_type2", "att_other",
                    "att_booked_type1", "att_booked_type2", "att_booked_other", "over4_type1", "over4_type2",
                    "over4_other", "over4_booked_type1", "over4_booked_type2", "over4_booked_other", "dta_4_to_12",
                    "dta_12_plus", "emadm_type1", "emadm_type2", "emadm_other_ae", "emadm_other"]
        case .ambulance:
            return ["period", "org_code", "org_level", "region_code"] + AmbulanceNormaliser.typedCodes.map(\.column)
                + ["acodes"]
        case .rtt:
            return ["period", "provider_code", "provider_parent_code", "commissioner_parent_code",
                    "commissioner_code", "part", "treatment_function_code", "bands", "total",
                    "unknown_clock_start", "total_all"]
        case .rttProvider:
            return ["period", "provider_code", "part", "bands", "total", "unknown_clock_start", "total_all",
                    "commissioner_rows"]
        case .cancer:
            return ["period", "org_code", "cancer_standard", "stage_route", "modality", "cancer_type",
                    "total_treated", "within_standard", "breaches"]
        case .diagnostics:
            return ["period", "org_code", "region_code", "test_id", "total_waiting", "waiting_6plus",
                    "waiting_13plus", "bands", "planned", "unscheduled", "waiting_list_activity"]
        case .nofMetric:
            return ["period", "quarter_label", "org_code", "trust_type", "trust_subtype", "region_name", "domain",
                    "sub_domain", "metric_id", "metric_description", "reporting_date", "units", "value",
                    "median_value", "lower_quartile", "upper_quartile", "rank"]
        case .nofLeague:
            return ["period", "quarter_label", "org_code", "trust_type", "trust_subtype", "region_name",
                    "average_score", "likely_range_average", "segment", "in_financial_deficit", "rank",
                    "likely_range_rank"]
        case .odsTrust:
            return ["period", "org_code", "org_name", "region_code", "icb_code", "postcode", "open_date", "close_date"]
        case .odsSuccessor:
            return ["period", "old_code", "new_code", "reason", "effective_from", "not_confirmed"]
        }
    }
}

/// A (fact table, period) slice: the unit a load replaces.
public struct SliceKey: Hashable, Sendable, Comparable {
    public let table: FactTable
    public let period: YearMonth
    public static func < (a: SliceKey, b: SliceKey) -> Bool {
        (a.period, a.table.rawValue) < (b.period, b.table.rawValue)
    }
}

/// Thrown inside `SliceSink.withRow` to refuse a row; the partial row is discarded.
struct RowRejection: Error {
    let reject: Reject
}

/// The rows of one slice, encoded for COPY (text, or binary for `FactTable.binaryCopy`), with
/// the source line of each row.
final class SliceBuffer {
    let key: SliceKey
    var encoder: CopyTextEncoder
    var rows = 0
    /// Where COPY rows map to source lines: (first COPY row, its line) at every jump, so the
    /// map stays small however long the file (consecutive lines need no entry).
    private var lineJumps: [(row: Int, line: Int)] = []

    func noteRow(line: Int) {
        rows += 1
        if let last = lineJumps.last, last.line + (rows - last.row) == line { return }
        lineJumps.append((rows, line))
    }

    /// The source line of every row, in order (for rejecting a whole slice's rows).
    func sourceLines() -> [Int] {
        var lines: [Int] = []
        lines.reserveCapacity(rows)
        for (i, jump) in lineJumps.enumerated() {
            let end = i + 1 < lineJumps.count ? lineJumps[i + 1].row : rows + 1
            for r in jump.row..<end { lines.append(jump.line + (r - jump.row)) }
        }
        return lines
    }

    /// The source line of the `row`-th COPY row (1-based), for server error messages.
    func sourceLine(ofCopyRow row: Int) -> Int? {
        guard let jump = lineJumps.last(where: { $0.row <= row }) else { return nil }
        return jump.line + (row - jump.row)
    }
    /// Set when this slice streams straight into its partition during parsing.
    var writer: CopyWriter?
    /// The new partition table the rows go to (created by the loader).
    var tableName: String?

    init(key: SliceKey) {
        self.key = key
        encoder = CopyTextEncoder(capacity: 64 * 1024, binary: key.table.binaryCopy)
    }

    /// Ends the COPY data (binary format has a trailer; text needs none).
    func endData() {
        if encoder.binary { encoder.appendBinaryTrailer() }
    }
}

/// Where normalisers put rows. One slice may stream straight into its new partition while
/// the file is read (a national RTT month never sits in memory); other slices are buffered
/// and copied at the end.
final class SliceSink {
    private(set) var slices: [SliceKey: SliceBuffer] = [:]
    private var last: SliceBuffer?
    /// Opens a streaming COPY for the first slice (set by the loader; nil = buffer all).
    var openStream: ((SliceKey) throws -> (writer: CopyWriter, table: String))?
    private(set) var streaming: SliceBuffer?
    let chunkSize = 1 << 20
    /// Count rows and drop their bytes (a scan of a file's months: nothing is staged).
    var discard = false

    func buffer(_ key: SliceKey) throws -> SliceBuffer {
        if let last, last.key == key { return last }
        if let existing = slices[key] {
            last = existing
            return existing
        }
        let created = SliceBuffer(key: key)
        slices[key] = created
        if streaming == nil, let openStream {
            let (writer, table) = try openStream(key)
            created.writer = writer
            created.tableName = table
            streaming = created
        }
        last = created
        return created
    }

    /// Encodes one row of `table` for `period`. If `body` throws, nothing of the row is kept.
    func withRow(
        _ table: FactTable, _ period: YearMonth, line: Int, _ body: (inout CopyTextEncoder) throws -> Void
    ) throws {
        let slice = try buffer(SliceKey(table: table, period: period))
        let mark = slice.encoder.count
        do {
            try body(&slice.encoder)
        } catch {
            slice.encoder.bytes.removeSubrange(mark...)
            throw error
        }
        slice.encoder.endRow()
        slice.noteRow(line: line)
        if discard {
            slice.encoder.removeAllBytes()
            return
        }
        if let writer = slice.writer, slice.encoder.count >= chunkSize {
            try writer.send(slice.encoder)
            slice.encoder.removeAllBytes()
        }
    }

    /// Rows in the slice of `table` for `period` (0 when there is none).
    func rows(_ table: FactTable, _ period: YearMonth) -> Int {
        slices[SliceKey(table: table, period: period)]?.rows ?? 0
    }

    func buffer(_ table: FactTable, _ period: YearMonth) -> SliceBuffer? {
        slices[SliceKey(table: table, period: period)]
    }

    /// Slices in a stable order (by period, then table).
    var orderedSlices: [SliceBuffer] { slices.values.sorted { $0.key < $1.key } }
}
