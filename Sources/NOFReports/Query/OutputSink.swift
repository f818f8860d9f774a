import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Bytes to a file descriptor through a fixed buffer: what `nofdb query` streams CSV and JSON
/// through, so output costs one `write` per buffer, not per row, and memory stays flat.
public final class OutputSink {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// Bytes written so far (including what is still buffered).
    public private(set) var count = 0

    public init(fileDescriptor: Int32, capacity: Int = 1 << 18) {
        fd = fileDescriptor
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        count += bytes.count
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ReportError("cannot write the output: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}
