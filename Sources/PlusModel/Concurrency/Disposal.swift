/// Lets go of values on a thread of its own, a batch at a time, so that the thread dropping them
/// does not spend its time freeing them.
///
/// `plus run`'s storing thread is the one the whole inbox waits for; freeing each small file's
/// records, rows and diagnostics once stored took a tenth of it in an Italy-year. The values
/// wait here until a batch is full, then go through a bounded ``HandOver`` to the disposal
/// thread: at most `backlog` batches wait to be freed, and a producer that gets that far ahead
/// waits in ``drop(_:)``, so memory stays bounded however slow freeing is. ``finish()`` hands
/// over the rest and waits until every batch is freed. Call it once, always (a `defer`).
///
/// ```swift
/// var disposal = Disposal<PreparedImport>()
/// defer { disposal.finish() }
/// for file in files { let prepared = try read(file); try store(prepared); disposal.drop(prepared) }
/// ```
public struct Disposal<Value: Sendable>: Sendable {
    public let batchSize: Int
    private var batch: [Value] = []
    private let worker: Worker

    /// Frees batches of `batchSize` values, with at most `backlog` of them waiting.
    public init(batchSize: Int = 16, backlog: Int = 4) {
        precondition(batchSize >= 1, "a batch holds at least one value")
        self.batchSize = batchSize
        worker = Worker(backlog: backlog)
        batch.reserveCapacity(batchSize)
    }

    /// Keeps `value` until its batch is full, then hands the batch to the disposal thread, waiting
    /// for room when `backlog` batches wait already.
    public mutating func drop(_ value: consuming Value) {
        // Taken, not copied: the caller keeps no reference that the freeing would wait for, and
        // the value is not freed on the caller's thread after the disposal thread let go of it.
        batch.append(consume value)
        if batch.count >= batchSize { handOver() }
    }

    /// Hands over the values still kept and waits until every batch handed over is freed.
    public mutating func finish() {
        handOver()
        worker.finish()
    }

    /// The queue to the disposal thread, for a test to see a producer wait.
    var backlog: HandOver<Batch> { worker.queue }

    private mutating func handOver() {
        guard !batch.isEmpty else { return }
        // The box is the values' only holder once `batch` starts again: the producer may still
        // hold the box for an instant after handing it over, but never the values, so they are
        // freed where the disposal thread empties the box, never on the producer's thread.
        let full = Batch(batch)
        batch = []
        batch.reserveCapacity(batchSize)
        // The queue fails only once finished: a batch dropped after that is freed here.
        try? worker.queue.put(full)
    }

    /// A batch of values on its way to the disposal thread, which empties it.
    final class Batch: @unchecked Sendable {
        var values: [Value]
        init(_ values: [Value]) { self.values = values }
    }

    /// The disposal thread and its queue; a disposal never finished still lets its thread end.
    private final class Worker: Sendable {
        let queue: HandOver<Batch>
        private let thread: BackgroundThread

        init(backlog: Int) {
            let queue = HandOver<Batch>(capacity: max(1, backlog))
            self.queue = queue
            // Each batch's values are freed here, as the loop empties its box.
            thread = BackgroundThread.start(named: "plus-disposal") {
                while let batch = try? queue.take() { batch.values = [] }
            }
        }

        func finish() {
            queue.close()
            thread.join()
        }

        deinit { queue.close() }
    }
}
