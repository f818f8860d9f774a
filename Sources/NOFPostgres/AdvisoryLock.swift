import Foundation

/// A PostgreSQL advisory lock named by a string (e.g. `load:rtt`), in nofdb's own lock space.
public struct AdvisoryLock: Sendable, CustomStringConvertible {
    /// nofdb's lock class (the first key of the two-key form): "NOF" in ASCII.
    public static let lockClass: Int32 = 0x4E4F46
    public let name: String
    /// A stable 32-bit FNV-1a hash of the name (the second key).
    public let key: Int32

    public init(_ name: String) {
        self.name = name
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        key = Int32(bitPattern: hash)
    }

    public var description: String { "advisory lock \"\(name)\"" }
}

/// Thrown when a lock is held elsewhere and the caller asked not to wait.
public struct LockBusyError: Error, Sendable, CustomStringConvertible {
    public let lock: AdvisoryLock
    public var description: String {
        "\(lock.name) is held by another nofdb process; not waiting (--no-wait). Try again when it finishes."
    }
}

extension Connection {
    /// Takes a session-scope advisory lock, runs `body`, and releases the lock.
    ///
    /// When the lock is busy: with `wait` false throws `LockBusyError`; otherwise calls
    /// `onWait` once (so the caller can say it is waiting) and blocks until it is free.
    public func withAdvisoryLock<T>(
        _ lock: AdvisoryLock, wait: Bool = true, onWait: () -> Void = {}, _ body: () throws -> T
    ) throws -> T {
        try acquire(lock, wait: wait, onWait: onWait, transactionScope: false)
        defer {
            _ = try? execute("SELECT pg_advisory_unlock(\(AdvisoryLock.lockClass), \(lock.key))")
        }
        return try body()
    }

    /// Takes a transaction-scope advisory lock, released at COMMIT or ROLLBACK.
    public func advisoryTransactionLock(
        _ lock: AdvisoryLock, wait: Bool = true, onWait: () -> Void = {}
    ) throws {
        try acquire(lock, wait: wait, onWait: onWait, transactionScope: true)
    }

    /// Takes a session-scope advisory lock until `releaseAdvisoryLock(_:)` (for locks that
    /// must span work that is not one closure, such as a streamed load).
    public func acquireAdvisoryLock(_ lock: AdvisoryLock, wait: Bool = true, onWait: () -> Void = {}) throws {
        try acquire(lock, wait: wait, onWait: onWait, transactionScope: false)
    }

    /// Releases a session-scope advisory lock taken with `acquireAdvisoryLock(_:)`.
    public func releaseAdvisoryLock(_ lock: AdvisoryLock) {
        _ = try? execute("SELECT pg_advisory_unlock(\(AdvisoryLock.lockClass), \(lock.key))")
    }

    private func acquire(
        _ lock: AdvisoryLock, wait: Bool, onWait: () -> Void, transactionScope: Bool
    ) throws {
        let (key1, key2) = (AdvisoryLock.lockClass, lock.key)
        let got = transactionScope
            ? try value("SELECT pg_try_advisory_xact_lock(\(key1), \(key2)) AS got", as: Bool.self)
            : try value("SELECT pg_try_advisory_lock(\(key1), \(key2)) AS got", as: Bool.self)
        if got { return }
        guard wait else { throw LockBusyError(lock: lock) }
        onWait()
        if transactionScope {
            try execute("SELECT pg_advisory_xact_lock(\(key1), \(key2))")
        } else {
            try execute("SELECT pg_advisory_lock(\(key1), \(key2))")
        }
    }
}
