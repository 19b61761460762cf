import Foundation
import PlusModel

/// The deliberations already read back from the store, by submission and year.
///
/// Every Ambito-year of a region shares the year's deliberation, and decoding its hundreds of
/// allocations once per Ambito would make a region-wide run quadratic. A stored submission's
/// records never change (a newer one supersedes it, under another id), so an entry never goes stale.
final class DeliberationCache: @unchecked Sendable {
    private struct Key: Hashable {
        var submission: Int64
        var year: Int
    }

    private let lock = NSLock()
    private var entries: [Key: Deliberation?] = [:]

    /// The cached deliberation, or the one `read` returns, kept for next time.
    func deliberation(submission: Int64, year: Int, read: () throws -> Deliberation?) rethrows -> Deliberation? {
        let key = Key(submission: submission, year: year)
        if let cached = lock.withLock({ entries[key] }) { return cached }
        let deliberation = try read()
        lock.withLock { entries[key] = deliberation }
        return deliberation
    }
}
