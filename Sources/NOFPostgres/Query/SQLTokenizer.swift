/// One lexical token of PostgreSQL SQL.
public struct SQLToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Spaces, tabs and line breaks.
        case whitespace
        /// `-- …` to the end of the line.
        case lineComment
        /// `/* … */`, nested as PostgreSQL nests them.
        case blockComment
        /// `'…'`, `E'…'` (backslash escapes), `B'…'`, `X'…'`, `N'…'`, `U&'…'`.
        case string
        /// `"…"` (and `U&"…"`).
        case quotedIdentifier
        /// `$$…$$` or `$tag$…$tag$`.
        case dollarQuoted
        /// `:name`: a named parameter (nofdb's report files and `nofdb query`).
        case namedParameter
        /// `$1`, `$2`, …
        case positionalParameter
        /// `::`, a cast.
        case cast
        /// A keyword or unquoted identifier.
        case word
        /// A numeric literal.
        case number
        /// Any other character (operators, brackets, commas, `;`).
        case symbol
    }

    public let kind: Kind
    /// The token's bytes as they stand in the SQL (UTF-8 offsets).
    public let range: Range<Int>
    /// The token's text.
    public let text: String
    /// For strings, quoted identifiers, comments and dollar quotes: false when the SQL ended
    /// before the closing delimiter.
    public let closed: Bool

    /// True for whitespace and comments.
    public var isTrivia: Bool { kind == .whitespace || kind == .lineComment || kind == .blockComment }

    /// The parameter name of a `:name` token, without the colon.
    public var parameterName: String? { kind == .namedParameter ? String(text.dropFirst()) : nil }
}

/// Splits SQL into tokens the way PostgreSQL's lexer does for the parts nofdb needs: the one
/// scanner behind the migrator's references, the report binder and `nofdb query`. Unclosed
/// strings and comments run to the end (marked `closed == false`); it never fails.
public enum SQLTokenizer {
    public static func tokens(_ sql: String) -> [SQLToken] {
        let bytes = Array(sql.utf8)
        var tokens: [SQLToken] = []
        var i = 0
        func add(_ kind: SQLToken.Kind, _ start: Int, _ end: Int, closed: Bool = true) {
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            tokens.append(SQLToken(kind: kind, range: start..<end, text: text, closed: closed))
        }
        while i < bytes.count {
            let start = i
            let c = bytes[i]
            let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
            if isSpace(c) {
                while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                add(.whitespace, start, i)
            } else if c == ascii("-"), next == ascii("-") {
                while i < bytes.count, bytes[i] != ascii("\n") { i += 1 }
                add(.lineComment, start, i)
            } else if c == ascii("/"), next == ascii("*") {
                var depth = 0
                var closed = false
                while i < bytes.count {
                    if bytes[i] == ascii("/"), i + 1 < bytes.count, bytes[i + 1] == ascii("*") {
                        depth += 1
                        i += 2
                    } else if bytes[i] == ascii("*"), i + 1 < bytes.count, bytes[i + 1] == ascii("/") {
                        depth -= 1
                        i += 2
                        if depth == 0 { closed = true; break }
                    } else {
                        i += 1
                    }
                }
                add(.blockComment, start, i, closed: closed)
            } else if c == ascii("'") {
                let (end, closed) = quoted(bytes, from: i, quote: ascii("'"), backslashEscapes: false)
                i = end
                add(.string, start, i, closed: closed)
            } else if c == ascii("\"") {
                let (end, closed) = quoted(bytes, from: i, quote: ascii("\""), backslashEscapes: false)
                i = end
                add(.quotedIdentifier, start, i, closed: closed)
            } else if let prefixed = prefixedString(bytes, at: i) {
                i = prefixed.end
                add(prefixed.kind, start, i, closed: prefixed.closed)
            } else if c == ascii("$"), let n = next, isDigit(n) {
                i += 1
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
                add(.positionalParameter, start, i)
            } else if c == ascii("$"), let tagEnd = dollarTagEnd(bytes, from: i) {
                let tag = Array(bytes[i...tagEnd])
                var j = tagEnd + 1
                var closed = false
                while j < bytes.count {
                    if bytes[j] == ascii("$"), j + tag.count <= bytes.count, Array(bytes[j..<(j + tag.count)]) == tag {
                        j += tag.count
                        closed = true
                        break
                    }
                    j += 1
                }
                i = j
                add(.dollarQuoted, start, i, closed: closed)
            } else if c == ascii(":"), next == ascii(":") {
                i += 2
                add(.cast, start, i)
            } else if c == ascii(":"), let n = next, isIdentifierStart(n) {
                i += 1
                while i < bytes.count, isIdentifierPart(bytes[i]) { i += 1 }
                add(.namedParameter, start, i)
            } else if isIdentifierStart(c) {
                while i < bytes.count, isIdentifierPart(bytes[i]) || bytes[i] == ascii("$") { i += 1 }
                add(.word, start, i)
            } else if isDigit(c) || (c == ascii(".") && next.map(isDigit) == true) {
                i = number(bytes, from: i)
                add(.number, start, i)
            } else {
                // One character (a whole UTF-8 sequence).
                i += 1
                while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
                add(.symbol, start, i)
            }
        }
        return tokens
    }

    /// The first keyword of the statement, lower case, after whitespace, comments and opening
    /// brackets (`(SELECT …)`); "" when there is none.
    public static func firstKeyword(_ sql: String) -> String {
        for token in tokens(sql) {
            if token.isTrivia || (token.kind == .symbol && token.text == "(") { continue }
            return token.kind == .word ? token.text.lowercased() : ""
        }
        return ""
    }

    /// The statements of a script, split at `;` outside strings, comments and dollar quotes,
    /// without empty ones.
    public static func statements(_ sql: String) -> [String] {
        var out: [String] = []
        var current = ""
        for token in tokens(sql) {
            if token.kind == .symbol, token.text == ";" {
                out.append(current)
                current = ""
            } else {
                current += token.text
            }
        }
        out.append(current)
        return out.filter { statement in tokens(statement).contains { !$0.isTrivia } }
    }

    // MARK: - Pieces

    private static func ascii(_ s: Unicode.Scalar) -> UInt8 { UInt8(ascii: s) }
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b >= 0x80
    }
    private static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

    /// From an opening quote at `from`: the index after the closing one (a doubled quote is
    /// part of the text; with backslash escapes, so is `\'`).
    private static func quoted(_ bytes: [UInt8], from: Int, quote: UInt8, backslashEscapes: Bool) -> (Int, Bool) {
        var j = from + 1
        while j < bytes.count {
            if backslashEscapes, bytes[j] == ascii("\\") {
                j += 2
                continue
            }
            if bytes[j] == quote {
                if j + 1 < bytes.count, bytes[j + 1] == quote {
                    j += 2
                    continue
                }
                return (j + 1, true)
            }
            j += 1
        }
        return (bytes.count, false)
    }

    /// `E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'` and `U&"…"` starting at `i` (not inside a word:
    /// the caller reaches here only at a token's start).
    private static func prefixedString(_ bytes: [UInt8], at i: Int) -> (end: Int, kind: SQLToken.Kind, closed: Bool)? {
        let c = bytes[i] | 0x20
        if i + 1 < bytes.count, bytes[i + 1] == ascii("'"), [ascii("e"), ascii("b"), ascii("x"), ascii("n")].contains(c) {
            let (end, closed) = quoted(bytes, from: i + 1, quote: ascii("'"), backslashEscapes: c == ascii("e"))
            return (end, .string, closed)
        }
        if c == ascii("u"), i + 2 < bytes.count, bytes[i + 1] == ascii("&") {
            if bytes[i + 2] == ascii("'") {
                let (end, closed) = quoted(bytes, from: i + 2, quote: ascii("'"), backslashEscapes: false)
                return (end, .string, closed)
            }
            if bytes[i + 2] == ascii("\"") {
                let (end, closed) = quoted(bytes, from: i + 2, quote: ascii("\""), backslashEscapes: false)
                return (end, .quotedIdentifier, closed)
            }
        }
        return nil
    }

    /// The index of the `$` closing a dollar-quote tag that opens at `from` (`$$`, `$body$`).
    private static func dollarTagEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var j = from + 1
        if j < bytes.count, bytes[j] == ascii("$") { return j }
        guard j < bytes.count, isIdentifierStart(bytes[j]) else { return nil }
        while j < bytes.count, isIdentifierPart(bytes[j]) { j += 1 }
        return j < bytes.count && bytes[j] == ascii("$") ? j : nil
    }

    private static func number(_ bytes: [UInt8], from: Int) -> Int {
        var j = from
        while j < bytes.count, isDigit(bytes[j]) || bytes[j] == ascii("_") { j += 1 }
        if j < bytes.count, bytes[j] == ascii("."), !(j + 1 < bytes.count && bytes[j + 1] == ascii(".")) {
            j += 1
            while j < bytes.count, isDigit(bytes[j]) || bytes[j] == ascii("_") { j += 1 }
        }
        if j < bytes.count, bytes[j] | 0x20 == ascii("e") {
            var k = j + 1
            if k < bytes.count, bytes[k] == ascii("+") || bytes[k] == ascii("-") { k += 1 }
            if k < bytes.count, isDigit(bytes[k]) {
                j = k
                while j < bytes.count, isDigit(bytes[j]) { j += 1 }
            }
        }
        return j
    }
}
