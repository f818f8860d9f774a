import Foundation
import NOFCore

/// What the guards know about one (dataset, month) slice before it replaces the stored one.
public struct SliceStats: Sendable, Equatable {
    /// Rows of the stored slice (nil: the month is not loaded yet).
    public var storedRows: Int?
    public var newRows: Int
    public var storedProviders: Int?
    public var newProviders: Int
    /// Providers in the stored slice that the new one lacks, sorted.
    public var lost: [String]
    /// The most providers any stored month of the dataset has within six months either side.
    public var neighbourProviders: Int?

    public init(storedRows: Int?, newRows: Int, storedProviders: Int?, newProviders: Int, lost: [String] = [],
                neighbourProviders: Int? = nil) {
        self.storedRows = storedRows
        self.newRows = newRows
        self.storedProviders = storedProviders
        self.newProviders = newProviders
        self.lost = lost
        self.neighbourProviders = neighbourProviders
    }
}

/// A slice the load did not commit, and why.
public struct HeldSlice: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case shrink, totals
        /// A provider or England far above its own history (the plausibility guard).
        case outlier
        /// Two different files of one command carry the month.
        case conflict
    }
    public var dataset: Dataset
    public var period: YearMonth
    public var kind: Kind
    public var reason: String
    public var lost: [String] = []
    public var stats: SliceStats?

    public var description: String { "\(dataset.rawValue) \(period): \(reason)" }
}

/// "A slice is never replaced by less, unless the user says so": the rules a new slice must
/// pass before it replaces the stored one, and the flag on a first load that looks thin.
public struct SliceGuard: Sendable {
    /// A replacement with fewer rows than this share of the stored slice is held back.
    public var minimumRowShare = 0.9
    /// A first load with fewer providers than this share of the neighbouring months is flagged.
    public var firstLoadProviderShare = 0.75
    /// `--allow-shrink`: accept a replacement that loses providers or rows.
    public var allowShrink = false

    public init(allowShrink: Bool = false) { self.allowShrink = allowShrink }

    public enum Verdict: Equatable, Sendable {
        case accept
        /// Loaded, with a warning (a first load much thinner than its neighbours).
        case flag(String)
        case holdBack(String)
    }

    public func verdict(_ s: SliceStats) -> Verdict {
        if let stored = s.storedRows {
            var problems: [String] = []
            if !s.lost.isEmpty {
                let shown = s.lost.prefix(8).joined(separator: ", ") + (s.lost.count > 8 ? " and \(s.lost.count - 8) more" : "")
                problems.append("\(s.lost.count) of the \(s.storedProviders ?? 0) providers loaded now would disappear (\(shown))")
            }
            if Double(s.newRows) < minimumRowShare * Double(stored) {
                let share = stored > 0 ? Int((100 * Double(s.newRows) / Double(stored)).rounded()) : 0
                problems.append("rows would fall from \(stored.formatted()) to \(s.newRows.formatted()) (\(share)%)")
            }
            guard !problems.isEmpty else { return .accept }
            let text = "held back: " + problems.joined(separator: "; ")
            if allowShrink { return .flag("accepted with --allow-shrink: " + problems.joined(separator: "; ")) }
            return .holdBack(text + "; the file may be cut short or an excerpt: pass --allow-shrink to replace the month anyway")
        }
        if let neighbours = s.neighbourProviders, neighbours > 0,
           Double(s.newProviders) < firstLoadProviderShare * Double(neighbours) {
            return .flag("first load of the month has \(s.newProviders) providers where the neighbouring months have up to \(neighbours): figures made from it are partial")
        }
        return .accept
    }
}

/// "Rows belong to the file's months": in a file, a month with under `share` of the rows of
/// the file's largest month is a few stray rows, not a slice.
public enum StrayMonths {
    public static let share = 0.05

    public static func find(_ rowsPerPeriod: [YearMonth: Int]) -> Set<YearMonth> {
        guard rowsPerPeriod.count > 1, let largest = rowsPerPeriod.values.max(), largest > 0 else { return [] }
        return Set(rowsPerPeriod.filter { Double($0.value) < share * Double(largest) }.keys)
    }
}
