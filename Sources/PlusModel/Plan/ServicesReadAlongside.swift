/// Something that reads an Ambito-year's services batch by batch while another reader (the
/// validation) reads them: one pass over a plan of millions of services serves both.
///
/// ```swift
/// final class Counter: ServiceBatchReader {
///     var count = 0
///     func read(_ batch: [PlannedService]) { count += batch.count }
/// }
/// ```
public protocol ServiceBatchReader: AnyObject {
    /// The next batch, in the plan's order.
    func read(_ batch: [PlannedService])
}

/// A source whose first pass over the services is read by `alongside` as well: whoever reads
/// the source first (the validation) and `alongside` (the report's summary) share one pass.
///
/// Every call of ``forEachBatch(of:_:)`` is a whole pass, so after the first one `alongside` has
/// read every service once; later passes are not shown to it. A reader that needs them all
/// checks the count it read against ``serviceCount``: no pass may have run at all.
///
/// ```swift
/// let summary = Counter()
/// let report = try validator.validate(year, services: ServicesReadAlongside(services, by: summary))
/// summary.count == services.serviceCount   // read during the validation, if it read the services
/// ```
public struct ServicesReadAlongside<Base: ServiceSource>: ServiceSource {
    public typealias Failure = Base.Failure

    public let base: Base
    /// Fed the first pass's batches, then let go.
    private let pending: Pending

    /// `base` read by `reader` too; by nobody else when `reader` is `nil`.
    public init(_ base: Base, by reader: (any ServiceBatchReader)?) {
        self.base = base
        pending = Pending(reader)
    }

    public var serviceCount: Int { base.serviceCount }

    public func forEachBatch(of size: Int, _ body: ([PlannedService]) -> Void) throws(Failure) {
        guard let reader = pending.take() else { return try base.forEachBatch(of: size, body) }
        try base.forEachBatch(of: size) { batch in
            body(batch)
            reader.read(batch)
        }
    }

    public func firstServices(coded codes: Set<String>) throws(Failure) -> [PlannedService] {
        try base.firstServices(coded: codes)
    }

    /// The reader until the first pass takes it.
    private final class Pending {
        private var reader: (any ServiceBatchReader)?
        init(_ reader: (any ServiceBatchReader)?) { self.reader = reader }
        func take() -> (any ServiceBatchReader)? {
            defer { reader = nil }
            return reader
        }
    }
}
