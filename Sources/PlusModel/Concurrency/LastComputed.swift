import Synchronization

/// The last value a computation gave, and what it was computed from, kept for the next caller
/// on any thread: for work that many callers ask in turn of the same inputs (each Ambito-year of
/// a region asks for its deliberation's split and ranking).
///
/// What the value was computed from is compared by the caller, under the lock, as cheaply as it
/// can tell "the same inputs"; a different key replaces the kept value.
///
/// ```swift
/// static let lastSplit = LastComputed<[Int64], [Money]>()
/// let split = lastSplit.value(if: { $0 == weights }) { (weights, fund.split(weights: weights)!) }
/// ```
public final class LastComputed<Key: Sendable, Value: Sendable>: Sendable {
    private let kept = Mutex<(key: Key, value: Value)?>(nil)

    public init() {}

    /// The kept value when `matches` accepts its key, else what `compute` gives, kept in its place.
    public func value(if matches: (Key) -> Bool, else compute: () -> (key: Key, value: Value)) -> Value {
        if let value = kept.withLock({ kept in kept.flatMap { matches($0.key) ? $0.value : nil } }) { return value }
        let computed = compute()
        kept.withLock { $0 = computed }
        return computed.value
    }
}
