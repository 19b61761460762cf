import Foundation

/// Runs the jobs given to it one after the other, in the order given, on a background thread.
///
/// The thread is a ``BackgroundThread`` started when a job arrives and ended once none is left,
/// so a worker that is idle holds no thread and needs no stopping. Used where work must leave the
/// calling thread but never run beside itself, such as the store's checkpoints.
///
/// ```swift
/// let worker = SerialWorker(named: "plus-example")
/// worker.async { print("first") }
/// let answer = try worker.sync { 42 }   // after "first"
/// ```
public final class SerialWorker: @unchecked Sendable {
    public let name: String
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var next = 0
    /// Whether a thread is draining the jobs (it sets this back under the lock as it ends).
    private var draining = false
    private var holds = 0

    public init(named name: String) {
        self.name = name
    }

    /// Queues `job` and returns at once.
    public func async(_ job: @escaping @Sendable () -> Void) {
        let start = condition.withLock {
            jobs.append(job)
            condition.broadcast()
            defer { draining = true }
            return !draining
        }
        if start { BackgroundThread.start(named: name) { [self] in drain() } }
    }

    /// Queues `job`, waits until it has run after every job queued before it, and returns its
    /// result or throws its error.
    public func sync<Result>(_ job: () throws -> Result) throws -> Result {
        try withoutActuallyEscaping(job) { job in
            let outcome = Outcome<Result>(job)
            async { outcome.run() }
            return try outcome.wait()
        }
    }

    /// Lets no further job start until ``release()``; a job already running runs to its end.
    /// For tests that stand between a request and the work it starts.
    public func hold() {
        condition.withLock { holds += 1 }
    }

    /// Undoes one ``hold()``.
    public func release() {
        condition.withLock {
            holds -= 1
            condition.broadcast()
        }
    }

    private func drain() {
        condition.lock()
        while true {
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: false)
                next = 0
                draining = false
                condition.unlock()
                return
            }
            if holds > 0 {
                condition.wait()
                continue
            }
            let job = jobs[next]
            // The queue lets go of each job as it starts; the job itself, as it ends.
            jobs[next] = {}
            next += 1
            condition.unlock()
            job()
            condition.lock()
        }
    }

    /// A job run on the worker and its result, waited for by the thread that queued it.
    private final class Outcome<Result>: @unchecked Sendable {
        private var job: (() throws -> Result)?
        private var result: Swift.Result<Result, any Error>?
        private let done = DispatchSemaphore(value: 0)

        init(_ job: @escaping () throws -> Result) { self.job = job }

        func run() {
            result = Swift.Result { try job!() }
            // Let go of the job before the caller wakes: `sync` lent it without letting it
            // escape, and the runtime checks that nothing holds it once `sync` returns.
            job = nil
            done.signal()
        }

        func wait() throws -> Result {
            done.wait()
            return try result!.get()
        }
    }
}
