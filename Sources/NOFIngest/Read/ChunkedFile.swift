import Foundation
import NOFCore

#if canImport(Glibc)
import Glibc
#endif

/// Reads a file in large chunks with POSIX read(2), so a file that changes or vanishes
/// mid-read is reported with where it happened.
struct ChunkedFile {
    let url: URL
    let displayName: String
    static let chunkSize = 1 << 20

    /// Calls `body` with each chunk; returns the bytes read.
    @discardableResult
    func read(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        // O_NONBLOCK: should the path have become a named pipe since it was checked, opening
        // it must not wait for a writer; it is refused below.
        let fd = open(url.path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else {
            throw LoadError(file: displayName, reason: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw LoadError(file: displayName, reason: "cannot read the file's attributes: \(String(cString: strerror(errno)))")
        }
        let type = InputExpander.FileType(mode: info.st_mode)
        guard type == .regular else {
            throw LoadError(file: displayName, reason: "is \(type.description), not a regular file: nofdb reads files only")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress, raw.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LoadError(
                    file: displayName,
                    reason: "reading failed after \(total) bytes: \(String(cString: strerror(errno))) (the file changed or disappeared while nofdb read it)")
            }
            if n == 0 { break }
            total += n
            try buffer.withUnsafeBytes { raw in try body(UnsafeRawBufferPointer(rebasing: raw[0..<n])) }
        }
        return total
    }

}

enum Sniffer {
    static func kind(of bytes: [UInt8]) -> FileKind {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .zip
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
        return .csv
    }

    /// True when a file's first bytes look like binary data rather than text.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(4096).contains(0)
    }

    /// The name of a text encoding nofdb does not read (UTF-16 or UTF-32, with or without a
    /// byte-order mark), judged from a file's first bytes; nil for anything else.
    static func unreadableTextEncoding(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(4096))
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 LE" }
        if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 BE" }
        if head.starts(with: [0xFF, 0xFE]) { return "UTF-16 LE" }
        if head.starts(with: [0xFE, 0xFF]) { return "UTF-16 BE" }
        // No mark: ASCII text in UTF-16 has a zero in every other byte.
        guard head.count >= 8 else { return nil }
        let pairs = head.count / 2
        let evenZeros = stride(from: 0, to: pairs * 2, by: 2).filter { head[$0] == 0 }.count
        let oddZeros = stride(from: 1, to: pairs * 2, by: 2).filter { head[$0] == 0 }.count
        if oddZeros * 10 >= pairs * 9, evenZeros * 10 < pairs { return "UTF-16 LE" }
        if evenZeros * 10 >= pairs * 9, oddZeros * 10 < pairs { return "UTF-16 BE" }
        return nil
    }
}
