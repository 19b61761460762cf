import Synchronization

/// Values remembered by their key for callers on any thread, at most a fixed number of them.
///
/// For work that many callers repeat on a few inputs (every sheet of an inbox has one of a
/// handful of headers), where the inputs come from files and may also be all different: once
/// `capacity` keys are kept, they are forgotten together and remembering starts again, so
/// memory stays bounded whatever a file holds.
///
/// ```swift
/// static let keys = BoundedMemo<String, String>(capacity: 1024)
/// let key = keys.value(for: header) { fold($0) }
/// ```
public final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// How many keys are kept at most.
    public let capacity: Int
    private let kept: Mutex<[Key: Value]>

    public init(capacity: Int) {
        precondition(capacity > 0, "a memo keeps at least one value")
        self.capacity = capacity
        kept = Mutex([:])
    }

    /// The value remembered for `key`, else what `compute` gives, remembered for the next caller.
    ///
    /// `compute` runs outside the lock: two callers may compute one key at once, and one of the
    /// equal values is kept.
    public func value<Failure: Error>(for key: Key, computing compute: (Key) throws(Failure) -> Value) throws(Failure) -> Value {
        if let known = kept.withLock({ $0[key] }) { return known }
        let value = try compute(key)
        kept.withLock { kept in
            if kept.count >= capacity { kept.removeAll(keepingCapacity: true) }
            kept[key] = value
        }
        return value
    }

    /// How many keys are kept now.
    public var count: Int { kept.withLock { $0.count } }
}
