import Foundation
import Synchronization

/// What a submission streamed into the store by this process holds of services, counted as its
/// rows went in: what ``ServiceLocation`` would otherwise count by reading every row again.
///
/// A 250 MB plan table is 1.4 million rows of `records`. Finding where an Ambito-year's services
/// are read each of them back twice on one thread while the other core waited: once to count the
/// services of the year (their kind and year are in the table, not in the index by submission),
/// once to look for a service stating the plan (``ServiceLocation/planIdentity(ambito:in:)``),
/// which a plan table usually has none of. The streaming sink sees every row as it is prepared
/// and counts the same things (``StreamingSink/prepare(_:)``).
///
/// The counts stand for the submission's rows as committed: a submission's rows are written in
/// its one transaction and never changed after it, and the counts are kept only once that
/// transaction committed (``Known/keep(_:for:)``), so a rolled-back submission, whose id SQLite
/// may give again, leaves none. What may change later, the submission's status and Ambito, is
/// still read from `submissions` each time. `PLUS_STREAMED_SERVICES=off` counts by reading the
/// rows, as before.
///
/// ```swift
/// let location = try ServiceLocation(ambito: "OR", year: 2019, in: db, streamed: store.streamedServices.all)
/// ```
struct StreamedServices: Sendable, Equatable {
    /// The services of each year.
    var byYear: [Int: Int] = [:]
    /// The services that went in without a year, before the submission's was known: given it at
    /// the end (``givingYear(_:)``), or left without one.
    var awaitingYear = 0
    /// The submission's rows in `records`, `declarations` and `cost_shares` together.
    var rows = 0
    /// Whether one of its services, of any year, states a plan (a triennium) or keeps a JSON
    /// payload: the rows ``ServiceLocation/planIdentity(ambito:in:)`` decodes. Without one the
    /// submission states no plan.
    var mayStatePlan = false

    /// Counts one row of `records` as ``StreamingSink`` prepares it, with the year it goes in with.
    mutating func count(kind: String, year: Int?, statesPlan: Bool) {
        rows += 1
        guard kind == "service" else { return }
        if let year { byYear[year, default: 0] += 1 } else { awaitingYear += 1 }
        if statesPlan { mayStatePlan = true }
    }

    /// Counts one row of `declarations`.
    mutating func countDeclaration() {
        rows += 1
    }

    /// The counts once the rows without a year were given `year` (`nil`: they keep none).
    func givingYear(_ year: Int?) -> StreamedServices {
        guard let year, awaitingYear > 0 else { return self }
        var given = self
        given.byYear[year, default: 0] += awaitingYear
        given.awaitingYear = 0
        return given
    }

    /// Whether the counts are used (`PLUS_STREAMED_SERVICES=off`: the rows are read instead).
    static let isEnabled = ProcessInfo.processInfo.environment["PLUS_STREAMED_SERVICES"] != "off"

    /// The counts of the submissions this process streamed and committed, by submission id.
    final class Known: Sendable {
        private let counts = Mutex<[Int64: StreamedServices]>([:])

        /// Keeps `services` for `submission`: only once its transaction committed.
        func keep(_ services: StreamedServices, for submission: Int64) {
            guard StreamedServices.isEnabled else { return }
            counts.withLock { $0[submission] = services }
        }

        /// Every submission's counts kept so far.
        var all: [Int64: StreamedServices] {
            counts.withLock { $0 }
        }
    }
}
