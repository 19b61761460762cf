import Dispatch

/// Lets go of values on another thread, a batch at a time, so that the thread dropping them does
/// not spend its time freeing them.
///
/// `plus run`'s storing thread is the one the whole inbox waits for; freeing each small file's
/// records, rows and diagnostics once stored took a tenth of it in an Italy-year. The values
/// wait here until a batch is full, then another thread releases the batch; ``finish()`` hands
/// over the rest and waits until every batch is freed.
///
/// ```swift
/// var disposal = Disposal<PreparedImport>()
/// for file in files { let prepared = try read(file); try store(prepared); disposal.drop(prepared) }
/// disposal.finish()
/// ```
struct Disposal<Value: Sendable> {
    let batchSize: Int
    private var batch: [Value] = []
    private let group = DispatchGroup()

    init(batchSize: Int = 16) {
        precondition(batchSize >= 1, "a batch holds at least one value")
        self.batchSize = batchSize
        batch.reserveCapacity(batchSize)
    }

    /// Keeps `value` until its batch is full, then has the batch freed on another thread.
    mutating func drop(_ value: Value) {
        batch.append(value)
        if batch.count >= batchSize { handOver() }
    }

    /// Hands over the values still kept and waits until every batch handed over is freed.
    mutating func finish() {
        handOver()
        group.wait()
    }

    private mutating func handOver() {
        guard !batch.isEmpty else { return }
        let full = batch
        batch = []
        batch.reserveCapacity(batchSize)
        DispatchQueue.global(qos: .utility).async(group: group) { withExtendedLifetime(full) {} }
    }
}
