import Synchronization
import Testing
@testable import PlusPipeline

@Suite("Values let go of on another thread")
struct DisposalTests {
    /// Counts the values freed.
    final class Tracked: Sendable {
        let freed: Counter
        init(_ freed: Counter) { self.freed = freed }
        deinit { freed.count.withLock { $0 += 1 } }
    }

    final class Counter: Sendable {
        let count = Mutex(0)
    }

    @Test("a full batch is handed over, the rest waits, and finishing frees every value", arguments: [1, 16, 40])
    func everyValueFreed(count: Int) throws {
        let freed = Counter()
        var disposal = Disposal<Tracked>(batchSize: 16)
        for _ in 0..<count { disposal.drop(Tracked(freed)) }
        // A batch not yet full is still held: nothing of it is freed.
        if count < 16 { #expect(freed.count.withLock { $0 } == 0) }
        disposal.finish()
        #expect(freed.count.withLock { $0 } == count)
    }
}
