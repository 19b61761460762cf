import Foundation
import Synchronization
import Testing
@testable import PlusModel

@Suite("Work alongside the caller")
struct AlongsideTests {
    struct Failed: Error, Equatable { let at: Int }

    /// The work runs on a thread of its own while the caller waits for it to begin (so not in
    /// `init`, nor in `value()`); `value()` gives its result, the same again, and its error rethrown.
    @Test func theWorkRunsWhileTheCallerGoesOnAndGivesItsResultOrError() throws {
        let started = DispatchSemaphore(value: 0), goOn = DispatchSemaphore(value: 0)
        let work = Alongside(named: "plus-test") { () -> UInt in
            started.signal()
            // Run in `init`, on the caller's thread, it would wait here in vain, and say so.
            _ = goOn.wait(timeout: .now() + 5)
            return UInt(pthread_self())
        }
        // Were the work run by value(), this wait would fail.
        #expect(started.wait(timeout: .now() + 30) == .success)
        goOn.signal()
        let thread = try work.value()
        #expect(thread != UInt(pthread_self()))
        #expect(try work.value() == thread)

        let failing = Alongside(named: "plus-test-failing") { () throws -> Int in throw Failed(at: 3) }
        #expect(throws: Failed(at: 3)) { try failing.value() }
    }

    /// A test's fault hook is task-local: the work's thread is given it, as ``ParallelMap``'s are.
    @Test func theCallersFaultHookGoesWithTheWork() throws {
        let reached = Mutex<[String]>([])
        let work = try FaultInjection.$hook.withValue({ name in
            reached.withLock { $0.append(name) }
            if name == "stop" { throw Failed(at: 0) }
        }) {
            Alongside(named: "plus-test-hook") { () throws -> Int in
                try FaultInjection.point("begun")
                try FaultInjection.point("stop")
                return 1
            }
        }
        #expect(throws: Failed(at: 0)) { try work.value() }
        #expect(reached.withLock { $0 } == ["begun", "stop"])
    }
}
