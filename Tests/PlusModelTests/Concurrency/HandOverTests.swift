import Foundation
import Synchronization
import Testing
@testable import PlusModel

/// Elements put on a thread of their own and taken on the caller's, a bounded number ahead; a
/// failure on either side ends the other.
@Suite struct HandOverTests {
    struct Broken: Error, Equatable {}

    @Test("every element reaches the caller, in order, on the caller's thread, never more than the queue's bound ahead")
    func elementsInOrderWithinTheBound() throws {
        for capacity in [1, 3] {
            let put = Atomic<Int>(0)
            var seen: [Int] = []
            let caller = Thread.current
            try HandOver<Int>.run(capacity: capacity, threadName: "test-producer") { handOver in
                for element in 0..<200 {
                    try handOver.put(element)
                    put.add(1, ordering: .sequentiallyConsistent)
                }
            } consume: { handOver in
                while let element = try handOver.take() {
                    #expect(Thread.current == caller)
                    // Put and waiting, or being put: the one taken now and the queue's bound.
                    #expect(put.load(ordering: .sequentiallyConsistent) - seen.count <= capacity + 1)
                    if element % 50 == 0 { Thread.sleep(forTimeInterval: 0.002) }
                    seen.append(element)
                }
            }
            #expect(seen == Array(0..<200), "capacity \(capacity)")
        }
    }

    @Test("the producer's failure ends the consumer's loop with its error, after none of the elements it did not put")
    func producerFailureIsRethrown() {
        var seen: [Int] = []
        #expect(throws: Broken()) {
            try HandOver<Int>.run(capacity: 1, threadName: "test-producer") { handOver in
                for element in 0..<5 { try handOver.put(element) }
                throw Broken()
            } consume: { handOver in
                while let element = try handOver.take() { seen.append(element) }
            }
        }
        #expect(seen == Array(seen.indices) && seen.count <= 5)
    }

    @Test("the consumer's failure stops the producer at its next put, and is the error told")
    func consumerFailureStopsProducer() {
        let put = Atomic<Int>(0)
        var producerError: (any Error)?
        #expect(throws: Broken()) {
            try HandOver<Int>.run(capacity: 2, threadName: "test-producer") { handOver in
                do {
                    for element in 0..<1_000 {
                        try handOver.put(element)
                        put.add(1, ordering: .sequentiallyConsistent)
                    }
                } catch {
                    producerError = error
                    throw error
                }
            } consume: { handOver in
                while let element = try handOver.take() {
                    if element == 10 { throw Broken() }
                }
            }
        }
        // Taken up to the failing one, and at most the queue's bound and the one being put after it.
        #expect(put.load(ordering: .sequentiallyConsistent) <= 11 + 2)
        #expect(producerError is Broken)
    }

    @Test("a producer of nothing hands nothing over, and its result is returned")
    func nothingPut() throws {
        let result = try HandOver<Int>.run(capacity: 1, threadName: "test-producer") { _ in 42 } consume: { handOver in
            while try handOver.take() != nil { Issue.record("no element expected") }
        }
        #expect(result == 42)
    }
}
