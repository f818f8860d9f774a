import Foundation
import PackagePlugin

/// Embeds the project's SQL files in the target that applies this plugin, so an
/// installed `nofdb` carries its migrations, views and reports with it.
///
/// NOFWarehouse gets `SQL/migrations` and `SQL/views`; NOFReports gets `SQL/reports`.
@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let sqlRoot = context.package.directoryURL.appending(path: "SQL")
        let folders: [String]
        switch target.name {
        case "NOFReports": folders = ["reports"]
        default: folders = ["migrations", "views"]
        }
        var inputs: [URL] = []
        let fm = FileManager.default
        for folder in folders {
            let dir = sqlRoot.appending(path: folder)
            let names = (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".sql") {
                inputs.append(dir.appending(path: name))
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        var arguments = [output.path, sqlRoot.path]
        arguments += inputs.map(\.path)
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) SQL files in \(target.name)",
                executable: try context.tool(named: "embed-sql").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
