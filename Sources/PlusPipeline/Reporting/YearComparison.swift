import PlusModel
import PlusStore

/// What changed in an Ambito's plan from one year to the next: each service's total cost and
/// each ente's share, added, removed or changed; the first ``listedChanges`` of them listed, the
/// rest counted.
///
/// ```swift
/// if let changes = try YearComparison(store: store, ambito: "OR", year: 2019) {
///     print(changes.render(language: .it))   // "Rispetto al 2018: SAD costo totale 400.000,00 → 412.350,00 (+12.350,00)"
/// }
/// ```
public struct YearComparison: Hashable, Sendable, Codable {
    /// One amount that differs between the two years.
    public typealias Change = PlanChange

    /// How many changes are listed at most: a plan of many thousands of services that all changed
    /// lists the first ones and counts the others, as the findings do.
    public static let listedChanges = 500

    public var ambito: String
    public var previousYear: Int
    public var year: Int
    /// The first changes by service, the total cost first, then the shares by ente.
    public var changes: [Change]
    /// How many changes there are past those listed.
    public var changesNotListed: Int
    /// The amounts that cannot be compared, their entries adding up past what ``Money`` holds
    /// (`CMP001`), by service: listed within the same bound as the changes, the rest counted with them.
    public var overflows: [PlanSumOverflow] = []

    /// The comparison of the Ambito's plan with the year before's, as the store has them: `nil` when
    /// the year before has no plan (no service) to compare with. Neither year is read whole: the
    /// store hands the changes over in order (``PlanStore/forEachPlanChange(ambito:from:to:_:)``).
    public init?(store: any PlanStore, ambito: String, year: Int, listing limit: Int = Self.listedChanges) throws {
        guard try store.services(ambito: ambito, year: year - 1).serviceCount > 0 else { return nil }
        self.ambito = ambito
        previousYear = year - 1
        self.year = year
        changes = []
        changesNotListed = 0
        try store.forEachPlanChange(ambito: ambito, from: year - 1, to: year, overflowing: { overflow in
            if overflows.count < limit { overflows.append(overflow) } else { changesNotListed += 1 }
        }) { change in
            if changes.count < limit { changes.append(change) } else { changesNotListed += 1 }
        }
    }

    /// One line per change, in Italian or English, then one per amount that cannot be compared; one
    /// line saying nothing changed when so, and one counting the changes not listed.
    public func render(language: Language) -> String {
        let words = language == .it
            ? (header: "Rispetto al \(previousYear) (Ambito \(ambito), \(year))", none: "nessuna variazione del piano",
               cost: "costo totale", share: "quota di", added: "nuovo", removed: "non più presente")
            : (header: "Compared with \(previousYear) (Ambito \(ambito), \(year))", none: "no change in the plan",
               cost: "total cost", share: "share of", added: "new", removed: "no longer present")
        guard !changes.isEmpty || !overflows.isEmpty else { return "\(words.header): \(words.none)." }
        func amount(_ money: Money?) -> String { money.map { $0.formatted(.text(for: language)) } ?? "-" }
        var lines = changes.map { change in
            let what = change.ente.map { "\(words.share) \($0)" } ?? words.cost
            let note = change.previous == nil ? " (\(words.added))" : change.current == nil ? " (\(words.removed))" : ""
            let sign = change.difference.isNegative ? "" : "+"
            return "  \(change.service) \(what): \(amount(change.previous)) → \(amount(change.current)) (\(sign)\(amount(change.difference)))\(note)"
        }
        lines += overflows.map { "  " + $0.message[language] }
        if changesNotListed > 0 { lines.append("  " + Self.notListed(changesNotListed, listed: changes.count)[language]) }
        return "\(words.header):\n" + lines.joined(separator: "\n")
    }

    /// What a listing of the first `listed` changes says of the `count` others, in both languages.
    public static func notListed(_ count: Int, listed: Int) -> LocalizedText {
        // Grouped as the other counts of what a listing leaves out: 1.157.896, 1,157,896.
        let number = { (separator: Character) in Money.grouped(String(count), by: separator) }
        return LocalizedText(
            it: "Variazioni non elencate qui: \(number(".")) (sono elencate le prime \(listed)).",
            en: "Changes not listed here: \(number(",")) (the first \(listed) are listed).")
    }
}
