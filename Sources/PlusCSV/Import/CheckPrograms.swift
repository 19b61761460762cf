import Foundation

/// The cell checks a row gets when it is only checked, learnt from a row the byte plan read
/// cleanly and replayed on later rows whose filled cells are the same.
///
/// ``RecordBuilder`` decides which fields it reads only from whether earlier reads gave a value
/// (its checks of values are all ``CellReading`` methods), and a clean read of a filled cell
/// always gives one. So every row that reads cleanly and has the same cells filled (the same
/// ``BytePlan/Cells/presence()``) is asked the same questions, each of one cell: the program is
/// that list, noted while the first such row was read. A later row passes it with the same
/// checks, on its bytes, with no record built, no field looked up by name and no text made for
/// cells that are only stored. A row that fails a check goes to the builder, which decides as
/// before: a program only ever says "clean".
///
/// ```swift
/// var cache: CheckPrograms.Cache? = plan.programs?.cache()
/// let subject = plan.subject(row, decoder: decoder, cache: &cache)   // nil: the general path
/// ```
final class CheckPrograms: @unchecked Sendable {
    /// How a cell is checked on its UTF-8 bytes: the rule of ``BytePlan/Cells``' reading of that kind.
    enum ByteRule {
        case money, year, istat
        case integer(ClosedRange<Int>)
    }

    /// How one cell is checked.
    enum Rule {
        case bytes(ByteRule)
        /// A check of the cell's decoded text (an ente, a date, a closed set of values, a parse).
        case text((String) -> Bool)
    }

    /// One check of a program: the cell's column and its rule.
    struct Step {
        let column: Int
        let rule: Rule
    }

    /// At most this many programs are kept: a file whose rows fill their cells in more ways
    /// than this reads the others through the builder, as without programs.
    static let capacity = 4096

    // Learnt on any reading thread, read by all: guarded by the lock.
    private let lock = NSLock()
    private var learnt: [UInt64: [Step]] = [:]

    /// A cache for one reading thread's block of rows, in front of the programs every thread learns.
    func cache() -> Cache { Cache(shared: self) }

    fileprivate func steps(for presence: UInt64) -> [Step]? {
        lock.withLock { learnt[presence] }
    }

    fileprivate func learn(_ steps: [Step], for presence: UInt64) {
        lock.withLock {
            if learnt.count < Self.capacity { learnt[presence] = steps }
        }
    }

    /// The programs one thread has found, so that a row takes no lock.
    struct Cache {
        let shared: CheckPrograms
        private var local: [UInt64: [Step]] = [:]

        init(shared: CheckPrograms) {
            self.shared = shared
        }

        /// The program for rows with these cells filled, if one was learnt.
        mutating func steps(for presence: UInt64) -> [Step]? {
            if let steps = local[presence] { return steps }
            guard let steps = shared.steps(for: presence) else { return nil }
            local[presence] = steps
            return steps
        }

        /// Keeps the checks of a row that read cleanly, for rows with the same cells filled.
        mutating func learn(_ steps: [Step], for presence: UInt64) {
            local[presence] = steps
            shared.learn(steps, for: presence)
        }
    }
}
