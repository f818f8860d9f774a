/// Line breaking for terminal tables and prose: at spaces, and inside a token only where it
/// reads naturally (after / ? & = , ; — a URL, a list), never inside a word, an ODS code or
/// a date. A segment is broken only when it alone is wider than the line.
enum TextWrap {
    /// Characters after which a token longer than its line may break.
    static let breakAfter: Set<Character> = ["/", "?", "&", "=", ",", ";"]
    /// Headers also break after an underscore ("median_" / "weeks") or a hyphen ("62-" / "day").
    static let headerBreakAfter: Set<Character> = breakAfter.union(["_", "-"])

    /// The pieces of a token between its break opportunities ("a/b?c" → "a/", "b?", "c").
    static func segments(_ token: Substring, breakAfter: Set<Character>) -> [String] {
        var parts: [String] = []
        var current = ""
        for ch in token {
            current.append(ch)
            if breakAfter.contains(ch) { parts.append(current); current = "" }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// The narrowest width that breaks no segment of `text`.
    static func longestSegment(_ text: String, breakAfter: Set<Character> = breakAfter) -> Int {
        text.split(separator: " ").flatMap { segments($0, breakAfter: breakAfter) }.map(\.count).max() ?? 0
    }

    /// `text` in lines of at most `width` characters.
    static func wrap(_ text: String, width: Int, breakAfter: Set<Character> = breakAfter) -> [String] {
        guard width > 0, text.count > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for token in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty, token.count <= width { current = String(token); continue }
            if !current.isEmpty, current.count + 1 + token.count <= width { current += " " + token; continue }
            if !current.isEmpty { lines.append(current); current = "" }
            if token.count <= width { current = String(token); continue }
            // A token wider than the line: its segments, packed; a segment wider than the line
            // (a word longer than the whole column) is the only thing ever cut.
            for var segment in segments(token, breakAfter: breakAfter) {
                if current.count + segment.count <= width { current += segment; continue }
                if !current.isEmpty { lines.append(current); current = "" }
                if segment.count > width {
                    // Cut in one pass over the characters: dropping the front of a String per
                    // line made a 1 MB value take seconds (issue 30).
                    let characters = Array(segment)
                    var start = 0
                    while characters.count - start > width {
                        lines.append(String(characters[start..<(start + width)]))
                        start += width
                    }
                    segment = String(characters[start...])
                }
                current = segment
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }
}

extension ReportRenderer {
    /// Text broken into lines of at most `width` characters (see `TextWrap`).
    static func wrap(_ text: String, width: Int) -> [String] { TextWrap.wrap(text, width: width) }

    /// A header (a label or a snake_case name) broken at spaces and after underscores.
    static func wrapName(_ name: String, width: Int) -> [String] {
        TextWrap.wrap(name, width: width, breakAfter: TextWrap.headerBreakAfter)
    }
}
