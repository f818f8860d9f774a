import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a file is, judged from its first bytes (never its name).
public enum FileKind: String, Sendable {
    case csv, xlsx, xls, zip
}

/// A path `load` did not read, and why.
public struct SkippedInput: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Finds the files to load: a file as given; a directory recursively, in a stable (sorted)
/// order, taking the data files (.csv, .xlsx, .xls, .zip) and skipping hidden ones. Only
/// regular files are read: a named pipe, socket or device would block or never end.
public enum InputExpander {
    static let dataExtensions: Set<String> = ["csv", "xlsx", "xls", "zip"]

    public struct Expanded: Sendable {
        /// Regular files to load, in order.
        public var files: [URL] = []
        /// Paths given on the command line that cannot be loaded (not regular files), with why.
        public var refused: [SkippedInput] = []
        /// Files found in directories and left alone, with why.
        public var skipped: [SkippedInput] = []
    }

    public static func expand(_ paths: [String]) throws -> Expanded {
        var out = Expanded()
        let fm = FileManager.default
        for path in paths {
            let url = URL(fileURLWithPath: path)
            guard let kind = fileType(url.path) else {
                throw LoadError(file: path, reason: "no such file or directory")
            }
            switch kind {
            case .directory:
                guard let enumerator = fm.enumerator(at: url, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
                else { continue }
                var found: [URL] = []
                for case let item as URL in enumerator {
                    switch fileType(item.path) {
                    case .directory?: continue
                    case .regular?:
                        if dataExtensions.contains(item.pathExtension.lowercased()) {
                            found.append(item)
                        } else {
                            out.skipped.append(SkippedInput(path: item.path, reason: "not a .csv, .xlsx, .xls or .zip file"))
                        }
                    case let other?:
                        out.skipped.append(SkippedInput(path: item.path, reason: "\(other.description), not a regular file"))
                    case nil:
                        out.skipped.append(SkippedInput(path: item.path, reason: "cannot be read (it vanished, or a link points nowhere)"))
                    }
                }
                out.files += found.sorted { $0.path < $1.path }
            case .regular:
                out.files.append(url)
            default:
                out.refused.append(SkippedInput(
                    path: path, reason: "is \(kind.description), not a regular file: nofdb reads files only (a pipe or device could block forever); save the data to a file and load that"))
            }
        }
        return out
    }

    enum FileType: Equatable, CustomStringConvertible {
        case regular, directory, fifo, socket, characterDevice, blockDevice, other
        var description: String {
            switch self {
            case .regular: return "a file"
            case .directory: return "a directory"
            case .fifo: return "a named pipe (FIFO)"
            case .socket: return "a socket"
            case .characterDevice: return "a character device"
            case .blockDevice: return "a block device"
            case .other: return "a special file"
            }
        }

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .directory
            case S_IFIFO: self = .fifo
            case S_IFSOCK: self = .socket
            case S_IFCHR: self = .characterDevice
            case S_IFBLK: self = .blockDevice
            default: self = .other
            }
        }
    }

    /// The type of what `path` names (following symbolic links), or nil when nothing is there.
    static func fileType(_ path: String) -> FileType? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileType(mode: info.st_mode)
    }
}
