import PlusModel

extension Problem {
    public static let serviceWithoutCost = Problem(
        code: "R402", severity: .error,
        title: .init(it: "Servizio senza costo", en: "Service without a cost"),
        template: .init(
            it: "Servizio {service}: il costo totale è {found}; un servizio del piano deve avere un costo.",
            en: "Service {service}: the total cost is {found}; a planned service must have a cost."))

    public static let unknownService = Problem(
        code: "R403", severity: .error,
        title: .init(it: "Servizio non previsto dal piano", en: "Service not in the plan"),
        template: .init(
            it: "{ente} indica il servizio {service}, che il piano dell'Ambito non prevede.",
            en: "{ente} names service {service}, which is not in the Ambito's plan."))
}

/// Every planned service has a positive total cost.
public struct ServiceHasCost: ServiceByServiceRule {
    public static let problem = Problem.serviceWithoutCost
    public static let description = LocalizedText(
        it: "Ogni servizio del piano ha un costo totale maggiore di zero.",
        en: "Every planned service has a total cost above zero.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        year.services.filter { $0.totalCost == .zero }.map { service in
            Self.problem.finding(
                at: service.provenance, about: .init(service: service.code), found: service.totalCost,
                terms: [.totalCost(of: service)])
        }
    }
}

/// Every share and declaration names a service of the plan.
public struct KnownService: ServiceBatchRule {
    public static let problem = Problem.unknownService
    public static let description = LocalizedText(
        it: "Ogni quota del riparto e ogni dichiarazione si riferisce a un servizio presente nel piano.",
        en: "Every share of the cost split and every declaration refers to a service in the plan.")

    public init() {}

    /// The codes the shares and declarations name, those of them the plan has, and whether it has any service.
    public struct Tally {
        var named: Set<String>
        var planned: Set<String> = []
        var hasServices = false
    }

    public func tally(for year: AmbitoYear, context: ValidationContext) -> Tally {
        // By index, each code read in place: no array of the codes of both sides first.
        let shares = year.costShares, declarations = year.declarations
        var named = Set<String>(minimumCapacity: 64)
        for index in shares.indices { named.insert(shares[index].service) }
        for index in declarations.indices { named.insert(declarations[index].service) }
        return Tally(named: named)
    }

    public func check(_ services: [PlannedService], of year: AmbitoYear, into tally: inout Tally, context: ValidationContext) -> [Finding] {
        tally.hasServices = tally.hasServices || !services.isEmpty
        for service in services where tally.named.contains(service.code) { tally.planned.insert(service.code) }
        return []
    }

    public func conclude(_ tally: Tally, year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard tally.hasServices else { return [] }
        let planned = tally.planned
        // By index: filtering the rows copied each share and declaration whole, to find none.
        let shares = year.costShares, declarations = year.declarations
        var findings: [Finding] = []
        for index in shares.indices where !planned.contains(shares[index].service) {
            let share = shares[index]
            findings.append(Self.problem.finding(
                at: share.provenance, about: .init(service: share.service, ente: share.ente), found: share.amount,
                terms: [.share(share)]))
        }
        for index in declarations.indices where !planned.contains(declarations[index].service) {
            let declaration = declarations[index]
            findings.append(Self.problem.finding(
                at: declaration.provenance, about: .init(service: declaration.service, ente: declaration.ente),
                found: declaration.amount, terms: [.declaration(declaration)]))
        }
        return findings
    }
}
