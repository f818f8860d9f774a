import Foundation
import NOFCore
import NOFSample
import Testing
import TestSupport

@Suite("data tests on the sample files")
struct SampleCheckTests {
    @Test("every data test passes after loading the sample (with its revised month and its bad row)")
    func checkAfterSample() throws {
        try withTestDatabase { db in
            var options = SampleOptions()
            options.months = 12
            options.acuteTrusts = 12
            options.independentProviders = 2
            options.rttCommissioners = 2
            options.rttTreatmentFunctions = 3
            options.includeRevisionAndBadRows = true
            let dir = try TestEnvironment.temporaryDirectory("sample-check")
            defer { try? FileManager.default.removeItem(at: dir) }
            _ = try SampleGenerator(options: options).write(to: dir)
            let url = ["--database-url", db.conninfo]
            // The revision comes in a command of its own, after the published files (the whole folder
            // at once would hold that month back: two versions of it in one command).
            let published = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
                .filter { $0.hasDirectoryPath && $0.lastPathComponent != "revised" }.sorted { $0.path < $1.path }
            let load = try runNofdb(["load"] + published.map(\.path) + url)
            #expect(load.status == 2, "the sample holds one bad row: \(load.stdout)\(load.stderr)")
            let revision = try runNofdb(["load", dir.appendingPathComponent("revised").path] + url)
            #expect(revision.status == 0 && revision.stdout.contains("revised:"), "\(revision.stdout)\(revision.stderr)")
            let check = try runNofdb(["check"] + url)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("pass"))
        }
    }
}
