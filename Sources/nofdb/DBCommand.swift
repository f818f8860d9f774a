import ArgumentParser
import Foundation
import NOFCore
import NOFPostgres
import NOFWarehouse

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage nofdb's embedded PostgreSQL cluster (used when no database is configured).",
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self])

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create (first time) and start the embedded cluster.")
        func run() throws {
            let cluster = LocalCluster.default()
            if let note = cluster.placementNote { Console.note(note) }
            let actions = try cluster.start()
            if actions.isEmpty { print("already running: \(cluster.url)") }
            for action in actions { print(action) }
            if !actions.isEmpty { print("database URL: \(cluster.url)") }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded cluster.")
        func run() throws {
            let cluster = LocalCluster.default()
            print(try cluster.stop() ? "stopped the embedded PostgreSQL server" : "the embedded PostgreSQL server was not running")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which database nofdb uses and whether the embedded cluster runs.")
        @OptionGroup var database: DatabaseOptions
        func run() throws {
            if let configured = database.locator.configured {
                print("database: \(configured) (from \(configured.source.rawValue))")
                let connection = try Connection(configured)
                print("server: reachable, PostgreSQL \(connection.serverVersion / 10000).\(connection.serverVersion % 100)")
                print("schema version: \(try Migrator.currentVersion(connection).map(String.init) ?? "not initialised (run nofdb init)")")
                return
            }
            let cluster = LocalCluster.default()
            print("database: embedded cluster in \(cluster.root.path)")
            if let note = cluster.placementNote { print("note: \(note)") }
            guard cluster.isInitialised else {
                print("state: not created yet (nofdb db start, or any command that needs the database, creates it)")
                throw ExitCode(ExitStatus.notRunning.rawValue)
            }
            guard cluster.isRunning() else {
                print("state: stopped (nofdb db start)")
                throw ExitCode(ExitStatus.notRunning.rawValue)
            }
            print("state: running")
            print("url: \(cluster.url)")
            let connection = try Connection(cluster.connectionConfig())
            print("schema version: \(try Migrator.currentVersion(connection).map(String.init) ?? "not initialised (run nofdb init)")")
        }
    }

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url",
            abstract: "Print the URL of the database nofdb uses (for psql and BI tools), without any password.",
            discussion: "That is --database-url, DATABASE_URL or the PG* variables when set (and nofdb says so on standard error), else the embedded cluster.")
        @OptionGroup var database: DatabaseOptions
        func run() throws {
            if let configured = database.locator.configured {
                print(configured)
                Console.note("from \(configured.source.rawValue): this is not the embedded cluster (nofdb db status shows both)")
                return
            }
            print(LocalCluster.default().url)
        }
    }
}
