import PlusModel

/// One funding line over the services of a plan, gathered batch by batch: its sum and the terms a
/// finding cites, one a service.
///
/// The rules that keep it (R107, R122, R124) do arithmetic, so they run only on a year whose
/// amounts are few enough to add up safely (``AmountsWithinRange/mostAmounts``): the terms stay few.
///
/// ```swift
/// var lines = FundLines()
/// lines.add(batch, fund: .fondoRegionale) { $0.funding[.fondoRegionale] != nil }
/// lines.total   // the fund's sum over the services added
/// ```
public struct FundLines: Sendable {
    public private(set) var total = Money.zero
    public private(set) var terms: [Term] = []

    public init() {}

    /// Adds the line of `fund` of each service of `services` that `counts`.
    mutating func add(_ services: [PlannedService], fund: FundingSource, where counts: (PlannedService) -> Bool) {
        for service in services where counts(service) {
            total += service.funding(fund)
            terms.append(.funding(fund, of: service))
        }
    }
}
