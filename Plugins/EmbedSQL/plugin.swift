import Foundation
import PackagePlugin

/// Embeds the `.sql` files under a target's `SQL/` folder in that target, so an installed
/// `nofdb` carries its migrations, views and reports with it (no source tree needed).
///
/// The files live inside the target's folder so that adding or editing one is seen by the
/// build: SwiftPM re-plans when a target's file list changes.
@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let sqlRoot = target.directoryURL.appending(path: "SQL")
        let inputs = target.sourceFiles
            .map(\.url)
            .filter { $0.pathExtension == "sql" && $0.path.hasPrefix(sqlRoot.path + "/") }
            .sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) SQL files in \(target.name)",
                executable: try context.tool(named: "embed-sql").url,
                arguments: [output.path, sqlRoot.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
