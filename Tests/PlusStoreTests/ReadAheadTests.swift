import Foundation
import Synchronization
import Testing
@testable import PlusStore

/// Batches read on a thread of their own, a bounded number ahead of the thread that uses them.
@Suite struct ReadAheadTests {
    struct Broken: Error, Equatable {}

    @Test("every batch reaches the caller, in order, on the caller's thread, never more than the queue's bound ahead")
    func batchesInOrderWithinTheBound() throws {
        for capacity in [1, 3] {
            let handed = Atomic<Int>(0)
            var seen: [Int] = []
            let caller = Thread.current
            try ReadAhead<Int>.forEach(capacity: capacity, reading: { hand in
                for batch in 0..<200 {
                    hand(batch)
                    handed.add(1, ordering: .sequentiallyConsistent)
                }
            }) { batch in
                #expect(Thread.current == caller)
                // Read and queued, or being handed: the one used now and the queue's bound.
                #expect(handed.load(ordering: .sequentiallyConsistent) - seen.count <= capacity + 1)
                if batch % 50 == 0 { Thread.sleep(forTimeInterval: 0.002) }
                seen.append(batch)
            }
            #expect(seen == Array(0..<200), "capacity \(capacity)")
        }
    }

    @Test("a reading that fails ends the caller's loop with its error, after none of the batches it did not read")
    func readingFailureIsRethrown() {
        var seen: [Int] = []
        #expect(throws: Broken()) {
            try ReadAhead<Int>.forEach(reading: { hand in
                for batch in 0..<5 { hand(batch) }
                throw Broken()
            }) { seen.append($0) }
        }
        #expect(seen == Array(seen.indices) && seen.count <= 5)
    }

    @Test("a reading of nothing hands nothing over")
    func nothingRead() throws {
        try ReadAhead<Int>.forEach(reading: { _ in }) { _ in Issue.record("no batch expected") }
    }
}
