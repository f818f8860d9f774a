import Foundation

/// Where to find each dataset's files on NHS England's website: data, not code. When the
/// site changes, edit a copy of this file (`nofdb sync --print-sources > sources.json`) and
/// pass it with `--sources` or put it at `$XDG_CONFIG_HOME/nofdb/sources.json`.
public struct SourcesFile: Codable, Sendable {
    /// A link rule: a link is taken when its text and its address both match.
    public struct LinkRule: Codable, Sendable {
        /// Regular expression the link text must match (case-insensitive); omitted = any.
        public var linkText: String?
        /// Regular expression the link address must match (case-insensitive); omitted = any.
        public var href: String?

        enum CodingKeys: String, CodingKey {
            case linkText = "link_text"
            case href
        }
    }

    public struct DatasetSource: Codable, Sendable {
        /// Landing pages to start from.
        public var pages: [String]
        /// Zero or more steps of pages to follow before looking for files (e.g. landing page
        /// → one page per financial year). Each step's rule picks links on the previous pages.
        public var follow: [LinkRule]?
        /// Which links are data files to fetch (e.g. RTT's Full CSV zip, not the XLSX summaries).
        public var files: LinkRule
        /// How to read the month a file covers from its link text (for --since): a regular
        /// expression with named groups `month` (name or 3-letter abbreviation) and `year`
        /// (2 or 4 digits).
        public var monthFromLinkText: String?

        enum CodingKeys: String, CodingKey {
            case pages, follow, files
            case monthFromLinkText = "month_from_link_text"
        }
    }

    public var version: Int
    public var datasets: [String: DatasetSource]

    /// Reads and validates a sources file, with errors that name the file and the problem.
    public static func load(from url: URL) throws -> SourcesFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SyncError.sources("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try parse(data, name: url.path)
    }

    public static func parse(_ data: Data, name: String) throws -> SourcesFile {
        let file: SourcesFile
        do {
            file = try JSONDecoder().decode(SourcesFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw SyncError.sources("\(name): missing \"\(key.stringValue)\" at \(path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw SyncError.sources("\(name): wrong type at \(path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw SyncError.sources("\(name): not valid JSON\(context.codingPath.isEmpty ? "" : " at " + path(context.codingPath)): \(detail ?? context.debugDescription)")
        } catch {
            throw SyncError.sources("\(name): \(error)")
        }
        try file.validate(name: name)
        return file
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    func validate(name: String) throws {
        guard version == 1 else { throw SyncError.sources("\(name): version \(version) is not supported (this nofdb reads version 1)") }
        guard !datasets.isEmpty else { throw SyncError.sources("\(name): \"datasets\" is empty") }
        let known = ["ae", "ambulance", "rtt", "cancer", "diagnostics", "ods_trusts", "ods_successors"]
        for (dataset, source) in datasets.sorted(by: { $0.key < $1.key }) {
            let at = "\(name): datasets.\(dataset)"
            guard known.contains(dataset) else {
                throw SyncError.sources("\(at): unknown dataset; use one of \(known.joined(separator: ", "))")
            }
            guard !source.pages.isEmpty else { throw SyncError.sources("\(at).pages: give at least one page URL") }
            for page in source.pages {
                guard let url = URL(string: page), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
                    throw SyncError.sources("\(at).pages: \"\(page)\" is not an http(s) URL")
                }
            }
            var rules: [(String, LinkRule)] = (source.follow ?? []).enumerated().map { ("follow[\($0.offset)]", $0.element) }
            rules.append(("files", source.files))
            for (label, rule) in rules {
                if rule.linkText == nil, rule.href == nil {
                    throw SyncError.sources("\(at).\(label): give link_text or href (or both)")
                }
                for (key, pattern) in [("link_text", rule.linkText), ("href", rule.href)] {
                    guard let pattern else { continue }
                    do { _ = try NSRegularExpression(pattern: pattern) } catch {
                        throw SyncError.sources("\(at).\(label).\(key): \"\(pattern)\" is not a valid regular expression")
                    }
                }
            }
            if let month = source.monthFromLinkText {
                do { _ = try NSRegularExpression(pattern: month) } catch {
                    throw SyncError.sources("\(at).month_from_link_text: \"\(month)\" is not a valid regular expression")
                }
                guard month.contains("(?<month>"), month.contains("(?<year>") else {
                    throw SyncError.sources("\(at).month_from_link_text: needs named groups (?<month>…) and (?<year>…)")
                }
            }
        }
    }

    /// The sources file shipped with nofdb. Only the RTT rules were checked against saved
    /// NHS England pages; the others follow the same site conventions and may need editing.
    /// The ODS entries (NHS trusts etr.zip / care trusts ect.zip, successors succ.zip) name the
    /// ODS CSV download pages as published in 2026; not checked against a saved page.
    public static let defaultJSON = #"""
    {
      "version": 1,
      "datasets": {
        "rtt": {
          "pages": ["https://www.england.nhs.uk/statistics/statistical-work-areas/rtt-waiting-times/"],
          "follow": [
            { "link_text": "^\\d{4}-\\d{2} RTT waiting times data$", "href": "/rtt-data-\\d{4}-\\d{2}/?$" }
          ],
          "files": { "link_text": "^Full CSV data file", "href": "\\.zip$" },
          "month_from_link_text": "Full CSV data file (?<month>[A-Za-z]{3})(?<year>\\d{2})"
        },
        "ae": {
          "pages": ["https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/"],
          "follow": [
            { "link_text": "A&E Attendances and Emergency Admissions \\d{4}-\\d{2}", "href": "ae-attendances-and-emergency-admissions-\\d{4}-\\d{2}/?$" }
          ],
          "files": { "link_text": "^Monthly A&E .*\\(CSV", "href": "\\.csv$" },
          "month_from_link_text": "Monthly A&E (?<month>[A-Za-z]+) (?<year>\\d{4})"
        },
        "ambulance": {
          "pages": ["https://www.england.nhs.uk/statistics/statistical-work-areas/ambulance-quality-indicators/"],
          "files": { "link_text": "AmbSYS", "href": "AmbSYS.*\\.csv$" }
        },
        "cancer": {
          "pages": ["https://www.england.nhs.uk/statistics/statistical-work-areas/cancer-waiting-times/"],
          "follow": [
            { "link_text": "Cancer Waiting Times for \\d{4}-\\d{2}", "href": "cancer-waiting-times-for-\\d{4}-\\d{2}/?$" }
          ],
          "files": { "link_text": "CWT CRS .*Provider", "href": "Provider.*\\.xlsx$" }
        },
        "diagnostics": {
          "pages": ["https://www.england.nhs.uk/statistics/statistical-work-areas/diagnostics-waiting-times-and-activity/monthly-diagnostics-waiting-times-and-activity/"],
          "follow": [
            { "link_text": "Monthly Diagnostics Data \\d{4}-\\d{2}", "href": "monthly-diagnostics-data-\\d{4}-\\d{2}/?$" }
          ],
          "files": { "link_text": "Monthly Diagnostics Web File Provider", "href": "Provider.*\\.xls$" },
          "month_from_link_text": "Provider (?<month>[A-Za-z]+) (?<year>\\d{4})"
        },
        "ods_trusts": {
          "pages": ["https://digital.nhs.uk/services/organisation-data-service/export-data-files/csv-downloads/other-nhs-organisations"],
          "files": { "href": "/(etr|ect)\\.zip$" }
        },
        "ods_successors": {
          "pages": ["https://digital.nhs.uk/services/organisation-data-service/export-data-files/csv-downloads/miscellaneous"],
          "files": { "href": "/succ\\.zip$" }
        }
      }
    }
    """#

    public static func defaultSources() throws -> SourcesFile {
        try parse(Data(defaultJSON.utf8), name: "built-in sources")
    }
}

/// Sync errors, said so a user can act on them.
public enum SyncError: Error, CustomStringConvertible, Sendable {
    case sources(String)
    case unreachable(String)
    case http(url: String, status: Int)
    case transfer(url: String, reason: String)

    public var description: String {
        switch self {
        case .sources(let message): return "sources file: \(message)"
        case .unreachable(let message): return message
        case .http(let url, let status): return "\(url): HTTP \(status)" + (status == 404 ? " (not found: the link points nowhere; the page or the sources file may be out of date)" : "")
        case .transfer(let url, let reason): return "\(url): \(reason)"
        }
    }
}
