import Foundation
import Synchronization
import Testing
@testable import PlusModel

/// `plus`'s threads carry their names where the system shows them (`top -H`, `perf`, a debugger),
/// so that a profile of a run tells the storing thread from the readers and the filing.
@Suite("Background threads")
struct BackgroundThreadTests {
    @Test func aThreadIsNamedWhereTheSystemShowsIt() throws {
        let seen = Mutex<String?>(nil)
        BackgroundThread.start(named: "plus-read-ahead-1") {
            // The name as `ps`, `top` and `perf` read it: the thread's own `comm` file.
            let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
            seen.withLock { $0 = comm?.trimmingCharacters(in: .newlines) }
        }.join()
        #expect(seen.withLock { $0 } == "read-ahead-1")
    }

    @Test(arguments: [
        ("plus-filing", "filing"), ("plus-read-ahead-12", "read-ahead-12"), ("plus-a-name-longer-than-fifteen", "a-name-longer-t"),
        ("other", "other"), ("plus-èèèèèèèèè", "èèèèèèè"),
    ])
    func systemNamesKeepWithinLinuxsFifteenBytes(name: String, expected: String) {
        let system = BackgroundThread.systemName(of: name)
        #expect(system == expected)
        #expect(system.utf8.count <= 15)
    }
}
