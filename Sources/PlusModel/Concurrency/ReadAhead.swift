import Foundation

/// Computes items on other threads ahead of a caller that takes them one by one, in order.
///
/// `plus run` reads (parses, converts) the next files while it stores the current one: reading
/// has no side effects, storing must keep the inbox's order. At most `ahead` results wait to be
/// taken, and items of at most `budget` in all by their `weight` (a file's bytes) are computed or
/// wait at once, one heavier item alone: memory stays that of a few files, however many of them
/// are large. An error is thrown by ``take(_:)`` for the item that raised it, exactly where
/// reading in line would have thrown.
///
/// ```swift
/// let reader = ReadAhead(count: files.count) { index in try fileImport.run(files[index]) }
/// defer { reader.finish() }
/// for index in files.indices { store(try reader.take(index)) }
/// ```
public final class ReadAhead<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var workers: [BackgroundThread] = []
    private let count: Int
    private let ahead: Int
    private var results: [Int: Result<Value, any Error>] = [:]
    private var nextToStart = 0
    private var waitingFor = 0
    private var stopped = false
    private let weight: @Sendable (Int) -> Int
    private let budget: Int
    /// The weight of the items started and not yet taken.
    private var inFlight = 0

    public init(
        count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, ahead: Int = 16,
        weight: @escaping @Sendable (Int) -> Int = { _ in 0 }, budget: Int = .max,
        _ work: @escaping @Sendable (Int) throws -> Value
    ) {
        self.count = count
        self.ahead = max(1, ahead)
        self.weight = weight
        self.budget = budget
        self.workers = (0..<max(1, min(workers, count))).map { index in
            BackgroundThread.start(named: "plus-read-ahead-\(index)") { [self] in run(work) }
        }
    }

    private func run(_ work: (Int) throws -> Value) {
        condition.lock()
        while true {
            while !stopped && nextToStart < count && !mayStart(nextToStart) { condition.wait() }
            guard !stopped && nextToStart < count else { break }
            let index = nextToStart
            nextToStart += 1
            inFlight += max(0, weight(index))
            condition.unlock()
            let result = Result { try work(index) }
            condition.lock()
            results[index] = result
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Whether the item at `index` may start now: within `ahead` of the one awaited, and within
    /// the budget unless nothing else is in flight.
    private func mayStart(_ index: Int) -> Bool {
        index < waitingFor + ahead && (inFlight == 0 || inFlight + max(0, weight(index)) <= budget)
    }

    /// The item at `index`, waiting for it if needed; items are taken in order, each once.
    public func take(_ index: Int) throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        waitingFor = index
        condition.broadcast()
        while results[index] == nil { condition.wait() }
        let result = results.removeValue(forKey: index)!
        inFlight -= max(0, weight(index))
        waitingFor = index + 1
        condition.broadcast()
        return try result.get()
    }

    /// Stops the workers after the items they are computing and waits for them.
    public func finish() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        for worker in workers { worker.join() }
    }
}
