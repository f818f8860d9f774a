import Foundation
import Testing
import TestSupport
import Yams

@Suite("docker-compose.yml")
struct DockerComposeTests {
    @Test("defines postgres (official image, health check, named volume) and nofdb built here, joined by DATABASE_URL")
    func composeFile() throws {
        let url = TestEnvironment.packageRoot.appendingPathComponent("docker-compose.yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let yaml = try #require(try Yams.load(yaml: text) as? [String: Any])
        let services = try #require(yaml["services"] as? [String: Any])
        let postgres = try #require(services["postgres"] as? [String: Any])
        #expect((postgres["image"] as? String)?.hasPrefix("postgres:") == true)
        let health = try #require(postgres["healthcheck"] as? [String: Any])
        #expect((health["test"] as? [String])?.joined(separator: " ").contains("pg_isready") == true)
        let volumes = try #require(postgres["volumes"] as? [String])
        let named = try #require(yaml["volumes"] as? [String: Any])
        #expect(volumes.contains { $0.hasPrefix("pgdata:") } && named.keys.contains("pgdata"))

        let nofdb = try #require(services["nofdb"] as? [String: Any])
        let build = try #require(nofdb["build"] as? [String: Any])
        let dockerfile = build["dockerfile"] as? String ?? "Dockerfile"
        #expect(FileManager.default.fileExists(atPath: TestEnvironment.packageRoot.appendingPathComponent(dockerfile).path))
        let env = try #require(nofdb["environment"] as? [String: Any])
        let databaseURL = try #require(env["DATABASE_URL"] as? String)
        #expect(databaseURL.hasPrefix("postgresql://") && databaseURL.contains("@postgres:5432/"))
        let command = try #require(nofdb["command"] as? [String])
        #expect(command.first == "load")
        let report = try #require(services["report"] as? [String: Any])
        #expect((report["command"] as? [String])?.first == "report")
        let dependsOn = try #require(nofdb["depends_on"] as? [String: Any])
        #expect(dependsOn.keys.contains("postgres"))
        // An optional BI tool (profile "bi") with its own named volume.
        let metabase = try #require(services["metabase"] as? [String: Any])
        #expect((metabase["image"] as? String)?.hasPrefix("metabase/metabase") == true)
        #expect((metabase["profiles"] as? [String]) == ["bi"])
        #expect((metabase["volumes"] as? [String])?.contains { $0.hasPrefix("metabase:") } == true && named.keys.contains("metabase"))
    }
}
