import Synchronization

/// Work started on a thread of its own while the caller does something else; ``value()`` waits
/// for it and gives its result, or throws its error.
///
/// For two jobs that share nothing, where the second need not wait for the first: `plus run`
/// files the run's files away (receipts, a flush, the moves) while it consolidates, work that is
/// mostly the kernel's and the disk's, and that kept both cores waiting before.
/// A test's fault hook (``FaultInjection``) goes with the work to its thread.
///
/// ```swift
/// let filed = Alongside(named: "plus-filing") { try fileAway(files) }
/// let reports = try consolidate()     // meanwhile
/// let unmoved = try filed.value()      // waits, and rethrows filing's error
/// ```
public final class Alongside<Value: Sendable>: Sendable {
    private let thread: BackgroundThread
    private let outcome: Outcome

    /// Where the thread leaves what the work gave.
    private final class Outcome: Sendable {
        let result = Mutex<Result<Value, any Error>?>(nil)
    }

    /// Starts `work` on a new thread named `name`.
    public init(named name: String, _ work: @escaping @Sendable () throws -> Value) {
        let outcome = Outcome()
        self.outcome = outcome
        thread = BackgroundThread.start(named: name, FaultInjection.carryingHook {
            let result = Result(catching: work)
            outcome.result.withLock { $0 = result }
        })
    }

    /// Waits for the work to end, then gives its result or throws its error; again, the same.
    public func value() throws -> Value {
        thread.join()
        return try outcome.result.withLock { $0! }.get()
    }
}
