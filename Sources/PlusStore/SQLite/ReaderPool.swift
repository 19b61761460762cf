import GRDB
import Synchronization

/// Read-only connections to a store's file, each lent to one read at a time, so that reads on
/// several threads run side by side instead of waiting for the store's one connection.
///
/// The store's file is in WAL mode: a reader sees every transaction committed before its read
/// began and never waits for a writer. The pool is used only while a caller says its reads may
/// go side by side (``SQLiteStore/readingSideBySide(_:)``) and no group is open: a group's
/// uncommitted submissions are seen only on the store's own connection.
///
/// ```swift
/// let readers = ReaderPool(path: "plus.sqlite")
/// let count = try readers.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM submissions") }
/// ```
final class ReaderPool: Sendable {
    let path: String
    /// Connections not lent to a read now; a read that finds none opens one more, so there are
    /// as many as reads ever ran at once (the consolidation's workers and their read-ahead threads).
    private let idle = Mutex<[DatabaseQueue]>([])
    /// How many callers now let their reads go side by side.
    private let sideBySide = Mutex(0)
    /// How many connections were opened, for tests.
    let opened = Atomic(0)

    /// Each connection's page cache, in KiB as SQLite's `cache_size` takes it (negative).
    static let cacheKiB = -512

    init(path: String) {
        self.path = path
    }

    /// Whether reads go to the pool now.
    var isInUse: Bool { sideBySide.withLock { $0 > 0 } }

    /// Runs `body` with the pool in use; the last caller to leave closes the pool's connections.
    ///
    /// A read-only connection cannot checkpoint the log or remove it: were one still open when the
    /// store's own connection closes, the store's log (a copy of what was written last) and its
    /// shared-memory file would stay beside it, the store taking twice its size on disk.
    func inUse<T>(_ body: () throws -> T) rethrows -> T {
        sideBySide.withLock { $0 += 1 }
        defer { if sideBySide.withLock({ count in count -= 1; return count == 0 }) { closeIdle() } }
        return try body()
    }

    /// Closes the connections no read is using; a later read opens one again.
    private func closeIdle() {
        let connections = idle.withLock { idle in
            defer { idle = [] }
            return idle
        }
        for connection in connections { try? connection.close() }
    }

    /// `value` in a read transaction of its own, on a connection no other read is using.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? open()
        defer { idle.withLock { $0.append(connection) } }
        return try connection.inDatabase { db in
            var result: T?
            try db.inTransaction(.deferred) {
                result = try value(db)
                return .commit
            }
            return result!
        }
    }

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        // A checkpoint of the writer may hold the log's lock for a moment.
        configuration.busyMode = .timeout(10)
        // Each connection keeps a page cache of its own, as many connections as reads ever ran at
        // once: a small one each (SQLite's default is 2 MiB) bounds what they add to a run's peak.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = \(Self.cacheKiB)") }
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        opened.add(1, ordering: .relaxed)
        return connection
    }
}
