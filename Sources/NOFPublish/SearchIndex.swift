import Foundation

/// The organisation search index: one entry per organisation page (code, name, a few words
/// on what it is, its page), as JSON (`assets/search-index.json`) and as the same JSON
/// assigned to `window.nofdbSearch` (`assets/search-index.js`): a page opened from `file://`
/// may load a script but not fetch a JSON file.
enum SearchIndex {
    struct Entry: Encodable, Equatable {
        /// ODS code.
        let c: String
        /// Name.
        let n: String
        /// What it is: type, region.
        let t: String
        /// Its page, from the site's root.
        let u: String
    }

    static func entries(_ inventory: SiteInventory) -> [Entry] {
        inventory.providers.map { code in
            Entry(c: code, n: inventory.displayName(code), t: summary(code, inventory), u: SitePaths.organisation(code))
        }
    }

    /// "Acute trust · South West", "closed 2020-09-30".
    static func summary(_ code: String, _ inventory: SiteInventory) -> String {
        guard let o = inventory.organisations[code] else { return "" }
        var parts: [String] = []
        if let type = o.trustType { parts.append(type) } else if o.kind == "independent" { parts.append("Independent provider") }
        if let region = o.regionName { parts.append(region) }
        if let close = o.closeDate { parts.append("closed \(close)") }
        return parts.joined(separator: " · ")
    }

    static func json(_ entries: [Entry]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(entries)
    }

    static func script(_ entries: [Entry]) throws -> Data {
        var data = Data("window.nofdbSearch = ".utf8)
        data.append(try json(entries))
        data.append(Data(";\n".utf8))
        return data
    }

    /// The organisations a query finds, as the page's script finds them: every word of the
    /// query begins a word of the name or the code, or is the code (for the tests and the
    /// documentation of the rule; the browser runs the script's copy).
    static func search(_ query: String, in entries: [Entry]) -> [Entry] {
        let words = tokens(query)
        guard !words.isEmpty else { return [] }
        return entries.filter { entry in
            let own = tokens(entry.n + " " + entry.c)
            return words.allSatisfy { word in entry.c.lowercased() == word || own.contains { $0.hasPrefix(word) } }
        }
    }

    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber) || $0 == "&" || $0 == "'") }.map(String.init)
    }
}
