import PlusModel
import PlusPipeline

/// What changed in an Ambito's plan since the year before, as the report shows it: the
/// ``YearComparison`` `plus status` prints, with services and enti named.
///
/// ```swift
/// let comparison = ReportComparison(try YearComparison(store: store, ambito: "OR", year: 2019)!, services: [:], enti: [:])
/// comparison.changes.first?.difference   // Money(cents: 1_235_000)
/// ```
public struct ReportComparison: Codable, Sendable, Equatable {
    /// One amount that differs between the two years; `nil` on one side when it is new or gone.
    public struct Change: Codable, Sendable, Equatable {
        public var service: String
        public var serviceName: String?
        /// The ente's code (`comune:095018`); `nil` for the service's total cost.
        public var ente: String?
        public var enteName: String?
        public var previous: Money?
        public var current: Money?
        /// `current − previous`, a missing side counting as zero.
        public var difference: Money
    }

    public var previousYear: Int
    /// By service, the total cost first, then the shares by ente (``YearComparison``'s order): the first
    /// ``YearComparison/listedChanges``.
    public var changes: [Change]
    /// How many changes there are past those listed; `nil` when every change is listed.
    public var changesNotListed: Int?
    /// The amounts that cannot be compared, their entries adding up past what ``Money`` holds
    /// (`CMP001`); `nil` when there is none.
    public var overflows: [PlanSumOverflow]?

    /// The comparison with each service and ente named from the names given (the code when not known).
    public init(_ comparison: YearComparison, services: [String: String], enti: [EnteRef: String]) {
        previousYear = comparison.previousYear
        changes = comparison.changes.map {
            Change(
                service: $0.service, serviceName: services[$0.service], ente: $0.ente?.description,
                enteName: $0.ente.map { enti[$0] ?? $0.description },
                previous: $0.previous, current: $0.current, difference: $0.difference)
        }
        changesNotListed = comparison.changesNotListed > 0 ? comparison.changesNotListed : nil
        overflows = comparison.overflows.isEmpty ? nil : comparison.overflows
    }
}
