/// Where the money for a service comes from.
public enum FundingSource: String, Sendable, Codable, CaseIterable, Comparable {
    /// Fondo regionale per il sistema integrato dei servizi alla persona (art. 26 L.R. 23/2005).
    case fondoRegionale = "fondo_regionale"
    /// The member Comuni's own resources, split among them by the plan's criterion.
    case comuni
    case asl
    case provincia
    /// Fondo nazionale per le politiche sociali.
    case fnps
    /// Fondo per le non autosufficienze.
    case fna
    /// European funds.
    case ue
    /// Users' co-payment (compartecipazione).
    case compartecipazione
    case altro
    /// Emilia-Romagna's regional fund for non-self-sufficiency (FRNA, DGR 509/2007).
    case frna
    /// Emilia-Romagna's Fondo sociale regionale (L.R. 2/2003).
    case fondoSocialeRegionale = "fondo_sociale_regionale"
    /// The signatories other than the ASL and the Provincia (an Unione di Comuni, a Comunità
    /// Montana, another body of the programme agreement): their shares of the cost split add up to it.
    case altriFirmatari = "altri_firmatari"

    public static func < (lhs: FundingSource, rhs: FundingSource) -> Bool {
        lhs.position < rhs.position
    }

    /// The source's place in ``allCases``, the order of lists, columns and sorts: without a search
    /// of a new `allCases` for each service of a plan of millions.
    public var position: Int {
        switch self {
        case .fondoRegionale: 0
        case .comuni: 1
        case .asl: 2
        case .provincia: 3
        case .fnps: 4
        case .fna: 5
        case .ue: 6
        case .compartecipazione: 7
        case .altro: 8
        case .frna: 9
        case .fondoSocialeRegionale: 10
        case .altriFirmatari: 11
        }
    }

    public var label: LocalizedText {
        switch self {
        case .fondoRegionale: LocalizedText(it: "Fondo regionale PLUS", en: "Regional PLUS fund")
        case .comuni: LocalizedText(it: "Comuni", en: "Municipalities")
        case .asl: LocalizedText(it: "ASL", en: "Health authority (ASL)")
        case .provincia: LocalizedText(it: "Provincia", en: "Province")
        case .fnps: LocalizedText(it: "FNPS", en: "National social policy fund (FNPS)")
        case .fna: LocalizedText(it: "FNA", en: "Non-self-sufficiency fund (FNA)")
        case .ue: LocalizedText(it: "Fondi UE", en: "EU funds")
        case .compartecipazione: LocalizedText(it: "Compartecipazione utenti", en: "Users' co-payment")
        case .altro: LocalizedText(it: "Altre fonti", en: "Other sources")
        case .frna: LocalizedText(it: "FRNA", en: "Regional non-self-sufficiency fund (FRNA)")
        case .fondoSocialeRegionale: LocalizedText(it: "Fondo sociale regionale", en: "Regional social fund")
        case .altriFirmatari: LocalizedText(it: "Altri firmatari", en: "Other signatories")
        }
    }
}
