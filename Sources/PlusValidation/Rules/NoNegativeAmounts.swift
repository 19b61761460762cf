import PlusModel

extension Problem {
    public static let negativeAmount = Problem(
        code: "R401", severity: .error,
        title: .init(it: "Importo negativo", en: "Negative amount"),
        template: .init(
            it: "{what}: importo negativo {found}.",
            en: "{what}: negative amount {found}."))
}

/// No amount in the plan, the cost split, the declarations or the deliberation is negative.
public struct NoNegativeAmounts: ValidationRule {
    public static let problem = Problem.negativeAmount
    public static let description = LocalizedText(
        it: "Costi, fonti di finanziamento, quote, dichiarazioni e assegnazioni non sono mai negativi.",
        en: "Costs, funding sources, shares, declarations and allocations are never negative.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        var findings: [Finding] = []
        func flag(_ term: Term, _ subject: FindingSubject) {
            guard term.amount.isNegative else { return }
            findings.append(Self.problem.finding(
                at: term.provenance, about: subject, found: term.amount, terms: [term], details: ["what": term.label.it]))
        }
        for service in year.services {
            let subject = FindingSubject(service: service.code)
            flag(.totalCost(of: service), subject)
            for source in FundingSource.allCases where service.funding[source] != nil {
                flag(.funding(source, of: service), subject)
            }
        }
        year.costShares.forEach { flag(.share($0), .init(service: $0.service, ente: $0.ente)) }
        year.declarations.forEach { flag(.declaration($0), .init(service: $0.service, ente: $0.ente)) }
        if let deliberation = year.deliberation {
            flag(Term(label: .init(it: "Fondo DGR \(deliberation.number)", en: "Fund DGR \(deliberation.number)"),
                      amount: deliberation.fundTotal, provenance: deliberation.provenance), .init())
            for allocation in deliberation.allocations {
                let parts: [(String, String, Money)] = [
                    ("Parti uguali", "Equal share", allocation.equalShare),
                    ("Popolazione", "Population share", allocation.populationShare),
                    ("Quota UdP", "UdP share", allocation.udpShare),
                    ("Deroga", "Derogation", allocation.derogation ?? .zero),
                    ("Totale", "Total", allocation.total),
                ]
                for (it, en, amount) in parts {
                    flag(Term(label: .init(it: "\(it) \(allocation.ambito)", en: "\(en) \(allocation.ambito)"),
                              amount: amount, provenance: allocation.provenance), .init(ambito: allocation.ambito))
                }
            }
        }
        return findings
    }
}
