import Foundation
import Synchronization
import Testing
@testable import PlusModel

/// The names of temporary files: unique across threads and processes, recognised by the next run
/// as leftovers, and made without reading the system's random device each time.
@Suite struct LeftoversTests {
    @Test func temporaryNamesMadeOnManyThreadsAtOnceAreAllDifferentAndLeftovers() {
        let perThread = 5_000, threads = 8
        let names = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let made = (0..<perThread).map { _ in Leftovers.temporaryName() }
            names.withLock { $0 += made }
        }
        let all = names.withLock { $0 }
        #expect(Set(all).count == perThread * threads)
        #expect(all.allSatisfy(Leftovers.isLeftover))
    }

    /// A process's tags share its random part (16 hexadecimal digits, drawn once) and differ by their count.
    @Test func tagsAreTheProcessRandomPartAndACount() throws {
        let first = Leftovers.uniqueTag(), second = Leftovers.uniqueTag()
        let (a, b) = (first.split(separator: "-"), second.split(separator: "-"))
        try #require(a.count == 2 && b.count == 2, "\(first) \(second)")
        #expect(a[0] == b[0])
        #expect(a[0].count == 16 && a[0].allSatisfy(\.isHexDigit))
        #expect(a[1] != b[1] && UInt64(a[1], radix: 16) != nil)
    }

    /// Foundation's `UUID()` opened and read `/dev/urandom` for each name: the thread's read calls
    /// (`/proc/thread-self/io`) grew by a thousand for a thousand names.
    @Test func namesAreMadeWithoutReadingAFile() throws {
        func readCalls() throws -> Int {
            let text = try String(contentsOfFile: "/proc/thread-self/io", encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("syscr:") })
            return try #require(Int(line.dropFirst("syscr:".count).trimmingCharacters(in: .whitespaces)))
        }
        _ = Leftovers.temporaryName()
        let before = try readCalls()
        for _ in 0..<1_000 { _ = Leftovers.temporaryName() }
        let after = try readCalls()
        // Reading the counters is itself a few read calls.
        #expect(after - before < 20, "\(after - before) read calls for 1,000 names")
    }
}
