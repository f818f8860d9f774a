import Foundation
import PackagePlugin

/// Embeds every `.sql` file of the project's top-level `SQL/` tree in the `NOFSQL` target, so
/// an installed `nofdb` carries its migrations, logic, views, reports and data tests with it.
///
/// The tree is reached through the symlink `Sources/NOFSQL/SQL -> ../../SQL`: SwiftPM re-plans
/// a build (and so re-runs this plugin) only when the file list of a target's directory
/// changes, so the SQL must be seen as part of a target for an added or removed file to be
/// picked up by the next `swift build`. Each file is also an input of the command, so an edit
/// re-embeds it. (A plugin that enumerated `SQL/` itself missed removals; a prebuild command
/// was not re-run on every build; see docs/design.md.)
@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let inputs = target.sourceFiles
            .map(\.url)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        let roots = [target.directoryURL.appending(path: "SQL"), context.package.directoryURL.appending(path: "SQL")]
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) SQL files in \(target.name)",
                executable: try context.tool(named: "embed-sql").url,
                arguments: [output.path] + roots.flatMap { ["--root", $0.path] } + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
