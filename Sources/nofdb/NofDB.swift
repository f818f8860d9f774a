import ArgumentParser
import Foundation
import NOFWarehouse

/// The `nofdb` command: lists subcommands; each one lives in its own file.
@main
struct NofDB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nofdb",
        abstract: "Load NHS England monthly performance statistics into PostgreSQL and report on them.",
        discussion: """
            Database: --database-url, else DATABASE_URL, else the PG* variables, else \
            nofdb's own embedded PostgreSQL cluster (created and started on first use).

            Typical use:
              nofdb init                      create or upgrade the warehouse schema
              nofdb load ~/Downloads/nhse     load every published file found there
              nofdb report league-table       NOF-style league table, the newest quarter enough trusts can be ranked in
              nofdb report --list             every canned report and its parameters
              nofdb orgs dorset               find organisations by code or name
              nofdb check                     run the data tests (SQL/tests) against the warehouse
              nofdb sync                      fetch and load new publications (for cron)
            """,
        version: NofdbVersion.current,
        subcommands: [
            InitCommand.self, LoadCommand.self, ReportCommand.self, QueryCommand.self, OrgsCommand.self, StatusCommand.self, CheckCommand.self,
            SyncCommand.self, RestoreCommand.self, RebuildCommand.self, GrantReaderCommand.self, DBCommand.self,
            SampleCommand.self, XLSCheckCommand.self,
        ])
}
