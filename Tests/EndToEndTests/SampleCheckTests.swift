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
            let load = try runNofdb(["load", dir.path] + url)
            #expect(load.status == 2, "the sample holds one bad row: \(load.stdout)\(load.stderr)")
            let check = try runNofdb(["check"] + url)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("pass"))
        }
    }
}
