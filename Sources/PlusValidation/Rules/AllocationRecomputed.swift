import PlusModel

extension Problem {
    public static let allocationRecomputed = Problem(
        code: "R201", severity: .error,
        title: .init(it: "Quota della deliberazione diversa dal ricalcolo", en: "Deliberation share differs from the recomputation"),
        template: .init(
            it: "Ambito {ambito}: la {component_it} ricalcolata dalle popolazioni della deliberazione è {expected}, la deliberazione indica {found} (differenza {difference}).",
            en: "Ambito {ambito}: the {component_en} recomputed from the deliberation's populations is {expected}, the deliberation states {found} (difference {difference})."))
}

/// Each Ambito's equal and population shares are what the 40/60 split gives, recomputed
/// from the deliberation's own fund total, populations and derogations.
public struct AllocationRecomputed: ValidationRule {
    public static let problem = Problem.allocationRecomputed
    public static let description = LocalizedText(
        it: "Ricalcola la ripartizione del Fondo (40 % in parti uguali, 60 % per popolazione, dopo le quote UdP se il set di regole lo prevede) dalle popolazioni della deliberazione e la confronta con le cifre di ogni Ambito.",
        en: "Recomputes the fund's split (40 % equal parts, 60 % by population, after the UdP shares if the rule set says so) from the deliberation's populations and compares it with each Ambito's figures.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let deliberation = year.deliberation else { return [] }
        let computed = AllocationCalculator(rules: context.parameters.allocation).recompute(deliberation)
        // By index, the two components compared before anything is named: every Ambito-year checks
        // the region's every allocation, and findings are few.
        let allocations = deliberation.allocations
        var findings: [Finding] = []
        for index in 0..<min(allocations.count, computed.count) {
            guard context.differ(computed[index].equalShare, allocations[index].equalShare)
                || context.differ(computed[index].populationShare, allocations[index].populationShare) else { continue }
            let (stated, expected) = (allocations[index], computed[index])
            let components: [(LocalizedText, Money, Money)] = [
                (.init(it: "quota in parti uguali", en: "equal share"), expected.equalShare, stated.equalShare),
                (.init(it: "quota per popolazione", en: "population share"), expected.populationShare, stated.populationShare),
            ]
            findings += components.compactMap { name, expectedAmount, statedAmount in
                guard context.differ(expectedAmount, statedAmount) else { return nil }
                let terms = [
                    Term(label: .init(it: "Fondo DGR \(deliberation.number)", en: "Fund DGR \(deliberation.number)"),
                         amount: deliberation.fundTotal, provenance: deliberation.provenance),
                    Term(label: .init(it: "\(name.it) \(stated.ambito) (popolazione \(stated.population))",
                                      en: "\(name.en) \(stated.ambito) (population \(stated.population))"),
                         amount: statedAmount, provenance: stated.provenance),
                ]
                return Self.problem.finding(
                    at: stated.provenance ?? deliberation.provenance, about: .init(ambito: stated.ambito),
                    expected: expectedAmount, found: statedAmount, terms: terms,
                    details: ["component_it": name.it, "component_en": name.en])
            }
        }
        return findings
    }
}
