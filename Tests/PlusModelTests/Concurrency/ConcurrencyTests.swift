import Foundation
import Testing
@testable import PlusModel

@Suite("Work spread over the cores, results in order")
struct ConcurrencyTests {
    struct Failure: Error, Equatable { let index: Int }

    @Test func readAheadGivesEveryItemInOrderAndTheErrorWhereItOccurred() throws {
        let reader = ReadAhead(count: 200, workers: 3, ahead: 4) { index in
            if index == 150 { throw Failure(index: index) }
            // Uneven work, so that workers finish out of order.
            if index % 7 == 0 { usleep(200) }
            return index * 2
        }
        defer { reader.finish() }
        for index in 0..<150 { #expect(try reader.take(index) == index * 2) }
        #expect(throws: Failure(index: 150)) { try reader.take(150) }
        #expect(try reader.take(151) == 302)
    }

    @Test func readAheadStopsWhenTheCallerStops() {
        let started = Counter()
        let reader = ReadAhead(count: 10_000, workers: 2, ahead: 8) { index in
            started.increment()
            return index
        }
        _ = try? reader.take(0)
        reader.finish()
        // Never more than the look-ahead beyond what was taken, give or take the workers' own item.
        #expect(started.value <= 1 + 8 + 2)
    }

    @Test func parallelMapKeepsTheOrderAndRethrowsTheFirstError() throws {
        let squares = try ParallelMap.map(Array(0..<500), workers: 4) { $0 * $0 }
        #expect(squares == (0..<500).map { $0 * $0 })
        #expect(throws: Failure(index: 3)) {
            try ParallelMap.map(Array(0..<10), workers: 1) { index -> Int in
                if index >= 3 { throw Failure(index: index) }
                return index
            }
        }
        #expect(try ParallelMap.map([Int](), workers: 2) { $0 }.isEmpty)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }
}

@Suite("One job after another on a background thread")
struct SerialWorkerTests {
    /// The jobs' order as they ran, written from the worker's thread.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [Int] = []
        func add(_ entry: Int) { lock.withLock { entries.append(entry) } }
        var all: [Int] { lock.withLock { entries } }
    }

    struct Failure: Error, Equatable {}

    @Test func jobsRunInTheOrderGivenAndSyncWaitsForThoseBefore() throws {
        let worker = SerialWorker(named: "plus-test-serial")
        let log = Log()
        for round in 0..<3 {
            for index in 0..<50 {
                worker.async {
                    if index % 9 == 0 { usleep(100) }
                    log.add(round * 100 + index)
                }
            }
            // Once the worker has drained, the next round starts another thread: same order.
            let seen = try worker.sync { log.all.count }
            #expect(seen == (round + 1) * 50)
        }
        #expect(log.all == (0..<3).flatMap { round in (0..<50).map { round * 100 + $0 } })
        #expect(throws: Failure()) { try worker.sync { throw Failure() } }
        #expect(try worker.sync { 42 } == 42)
    }

    /// `sync` lends its closure to the worker's thread; the runtime traps if anything still holds
    /// it when `sync` returns (the closure below captures, so it has a context to check).
    @Test func syncLetsGoOfItsClosureBeforeReturning() throws {
        let worker = SerialWorker(named: "plus-test-serial")
        let log = Log()
        for index in 0..<2_000 {
            if index % 3 == 0 { worker.async { log.add(-1) } }
            let seen = try worker.sync { () -> Int in
                log.add(index)
                return log.all.count
            }
            #expect(seen > index)
        }
    }

    @Test func aHeldWorkerStartsNoJobUntilReleased() throws {
        let worker = SerialWorker(named: "plus-test-serial")
        let log = Log()
        worker.hold()
        worker.async { log.add(1) }
        usleep(20_000)
        #expect(log.all.isEmpty)
        worker.release()
        try worker.sync {}
        #expect(log.all == [1])
    }
}
