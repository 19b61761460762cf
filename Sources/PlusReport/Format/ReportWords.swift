import PlusModel
import PlusPipeline

/// The report's fixed words in Italian and English.
struct ReportWords {
    let language: Language
    init(_ language: Language) { self.language = language }
    private func pick(_ it: String, _ en: String) -> String { language == .it ? it : en }

    var regionTitle: String { pick("Regione Sardegna — PLUS", "Sardinia Region — PLUS") }
    var ambitoTitle: String { pick("Ambito PLUS", "PLUS Ambito") }
    var year: String { pick("anno", "year") }
    var reportOf: String { pick("Rapporto di consolidamento", "Consolidation report") }
    var generated: String { pick("Dati aggiornati al", "Data as of") }
    var rules: String { pick("Regole", "Rule set") }
    var deliberation: String { pick("Deliberazione", "Deliberation") }
    var fund: String { pick("Fondo regionale", "Regional fund") }
    var summary: String { pick("Sintesi", "Summary") }
    var submissions: String { pick("Invii degli enti", "Submissions") }
    var missing: String { pick("Enti che non hanno ancora inviato", "Enti that have not submitted yet") }
    var noneMissing: String { pick("Tutti gli enti hanno inviato.", "Every ente has submitted.") }
    var ente: String { pick("Ente", "Ente") }
    var file: String { pick("File", "File") }
    var received: String { pick("Ricevuto", "Received") }
    var outcome: String { pick("Esito", "Outcome") }
    var notSubmitted: String { pick("non inviato", "not submitted") }
    var accepted: String { pick("accettato", "accepted") }
    var noSheetAccepted: String { pick("nessuna scheda accettata", "no sheet accepted") }
    var sheetRefused: String { pick("la sua scheda è stata rifiutata", "its sheet was refused") }
    /// A sheet refused whole, after the current one or in place of one.
    func refusedSheet(_ file: String, at time: String, afterCurrent: Bool) -> String {
        afterCurrent
            ? pick("poi «\(file)» RIFIUTATO il \(time): vale ancora il precedente", "then “\(file)” REFUSED on \(time): the one before still stands")
            : pick("«\(file)» RIFIUTATO il \(time)", "“\(file)” REFUSED on \(time)")
    }
    /// One of the Ambito's own sheets refused whole, and the version that still stands, if any.
    func refusedSheet(_ file: String, at time: String, standing: String?) -> String {
        pick("«\(file)» RIFIUTATO il \(time): " + (standing.map { "vale ancora «\($0)»" } ?? "nessuna versione accettata"),
             "“\(file)” REFUSED on \(time): " + (standing.map { "“\($0)” still stands" } ?? "no version accepted"))
    }
    func rejectedRows(_ count: Int) -> String { pick("\(count) righe scartate", "\(count) rows rejected") }
    /// The outcome of a sheet taken with warnings, each named by its title: `accettato, con avvisi:
    /// Riga di sezione (CSV044)`.
    func acceptedWithWarnings(_ codes: [String]) -> String {
        let named = codes.map { ProblemCatalog.imports.named($0, in: language) }.joined(separator: ", ")
        return pick("accettato, con avvisi: \(named)", "accepted, with warnings: \(named)")
    }
    var findings: String { pick("Rilievi", "Findings") }
    var noFindings: String { pick("Nessun rilievo.", "No findings.") }
    var deliberationFindings: String { pick("Rilievi sulla deliberazione regionale", "Findings on the regional deliberation") }
    var service: String { pick("Servizio", "Service") }
    var general: String { pick("Ambito e invii", "Ambito and submissions") }
    var code: String { pick("Codice", "Code") }
    var severity: String { pick("Gravità", "Severity") }
    var message: String { pick("Descrizione", "Description") }
    var expected: String { pick("Atteso", "Expected") }
    var found: String { pick("Trovato", "Found") }
    var difference: String { pick("Differenza", "Difference") }
    var source: String { pick("Fonte", "Source") }
    var charts: String { pick("Grafici", "Charts") }
    /// In place of a total that could not be added up (``AmbitoSection/amountsOutOfRange``).
    var outOfRange: String { pick("fuori scala", "out of range") }
    /// A status that also says the amounts were not added up (``RegionalRollup/status(of:language:)``).
    var amountsOutOfRangeShort: String { pick("importi fuori scala", "amounts out of range") }
    var amountsOutOfRange: String {
        pick("Alcuni importi sono fuori scala (R404, tra i rilievi): i totali, il confronto tra dichiarato e pianificato e quello con l'anno precedente non sono calcolati. Correggere gli importi e reinviare la scheda.",
             "Some amounts are out of range (R404, among the findings): the totals, the declared-vs-planned comparison and the one with the year before are not computed. Correct the amounts and send the sheet again.")
    }
    func servicesNotShown(_ count: Int) -> String {
        let number = Money.grouped(String(count), by: language == .it ? "." : ",")
        return pick("E altri \(number) servizi, non mostrati (i totali li comprendono).", "And \(number) more services, not shown (the totals include them).")
    }
    func findingsNotListed(_ code: String, _ count: Int) -> String {
        let number = Money.grouped(String(count), by: language == .it ? "." : ",")
        return pick("\(code): e altri \(number) come questo, non elencati (contati nel riepilogo).", "\(code): and \(number) more like this, not listed (counted in the summary).")
    }
    func allocationsNotShown(_ count: Int) -> String {
        let number = Money.grouped(String(count), by: language == .it ? "." : ",")
        return pick("E altri \(number) Ambiti, non mostrati (sono nel report della regione).", "And \(number) more Ambiti, not shown (the region's report has them).")
    }
    /// The note on a large region's page, which draws no Ambito's own charts: where they are,
    /// `linked` from the table of Ambiti (`plus run`) or written by `plus report --ambito`.
    func ambitoChartsOnTheirPages(linked: Bool) -> String {
        linked
            ? pick("I grafici dei servizi e degli importi dichiarati di ciascun Ambito sono nella pagina dell'Ambito, collegata dalla tabella degli Ambiti.",
                   "Each Ambito's service and declaration charts are on the Ambito's own page, linked from the table of Ambiti.")
            : pick("I grafici dei servizi e degli importi dichiarati di ciascun Ambito sono nella pagina dell'Ambito (plus report --ambito CODICE).",
                   "Each Ambito's service and declaration charts are on the Ambito's own page (plus report --ambito CODE).")
    }
    var allocationChart: String { pick("Riparto del Fondo regionale per Ambito", "Regional fund allocation by Ambito") }
    var equalShare: String { pick("Quota in parti uguali", "Equal share") }
    var populationShare: String { pick("Quota per popolazione", "Population share") }
    var udpShare: String { pick("Quota Ufficio di Piano", "UdP share") }
    var fundingChart: String { pick("Fonti di finanziamento per servizio", "Funding sources by service") }
    var declaredChart: String { pick("Dichiarato e previsto per ente", "Declared and planned per ente") }
    var declared: String { pick("Dichiarato", "Declared") }
    var planned: String { pick("Previsto dal piano", "Planned") }
    var ambito: String { pick("Ambito", "Ambito") }
    var ambiti: String { pick("Ambiti", "Ambiti") }
    var submitted: String { pick("Hanno inviato", "Submitted") }
    var status: String { pick("Stato", "Status") }
    var validates: String { pick("in regola", "validates") }
    var noSubmissions: String { pick("nessun invio", "no submissions") }
    func errors(_ count: Int) -> String { count == 1 ? pick("1 errore", "1 error") : pick("\(count) errori", "\(count) errors") }
    /// The one line that stands for an Ambito's missing enti on the region's page.
    func missingEnti(_ count: Int) -> String {
        count == 1 ? pick("1 ente mancante", "1 ente missing") : pick("\(count) enti mancanti", "\(count) enti missing")
    }
    func warnings(_ count: Int) -> String { count == 1 ? pick("1 avviso", "1 warning") : pick("\(count) avvisi", "\(count) warnings") }
    var errorsHeading: String { pick("Errori", "Errors") }
    var warningsHeading: String { pick("Avvisi", "Warnings") }
    var totalCost: String { pick("Costo totale", "Total cost") }
    var allocated: String { pick("Fondo assegnato", "Fund allocated") }
    var fundPlanned: String { pick("Fondo nel piano", "Fund planned") }
    var total: String { pick("Totale", "Total") }
    var closed: String { pick("annualità chiusa", "year closed") }
    var entiSubmitted: String { pick("enti hanno inviato", "enti submitted") }
    var lastReceived: String { pick("ultimo invio", "last on") }
    var missingShort: String { pick("mancano", "missing") }
    var deliberationErrorsOnly: String { pick("errori nella deliberazione", "errors in the deliberation") }
    var indicators: String { pick("Indicatori di monitoraggio", "Monitoring indicators") }
    var indicator: String { pick("Indicatore", "Indicator") }
    var fundStatements: String { pick("Rendiconti dei fondi", "Fund statements") }
    var statedFund: String { pick("Fondo", "Fund") }
    var assigned: String { pick("Assegnato", "Assigned") }
    var carriedOver: String { pick("Residuo anni precedenti", "Carried over") }
    var used: String { pick("Utilizzato", "Used") }
    var residual: String { pick("Residuo", "Residual") }
    var act: String { pick("Atto", "Act") }
    var balances: String { pick("Quadra", "Balances") }
    var yes: String { pick("sì", "yes") }
    var no: String { pick("no", "no") }
    var unit: String { pick("Unità", "Unit") }
    var target: String { pick("Obiettivo", "Target") }
    var actual: String { pick("Rilevato", "Actual") }
    /// The heading of the comparison with the year before.
    func comparedWith(_ year: Int) -> String { pick("Rispetto al \(year)", "Compared with \(year)") }
    var noChange: String { pick("Nessuna variazione del piano.", "No change in the plan.") }
    var footer: String {
        pick("Generato da plus. Documento autonomo: nessuna risorsa esterna.",
             "Generated by plus. Self-contained document: no external resources.")
    }
}
