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

    @Test func readAheadKeepsTheWeightInFlightWithinItsBudgetAndLetsAHeavierItemGoAlone() throws {
        let inFlight = Counter(), lightInFlight = Counter()
        // Each item weighs 10 but item 50, 100, over the whole budget of 30: without the budget
        // sixteen items ahead would weigh 160.
        let weight: @Sendable (Int) -> Int = { $0 == 50 ? 100 : 10 }
        let reader = ReadAhead(count: 120, workers: 4, ahead: 16, weight: weight, budget: 30) { index in
            inFlight.add(weight(index))
            if index != 50 { lightInFlight.add(10) }
            usleep(100)
            return index
        }
        defer { reader.finish() }
        for index in 0..<120 {
            #expect(try reader.take(index) == index)
            inFlight.add(-weight(index))
            if index != 50 { lightInFlight.add(-10) }
            // Slow taking, so that the workers would run ahead if they could.
            usleep(300)
        }
        // Within the budget, give or take the item just taken, which the reader lets go before the
        // counter hears of it: the heavy one alone, then the budget's worth started once it is taken.
        #expect(inFlight.highest <= 100 + 30)
        #expect(lightInFlight.highest <= 30 + 10)
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
        private var most = 0
        var value: Int { lock.withLock { count } }
        /// The highest value reached.
        var highest: Int { lock.withLock { most } }
        func increment() { add(1) }
        func add(_ amount: Int) {
            lock.withLock {
                count += amount
                most = max(most, count)
            }
        }
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
