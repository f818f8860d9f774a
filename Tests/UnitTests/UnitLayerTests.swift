import Foundation
import Testing

/// The unit layer runs without a database: it must not see a test cluster's URL as a reason to pass.
@Suite("Unit layer")
struct UnitLayerTests {
    @Test("runs without PostgreSQL or ../shared")
    func standsAlone() {
        #expect(FileManager.default.fileExists(atPath: #filePath))
    }
}
