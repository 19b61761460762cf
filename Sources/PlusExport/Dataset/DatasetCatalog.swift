import PlusModel

/// The names, columns and keys of every exported dataset: the one place they are documented.
///
/// Column names are stable snake_case Italian; every description is in Italian and English
/// and reaches `datapackage.json`, so the Data Package documents itself.
public enum DatasetCatalog {
    static let istatPattern = "[0-9]{6}"
    static let entePattern = "(comune|unione|asl|provincia|altro):.+"

    static func anno() -> ExportColumn {
        ExportColumn("anno", .integer, required: true, minimum: 1, description: .init(it: "Anno del piano", en: "Plan year"))
    }

    static func ambito() -> ExportColumn {
        ExportColumn("ambito", .string, required: true, description: .init(it: "Codice dell'Ambito PLUS", en: "PLUS Ambito code"))
    }

    static func servizio() -> ExportColumn {
        ExportColumn("servizio", .string, required: true, description: .init(it: "Codice del servizio", en: "Service code"))
    }

    static func ente(_ description: LocalizedText = .init(it: "Ente, come TIPO:CODICE (es. comune:095018)", en: "Body, as KIND:CODE (e.g. comune:095018)")) -> ExportColumn {
        ExportColumn("ente", .string, required: true, pattern: entePattern, description: description)
    }

    static func money(_ name: String, required: Bool = false, _ it: String, _ en: String) -> ExportColumn {
        ExportColumn(name, .number, required: required, description: .init(it: it + " (euro, due decimali)", en: en + " (euro, two decimals)"))
    }

    /// The six columns of one allocation (population, shares, derogation, total), named by how it was obtained.
    static func allocationColumns(_ feminine: String, _ masculine: String, en: String) -> [ExportColumn] {
        [
            ExportColumn("popolazione_\(feminine)", .integer, minimum: 0, description: .init(it: "Popolazione, \(feminine)", en: "Population, \(en)")),
            money("quota_parti_uguali_\(feminine)", "Quota in parti uguali, \(feminine)", "Equal-parts share, \(en)"),
            money("quota_popolazione_\(feminine)", "Quota per popolazione, \(feminine)", "Population share, \(en)"),
            money("quota_udp_\(feminine)", "Quota Ufficio di Piano, \(feminine)", "Planning-office share, \(en)"),
            money("deroga_\(feminine)", "Deroga alla quota UdP, \(feminine)", "Derogation of the UdP share, \(en)"),
            money("totale_\(masculine)", "Totale \(masculine)", "Total \(en)"),
        ]
    }

    static func fileOrigin() -> ExportColumn {
        ExportColumn("file_origine", .string, description: .init(it: "File inviato da cui proviene la riga", en: "Submitted file the row comes from"))
    }

    static let ambitoKey = ExportForeignKey(["anno", "ambito"], references: "ambiti", ["anno", "ambito"])

    /// Ambiti: one row per Ambito and year.
    public static let ambiti = ExportDataset(
        name: "ambiti", title: .init(it: "Ambiti PLUS", en: "PLUS Ambiti"),
        columns: [
            anno(), ambito(),
            ExportColumn("denominazione", .string, description: .init(it: "Nome dell'Ambito", en: "Ambito name")),
            ExportColumn("capofila", .string, required: true, pattern: istatPattern, description: .init(it: "Codice ISTAT del Comune capofila", en: "ISTAT code of the lead Comune")),
            ExportColumn("popolazione", .integer, required: true, minimum: 0, description: .init(it: "Residenti: somma sui Comuni membri", en: "Residents: sum over member Comuni")),
            ExportColumn("numero_comuni", .integer, required: true, minimum: 0, description: .init(it: "Numero dei Comuni membri", en: "Number of member Comuni")),
            ExportColumn("asl", .string, pattern: entePattern, description: .init(it: "ASL firmataria", en: "Signatory health authority")),
            ExportColumn("provincia", .string, pattern: entePattern, description: .init(it: "Provincia firmataria", en: "Signatory province")),
            ExportColumn("piano_triennio_inizio", .integer, description: .init(it: "Primo anno del triennio del piano", en: "First year of the plan's triennium")),
            ExportColumn("piano_versione", .integer, minimum: 1, description: .init(it: "Versione del piano nell'anno", en: "Plan version within the year")),
            ExportColumn("piano_tipo", .string, allowedValues: PlanType.allCases.map(\.rawValue), description: .init(it: "Tipo di piano", en: "Kind of plan")),
            ExportColumn("piano_atto_approvazione", .string, description: .init(it: "Atto che ha approvato il piano, come lo scrive la tabella", en: "Act that approved the plan, as the table writes it")),
            ExportColumn("piano_chiuso", .boolean, required: true, description: .init(it: "Il piano è chiuso dall'Ufficio di Piano", en: "The plan is closed by the planning office")),
        ],
        primaryKey: ["anno", "ambito"])

    /// Members: every Comune and other signatory of each Ambito.
    public static let membri = ExportDataset(
        name: "membri", title: .init(it: "Enti membri degli Ambiti", en: "Member bodies of the Ambiti"),
        columns: [
            anno(), ambito(), ente(),
            ExportColumn("tipo", .string, required: true, allowedValues: EnteKind.allCases.map(\.rawValue), description: .init(it: "Tipo di ente", en: "Kind of body")),
            ExportColumn("denominazione", .string, description: .init(it: "Nome dell'ente", en: "Name of the body")),
            ExportColumn("popolazione", .integer, minimum: 0, description: .init(it: "Residenti (solo Comuni)", en: "Residents (Comuni only)")),
            ExportColumn("sigla_provincia", .string, description: .init(it: "Sigla della provincia (solo Comuni)", en: "Province abbreviation (Comuni only)")),
            ExportColumn("capofila", .boolean, required: true, description: .init(it: "È il Comune capofila", en: "Is the lead Comune")),
        ],
        primaryKey: ["anno", "ambito", "ente"], foreignKeys: [ambitoKey])

    /// Services of the plan.
    public static let servizi = ExportDataset(
        name: "servizi", title: .init(it: "Servizi del piano", en: "Planned services"),
        columns: [
            anno(), ambito(), servizio(),
            ExportColumn("denominazione", .string, description: .init(it: "Nome del servizio", en: "Service name")),
            ExportColumn("area", .string, description: .init(it: "Area di utenza", en: "User group")),
            ExportColumn("tipologia", .string, required: true, allowedValues: ServiceKind.allCases.map(\.rawValue), description: .init(it: "Sociale, sanitario o socio-sanitario", en: "Social, health or socio-sanitary")),
            ExportColumn("gestione", .string, required: true, pattern: "(associata|comune:[0-9]{6})", description: .init(it: "Gestione associata o di un solo Comune (comune:ISTAT)", en: "Joint management or by one Comune (comune:ISTAT)")),
            ExportColumn("sede", .string, description: .init(it: "Sede del servizio", en: "Where the service is delivered")),
            money("costo_totale", required: true, "Costo totale", "Total cost"),
            money("totale_fonti", required: true, "Somma delle fonti di finanziamento", "Sum of the funding sources"),
            money("differenza_costo_fonti", required: true, "Costo totale meno somma delle fonti", "Total cost minus sum of sources"),
            ExportColumn("criterio_riparto", .string, allowedValues: SharingCriterion.allCases.map(\.rawValue), description: .init(it: "Criterio di riparto della quota dei Comuni", en: "How the Comuni's share is split")),
            ExportColumn("regola_compartecipazione", .string, description: .init(
                it: "Regola di compartecipazione degli utenti: un atto, un regolamento o «nessuna»", en: "The users' co-payment rule: an act, a regulation or «nessuna»")),
            fileOrigin(),
        ],
        primaryKey: ["anno", "ambito", "servizio"], foreignKeys: [ambitoKey])

    /// Funding by source: one row per service and funding source stated by the plan.
    public static let finanziamento = ExportDataset(
        name: "finanziamento", title: .init(it: "Finanziamento per fonte", en: "Funding by source"),
        columns: [
            anno(), ambito(), servizio(),
            ExportColumn("fonte", .string, required: true, allowedValues: FundingSource.allCases.map(\.rawValue), description: .init(it: "Fonte di finanziamento", en: "Funding source")),
            money("importo", required: true, "Importo dalla fonte", "Amount from the source"),
        ],
        primaryKey: ["anno", "ambito", "servizio", "fonte"],
        foreignKeys: [ExportForeignKey(["anno", "ambito", "servizio"], references: "servizi", ["anno", "ambito", "servizio"])])

    /// The cost split: one row per service and ente, as the plan's riparto states it.
    ///
    /// No foreign key to `servizi`: the capofila's split may name a service the plan table
    /// lacks, and the export shows that rather than hiding it (validation reports it).
    public static let riparto = ExportDataset(
        name: "riparto", title: .init(it: "Riparto dei costi per servizio ed ente", en: "Cost split per service and body"),
        columns: [
            anno(), ambito(), servizio(), ente(),
            money("importo", required: true, "Quota a carico dell'ente", "Share charged to the body"),
            ExportColumn("percentuale", .number, description: .init(it: "Percentuale dichiarata nel riparto, due decimali", en: "Stated percentage, two decimals")),
        ],
        primaryKey: ["anno", "ambito", "servizio", "ente"], foreignKeys: [ambitoKey])

    /// Declared against planned: what each ente declared beside its share in the plan.
    public static let dichiaratoVsPianificato = ExportDataset(
        name: "dichiarato_vs_pianificato", title: .init(it: "Dichiarato e pianificato per ente e servizio", en: "Declared versus planned per body and service"),
        columns: [
            anno(), ambito(), ente(), servizio(),
            money("pianificato", "Quota dell'ente nel riparto del piano; vuoto se assente", "The body's share in the plan's split; empty if absent"),
            money("dichiarato", "Importo dichiarato dall'ente (somma delle righe); vuoto se assente", "Amount the body declared (sum of rows); empty if absent"),
            money("differenza", required: true, "Dichiarato meno pianificato, assenti contati zero", "Declared minus planned, absent counted as zero"),
            ExportColumn("esito", .string, required: true, allowedValues: ComparisonOutcome.allCases.map(\.rawValue), description: .init(it: "concorde, difforme, non_dichiarato o non_pianificato", en: "agreeing, differing, not declared or not planned")),
        ],
        primaryKey: ["anno", "ambito", "ente", "servizio"], foreignKeys: [ambitoKey])

    /// The regional allocation: as deliberated and as recomputed from the rules.
    public static let allocazioneRegionale = ExportDataset(
        name: "allocazione_regionale", title: .init(it: "Allocazione regionale deliberata e ricalcolata", en: "Regional allocation as deliberated and recomputed"),
        columns: [
            anno(), ambito(),
            ExportColumn("delibera_numero", .string, description: .init(it: "Numero della deliberazione (es. 40/32)", en: "Deliberation number (e.g. 40/32)")),
            ExportColumn("delibera_data", .date, description: .init(it: "Data della deliberazione", en: "Deliberation date")),
        ] + allocationColumns("deliberata", "deliberato", en: "deliberated")
          + allocationColumns("ricalcolata", "ricalcolato", en: "recomputed") + [
            money("differenza_totale", "Deliberato meno ricalcolato; vuoto se manca uno dei due", "Deliberated minus recomputed; empty if either is missing"),
        ],
        primaryKey: ["anno", "ambito"], foreignKeys: [ambitoKey])

    /// Monitoring indicators (L.R. 23/2005 art. 20 item 9): one row per service and indicator.
    ///
    /// No foreign key to `servizi`: an indicator of a service the plan lacks is shown, not hidden.
    public static let indicatori = ExportDataset(
        name: "indicatori", title: .init(it: "Indicatori di monitoraggio", en: "Monitoring indicators"),
        columns: [
            anno(), ambito(), servizio(),
            ExportColumn("indicatore", .string, required: true, description: .init(it: "Codice dell'indicatore", en: "Indicator code")),
            ExportColumn("descrizione", .string, description: .init(it: "Che cosa misura", en: "What it measures")),
            ExportColumn("unita", .string, description: .init(it: "Unità di misura", en: "Unit of measure")),
            ExportColumn("obiettivo", .number, description: .init(it: "Valore obiettivo (decimale esatto)", en: "Target value (exact decimal)")),
            ExportColumn("valore", .number, description: .init(it: "Valore rilevato (decimale esatto)", en: "Actual value (exact decimal)")),
            fileOrigin(),
        ],
        primaryKey: ["anno", "ambito", "servizio", "indicatore"], foreignKeys: [ambitoKey])

    /// Fund statements: what a fund assigned, carried over, used and left in the Ambito-year
    /// (Emilia-Romagna's FRNA), so that the Region checks them as the Ambito did (R121, R122, R124).
    public static let rendicontiFondi = ExportDataset(
        name: "rendiconti_fondi", title: .init(it: "Rendiconti dei fondi", en: "Fund statements"),
        columns: [
            anno(), ambito(),
            ExportColumn("fondo", .string, required: true, allowedValues: FundingSource.allCases.map(\.rawValue), description: .init(it: "Fondo rendicontato (es. frna)", en: "Fund accounted for (e.g. frna)")),
            money("assegnato", required: true, "Assegnato per l'anno", "Assigned for the year"),
            money("residuo_anni_precedenti", required: true, "Residuo degli anni precedenti, portato nell'anno", "Residual of the years before, brought into the year"),
            money("utilizzato", required: true, "Utilizzato nell'anno", "Used in the year"),
            money("residuo", required: true, "Residuo a fine anno", "Residual at the year's end"),
            ExportColumn("atto", .string, description: .init(it: "Atto che approva il rendiconto", en: "Act approving the statement")),
            fileOrigin(),
        ],
        primaryKey: ["anno", "ambito", "fondo"], foreignKeys: [ambitoKey])

    /// Every dataset, in the order files, JSON members and manifests list them.
    public static let all: [ExportDataset] = [ambiti, membri, servizi, finanziamento, riparto, dichiaratoVsPianificato, allocazioneRegionale, indicatori, rendicontiFondi]
}

/// How a declaration compares with the plan's share for the same ente and service.
public enum ComparisonOutcome: String, Sendable, CaseIterable {
    case concorde
    case difforme
    case nonDichiarato = "non_dichiarato"
    case nonPianificato = "non_pianificato"
}
