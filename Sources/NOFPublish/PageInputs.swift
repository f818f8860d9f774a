import Foundation
import NOFCore

/// What a page is built from: the datasets it reads (all their months, or only some), and
/// anything else it shows. Its fingerprint — this nofdb, the page, the (dataset, month, load)
/// slices it reads, and what every page depends on (sample data, the organisation reference,
/// the ODS loads) — is recorded in the site's manifest; a page whose fingerprint is unchanged
/// is carried over from the previous site without being built again.
struct PageInputs {
    var datasets: Set<String>
    /// Only these months of the datasets (a league table's quarter); nil for every month.
    var months: Set<YearMonth>?
    /// More that the page depends on, e.g. the load log.
    var extra: [String] = []

    init(datasets: Set<String>, months: Set<YearMonth>? = nil, extra: [String] = []) {
        self.datasets = datasets
        self.months = months
        self.extra = extra
    }
}

/// The date line of a page: the newest month of the data it shows and when that data was
/// loaded. Made from the data, never from the clock, so unchanged data gives identical bytes.
struct DataDate: Equatable {
    var newest: YearMonth?
    /// `YYYY-MM-DD HH:MM` (UTC) of the newest load behind the page.
    var loadedAt: String?

    var sentence: String {
        var parts: [String] = []
        if let newest { parts.append("Data to \(newest.longName)") }
        if let loadedAt { parts.append("loaded \(loadedAt) UTC") }
        return parts.isEmpty ? "No data loaded" : parts.joined(separator: ", ")
    }

    /// A date for the workbook's Notes sheet (its "generated" line), from the load time.
    var workbookDate: Date {
        guard let loadedAt else { return Date(timeIntervalSince1970: 0) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: loadedAt) ?? Date(timeIntervalSince1970: 0)
    }
}

/// Makes page fingerprints from the inventory.
struct Fingerprinter {
    let inventory: SiteInventory
    /// What every page depends on.
    let global: String
    private let slicesByDataset: [String: [SiteInventory.Slice]]

    init(inventory: SiteInventory, build: String) {
        self.inventory = inventory
        slicesByDataset = Dictionary(grouping: inventory.slices, by: \.dataset)
        let ods = inventory.slices.filter { $0.dataset.hasPrefix("ods_") }.map { "\($0.dataset):\($0.period):\($0.loadId)" }
        global = ["site-format 1", build, "sample \(inventory.sample)", "organisations \(inventory.organisationsFingerprint)",
                  "ods " + ods.joined(separator: ",")].joined(separator: "\n")
    }

    /// The slices a page reads.
    func slices(_ inputs: PageInputs) -> [SiteInventory.Slice] {
        inputs.datasets.sorted().flatMap { dataset in
            (slicesByDataset[dataset] ?? []).filter { inputs.months?.contains($0.period) ?? true }
        }
    }

    /// The fingerprint of `page` built from `inputs`.
    func fingerprint(_ page: String, _ inputs: PageInputs) -> String {
        var text = global + "\npage \(page)\n" + inputs.extra.joined(separator: "\n") + "\n"
        for slice in slices(inputs) { text += "\(slice.dataset) \(slice.period) \(slice.loadId)\n" }
        return SHA256Hasher.hex(of: Data(text.utf8))
    }

    /// The page's date line: its newest month and newest load (the ODS reference files and
    /// the quarterly NOF files count only for their load time, not as months of data).
    func dataDate(_ inputs: PageInputs) -> DataDate {
        let read = slices(inputs)
        let data = read.filter { !$0.dataset.hasPrefix("ods_") && !$0.dataset.hasPrefix("nof_") }
        return DataDate(newest: data.map(\.period).max(), loadedAt: read.map(\.loadedAt).max())
    }

    /// Every dataset loaded.
    var allDatasets: Set<String> { Set(slicesByDataset.keys) }
}
