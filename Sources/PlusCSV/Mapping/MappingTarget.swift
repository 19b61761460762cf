import PlusModel

/// What kind of canonical record a sheet's rows become.
public enum MappingTarget: String, Sendable, Codable, CaseIterable {
    /// The capofila's plan table: one row per service, with cost and funding per source.
    case servizi
    /// The cost split: one row per service and ente.
    case riparto
    /// What one ente declares it pays: one row per service.
    case dichiarazione
    /// Reference data: the member Comuni of the Ambiti, with population; or ISTAT's lists of
    /// Comuni, of populations and of administrative changes.
    case comuni
    /// Reference data: the ASL and the Provincia of each Ambito.
    case enti
    /// A district's yearly statement of a fund (Emilia-Romagna's FRNA): assigned, carried over,
    /// used, residual.
    case fondo
    /// Reference data: the plans of each Ambito (type, triennium, version, approving act).
    case piani
    /// The plan's monitoring indicators: one row per service and indicator, with target and actual.
    case indicatori

    /// The canonical fields a mapping of this target may bind.
    public var fields: [CanonicalField] {
        switch self {
        case .servizi:
            [
                .init("codice", .text, required: true), .init("denominazione", .text, required: true),
                .init("area", .text), .init("tipologia", .serviceKind), .init("gestione", .management),
                .init("sede", .text), .init("costo_totale", .money, required: true),
            ] + FundingSource.allCases.map { CanonicalField($0.rawValue, .money) }
                + [.init("criterio", .sharingCriterion), .init("ambito", .text), .init("anno", .year), .init("note", .text)]
                // The plan the table belongs to (optional): type, triennium `2017-2019`, version, approving act.
                + [.init("tipo_piano", .text), .init("triennio", .text), .init("versione_piano", .integer),
                   .init("atto_approvazione", .text)]
                // The rule on users' co-payment the service applies (an act, a regulation, `nessuna`).
                + [.init("regola_compartecipazione", .text)]
        case .riparto:
            [
                .init("servizio", .text, required: true), .init("ente", .ente), .init("ente_istat", .istat),
                .init("importo", .money, required: true), .init("percentuale", .percentage),
                .init("ambito", .text), .init("anno", .year), .init("note", .text),
            ]
        case .dichiarazione:
            [
                .init("ente", .ente), .init("ente_istat", .istat), .init("anno", .year, required: true),
                .init("servizio", .text, required: true), .init("descrizione", .text),
                .init("importo", .money, required: true), .init("data_delibera", .date),
                .init("ambito", .text), .init("note", .text),
            ]
        case .comuni:
            [
                .init("ambito", .text), .init("nome_ambito", .text),
                .init("codice_istat", .istat, required: true), .init("denominazione", .text, required: true),
                // A membership needs the population; ISTAT's list of 2024 has none (see RecordBuilder).
                .init("popolazione", .integer), .init("sigla_provincia", .text),
                .init("capofila", .boolean),
                // The codes of ISTAT's earlier sets of provinces, written as numbers (`92012`).
                .init("codice_2010", .integer), .init("codice_2006", .integer), .init("codice_1995", .integer),
                // A change of ISTAT's list: the old Comune's code leads to this one from that date.
                .init("codice_precedente", .istat), .init("denominazione_precedente", .text),
                .init("data_decorrenza", .date),
                // The population's vintage and the source, usually a mapping's defaults.
                .init("vintage", .text), .init("fonte", .text),
            ]
        case .enti:
            [
                .init("ambito", .text, required: true), .init("nome_ambito", .text),
                .init("asl", .ente), .init("nome_asl", .text), .init("provincia", .ente), .init("nome_provincia", .text),
                // The region (its rule set), an ente gestore that is not a Comune, another signatory.
                .init("regione", .text), .init("ente_gestore", .ente), .init("nome_ente_gestore", .text),
                .init("altro_firmatario", .ente), .init("nome_altro_firmatario", .text),
            ]
        case .fondo:
            [
                .init("ambito", .text, required: true), .init("anno", .year, required: true),
                .init("fondo", .text, required: true), .init("assegnato", .money, required: true),
                .init("residuo_precedente", .money), .init("utilizzato", .money, required: true),
                .init("residuo", .money, required: true), .init("atto", .text),
            ]
        case .piani:
            [
                .init("ambito", .text, required: true), .init("tipo_piano", .text, required: true),
                .init("triennio", .text, required: true), .init("versione_piano", .integer),
                .init("atto_approvazione", .text),
            ]
        case .indicatori:
            [
                .init("servizio", .text, required: true), .init("codice", .text, required: true),
                .init("descrizione", .text), .init("unita", .text),
                .init("obiettivo", .decimal), .init("valore", .decimal),
                .init("anno", .year, required: true), .init("ambito", .text), .init("note", .text),
            ]
        }
    }

    /// Whether a field holds free text (names, notes, descriptions, codes written by hand): where
    /// personal data could slip in, so every such cell is scanned for it.
    func isFreeText(_ field: String) -> Bool {
        fields.contains { $0.name == field && $0.kind == .text }
    }

    /// The field that names a row's service, whose cell a totals row leaves empty or fills with
    /// its label (``TotalsRow``); `nil` for targets whose rows are not services.
    var serviceField: String? {
        switch self {
        case .servizi: "codice"
        case .riparto, .dichiarazione: "servizio"
        case .comuni, .enti, .fondo, .indicatori, .piani: nil
        }
    }

    /// Sets of fields of which at least one must be bound (the ente, by reference or by ISTAT code).
    var oneOf: [[String]] {
        switch self {
        case .riparto, .dichiarazione: [["ente", "ente_istat"]]
        case .servizi, .comuni, .enti, .fondo, .indicatori, .piani: []
        }
    }
}

/// One field of the canonical model that a sheet's column can fill.
public struct CanonicalField: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case text, money, integer, year, istat, ente, percentage, boolean, date
        /// A number with decimals, read exactly (``ExactDecimal``).
        case decimal
        case serviceKind, management, sharingCriterion
    }

    public var name: String
    public var kind: Kind
    /// Whether every row needs it (from a column or a default).
    public var required: Bool

    init(_ name: String, _ kind: Kind, required: Bool = false) {
        self.name = name
        self.kind = kind
        self.required = required
    }
}
