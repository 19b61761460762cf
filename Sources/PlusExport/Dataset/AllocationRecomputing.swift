import PlusModel

/// Recomputes an Ambito's part of the regional fund from the rules, to set beside the deliberated one.
///
/// The export does not know the fund's rules; the caller passes whatever computes them
/// (the allocation calculator of PlusValidation). Returning `nil` leaves the recomputed
/// columns empty.
///
/// ```swift
/// let recomputer = AllocationRecomputer { ambitoYear in validator.recomputedAllocation(for: ambitoYear) }
/// ```
public protocol AllocationRecomputing: Sendable {
    func recomputedAllocation(for ambitoYear: AmbitoYear) throws -> RegionalAllocation?
}

/// An ``AllocationRecomputing`` made from a closure.
public struct AllocationRecomputer: AllocationRecomputing {
    private let compute: @Sendable (AmbitoYear) throws -> RegionalAllocation?

    public init(_ compute: @escaping @Sendable (AmbitoYear) throws -> RegionalAllocation?) {
        self.compute = compute
    }

    public func recomputedAllocation(for ambitoYear: AmbitoYear) throws -> RegionalAllocation? {
        try compute(ambitoYear)
    }
}
