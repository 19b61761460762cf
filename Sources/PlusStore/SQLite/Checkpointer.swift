import Foundation
import GRDB
import GRDBSQLite
import PlusModel
import Synchronization

/// Copies the store's write-ahead log into the store's file on a connection and a thread of its
/// own, so that the thread that commits never waits for the copy: the store's durability policy.
///
/// **The policy, in one place.** The store's file is in WAL mode with `synchronous = NORMAL`
/// (``SQLiteStore``'s configuration):
/// - a commit appends the transaction to the log and returns without flushing the disk. A crash
///   or a kill after it loses nothing: the log is the operating system's file, and the next
///   connection to open the store replays it;
/// - a *checkpoint* flushes the log to disk, copies its pages into the store's file and flushes
///   that. SQLite would run one itself on the committing connection after any commit that left
///   the log past 1,000 pages (its `wal_autocheckpoint`): an Italy-year's storing loop spent 165
///   flushes on it, and a plan table's commit 0.3–0.5 s copying its table. The store's connection
///   runs none: this type runs it, whenever a commit leaves the log past ``pagesPerCheckpoint``,
///   on its own thread;
/// - the log stays bounded: a commit that finds the log still past ``pagesBound`` after the
///   previous commit had left it there too (the background copy fell behind, or the writer never
///   let the log start over) waits for a checkpoint, so that the next transaction starts the log
///   again from its beginning;
/// - what a power cut could take is made durable by ``SQLiteStore/synchronize()``, a checkpoint
///   run here and waited for, which a job calls before it files imported files away;
/// - closing the store closes this connection first and the store's own last: SQLite then copies
///   what is left and removes the log and its shared-memory file.
///
/// ```swift
/// let checkpointer = Checkpointer(path: "plus.sqlite")
/// try checkpointer.install(on: db)          // the store's connection: no checkpoint of its own
/// try checkpointer.checkpoint()             // flushed and copied: survives a power cut
/// checkpointer.close()                      // before the store's connection closes
/// ```
final class Checkpointer: Sendable {
    let path: String
    /// From how many pages of log a commit asks for a checkpoint: SQLite's own default.
    let pagesPerCheckpoint: Int32
    /// How many pages of log a second commit in a row may leave before it waits for a checkpoint
    /// (64 MiB of 4 KiB pages); one transaction alone may leave more, copied in the background.
    let pagesBound: Int32

    /// The checkpoints run one after the other on this worker, the only user of the connection
    /// (tests hold it to stand between a commit and its checkpoint).
    let worker = SerialWorker(named: "plus-checkpoint")
    private struct State {
        /// The connection that checkpoints; opened at the first checkpoint, `nil` once closed.
        var connection: DatabaseQueue?
        var closed = false
        /// Whether a checkpoint is queued and not yet started: commits meanwhile need no other.
        var queued = false
        /// The log's pages after the previous commit.
        var pagesBefore: Int32 = 0
        /// Whether commits ask for a checkpoint without waiting for one (``withoutWaiting(_:)``).
        var sparing = false
    }
    private let state = Mutex(State())
    /// How many checkpoints ran, in the background or waited for: for tests.
    let checkpoints = Atomic(0)
    /// How many commits waited for a checkpoint to keep the log bounded: for tests.
    let waits = Atomic(0)

    init(path: String, pagesPerCheckpoint: Int32 = 1_000, pagesBound: Int32 = 16_384) {
        self.path = path
        self.pagesPerCheckpoint = pagesPerCheckpoint
        self.pagesBound = pagesBound
    }

    /// Turns SQLite's automatic checkpoint off on the store's connection `db` and asks this
    /// checkpointer instead after each commit. `self` must outlive the hook (``uninstall(from:)``).
    func install(on db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, { context, _, _, pages in
            Unmanaged<Checkpointer>.fromOpaque(context!).takeUnretainedValue().committed(pages: pages)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Takes the hook away from the store's connection again.
    func uninstall(from db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, nil, nil)
    }

    /// Called after each commit of the store's connection with the pages now in the log.
    private func committed(pages: Int32) {
        let (queue, wait) = state.withLock { state -> (Bool, Bool) in
            defer { state.pagesBefore = pages }
            guard !state.closed, pages >= pagesPerCheckpoint else { return (false, false) }
            if pages >= pagesBound, state.pagesBefore >= pagesBound, !state.sparing { return (false, true) }
            defer { state.queued = true }
            return (!state.queued, false)
        }
        if wait {
            waits.add(1, ordering: .relaxed)
            // A failure leaves the log as it is; the next commit, or `synchronize`, tries again.
            try? checkpoint()
        } else if queue {
            worker.async { [self] in
                state.withLock { $0.queued = false }
                try? run()
            }
        }
    }

    /// Runs `body`, whose commits ask for a checkpoint but never wait for one: for the commit that
    /// finishes a large submission's (its indexes, ``DeferredIndexes``), built while the rows'
    /// commit is copied. Waiting there would stop the store's thread until that copy is done, which
    /// is what committing first was for; the commit after `body` waits if the log is still past
    /// ``pagesBound``, so the log stays bounded one commit later.
    ///
    /// ```swift
    /// try checkpointer.withoutWaiting { try store.write { db in try DeferredIndexes.buildPending(in: db) } }
    /// ```
    func withoutWaiting<T>(_ body: () throws -> T) rethrows -> T {
        state.withLock { $0.sparing = true }
        defer { state.withLock { $0.sparing = false } }
        return try body()
    }

    /// Runs a checkpoint and waits for it: every commit so far is flushed to disk and, unless a
    /// reader still needs the log's older pages, copied into the store's file.
    func checkpoint() throws {
        try worker.sync { try run() }
    }

    /// Waits for a checkpoint under way and closes the connection; later commits ask for none.
    func close() {
        _ = try? worker.sync {
            let connection = state.withLock { state in
                state.closed = true
                defer { state.connection = nil }
                return state.connection
            }
            try? connection?.close()
        }
    }

    /// One passive checkpoint (it never waits for the store's writer or its readers), on the worker.
    private func run() throws {
        guard let connection = try state.withLock({ state -> DatabaseQueue? in
            guard !state.closed else { return nil }
            if state.connection == nil { state.connection = try Self.open(path) }
            return state.connection
        }) else { return }
        try connection.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        checkpoints.add(1, ordering: .relaxed)
    }

    private static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // The flushes of a checkpoint are the same at NORMAL and FULL; said as the store says it.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
