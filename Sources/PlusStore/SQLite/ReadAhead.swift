import Foundation

/// Reads batches on a thread of its own while the caller's thread works on the batch before:
/// decoding a plan's services from the store and checking them take turns on one core no more.
///
/// At most ``capacity`` batches wait, so memory stays bounded; the reading's failure ends the
/// caller's loop and is rethrown once the reading thread is done. The reading must not need the
/// caller's thread (it must not wait for anything the caller holds).
///
/// ```swift
/// try ReadAhead.forEach(reading: { hand in for batch in batches { hand(batch) } }) { batch in
///     check(batch)   // while the next batch is read
/// }
/// ```
final class ReadAhead<Batch: Sendable>: @unchecked Sendable {
    /// Batches read and waiting, at most.
    let capacity: Int

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var ended: Result<Void, any Error>?

    private init(capacity: Int) {
        precondition(capacity > 0, "the queue holds a batch")
        self.capacity = capacity
    }

    /// Runs `reading` on a thread of its own, handing each batch it reads to `body` on this one in
    /// order; returns once both are done, rethrowing the reading's failure.
    static func forEach(
        capacity: Int = 1, reading: @escaping @Sendable (_ hand: (Batch) -> Void) throws -> Void, _ body: (Batch) -> Void
    ) throws {
        let ahead = ReadAhead(capacity: capacity)
        let thread = Thread {
            let read = Result { try reading(ahead.hand) }
            ahead.condition.withLock {
                ahead.ended = read
                ahead.condition.broadcast()
            }
        }
        thread.name = "plus-read-ahead"
        thread.start()
        while let batch = ahead.next() { body(batch) }
        try ahead.condition.withLock { ahead.ended! }.get()
    }

    /// Queues a batch read, waiting for room (on the reading thread).
    private func hand(_ batch: Batch) {
        condition.withLock {
            while queue.count >= capacity { condition.wait() }
            queue.append(batch)
            condition.broadcast()
        }
    }

    /// The next batch read; `nil` once the reading has failed, or ended and every batch is taken.
    private func next() -> Batch? {
        condition.withLock {
            while queue.isEmpty && ended == nil { condition.wait() }
            if case .failure = ended { return nil }
            guard !queue.isEmpty else { return nil }
            condition.broadcast()
            return queue.removeFirst()
        }
    }
}
