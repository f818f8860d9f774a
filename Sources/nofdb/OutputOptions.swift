import ArgumentParser
import Foundation
import NOFPostgres
import NOFReports

/// `--format` and `--output`, shared by report, query and status.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format (xlsx writes a workbook: needs --output).")
    var format = OutputFormat.table

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "CSV for Excel: start with a UTF-8 byte-order mark, so Excel on Windows reads †, ‡ and — correctly.")
    var excel = false

    @Flag(help: "CSV: add the footnotes (the field-test note among them) as trailing rows starting with \"# \".")
    var footnotes = false

    func validate() throws {
        if excel, format != .csv { throw ValidationError("--excel applies to --format csv") }
        if footnotes, format != .csv {
            throw ValidationError("--footnotes applies to --format csv (the other formats always show them)")
        }
    }

    func emit(_ report: ReportResult) throws {
        let toTerminal = output == nil && Console.stdoutIsTerminal
        let env = ProcessInfo.processInfo.environment
        let color = toTerminal && (env["NO_COLOR"] ?? "").isEmpty && env["TERM"] != "dumb"
        let style = TerminalStyle(width: Console.terminalWidth, color: color)
        if format == .xlsx {
            guard let output else {
                throw ReportError("--format xlsx writes a workbook: give --output FILE.xlsx")
            }
            do {
                try ReportWorkbook.write(report, to: URL(fileURLWithPath: output))
            } catch {
                throw ReportError("cannot write \(output): \(error)")
            }
            Console.note("wrote \(output) (\(report.sections.count + 1) sheets: one per section, then Notes)")
            return
        }
        var isDirectory: ObjCBool = false
        let toFolder = output.map { $0.hasSuffix("/") || (FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue) } ?? false
        if format == .csv, report.sections.count > 1 || toFolder {
            // Differently shaped tables do not belong in one CSV: one file per section in a
            // folder, or the user picks one.
            let slugs = report.sections.map { ReportDefinition.slug($0.title) }
            guard let output, toFolder else {
                throw ReportError("""
                    \(report.name) has \(slugs.count) sections (\(slugs.joined(separator: ", "))) and one CSV holds one table: \
                    give --section NAME, or --output DIR/ for one CSV file per section
                    """)
            }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for (table, slug) in zip(report.sections, slugs) {
                var one = report
                one.sections = [table]
                try write(csvText(one), to: (output as NSString).appendingPathComponent("\(report.name)-\(slug).csv"))
            }
            return
        }
        let shown = format == .table ? report.forTerminal() : report
        let text = format == .csv ? csvText(report) : ensureNewline(ReportRenderer.render(shown, as: format, style: style))
        if let output {
            try write(text, to: output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    func ensureNewline(_ text: String) -> String { text.utf8.last == 10 ? text : text + "\n" }

    /// One table as CSV: a byte-order mark first with --excel, its footnotes as trailing
    /// "# " rows with --footnotes.
    func csvText(_ report: ReportResult) -> String {
        var text = ensureNewline(ReportRenderer.csv(report))
        if footnotes {
            for table in report.sections {
                for note in table.footnotes { text += ReportRenderer.csvLine(["# " + note]) }
            }
        }
        return excel ? "\u{FEFF}" + text : text
    }

    func write(_ text: String, to output: String) throws {
        do {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw ReportError("cannot write \(output): \(error.localizedDescription)")
        }
        Console.note("wrote \(output)")
    }
}
