import PlusModel

extension Problem {
    public static let amountOutOfRange = Problem(
        code: "R404", severity: .error,
        title: .init(it: "Valore fuori scala", en: "Value out of range"),
        template: .init(
            it: "{what}: {found} è fuori scala (massimo {expected}); i controlli aritmetici non sono stati eseguiti e l'anno non viene esportato.",
            en: "{what}: {found} is out of range (at most {expected}); the arithmetic checks were not run and the year is not exported."))
}

extension ValidationReport {
    /// Whether the year has amounts beyond any plan (`R404`): its sums would not fit in 64 bits,
    /// so it is reported and neither added up on a page nor exported, by `plus run` or `plus export`.
    public var hasAmountsOutOfRange: Bool {
        let code = Problem.amountOutOfRange.code
        return findings.contains { $0.code == code } || (omitted ?? []).contains { $0.code == code }
    }
}

/// Every amount and population is within a range no plan reaches, so that sums cannot overflow.
///
/// Amounts up to EUR 1,000,000,000,000.00 (10¹⁴ cents) and populations up to 100,000,000:
/// ninety thousand such amounts still add up inside 64 bits. When this rule finds anything,
/// ``Validator`` runs only the rules that do no arithmetic, instead of trapping on bad input.
public struct AmountsWithinRange: ServiceBatchRule {
    public static let problem = Problem.amountOutOfRange
    public static let description = LocalizedText(
        it: "Ogni importo è al massimo 1.000.000.000.000,00 euro e ogni popolazione al massimo 100.000.000: oltre, i dati sono certamente errati e le somme non sarebbero affidabili.",
        en: "Every amount is at most EUR 1,000,000,000,000.00 and every population at most 100,000,000: beyond that the data is surely wrong and sums would not be reliable.")

    public static let largestAmount = Money(cents: 100_000_000_000_000)
    public static let largestPopulation = 100_000_000
    /// So many amounts at the largest still add up to half of `Int64.max`: any sum or difference fits.
    public static let mostAmounts = 40_000

    /// The codes of the rules that do no arithmetic on amounts and may run on any values.
    public static let safeOnAnyValues: Set<String> = ["R002", "R109", "R301", "R302", "R303", "R304", "R401", "R402", "R403", "R404"]

    public init() {}

    /// The tally is how many amounts the services seen so far have.
    public func tally(for year: AmbitoYear, context: ValidationContext) -> Int { 0 }

    public func check(_ services: [PlannedService], of year: AmbitoYear, into tally: inout Int, context: ValidationContext) -> [Finding] {
        tally += AmbitoYear.amountCount(of: services)
        return AmbitoYear.amountTerms(of: services, where: Self.isOutOfRange).map(Self.finding)
    }

    private static func isOutOfRange(_ amount: Money) -> Bool { amount.magnitude > largestAmount }

    private static func finding(_ term: Term, about subject: FindingSubject) -> Finding {
        problem.finding(
            at: term.provenance, about: subject, expected: nil, found: term.amount, terms: [term],
            localizedDetails: ["what": term.label], arguments: ["expected": .money(largestAmount)])
    }

    /// A percentage out of range as the finding records it (`found`, `expected`: plain, with `%`).
    private static func percentDetails(_ basisPoints: Int64) -> [String: String] {
        ["found": MessageArgument.percent(basisPoints: basisPoints).plain + "%", "expected": "100.00%"]
    }

    /// A percentage out of range as the message writes it, in each language's way.
    private static func percentArguments(_ basisPoints: Int64) -> [String: MessageArgument] {
        ["found": .percentWithSign(basisPoints: basisPoints), "expected": .percentWithSign(basisPoints: 10_000)]
    }

    public func conclude(_ serviceAmounts: Int, year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let amounts = year.amountTermsBesideServices(where: Self.isOutOfRange).map(Self.finding)
        let populations = year.populations(where: { !(0...Self.largestPopulation).contains($0) }).map {
            Self.problem.finding(
                at: $0.provenance, about: $0.subject,
                details: ["what": $0.label, "found": String($0.population), "expected": String(Self.largestPopulation)])
        }
        var stated: [Finding] = []
        // By index: a loop over the shares copied each one whole to look at its percentage.
        let shares = year.costShares
        for index in shares.indices {
            guard let basisPoints = shares[index].basisPoints, !(0...10_000).contains(basisPoints) else { continue }
            let share = shares[index]
            stated.append(Self.problem.finding(
                at: share.provenance, about: .init(service: share.service, ente: share.ente),
                details: Self.percentDetails(basisPoints),
                localizedDetails: ["what": .init(
                    it: "la quota di \(share.ente) per \(share.service)", en: "the share of \(share.ente) for \(share.service)")],
                arguments: Self.percentArguments(basisPoints)))
        }
        if let deliberation = year.deliberation {
            let parameters = deliberation.parameters
            let percents = [parameters.equalShareBasisPoints, parameters.populationShareBasisPoints].compactMap { $0 }
            for basisPoints in percents where !(0...10_000).contains(basisPoints) {
                stated.append(Self.problem.finding(
                    at: deliberation.provenance, about: .init(),
                    details: Self.percentDetails(basisPoints).merging(["what": "DGR \(deliberation.number)"]) { $1 },
                    arguments: Self.percentArguments(basisPoints)))
            }
            let money = [parameters.udpShareSmall, parameters.udpShareLarge, parameters.udpCap].compactMap { $0 }
            for amount in money where amount.magnitude > Self.largestAmount {
                stated.append(Self.problem.finding(
                    at: deliberation.provenance, about: .init(), found: amount,
                    details: ["what": "DGR \(deliberation.number)"], arguments: ["expected": .money(Self.largestAmount)]))
            }
        }
        let count = serviceAmounts + year.amountCountBesideServices
        if count > Self.mostAmounts {
            stated.append(Self.problem.finding(
                at: nil, about: .init(ambito: year.ambito.code),
                localizedDetails: ["what": .init(
                    it: "Ambito \(year.ambito.code), numero degli importi del piano", en: "Ambito \(year.ambito.code), number of amounts in the plan")],
                arguments: ["found": .count(count), "expected": .count(Self.mostAmounts)]))
        }
        return amounts + populations + stated
    }
}
