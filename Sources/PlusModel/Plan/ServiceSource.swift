/// The services of one Ambito-year, handed over a batch at a time in the plan's order.
///
/// An array of services is one (the services in hand: `plus validate` on files, tests); the store
/// is another, reading an Ambito-year's services in batches, so that a plan of millions of
/// services is never held whole. Validation, the report and the exports read services only
/// through a source: one code path for both.
///
/// ```swift
/// var total = Money.zero
/// try source.forEachBatch(of: 5_000) { batch in total += batch.map(\.totalCost).sum() }
/// ```
public protocol ServiceSource {
    /// What reading a batch may fail with: `Never` for services in hand.
    associatedtype Failure: Error

    /// How many services the source hands over in all.
    var serviceCount: Int { get }

    /// Hands `body` consecutive runs of at most `size` services (at least one each) in the plan's
    /// order, every service once; nothing when there are none.
    func forEachBatch(of size: Int, _ body: ([PlannedService]) -> Void) throws(Failure)

    /// The first service of each code in `codes` that has one, in the plan's order: what names
    /// a code. A pass over every batch, unless the source finds them otherwise (the store, by a query).
    func firstServices(coded codes: Set<String>) throws(Failure) -> [PlannedService]
}

extension ServiceSource {
    /// Every service, in the plan's order: for a caller that needs the plan whole, after checking
    /// ``serviceCount`` against what it may hold.
    public func allServices() throws(Failure) -> [PlannedService] {
        var all: [PlannedService] = []
        all.reserveCapacity(serviceCount)
        try forEachBatch(of: Swift.max(serviceCount, 1)) { all += $0 }
        return all
    }
}

extension Array: ServiceSource where Element == PlannedService {
    public typealias Failure = Never

    public var serviceCount: Int { count }

    public func forEachBatch(of size: Int, _ body: ([PlannedService]) -> Void) {
        let size = Swift.max(size, 1)
        guard count > size else {
            if !isEmpty { body(self) }
            return
        }
        for start in stride(from: 0, to: count, by: size) { body(Array(self[start..<Swift.min(start + size, count)])) }
    }
}

extension ServiceSource {
    /// The first service of each code in `codes`, from a pass over every batch.
    public func firstServices(coded codes: Set<String>) throws(Failure) -> [PlannedService] {
        guard !codes.isEmpty else { return [] }
        var seen = Set<String>()
        var found: [PlannedService] = []
        try forEachBatch(of: 5_000) { batch in
            for service in batch where codes.contains(service.code) && seen.insert(service.code).inserted { found.append(service) }
        }
        return found
    }
}
