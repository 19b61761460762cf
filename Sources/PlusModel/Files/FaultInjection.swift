/// The points where a job's work becomes durable, for tests that fail there on purpose.
///
/// A run can be killed between any two commits: after a store transaction, after a file left
/// the inbox, after an output was renamed into place. Each of those places calls
/// ``point(_:)``; a test sets ``hook`` for the duration of one run and throws at the N-th
/// point to prove that running again ends where an uninterrupted run would. Without a hook
/// (always, outside tests) a point costs one task-local read.
///
/// ```swift
/// try FaultInjection.$hook.withValue({ name in if name == "store.record" { throw Stop() } }) {
///     _ = try job.run()
/// }
/// ```
public enum FaultInjection {
    /// Called with the name of every point reached; `nil` outside tests.
    @TaskLocal public static var hook: (@Sendable (String) throws -> Void)?

    /// Marks a commit point: throws whatever the test's hook throws there.
    @inlinable
    public static func point(_ name: @autoclosure () -> String) throws {
        if let hook { try hook(name()) }
    }

    /// `work` as another thread is to run it: with the caller's hook, which, being task-local,
    /// stays on the caller's thread. Without a hook `work` itself: binding a task-local on a
    /// thread outside any task crashed the release build (`swift_task_localValuePush`), so
    /// production never does.
    public static func carryingHook(_ work: @escaping @Sendable () -> Void) -> @Sendable () -> Void {
        guard let hook else { return work }
        return { $hook.withValue(hook, operation: work) }
    }
}

/// An error a test throws at a commit point to stand for a kill: code that carries on after an
/// error it can live with (a receipt that cannot be written) rethrows this one, since a killed
/// process carries on with nothing.
public protocol InjectedFault: Error {}
