import ArgumentParser
import Foundation
import NOFCore
import NOFSample

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write deterministic sample files in the exact published formats (all five datasets).",
        discussion: """
            The files are synthetic (not real statistics) but laid out exactly as NHS England publishes them: MSitAE CSV, AmbSYS CSV, zipped RTT Full CSV, CWT CRS XLSX and DM01 XLS.
            They include the A&E field-test sites' zero four-hour columns, a revised month (in revised/) and a few bad rows. --national writes national-size files (an RTT month of about 190,000 rows) for benchmarks.
            """)

    @Argument(help: "Folder to write into (created if needed).")
    var directory: String

    @Option(help: "How many months (A&E and ambulance; RTT, cancer and DM01 lag one month).")
    var months: Int?

    @Option(help: "Last month of A&E data, YYYY-MM.")
    var end: String?

    @Flag(help: "National size: ~130 acute trusts, ~240 RTT providers.")
    var national = false

    @Option(help: "Only these datasets (comma-separated): ae, ambulance, rtt, cancer, diagnostics.")
    var datasets: String?

    @Option(name: .customLong("rtt-commissioners"), help: "Commissioners per RTT provider (RTT rows grow in proportion; benchmarks use 40 for a 4x file).")
    var rttCommissioners: Int?

    func run() throws {
        var options = national ? SampleOptions.national() : SampleOptions()
        if let months {
            guard months >= 1 else { throw ValidationError("--months must be at least 1") }
            options.months = months
        }
        if let end {
            guard let month = YearMonth(end) else { throw ValidationError("--end \(end): use YYYY-MM") }
            options.end = month
        }
        if let rttCommissioners {
            guard rttCommissioners >= 1 else { throw ValidationError("--rtt-commissioners must be at least 1") }
            options.rttCommissioners = rttCommissioners
        }
        if let datasets {
            options.datasets = Set(datasets.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        let url = URL(fileURLWithPath: directory)
        let files = try SampleGenerator(options: options).write(to: url)
        print("wrote \(files.count) files to \(url.path)")
    }
}
