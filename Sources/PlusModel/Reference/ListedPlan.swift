/// A plan of an Ambito as the reference data list it: type, triennium, version, approving act.
///
/// The Region's list of plans (reference file `piani-ambito`) says which plan governs which
/// years; a year outside every listed triennium of its Ambito has no plan, whatever the sheets say.
///
/// ```swift
/// let plus = ListedPlan(ambito: "OR", type: .plus, trienniumStart: 2018, version: 1, approvedBy: "Delibera C.C. 12/2018")
/// plus.covers(2020)   // true: 2018–2020
/// ```
public struct ListedPlan: Hashable, Sendable, Codable {
    public var ambito: String
    public var type: PlanType
    /// First year of the triennium: 2018 for 2018–2020.
    public var trienniumStart: Int
    public var version: Int?
    /// The act that approved it, as the list writes it.
    public var approvedBy: String?

    public init(ambito: String, type: PlanType, trienniumStart: Int, version: Int? = nil, approvedBy: String? = nil) {
        self.ambito = ambito
        self.type = type
        self.trienniumStart = trienniumStart
        self.version = version
        self.approvedBy = approvedBy
    }

    public var trienniumEnd: Int { trienniumStart + 2 }

    /// Whether the plan's triennium includes `year`.
    public func covers(_ year: Int) -> Bool { (trienniumStart...trienniumEnd).contains(year) }

    /// How reports and `plus status` name it: `PLUS 2018–2020, versione 1, approvato con Delibera C.C. 12/2018`.
    public var label: LocalizedText {
        var it = "\(type.label.it) \(trienniumStart)–\(trienniumEnd)", en = "\(type.label.en) \(trienniumStart)–\(trienniumEnd)"
        if let version {
            it += ", versione \(version)"
            en += ", version \(version)"
        }
        if let approvedBy {
            it += ", approvato con \(approvedBy)"
            en += ", approved by \(approvedBy)"
        }
        return LocalizedText(it: it, en: en)
    }
}

extension PlanType {
    /// The type's name in both languages.
    public var label: LocalizedText {
        switch self {
        case .plus: LocalizedText(it: "PLUS", en: "PLUS")
        case .pianoDiZona: LocalizedText(it: "Piano di Zona", en: "Piano di Zona (zone plan)")
        case .programmaAttuativo: LocalizedText(it: "Programma attuativo", en: "Programma attuativo (yearly programme)")
        case .pianoNonAutosufficienza: LocalizedText(it: "Piano per la non autosufficienza", en: "Non-self-sufficiency plan")
        }
    }
}

extension ListedPlan {
    /// What `plus status` and the report say of the year's listed plan: the one covering the
    /// year, or that none does; `nil` when the reference data list no plan of the Ambito.
    ///
    /// ```swift
    /// ListedPlan.summary(of: plans, year: 2019)?.it   // "Piano elencato: PLUS 2018–2020, versione 1"
    /// ```
    public static func summary(of plans: [ListedPlan], year: Int) -> LocalizedText? {
        guard !plans.isEmpty else { return nil }
        let covering = plans.filter { $0.covers(year) }
        guard covering.isEmpty else {
            return LocalizedText(
                it: "Piano elencato: " + covering.map(\.label.it).joined(separator: "; "),
                en: "Listed plan: " + covering.map(\.label.en).joined(separator: "; "))
        }
        return LocalizedText(
            it: "Nessun piano elencato copre il \(year) (elencati: " + plans.map(\.label.it).joined(separator: "; ") + ")",
            en: "No listed plan covers \(year) (listed: " + plans.map(\.label.en).joined(separator: "; ") + ")")
    }
}
