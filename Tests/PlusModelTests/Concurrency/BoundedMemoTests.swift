import Foundation
import Testing
import PlusModel

/// Values remembered by key, at most a fixed number, for callers on any thread.
@Suite("A bounded memo")
struct BoundedMemoTests {
    @Test("a value is computed once while kept, and again once forgotten; never more than the capacity is kept")
    func keepsAtMostItsCapacity() {
        let memo = BoundedMemo<Int, String>(capacity: 8)
        var computed = 0
        for round in 0..<3 {
            for key in 0..<5 {
                #expect(memo.value(for: key) { computed += 1; return "v\($0)" } == "v\(key)")
            }
            // The five keys fit: the first round computes them, the others find them.
            #expect(computed == 5, "round \(round)")
        }
        for key in 5..<100 {
            _ = memo.value(for: key) { "v\($0)" }
            #expect(memo.count <= memo.capacity)
        }
        // Forgotten with the others once the memo filled: computed again, with the same value.
        #expect(memo.value(for: 0) { computed += 1; return "v\($0)" } == "v0")
        #expect(computed == 6)
    }

    @Test("an error thrown by the computation is the caller's, and nothing is kept")
    func errorsAreNotKept() {
        struct Failed: Error {}
        let memo = BoundedMemo<String, Int>(capacity: 4)
        #expect(throws: Failed.self) { try memo.value(for: "a") { _ throws(Failed) in throw Failed() } }
        #expect(memo.count == 0)
        #expect(memo.value(for: "a") { $0.count } == 1)
    }

    @Test("callers on many threads each get the key's value")
    func manyThreads() throws {
        let memo = BoundedMemo<Int, Int>(capacity: 16)
        let results = try ParallelMap.map(Array(0..<2_000), workers: 4) { index in
            let key = index % 40
            return memo.value(for: key) { $0 * $0 } == key * key
        }
        #expect(results.allSatisfy { $0 })
        #expect(memo.count <= 16)
    }
}
