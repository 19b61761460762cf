import Foundation

/// Maps items on every core, each result in its item's place; the first error is rethrown.
///
/// Consolidating an Ambito-year reads the store, validates and writes its own folder: nothing
/// is shared, so the Ambiti of a region spread over the cores. Workers take the next item as
/// they finish one, so a large Ambito does not hold up a small one; after an error, the items
/// not yet started are skipped.
///
/// ```swift
/// let reports = try ParallelMap.map(references) { try consolidation.consolidate($0) }
/// ```
public enum ParallelMap {
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        _ transform: @Sendable (Item) throws -> Result
    ) throws -> [Result] {
        let state = State<Result>(count: items.count)
        let helpers = max(1, min(workers, items.count)) - 1
        try withoutActuallyEscaping(transform) { transform in
            // The workers' threads do not see the caller's task-locals: a test's fault hook goes with them.
            let work = FaultInjection.carryingHook {
                while let index = state.next() {
                    do {
                        state.store(try transform(items[index]), at: index)
                    } catch {
                        state.fail(error)
                    }
                }
            }
            // The caller works too, beside one background thread per other worker; `transform`
            // is let go of by each thread before its join returns.
            let threads = (0..<helpers).map { index in BackgroundThread.start(named: "plus-map-\(index + 1)", work) }
            work()
            for thread in threads { thread.join() }
        }
        return try state.results()
    }

    /// The shared cursor, results and first error, behind one lock.
    private final class State<Result>: @unchecked Sendable {
        private let lock = NSLock()
        private var cursor = 0
        private var slots: [Result?]
        private var error: (any Error)?

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func next() -> Int? {
            lock.withLock {
                guard error == nil, cursor < slots.count else { return nil }
                defer { cursor += 1 }
                return cursor
            }
        }

        func store(_ result: Result, at index: Int) { lock.withLock { slots[index] = result } }

        func fail(_ error: any Error) { lock.withLock { self.error = self.error ?? error } }

        func results() throws -> [Result] {
            try lock.withLock {
                if let error { throw error }
                return slots.map { $0! }
            }
        }
    }
}
