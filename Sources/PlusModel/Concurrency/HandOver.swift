import Foundation

/// A bounded queue handing elements from one thread to another, in order: `put` waits for room,
/// `take` waits for an element, and either side can end it with a failure that the other is
/// told at its next `put` or `take`.
///
/// At most ``capacity`` elements wait, so memory stays bounded however far the producer is ahead.
/// ``run(capacity:threadName:produce:consume:)`` runs a producer on a thread of its own and the
/// consumer on the caller's; the store's read-ahead of a plan's services, its row reader and
/// ``Disposal`` all hand their batches over through it.
///
/// ```swift
/// try HandOver<[Int]>.run(capacity: 2, threadName: "reader") { handOver in
///     for batch in batches { try handOver.put(batch) }
/// } consume: { handOver in
///     while let batch = try handOver.take() { use(batch) }   // while the next batch is read
/// }
/// ```
public final class HandOver<Element>: @unchecked Sendable {
    /// Elements put and not yet taken, at most.
    public let capacity: Int

    /// How the queue ended: the producer has put everything, or one side failed.
    private enum End {
        case closed
        case failed(any Error)
    }

    /// Thrown by `put` on a queue the producer has closed itself.
    public struct Closed: Error {}

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var waiting: [Element] = []
    private var end: End?
    private var putsWaiting = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "the queue holds an element")
        self.capacity = capacity
    }

    /// Puts an element after those waiting, first waiting for room; throws the failure that ended
    /// the queue, if one did.
    public func put(_ element: Element) throws {
        try condition.withLock {
            while waiting.count >= capacity && end == nil {
                putsWaiting += 1
                condition.wait()
                putsWaiting -= 1
            }
            switch end {
            case .failed(let error): throw error
            case .closed: throw Closed()
            case nil: break
            }
            waiting.append(element)
            condition.broadcast()
        }
    }

    /// The next element, waiting for one; `nil` once the queue is closed and every element taken.
    /// Throws the failure that ended the queue: the elements still waiting are not taken.
    public func take() throws -> Element? {
        try condition.withLock {
            while waiting.isEmpty && end == nil { condition.wait() }
            if case .failed(let error) = end { throw error }
            guard !waiting.isEmpty else { return nil }
            condition.broadcast()
            return waiting.removeFirst()
        }
    }

    /// Whether a `put` is waiting for room now: the producer is as far ahead as the queue lets it be.
    public var isProducerWaiting: Bool {
        condition.withLock { putsWaiting > 0 }
    }

    /// Tells the consumer that nothing more comes once the elements waiting are taken.
    public func close() {
        condition.withLock {
            guard end == nil else { return }
            end = .closed
            condition.broadcast()
        }
    }

    /// Ends the queue with `error`, from either side: the other side's next (or waiting) `put` or
    /// `take` throws it, and the elements waiting are dropped.
    public func fail(_ error: any Error) {
        condition.withLock {
            if case .failed = end { return }
            end = .failed(error)
            waiting = []
            condition.broadcast()
        }
    }

    /// Runs `produce` on a thread of its own, putting elements that `consume` takes on this one,
    /// and returns what `produce` returns once both are done. The producer's end closes the queue
    /// (or fails it, with its error); the consumer's failure fails it. The first failure is
    /// rethrown, the consumer's before the producer's. `consume` takes until `take` returns `nil`
    /// or throws.
    public static func run<Produced>(
        capacity: Int, threadName: String, produce: (HandOver) throws -> Produced, consume: (HandOver) throws -> Void
    ) throws -> Produced {
        let handOver = HandOver(capacity: capacity)
        return try withoutActuallyEscaping(produce) { produce in
            let producer = Producer(produce)
            BackgroundThread.start(named: threadName) { producer.run(handOver) }
            let consumed = Result { try consume(handOver) }
            if case .failure(let error) = consumed { handOver.fail(error) }
            // `produce` must not outlive this call: the thread is waited for whatever happened.
            let produced = producer.waitForEnd()
            try consumed.get()
            return try produced.get()
        }
    }

    /// The producer's closure, run on its thread and dropped once it has run, and its result.
    private final class Producer<Produced>: @unchecked Sendable {
        private var produce: ((HandOver) throws -> Produced)?
        private var result: Result<Produced, any Error>?
        private let ended = DispatchSemaphore(value: 0)

        init(_ produce: @escaping (HandOver) throws -> Produced) {
            self.produce = produce
        }

        func run(_ handOver: HandOver) {
            let produced = Result { try produce!(handOver) }
            switch produced {
            case .success: handOver.close()
            case .failure(let error): handOver.fail(error)
            }
            // Released before the caller is told, so nothing holds the closure once `run` returns.
            produce = nil
            result = produced
            ended.signal()
        }

        /// Waits for ``run(_:)``'s end and returns what the producer returned.
        func waitForEnd() -> Result<Produced, any Error> {
            ended.wait()
            return result!
        }
    }
}
