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
        // An optional streaming standby (profile "replica"): cloned from the primary with
        // pg_basebackup -R by a script that exists, its own volume, and a reporting service
        // whose reads go to it while its writes would go to the primary.
        let standby = try #require(services["postgres-standby"] as? [String: Any])
        #expect((standby["profiles"] as? [String]) == ["replica"])
        #expect((standby["volumes"] as? [String])?.contains { $0.hasPrefix("pgstandby:") } == true && named.keys.contains("pgstandby"))
        let mounted = (standby["volumes"] as? [String] ?? []) + (postgres["volumes"] as? [String] ?? [])
        for script in ["docker/standby-entrypoint.sh", "docker/primary-replication.sh"] {
            #expect(mounted.contains { $0.hasPrefix("./\(script):") })
            let path = TestEnvironment.packageRoot.appendingPathComponent(script).path
            #expect(FileManager.default.isExecutableFile(atPath: path), "\(script) missing or not executable")
        }
        let entry = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("docker/standby-entrypoint.sh"), encoding: .utf8)
        #expect(entry.contains("pg_basebackup") && entry.contains(" -R "))
        #expect((postgres["command"] as? [String])?.contains("wal_level=replica") == true)
        let reader = try #require(services["report-replica"] as? [String: Any])
        let readerEnv = try #require(reader["environment"] as? [String: Any])
        #expect((readerEnv["NOFDB_READ_URL"] as? String)?.contains("@postgres-standby:5432/") == true)
        #expect((readerEnv["DATABASE_URL"] as? String)?.contains("@postgres:5432/") == true)
        #expect((reader["profiles"] as? [String]) == ["replica"])
    }
}
