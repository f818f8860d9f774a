import Foundation
import NOFCore

/// Renders load results for people (a table per file) and for schedulers (JSON).
public enum LoadSummary {
    /// 0 loaded, unchanged or skipped (reference data nofdb carries), 2 loaded with rejected rows, 1 any file failed or had a month
    /// held back by a guard, 75 lock busy.
    public static func exitCode(_ results: [FileLoadResult]) -> Int32 {
        if results.contains(where: { [.failed, .heldBack, .partial].contains($0.status) }) {
            if results.allSatisfy({ $0.status == .failed && ($0.message ?? "").contains("--no-wait") }) { return ExitStatus.lockHeld.rawValue }
            return ExitStatus.failure.rawValue
        }
        if results.contains(where: { $0.status == .loadedWithRejects }) { return ExitStatus.loadedWithRejects.rawValue }
        return ExitStatus.success.rawValue
    }

    /// `2024-11`, or `2023-04..2023-09 (6)` for a run of months.
    public static func periodText(_ periods: [YearMonth]) -> String {
        guard let first = periods.first, let last = periods.last else { return "-" }
        if periods.count == 1 { return first.description }
        return "\(first)..\(last) (\(periods.count))"
    }

    /// The progress line redrawn while a file loads: "RTT.zip: 12.0 of 48.3 MB, 45,100 rows,
    /// 30,000 rows/s, 1.5 s".
    public static func progressText(_ p: LoadProgress) -> String {
        let size = { (b: Int) in
            b < 1 << 20 ? "\(max(b / 1024, b > 0 ? 1 : 0)) KB" : String(format: "%.1f MB", Double(b) / 1_048_576)
        }
        var text = "\(p.file): "
        if p.bytesDone == 0, p.rows == 0 {
            text += "reading \(size(p.bytesTotal))"
        } else {
            let rate = p.elapsed > 0 ? Int(Double(p.rows) / p.elapsed) : 0
            text += "\(size(p.bytesDone)) of \(size(p.bytesTotal)), \(p.rows.formatted()) rows, \(rate.formatted()) rows/s"
        }
        return text + String(format: ", %.1f s", p.elapsed)
    }

    /// One line for a file once it is done: status, dataset and months, rows, time.
    public static func finishedLine(_ r: FileLoadResult) -> String {
        let mark: String
        switch r.status {
        case .loaded, .unchanged: mark = "✓"
        case .loadedWithRejects, .partial: mark = "!"
        case .failed, .heldBack: mark = "✗"
        case .skipped: mark = "–"
        }
        var parts = ["\(mark) \(r.member.map { "\(r.file) [\($0)]" } ?? r.file)", r.status.rawValue]
        if let dataset = r.dataset { parts.append("\(dataset.rawValue) \(periodText(r.periods))") }
        if r.status != .failed, r.status != .unchanged, r.status != .skipped {
            parts.append("\(r.rowsLoaded.formatted()) rows" + (r.rowsRejected > 0 ? ", \(r.rowsRejected.formatted()) rejected" : ""))
        }
        parts.append(String(format: "%.2f s", r.seconds))
        return parts.joined(separator: "  ")
    }

    public static func table(_ results: [FileLoadResult]) -> String {
        var rows: [[String]] = [["file", "dataset", "layout", "periods", "read", "loaded", "rejected", "time", "status"]]
        for r in results {
            rows.append([
                r.file.count > 48 ? "…" + r.file.suffix(47) : r.file,
                r.dataset?.rawValue ?? "-", r.layout ?? "-", periodText(r.periods),
                r.rowsRead.formatted(), r.rowsLoaded.formatted(), r.rowsRejected.formatted(),
                String(format: "%.2fs", r.seconds), r.status.rawValue,
            ])
        }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        let numeric: Set<Int> = [4, 5, 6, 7]
        var out = rows.enumerated().map { index, row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return numeric.contains(c) && index > 0 ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
        for r in results {
            var notes: [String] = []
            if let message = r.message, r.status == .failed {
                notes.append("  error: " + message.replacingOccurrences(of: "\n", with: "\n  "))
            }
            if let message = r.message, r.status == .skipped {
                notes.append("  skipped: " + message.replacingOccurrences(of: "\n", with: "\n  "))
            }
            for reject in r.rejects.prefix(5) { notes.append("  rejected \(reject)") }
            if r.rowsRejected > 5 { notes.append("  … \(r.rowsRejected - 5) more rejected rows: nofdb report loads --load \(r.loadId ?? 0)") }
            for warning in r.warnings.prefix(5) { notes.append("  warning: \(warning)") }
            if r.warnings.count > 5 { notes.append("  … \(r.warnings.count - 5) more warnings: nofdb report loads --load \(r.loadId ?? 0)") }
            for held in r.heldBack.prefix(6) { notes.append("  held back \(held.dataset.rawValue) \(held.period): " + held.reason.replacingOccurrences(of: "held back: ", with: "")) }
            if r.heldBack.count > 6 { notes.append("  … \(r.heldBack.count - 6) more months held back: nofdb report loads --load \(r.loadId ?? 0)") }
            if r.status != .failed, r.status != .heldBack {
                for replaced in r.replacedSlices.prefix(3) { notes.append("  revised: \(replaced)") }
            }
            if !notes.isEmpty { out += "\n\(r.file):\n" + notes.joined(separator: "\n") }
        }
        let loaded = results.filter { $0.status == .loaded || $0.status == .loadedWithRejects }.count
        let unchanged = results.filter { $0.status == .unchanged }.count
        let failed = results.filter { $0.status == .failed }.count
        let held = results.filter { $0.status == .heldBack || $0.status == .partial }.count
        let skipped = results.filter { $0.status == .skipped }.count
        out += "\n\(results.count) files: \(loaded) loaded, \(unchanged) unchanged, \(failed) failed"
            + (held > 0 ? ", \(held) with months held back" : "")
            + (skipped > 0 ? ", \(skipped) skipped (nothing to load)" : "") + "; "
            + "\(results.reduce(0) { $0 + $1.rowsLoaded }.formatted()) rows loaded, \(results.reduce(0) { $0 + $1.rowsRejected }.formatted()) rejected"
        return out
    }

    public static func json(_ results: [FileLoadResult]) -> String {
        let files: [[String: Any]] = results.map { r in
            var item: [String: Any] = [
                "file": r.file, "path": r.path, "sha256": r.sha256, "size_bytes": r.sizeBytes,
                "status": r.status.rawValue, "periods": r.periods.map(\.description),
                "rows_read": r.rowsRead, "rows_loaded": r.rowsLoaded, "rows_rejected": r.rowsRejected,
                "seconds": (r.seconds * 1000).rounded() / 1000,
                "warnings": r.warnings.map { ["kind": $0.kind, "period": $0.period?.description as Any, "message": $0.message] },
                "rejects": r.rejects.map { ["line": $0.line, "column": $0.column as Any, "value": $0.value as Any, "reason": $0.reason] },
                "revised": r.replacedSlices,
                "held_back": r.heldBack.map { h -> [String: Any] in
                    ["dataset": h.dataset.rawValue, "period": h.period.description, "kind": h.kind.rawValue,
                     "reason": h.reason, "providers_lost": h.lost]
                },
            ]
            item["member"] = r.member
            item["dataset"] = r.dataset?.rawValue
            item["layout"] = r.layout
            item["product"] = r.product
            item["load_id"] = r.loadId
            item["message"] = r.message
            return item
        }
        let summary: [String: Any] = [
            "files": files,
            "exit_code": Int(exitCode(results)),
            "loaded": results.filter { $0.status == .loaded || $0.status == .loadedWithRejects }.count,
            "unchanged": results.filter { $0.status == .unchanged }.count,
            "failed": results.filter { $0.status == .failed }.count,
            "held_back": results.filter { $0.status == .heldBack || $0.status == .partial }.count,
            "skipped": results.filter { $0.status == .skipped }.count,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
