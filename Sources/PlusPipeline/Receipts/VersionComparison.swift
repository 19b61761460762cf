import PlusModel

/// What a new version of a sheet lost against the version it replaces: services (or enti, or
/// shares) no longer there, and a total that shrank by more than a share.
///
/// A version is stored whatever it lost (a Comune may drop a service on purpose); the job
/// reports the loss as `RUN010`, so that a sheet gutted by mistake does not go unseen.
///
/// ```swift
/// let loss = VersionComparison(previous: old, current: new, maxShrinkPercent: 50)
/// loss.notice(previousFile: "cabras.csv")   // RUN010: … SAD, UDP no longer declared …
/// ```
public struct VersionComparison: Sendable {
    /// Keys the previous version had and the new one has not (service codes, ente codes…).
    public var disappeared: [String]
    public var previousTotal: Money
    public var currentTotal: Money
    /// Whether the total shrank by more than the allowed share.
    public var shrank: Bool

    public init(previous: [CanonicalRecord], current: [CanonicalRecord], maxShrinkPercent: Int) {
        let before = Self.items(previous), after = Self.items(current)
        let kept = Set(after.map(\.key))
        var seen = Set<String>()
        disappeared = before.map(\.key).filter { !kept.contains($0) && seen.insert($0).inserted }
        previousTotal = Self.total(before)
        currentTotal = Self.total(after)
        // (previous − current) / previous > share, in integer cents; an overflow cannot happen
        // below 10¹⁶ cents a total, and beyond it the comparison is skipped rather than trapped.
        let lost = previousTotal.cents.subtractingReportingOverflow(currentTotal.cents)
        let scaledLoss = lost.partialValue.multipliedReportingOverflow(by: 100)
        let scaledAllowed = previousTotal.cents.multipliedReportingOverflow(by: Int64(max(0, maxShrinkPercent)))
        shrank = previousTotal.cents > 0 && !lost.overflow && !scaledLoss.overflow && !scaledAllowed.overflow
            && scaledLoss.partialValue > scaledAllowed.partialValue
    }

    public var isLoss: Bool { !disappeared.isEmpty || shrank }

    /// The `RUN010` warning, naming what disappeared and the totals.
    public func notice(previousFile: String) -> FileOutcome.Notice? {
        guard isLoss else { return nil }
        var italian: [String] = [], english: [String] = []
        if !disappeared.isEmpty {
            let names = disappeared.prefix(20).joined(separator: ", ") + (disappeared.count > 20 ? ", …" : "")
            italian.append("non contiene più \(disappeared.count) voci della versione precedente «\(previousFile)»: \(names)")
            english.append("no longer holds \(disappeared.count) items of the previous version “\(previousFile)”: \(names)")
        }
        if shrank {
            italian.append("il totale scende da \(previousTotal.formatted(.italian)) a \(currentTotal.formatted(.italian))")
            english.append("the total falls from \(previousTotal.formatted(.english)) to \(currentTotal.formatted(.english))")
        }
        return FileOutcome.Notice(code: "RUN010", message: LocalizedText(
            it: "questa versione " + italian.joined(separator: "; ") + ". È stata registrata e sostituisce la precedente: se è un errore, reinviare la scheda completa.",
            en: "this version " + english.joined(separator: "; ") + ". It was stored and replaces the previous one: if this is a mistake, send the complete sheet again."))
    }

    /// Each record as the thing it is about and its amount.
    private static func items(_ records: [CanonicalRecord]) -> [(key: String, amount: Money?)] {
        records.compactMap { record in
            switch record {
            case .declaration(let declaration): (declaration.service, declaration.amount)
            case .service(let service): (service.code, service.totalCost)
            case .costShare(let share): ("\(share.service) \(share.ente)", share.amount)
            case .comune(let comune, _): (comune.ente.description, nil)
            default: nil
            }
        }
    }

    /// The sum of the amounts; zero when it would overflow (no shrink is then reported).
    private static func total(_ items: [(key: String, amount: Money?)]) -> Money {
        var cents: Int64 = 0
        for case let amount? in items.map(\.amount) {
            let sum = cents.addingReportingOverflow(amount.cents)
            if sum.overflow { return .zero }
            cents = sum.partialValue
        }
        return Money(cents: cents)
    }
}
