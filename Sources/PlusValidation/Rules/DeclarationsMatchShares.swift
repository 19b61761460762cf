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

    /// What one service and ente add up to on each side, and where each side's rows are: the
    /// first index, then each row's next in `nextDeclaration` / `nextShare` (no array per key).
    private struct Tally {
        var declared = Money.zero, planned = Money.zero
        var firstDeclaration: Int?, firstShare: Int?
        var lastDeclaration = 0, lastShare = 0

        mutating func addDeclaration(_ amount: Money, at index: Int, next: inout [Int]) {
            declared += amount
            if firstDeclaration == nil { firstDeclaration = index } else { next[lastDeclaration] = index }
            lastDeclaration = index
        }

        mutating func addShare(_ amount: Money, at index: Int, next: inout [Int]) {
            planned += amount
            if firstShare == nil { firstShare = index } else { next[lastShare] = index }
            lastShare = index
        }
    }

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        // One pass over each side: every Ambito-year of a region has thousands of rows and few
        // findings, so the rows of a key are gathered only for a finding's terms.
        let declarations = year.declarations, shares = year.costShares
        var tallies: [Key: Tally] = [:]
        tallies.reserveCapacity(shares.count)
        var nextDeclaration = [Int](repeating: -1, count: declarations.count)
        var nextShare = [Int](repeating: -1, count: shares.count)
        // By index, each field read in place: a loop over the rows copied each one whole.
        for index in declarations.indices where declarations[index].year == year.year {
            let key = Key(service: declarations[index].service, ente: declarations[index].ente)
            tallies[key, default: Tally()].addDeclaration(declarations[index].amount, at: index, next: &nextDeclaration)
        }
        for index in shares.indices {
            let key = Key(service: shares[index].service, ente: shares[index].ente)
            tallies[key, default: Tally()].addShare(shares[index].amount, at: index, next: &nextShare)
        }
        let submitted = year.submittingEnti
        let rows = { (first: Int?, next: [Int]) in
            sequence(first: first ?? -1) { next[$0] }.prefix { $0 >= 0 }
        }
        // Only the keys with a finding are sorted: copying the table to filter it and sorting
        // every key, thousands of service names compared for a handful of findings, was more
        // than half of the rule's time on an Italy-year.
        var found: [(key: Key, finding: Finding)] = []
        for (key, tally) in tallies where tally.firstDeclaration != nil || submitted.contains(key.ente) {
            let at = tally.firstDeclaration.flatMap { declarations[$0].provenance } ?? tally.firstShare.flatMap { shares[$0].provenance }
            guard let finding = context.mismatch(
                Self.problem, at: at, about: .init(service: key.service, ente: key.ente),
                expected: tally.planned, found: tally.declared,
                terms: rows(tally.firstShare, nextShare).map { Term.share(shares[$0]) }
                    + rows(tally.firstDeclaration, nextDeclaration).map { Term.declaration(declarations[$0]) })
            else { continue }
            found.append((key, finding))
        }
        return found.sorted { $0.key < $1.key }.map(\.finding)
    }

}

