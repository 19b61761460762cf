/// What a worker prepared for each row of a block, in row order, lent to the delivering thread.
///
/// A plain array would hand out copies: every record read would be copied once more, with
/// its strings' reference counts, on the one thread that delivers rows in order. Elements
/// here may be noncopyable, so they are only ever borrowed; they are destroyed by
/// ``removeAll()``, which the workers call when they reuse the storage for a later block.
final class PreparedRows<Element: ~Copyable>: @unchecked Sendable {
    private var elements: UnsafeMutablePointer<Element?>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 12) {
        self.capacity = max(1, capacity)
        elements = .allocate(capacity: self.capacity)
    }

    deinit {
        elements.deinitialize(count: count)
        elements.deallocate()
    }

    var heldBytes: Int { capacity * MemoryLayout<Element?>.stride }

    func append(_ element: consuming Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element?>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: elements, count: count)
            elements.deallocate()
            (elements, capacity) = (grown, capacity * 2)
        }
        (elements + count).initialize(to: .some(element))
        count += 1
    }

    /// Lends element `index` to `body`.
    func withElement<Result>(at index: Int, _ body: (borrowing Element?) throws -> Result) rethrows -> Result {
        precondition(index >= 0 && index < count, "prepared row out of range")
        return try body(elements[index])
    }

    func removeAll() {
        elements.deinitialize(count: count)
        count = 0
    }
}
