import Foundation
import Synchronization
import Testing
@testable import PlusModel

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

    /// Blocks the thread that frees it until the gate opens.
    final class Stuck: Sendable {
        let gate: DispatchSemaphore
        let freeing: DispatchSemaphore
        let freed: Counter
        init(_ gate: DispatchSemaphore, _ freeing: DispatchSemaphore, _ freed: Counter) {
            (self.gate, self.freeing, self.freed) = (gate, freeing, freed)
        }
        deinit {
            freeing.signal()
            gate.wait()
            gate.signal()
            freed.count.withLock { $0 += 1 }
        }
    }

    /// A disposal thread that cannot keep up holds back the producer: at most `backlog` batches wait,
    /// besides the one being freed, and the next drop waits for room instead of growing the backlog.
    @Test func aProducerWaitsWhenTheBacklogIsFull() throws {
        let gate = DispatchSemaphore(value: 0), freeing = DispatchSemaphore(value: 0), freed = Counter(), dropped = Counter()
        var disposal = Disposal<Stuck>(batchSize: 1, backlog: 2)
        let backlog = disposal.backlog
        let producer = BackgroundThread.start(named: "test-producer") { [disposal] in
            var disposal = disposal
            for index in 0..<4 {
                disposal.drop(Stuck(gate, freeing, freed))
                dropped.count.withLock { $0 += 1 }
                // The first batch is in the disposal thread's hands, stuck, before the others come.
                if index == 0 { freeing.wait() }
            }
        }
        // Two batches wait, and the fourth drop waits for room. Unbounded, it would never wait.
        let deadline = Date().addingTimeInterval(60)
        while !backlog.isProducerWaiting && Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        #expect(backlog.isProducerWaiting)
        #expect(dropped.count.withLock { $0 } == 3)
        #expect(freed.count.withLock { $0 } == 0)
        gate.signal()
        producer.join()
        #expect(dropped.count.withLock { $0 } == 4)
        disposal.finish()
        #expect(freed.count.withLock { $0 } == 4)
    }
}
