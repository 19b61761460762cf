import PlusModel

extension AmbitoYear {
    /// The plan's cost shares of one service charged to enti of one kind, found through the
    /// context's index by service when the validator built one: a scan of every share for each
    /// service made a large Ambito quadratic.
    /// The index is by kind too: filtering a service's shares by kind copied each one, for every
    /// service and every rule that asks.
    func shares(of service: String, kind: EnteKind, in context: ValidationContext) -> [CostShare] {
        guard let index = context.sharesByService else { return costShares.filter { $0.service == service && $0.ente.kind == kind } }
        return index[.init(service: service, kind: kind)] ?? []
    }

    /// The Ambito's member Comuni in ISTAT-code order: the order ties go by when cents are split.
    var comuniByCode: [MemberComune] {
        ambito.comuni.sorted { $0.istatCode < $1.istatCode }
    }

    /// Every ente that has a current submission: the stated submitters and the authors of declarations.
    var submittingEnti: Set<EnteRef> {
        // By index: filtering the declarations copied each one whole, strings and all, for its ente.
        var enti = Set(submitters)
        for index in declarations.indices where declarations[index].year == year { enti.insert(declarations[index].ente) }
        return enti
    }
}

/// Labels of the numbers findings rest on.
extension Term {
    static func totalCost(of service: PlannedService) -> Term {
        Term(label: .init(it: "Costo totale \(service.code)", en: "Total cost \(service.code)"),
             amount: service.totalCost, provenance: service.provenance)
    }

    static func funding(_ source: FundingSource, of service: PlannedService) -> Term {
        Term(label: .init(it: "\(source.label.it) \(service.code)", en: "\(source.label.en) \(service.code)"),
             amount: service.funding(source), provenance: service.provenance)
    }

    static func share(_ share: CostShare) -> Term {
        Term(label: .init(it: "Quota di \(share.ente) per \(share.service)", en: "Share of \(share.ente) for \(share.service)"),
             amount: share.amount, provenance: share.provenance)
    }

    static func declaration(_ declaration: Declaration) -> Term {
        Term(label: .init(it: "Dichiarato da \(declaration.ente) per \(declaration.service)",
                          en: "Declared by \(declaration.ente) for \(declaration.service)"),
             amount: declaration.amount, provenance: declaration.provenance)
    }

    static func computed(_ it: String, _ en: String, _ amount: Money) -> Term {
        Term(label: .init(it: it, en: en), amount: amount)
    }
}

extension AmbitoYear {
    /// The amounts of `services` that `include` picks (cost, then each funding line), with their
    /// labels, sources and subjects. Labels are built only for the amounts picked: a rule looking
    /// for the odd negative amount among thousands builds none for the others.
    static func amountTerms(of services: [PlannedService], where include: (Money) -> Bool) -> [(term: Term, subject: FindingSubject)] {
        var terms: [(Term, FindingSubject)] = []
        for service in services {
            let subject = FindingSubject(service: service.code)
            if include(service.totalCost) { terms.append((.totalCost(of: service), subject)) }
            // The few sources stated, not a look-up of every source; in the sources' order.
            var picked: [FundingSource] = []
            for (source, amount) in service.funding where include(amount) { picked.append(source) }
            for source in picked.sorted() { terms.append((.funding(source, of: service), subject)) }
        }
        return terms
    }

    /// The Ambito-year's amounts besides its services' that `include` picks, as
    /// ``amountTerms(of:where:)`` lists them: shares, declarations, fund statements and the
    /// deliberation's figures. The services' come first in a rule's findings, batch by batch.
    func amountTermsBesideServices(where include: (Money) -> Bool) -> [(term: Term, subject: FindingSubject)] {
        var terms: [(Term, FindingSubject)] = []
        // By index: a loop over the rows copied each one whole to look at its amount, and few pass.
        for index in costShares.indices where include(costShares[index].amount) {
            let share = costShares[index]
            terms.append((.share(share), .init(service: share.service, ente: share.ente)))
        }
        for index in declarations.indices where include(declarations[index].amount) {
            let declaration = declarations[index]
            terms.append((.declaration(declaration), .init(service: declaration.service, ente: declaration.ente)))
        }
        for statement in fundStatements {
            for (label, amount) in statement.lines where include(amount) {
                terms.append((Term(label: label, amount: amount, provenance: statement.provenance), .init(ambito: statement.ambito)))
            }
        }
        if let deliberation {
            if include(deliberation.fundTotal) {
                terms.append((Term(label: .init(it: "Fondo DGR \(deliberation.number)", en: "Fund DGR \(deliberation.number)"),
                                   amount: deliberation.fundTotal, provenance: deliberation.provenance), .init()))
            }
            // By index, each named only when one of its amounts is picked: every Ambito-year looks
            // at the region's every allocation, and most have none.
            let allocations = deliberation.allocations
            for index in allocations.indices {
                guard include(allocations[index].equalShare) || include(allocations[index].populationShare)
                    || include(allocations[index].udpShare) || include(allocations[index].derogation ?? .zero)
                    || include(allocations[index].total) else { continue }
                let allocation = allocations[index]
                let parts: [(String, String, Money)] = [
                    ("Parti uguali", "Equal share", allocation.equalShare),
                    ("Popolazione", "Population share", allocation.populationShare),
                    ("Quota UdP", "UdP share", allocation.udpShare),
                    ("Deroga", "Derogation", allocation.derogation ?? .zero),
                    ("Totale", "Total", allocation.total),
                ]
                for (it, en, amount) in parts where include(amount) {
                    terms.append((Term(label: .init(it: "\(it) \(allocation.ambito)", en: "\(en) \(allocation.ambito)"),
                                       amount: amount, provenance: allocation.provenance), .init(ambito: allocation.ambito)))
                }
            }
        }
        return terms
    }

    /// How many amounts ``amountTerms(of:where:)`` can list for `services`, counted without building them.
    static func amountCount(of services: [PlannedService]) -> Int {
        services.reduce(0) { $0 + 1 + $1.funding.count }
    }

    /// How many amounts ``amountTermsBesideServices(where:)`` can list, counted without building them.
    var amountCountBesideServices: Int {
        costShares.count + declarations.count + (deliberation.map { 1 + 5 * $0.allocations.count } ?? 0) + 4 * fundStatements.count
    }

    /// The populations the rules weigh by (the member Comuni's and the deliberation's) that
    /// `include` picks, each named only then: every Ambito-year looks at the region's every allocation.
    func populations(where include: (Int) -> Bool) -> [(label: String, population: Int, provenance: Provenance?, subject: FindingSubject)] {
        var picked: [(label: String, population: Int, provenance: Provenance?, subject: FindingSubject)] = []
        for comune in ambito.comuni where include(comune.population) {
            picked.append(("\(comune.name) (\(comune.istatCode))", comune.population, nil, FindingSubject(ente: comune.ente)))
        }
        let allocations = deliberation?.allocations ?? []
        for index in allocations.indices where include(allocations[index].population) {
            let allocation = allocations[index]
            picked.append(("Ambito \(allocation.ambito)", allocation.population, allocation.provenance, FindingSubject(ambito: allocation.ambito)))
        }
        return picked
    }
}

extension FundStatement {
    /// The statement's four amounts with their labels: assigned, carried over, used, residual.
    var lines: [(label: LocalizedText, amount: Money)] {
        let fund = fund.label
        return [
            (.init(it: "\(fund.it) assegnato \(year)", en: "\(fund.en) assigned \(year)"), assigned),
            (.init(it: "\(fund.it) residuo anni precedenti", en: "\(fund.en) carried over"), carriedOver),
            (.init(it: "\(fund.it) utilizzato \(year)", en: "\(fund.en) used \(year)"), used),
            (.init(it: "\(fund.it) residuo al 31/12/\(year)", en: "\(fund.en) residual at 31/12/\(year)"), residual),
        ]
    }
}
