import PlusModel

extension Problem {
    public static let declarationMatchesShare = Problem(
        code: "R104", severity: .error,
        title: .init(it: "Dichiarato diverso dalla quota del piano", en: "Declared amount differs from the plan's share"),
        template: .init(
            it: "Servizio {service}: {ente} ha dichiarato {found}, la sua quota nel piano è {expected} (differenza {difference}).",
            en: "Service {service}: {ente} declared {found}, its share in the plan is {expected} (difference {difference})."))
}

/// What each ente declared in its own sheet equals its share in the plan, per service.
///
/// An ente that declared nothing for a service where it has a share is compared only
/// once it has submitted something this year: a missing sheet is ``MissingSubmission``'s concern.
public struct DeclarationsMatchShares: ValidationRule {
    public static let problem = Problem.declarationMatchesShare
    public static let description = LocalizedText(
        it: "Quanto ogni Comune, l'ASL e la Provincia dichiarano nella propria scheda per un servizio è uguale alla loro quota nel riparto del piano.",
        en: "What each Comune, the ASL and the Provincia declare in their own sheet for a service equals their share in the plan's cost split.")

    public init() {}

    private struct Key: Hashable, Comparable {
        var service: String
        var ente: EnteRef
        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.service, lhs.ente) < (rhs.service, rhs.ente) }
    }

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let declarations = Dictionary(grouping: year.declarations.filter { $0.year == year.year }) {
            Key(service: $0.service, ente: $0.ente)
        }
        let shares = Dictionary(grouping: year.costShares) { Key(service: $0.service, ente: $0.ente) }
        let submitted = year.submittingEnti
        let keys = Set(declarations.keys).union(shares.keys.filter { submitted.contains($0.ente) })
        return keys.sorted().compactMap { key in
            let declared = declarations[key] ?? []
            let planned = shares[key] ?? []
            return context.mismatch(
                Self.problem, at: declared.first?.provenance ?? planned.first?.provenance,
                about: .init(service: key.service, ente: key.ente),
                expected: planned.map(\.amount).sum(), found: declared.map(\.amount).sum(),
                terms: planned.map(Term.share) + declared.map(Term.declaration))
        }
    }
}
