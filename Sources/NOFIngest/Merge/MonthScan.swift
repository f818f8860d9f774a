import Foundation
import NOFCore
import NOFPostgres
import ZIPFoundation

/// "One version per month per load": before a command loads anything, which dataset-months
/// each of its units (files, ZIP members) carries. Two units with different content for the
/// same month hold that month back in both (neither order of arguments wins); a unit whose
/// content another unit already has is loaded once.
///
/// The look costs little: first only each unit's header is read (its dataset); only units of a
/// dataset that two or more units carry are then read to the end, without the database, rows
/// counted and dropped. A single file that is not a ZIP of several members is not scanned.
struct MonthScan {
    enum Depth { case dataset, months }

    struct Outcome {
        var conflicts: [Dataset: [YearMonth: String]] = [:]
        /// Unit key (`MonthScan.key`) → the file name of the first unit with the same content.
        var duplicates: [String: String] = [:]
    }

    let connection: Connection
    let options: LoadOptions

    /// How a unit is known across the scan and the load: its path, and member in a ZIP.
    static func key(_ result: FileLoadResult) -> String { result.path + "\u{0}" + (result.member ?? "") }

    func run(_ files: [URL]) -> Outcome {
        guard files.count > 1 || files.first.map(Self.isArchiveOfMembers) == true else { return Outcome() }
        // 1. Each unit's dataset (its header only).
        let first = scanner(.dataset, datasets: []).scanAll(files)
        var unitsPerDataset: [Dataset: Int] = [:]
        for unit in first { if let dataset = unit.dataset { unitsPerDataset[dataset, default: 0] += 1 } }
        let shared = Set(unitsPerDataset.filter { $0.value > 1 }.keys)
        guard !shared.isEmpty else { return Outcome() }
        // 2. The months of the units of a dataset two units carry.
        let filesToRead = files.filter { file in first.contains { $0.path == file.path && $0.dataset.map(shared.contains) == true } }
        let units = scanner(.months, datasets: shared).scanAll(filesToRead)
            .filter { $0.status != .failed && $0.dataset.map(shared.contains) == true }
        return Self.outcome(units)
    }

    private func scanner(_ depth: Depth, datasets: Set<Dataset>) -> Loader {
        var quiet = options
        quiet.onProgress = nil
        quiet.onFileDone = nil
        quiet.betweenPasses = nil
        let loader = Loader(connection: connection, options: quiet)
        loader.scan = depth
        loader.scanDatasets = datasets
        return loader
    }

    /// Which months two different contents share, and which units repeat an earlier one.
    static func outcome(_ units: [FileLoadResult]) -> Outcome {
        var out = Outcome()
        var firstWithContent: [String: FileLoadResult] = [:]
        var versions: [Dataset: [YearMonth: [FileLoadResult]]] = [:]
        for unit in units {
            guard let dataset = unit.dataset else { continue }
            let content = dataset.rawValue + ":" + unit.contentSHA256
            if let earlier = firstWithContent[content] {
                out.duplicates[key(unit)] = earlier.file
                continue
            }
            firstWithContent[content] = unit
            for period in unit.periods { versions[dataset, default: [:]][period, default: []].append(unit) }
        }
        for (dataset, months) in versions {
            for (period, carriers) in months where carriers.count > 1 {
                let named = carriers.map { "\($0.file) (SHA-256 \($0.contentSHA256))" }
                let list = named.count == 2 ? named.joined(separator: " and ")
                    : named.dropLast().joined(separator: ", ") + " and " + (named.last ?? "")
                out.conflicts[dataset, default: [:]][period] =
                    "held back: \(carriers.count) different files in this command carry \(dataset.rawValue) \(period): \(list); nothing of the month was changed: load the one you mean on its own"
            }
        }
        return out
    }

    /// A ZIP (not an XLSX workbook) holding more than one file.
    static func isArchiveOfMembers(_ url: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return false }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        try? handle.close()
        guard Sniffer.kind(of: Array(head)) == .zip, let archive = try? Archive(url: url, accessMode: .read, pathEncoding: nil),
              archive["xl/workbook.xml"] == nil
        else { return false }
        return archive.filter { $0.type == .file }.count > 1
    }
}

extension Loader {
    /// The scan of every file (no progress, nothing recorded).
    func scanAll(_ files: [URL]) -> [FileLoadResult] {
        files.flatMap { loadOne(file: $0) }
    }
}
