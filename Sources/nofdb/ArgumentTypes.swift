import ArgumentParser
import NOFIngest
import NOFReports

// The closed sets among the options, as types: `--help` lists their values, shell completion
// offers them, and a wrong value gets the parser's message (exit 64).

extension OutputFormat: ExpressibleByArgument {}
extension PeerGroup: ExpressibleByArgument {}
extension League: ExpressibleByArgument {}
extension Domain: ExpressibleByArgument {}

extension Dataset: ExpressibleByArgument {
    /// The dataset names, and the usual other names for them (ambsys, dm01, cwt…).
    public init?(argument: String) { self.init(name: argument) }
}

extension TextEncoding: ExpressibleByArgument {
    /// utf-8, windows-1252, and their usual spellings (utf8, cp1252).
    public init?(argument: String) { self.init(name: argument) }
}
