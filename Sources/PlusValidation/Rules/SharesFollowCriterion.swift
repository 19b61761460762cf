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

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let comuni = year.comuniByCode
        guard !comuni.isEmpty else { return [] }
        return year.services.flatMap { service -> [Finding] in
            guard let criterion = service.sharingCriterion else { return [] }
            let shares = Dictionary(grouping: year.shares(of: service.code, kind: .comune, in: context)) { $0.ente.code }
            let line = service.funding(.comuni)
            let weights: [Int64]
            switch criterion {
            case .perResident: weights = comuni.map { Int64($0.population) }
            case .equalParts: weights = comuni.map { _ in 1 }
            case .percentages:
                weights = comuni.map { shares[$0.istatCode]?.compactMap(\.basisPoints).reduce(0, +) ?? 0 }
                guard weights.reduce(0, +) == 10_000 else { return [] }
            case .fixedQuota: return []
            }
            guard let expected = line.split(weights: weights) else { return [] }
            return zip(comuni, expected).compactMap { comune, expectedShare in
                let stated = shares[comune.istatCode] ?? []
                return context.mismatch(
                    Self.problem, at: stated.first?.provenance ?? service.provenance,
                    about: .init(service: service.code, ente: comune.ente),
                    expected: expectedShare, found: stated.map(\.amount).sum(),
                    terms: [.funding(.comuni, of: service)] + stated.map(Term.share),
                    details: ["criterion": criterion.rawValue, "population": String(comune.population)])
            }
        }
    }
}
