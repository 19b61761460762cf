import Foundation
import Synchronization
import Testing
@testable import PlusModel

@Suite("The last computation kept for the next caller")
struct LastComputedTests {
    final class Counter: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// The same key computes once; another key computes and takes its place; the first key then
    /// computes again. Many threads asking for two keys in turn each get their own key's value.
    @Test func aKeptValueIsGivenOnlyForItsKey() {
        let last = LastComputed<Int, String>()
        let computed = Counter(), wrong = Counter()
        @Sendable func value(_ key: Int) -> String {
            last.value(if: { $0 == key }) {
                computed.add()
                return (key, "value \(key)")
            }
        }
        #expect([value(1), value(1), value(2), value(2), value(1)] == ["value 1", "value 1", "value 2", "value 2", "value 1"])
        #expect(computed.value == 3)

        DispatchQueue.concurrentPerform(iterations: 2_000) { index in
            let key = index % 3 == 0 ? 7 : 8
            if value(key) != "value \(key)" { wrong.add() }
        }
        #expect(wrong.value == 0)
    }
}
