import PlusModel

extension Problem {
    public static let shareFollowsCriterion = Problem(
        code: "R105", severity: .error,
        title: .init(it: "Quota non conforme al criterio di riparto", en: "Share does not follow the sharing criterion"),
        template: .init(
            it: "Servizio {service}: con il criterio «{criterion}» la quota di {ente} è {expected}, nel riparto è {found} (differenza {difference}).",
            en: "Service {service}: under the \"{criterion}\" criterion the share of {ente} is {expected}, the cost split states {found} (difference {difference})."))
}

/// Where the plan states a sharing criterion, each Comune's share of the "Comuni" line follows it.
///
/// The line is split among all member Comuni, in ISTAT-code order, by largest remainder:
/// - `residenti`: in proportion to each Comune's population;
/// - `parti_uguali`: in equal parts;
/// - `percentuali`: in proportion to each Comune's stated percentage (only when the
///   percentages add up to 100 %, which ``PercentagesAddUp`` checks);
/// - `quota_fissa`: each Comune's quota is stated, not derived: nothing to recompute.
public struct SharesFollowCriterion: ServiceByServiceRule {
    public static let problem = Problem.shareFollowsCriterion
    public static let description = LocalizedText(
        it: "Dove il piano indica un criterio di riparto (per residenti, parti uguali, percentuali), la quota di ogni Comune è quella che il criterio dà, con i centesimi ripartiti per resti maggiori.",
        en: "Where the plan states a sharing criterion (per resident, equal parts, percentages), each Comune's share is what the criterion gives, cents split by largest remainder.")

    public init() {}

    /// What one Comune's shares of a service add up to, and where the first of them is.
    private struct Stated {
        let first: Int
        var amount = Money.zero
        var basisPoints: Int64 = 0

        init(first: Int) { self.first = first }

        mutating func add(_ amount: Money, _ basisPoints: Int64?) {
            self.amount += amount
            self.basisPoints += basisPoints ?? 0
        }
    }

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let comuni = year.comuniByCode
        guard !comuni.isEmpty else { return [] }
        return year.services.flatMap { service -> [Finding] in
            guard let criterion = service.sharingCriterion else { return [] }
            // Each Comune's shares added up in place, in one pass: grouping them copied each share
            // into an array per Comune, then each group's amounts into another to be added.
            let shares = year.shares(of: service.code, kind: .comune, in: context)
            var stated: [String: Stated] = [:]
            for index in shares.indices {
                stated[shares[index].ente.code, default: Stated(first: index)].add(shares[index].amount, shares[index].basisPoints)
            }
            let line = service.funding(.comuni)
            let weights: [Int64]
            switch criterion {
            case .perResident: weights = comuni.map { Int64($0.population) }
            case .equalParts: weights = comuni.map { _ in 1 }
            case .percentages:
                weights = comuni.map { stated[$0.istatCode]?.basisPoints ?? 0 }
                guard weights.reduce(0, +) == 10_000 else { return [] }
            case .fixedQuota: return []
            }
            guard let expected = line.split(weights: weights) else { return [] }
            return zip(comuni, expected).compactMap { comune, expectedShare in
                let own = stated[comune.istatCode]
                return context.mismatch(
                    Self.problem, at: own.flatMap { shares[$0.first].provenance } ?? service.provenance,
                    about: .init(service: service.code, ente: comune.ente),
                    expected: expectedShare, found: own?.amount ?? .zero,
                    // The Comune's shares in the order they came: gathered only for a finding.
                    terms: [.funding(.comuni, of: service)]
                        + shares.filter { $0.ente.code == comune.istatCode }.map(Term.share),
                    details: ["criterion": criterion.rawValue, "population": String(comune.population)])
            }
        }
    }
}
