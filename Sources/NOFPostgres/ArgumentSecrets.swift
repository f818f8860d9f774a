import Foundation

/// Hides passwords given on the command line (`--database-url 'postgresql://u:secret@…'` or a
/// conninfo `password=secret`) from `ps` and /proc/PID/cmdline: the bytes of the process's own
/// argument vector are overwritten with `*` in place. Call it after `CommandLine.arguments` has
/// been read (Swift copies the arguments on first use), before anything slow runs.
public enum ArgumentSecrets {
    /// Patterns whose first group is a password: URL user info, a `password=` URL parameter, a
    /// conninfo `password=` keyword (quoted or not).
    static let patterns: [NSRegularExpression] = [
        #"^[A-Za-z][A-Za-z0-9+.-]*://[^:/@?]*:([^@/?]+)@"#,
        #"[?&]password=([^&]+)"#,
        #"(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s']+)"#,
    ].compactMap { try? NSRegularExpression(pattern: $0) }

    /// The UTF-8 byte ranges of the passwords in one argument.
    public static func passwordRanges(in argument: String) -> [Range<Int>] {
        let ns = argument as NSString
        var ranges: [Range<Int>] = []
        for pattern in patterns {
            for match in pattern.matches(in: argument, range: NSRange(location: 0, length: ns.length)) where match.numberOfRanges > 1 {
                guard let range = Range(match.range(at: 1), in: argument) else { continue }
                let start = argument.utf8.distance(from: argument.utf8.startIndex, to: range.lowerBound.samePosition(in: argument.utf8) ?? argument.utf8.startIndex)
                let end = argument.utf8.distance(from: argument.utf8.startIndex, to: range.upperBound.samePosition(in: argument.utf8) ?? argument.utf8.endIndex)
                if end > start { ranges.append(start..<end) }
            }
        }
        return ranges
    }

    /// Overwrites every password in the values of `--database-url` in the real argument vector.
    /// Returns true when one was found (the caller warns: it was visible until now).
    @discardableResult
    public static func hidePasswords() -> Bool {
        let argc = Int(CommandLine.argc)
        guard argc > 1 else { return false }
        var found = false
        var previous = ""
        for i in 1..<argc {
            guard let pointer = CommandLine.unsafeArgv[i] else { continue }
            let argument = String(cString: pointer)
            defer { previous = argument }
            var value = argument
            var offset = 0
            if argument.hasPrefix("--database-url=") {
                offset = "--database-url=".utf8.count
                value = String(argument.dropFirst("--database-url=".count))
            } else if previous != "--database-url" {
                continue
            }
            for range in passwordRanges(in: value) {
                for byte in range { pointer[offset + byte] = CChar(UInt8(ascii: "*")) }
                found = true
            }
        }
        return found
    }

    /// What to say when a password was on the command line.
    public static let warning = "warning: a password on the command line is visible to other users (ps) until nofdb hides it; "
        + "use DATABASE_URL, a ~/.pgpass or PGPASSFILE entry, PGPASSWORD, or a service file (PGSERVICE) instead"
}
