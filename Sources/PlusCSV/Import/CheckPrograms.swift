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
/// var cache: CheckPrograms.Cache? = plan.programs?.cache()   // one per reading thread's block
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
        /// The last cells a text rule passed on this thread (``Cache``s hold their own steps).
        var passed = PassedCells()

        init(column: Int, rule: Rule) {
            self.column = column
            self.rule = rule
        }
    }

    /// The last two cells a text check passed: a column that takes turns between two values
    /// (`sociale`, `socio-sanitario`) finds both here.
    struct PassedCells {
        private var last = ShortBytes()
        private var before = ShortBytes()

        /// Whether the cell's bytes are one of the two held.
        func holds(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
            last.holds(cell) || before.holds(cell)
        }

        /// Holds the cell as the last passed, the one held last as the one before.
        mutating func keep(_ cell: UnsafeBufferPointer<UInt8>) {
            before = last
            last = ShortBytes(cell)
        }
    }

    /// Up to sixteen bytes held inline, with no reference count: a cell a check has passed.
    struct ShortBytes {
        private var words: (UInt64, UInt64) = (0, 0)
        private var count = -1

        init() {}

        /// The cell's bytes, or nothing when it is longer than sixteen.
        init(_ cell: UnsafeBufferPointer<UInt8>) {
            guard let packed = Self.packed(cell) else { return }
            (words, count) = (packed, cell.count)
        }

        /// Whether the cell's bytes are the ones held.
        func holds(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
            guard cell.count == count, let packed = Self.packed(cell) else { return false }
            return packed == words
        }

        private static func packed(_ cell: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
            guard cell.count <= 16, let base = cell.baseAddress else { return nil }
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: base, byteCount: cell.count) }
            return words
        }
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
        /// Every program's steps, one after another: a row borrows its program's, with no
        /// reference count, where a dictionary of arrays would hand out a copy.
        private var steps: [Step] = []
        private var programs: [UInt64: Range<Int>] = [:]
        /// The program the row before used: consecutive rows mostly fill the same cells.
        private var last: (presence: UInt64, range: Range<Int>?) = (0, nil)

        init(shared: CheckPrograms) {
            self.shared = shared
        }

        /// What `body` says of the program for rows with these cells filled; `nil` when none was learnt.
        mutating func withProgram<Result>(for presence: UInt64, _ body: (UnsafeMutableBufferPointer<Step>) -> Result) -> Result? {
            let range: Range<Int>
            if presence == last.presence, let known = last.range {
                range = known
            } else if let known = programs[presence] {
                range = known
            } else {
                guard let learnt = shared.steps(for: presence) else { return nil }
                range = keep(learnt, for: presence)
            }
            last = (presence, range)
            return steps.withUnsafeMutableBufferPointer { body(UnsafeMutableBufferPointer(rebasing: $0[range])) }
        }

        /// Keeps the checks of a row that read cleanly, for rows with the same cells filled.
        mutating func learn(_ learnt: [Step], for presence: UInt64) {
            keep(learnt, for: presence)
            shared.learn(learnt, for: presence)
        }

        @discardableResult
        private mutating func keep(_ learnt: [Step], for presence: UInt64) -> Range<Int> {
            let range = steps.count..<(steps.count + learnt.count)
            programs[presence] = range
            steps += learnt
            return range
        }
    }
}
