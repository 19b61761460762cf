import PlusModel
import Testing
@testable import PlusValidation
import PlusTestSupport

/// R104 tallied in one pass gives the findings of grouping every row by service and ente.
@Suite struct DeclarationsMatchSharesTests {
    private struct Key: Hashable, Comparable {
        var service: String
        var ente: EnteRef
        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.service, lhs.ente) < (rhs.service, rhs.ente) }
    }

    /// The rule as it was written before: arrays grouped by key, the findings' terms from them.
    private static func grouped(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let declarations = Dictionary(grouping: year.declarations.filter { $0.year == year.year }) { Key(service: $0.service, ente: $0.ente) }
        let shares = Dictionary(grouping: year.costShares) { Key(service: $0.service, ente: $0.ente) }
        let submitted = year.submittingEnti
        let keys = Set(declarations.keys).union(shares.keys.filter { submitted.contains($0.ente) })
        return keys.sorted().compactMap { key in
            let declared = declarations[key] ?? [], planned = shares[key] ?? []
            return context.mismatch(
                DeclarationsMatchShares.problem, at: declared.first?.provenance ?? planned.first?.provenance,
                about: .init(service: key.service, ente: key.ente),
                expected: planned.map(\.amount).sum(), found: declared.map(\.amount).sum(),
                terms: planned.map(Term.share) + declared.map(Term.declaration))
        }
    }

    @Test func oneTallyGivesTheFindingsOfGroupingByKey() {
        let context = ValidationContext(parameters: EffectiveParameters(ruleSet: Fixtures.ruleSet, deliberation: Fixtures.deliberation))
        var generator = SplitMix64(seed: 104)
        let enti = Fixtures.year.ambito.members + [EnteRef(comune: "999999")]
        let services = ["SAD", "CDD", "UDP", "TRASP", "S10"]
        for round in 0..<200 {
            var year = Fixtures.year
            let amount = { (generator: inout SplitMix64) in Money(cents: Int64.random(in: 0...5, using: &generator) * 50_000) }
            let provenance = { (generator: inout SplitMix64, file: String) -> Provenance? in
                Bool.random(using: &generator) ? Provenance(file: file, sha256: "", line: Int.random(in: 1...99, using: &generator)) : nil
            }
            year.costShares = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                CostShare(service: services.randomElement(using: &generator)!, ente: enti.randomElement(using: &generator)!,
                          amount: amount(&generator), provenance: provenance(&generator, "riparto.csv"))
            }
            year.declarations = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                var declaration = year.declarations.first!
                declaration.service = services.randomElement(using: &generator)!
                declaration.ente = enti.randomElement(using: &generator)!
                declaration.amount = amount(&generator)
                declaration.year = Bool.random(using: &generator) ? year.year : year.year - 1
                declaration.provenance = provenance(&generator, "\(declaration.ente.code).csv")
                return declaration
            }
            #expect(DeclarationsMatchShares().check(year, context: context) == Self.grouped(year, context: context), "round \(round)")
        }
    }
}
