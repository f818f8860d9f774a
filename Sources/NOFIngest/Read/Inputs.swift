import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a file is, judged from its first bytes (never its name).
public enum FileKind: String, Sendable {
    case csv, xlsx, xls, zip
}

/// Finds the files to load: a file as given; a directory recursively, in a stable (sorted)
/// order, taking the data files (.csv, .xlsx, .xls, .zip) and skipping hidden ones.
public enum InputExpander {
    static let dataExtensions: Set<String> = ["csv", "xlsx", "xls", "zip"]

    public static func expand(_ paths: [String]) throws -> (files: [URL], skipped: [String]) {
        var files: [URL] = []
        var skipped: [String] = []
        let fm = FileManager.default
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw LoadError(file: path, reason: "no such file or directory")
            }
            if !isDirectory.boolValue {
                files.append(url)
                continue
            }
            guard let enumerator = fm.enumerator(
                at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            else { continue }
            var found: [URL] = []
            for case let item as URL in enumerator {
                guard (try? item.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                if dataExtensions.contains(item.pathExtension.lowercased()) {
                    found.append(item)
                } else {
                    skipped.append(item.path)
                }
            }
            files += found.sorted { $0.path < $1.path }
        }
        return (files, skipped)
    }
}
