import Foundation

/// Per-row work that may run on a reading thread, before the row's turn comes.
///
/// A parallel ``CSVByteReader`` parses blocks of the file on several threads; whatever
/// ``prepare`` returns for a row reaches the row's callback with it, in file order. The
/// callback can install the preparer once it knows how (after the header, say): rows read
/// before that, or read sequentially, arrive with `nil` and are handled by the callback itself.
///
/// ```swift
/// let preparation = RowPreparation<Int>()
/// try reader.read(from: &source, preparation: preparation) { row, fieldCount in
///     if row.line == 1 { preparation.install { { row in row.count } } }
/// }
/// ```
public final class RowPreparation<Prepared: ~Copyable & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    public typealias Preparer = (borrowing CSVRow) -> Prepared
    private var makePreparer: (@Sendable () -> Preparer)?

    public init() {}

    /// Sets the work done for every row read from now on.
    ///
    /// `makePreparer` is called once per block, on the worker's thread: what its preparer
    /// captures is that block's alone, so threads never share a reference count.
    public func install(_ makePreparer: @escaping @Sendable () -> Preparer) {
        lock.withLock { self.makePreparer = makePreparer }
    }

    var current: (@Sendable () -> Preparer)? {
        lock.withLock { makePreparer }
    }
}
