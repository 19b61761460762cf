import PlusModel

extension AmbitoYear {
    /// The plan's cost shares of one service.
    func shares(of service: String) -> [CostShare] {
        costShares.filter { $0.service == service }
    }

    /// The plan's cost shares of one service charged to enti of one kind.
    func shares(of service: String, kind: EnteKind) -> [CostShare] {
        costShares.filter { $0.service == service && $0.ente.kind == kind }
    }

    /// The Ambito's member Comuni in ISTAT-code order: the order ties go by when cents are split.
    var comuniByCode: [MemberComune] {
        ambito.comuni.sorted { $0.istatCode < $1.istatCode }
    }

    /// Every ente that has a current submission: the stated submitters and the authors of declarations.
    var submittingEnti: Set<EnteRef> {
        Set(submitters).union(declarations.filter { $0.year == year }.map(\.ente))
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
