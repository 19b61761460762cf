import PlusModel

/// What changed in an Ambito's plan from one year to the next: each service's total cost and
/// each ente's share, added, removed or changed.
///
/// ```swift
/// let changes = YearComparison(previous: plan2018, current: plan2019)
/// print(changes.render(language: .it))   // "Rispetto al 2018: SAD costo totale 400.000,00 → 412.350,00 (+12.350,00)"
/// ```
public struct YearComparison: Hashable, Sendable, Codable {
    /// One amount that differs between the two years; `nil` on one side when it is new or gone.
    public struct Change: Hashable, Sendable, Codable {
        public var service: String
        /// The ente whose share changed; `nil` for the service's total cost.
        public var ente: EnteRef?
        public var previous: Money?
        public var current: Money?

        /// `current − previous`, a missing side counting as zero.
        public var difference: Money { (current ?? .zero) - (previous ?? .zero) }
    }

    public var ambito: String
    public var previousYear: Int
    public var year: Int
    /// By service, the total cost first, then the shares by ente.
    public var changes: [Change]

    public init(previous: AmbitoYear, current: AmbitoYear) {
        ambito = current.ambito.code
        previousYear = previous.year
        year = current.year
        struct Key: Hashable, Comparable {
            var service: String
            var ente: EnteRef?
            static func < (lhs: Key, rhs: Key) -> Bool {
                (lhs.service, lhs.ente?.description ?? "") < (rhs.service, rhs.ente?.description ?? "")
            }
        }
        func amounts(_ year: AmbitoYear) -> [Key: Money] {
            var amounts: [Key: Money] = [:]
            for service in year.services { amounts[Key(service: service.code), default: .zero] += service.totalCost }
            for share in year.costShares { amounts[Key(service: share.service, ente: share.ente), default: .zero] += share.amount }
            return amounts
        }
        let before = amounts(previous)
        let after = amounts(current)
        changes = Set(before.keys).union(after.keys).sorted().compactMap { key in
            guard before[key] != after[key] else { return nil }
            return Change(service: key.service, ente: key.ente, previous: before[key], current: after[key])
        }
    }

    /// One line per change, in Italian or English; one line saying nothing changed when so.
    public func render(language: Language) -> String {
        let words = language == .it
            ? (header: "Rispetto al \(previousYear) (Ambito \(ambito), \(year))", none: "nessuna variazione del piano",
               cost: "costo totale", share: "quota di", added: "nuovo", removed: "non più presente")
            : (header: "Compared with \(previousYear) (Ambito \(ambito), \(year))", none: "no change in the plan",
               cost: "total cost", share: "share of", added: "new", removed: "no longer present")
        guard !changes.isEmpty else { return "\(words.header): \(words.none)." }
        func amount(_ money: Money?) -> String { money.map { $0.formatted(.text(for: language)) } ?? "-" }
        let lines = changes.map { change in
            let what = change.ente.map { "\(words.share) \($0)" } ?? words.cost
            let note = change.previous == nil ? " (\(words.added))" : change.current == nil ? " (\(words.removed))" : ""
            let sign = change.difference.isNegative ? "" : "+"
            return "  \(change.service) \(what): \(amount(change.previous)) → \(amount(change.current)) (\(sign)\(amount(change.difference)))\(note)"
        }
        return "\(words.header):\n" + lines.joined(separator: "\n")
    }
}
