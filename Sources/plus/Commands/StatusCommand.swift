import ArgumentParser
import Foundation
import PlusModel
import PlusExport
import PlusPipeline
import PlusReport
import PlusStore
import PlusValidation

/// `plus status`: who has submitted, per Ambito and year, and whether the Ambito validates.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: Help.text(
            it: "Mostra, per Ambito e anno, quali enti hanno inviato i dati, quando, con quante righe scartate, e se l'Ambito è in regola.",
            en: "Shows, per Ambito and year, which enti have submitted their data, when, with how many rejected rows, and whether the Ambito is in order."),
        discussion: Help.text(it: """
            Con --region --year AAAA: il riepilogo regionale, una riga per Ambito (enti che hanno inviato e \
            quando, stato, errori e avvisi dell'Ambito, costo totale, fondo assegnato dalla deliberazione e \
            fondo nel piano), i totali della regione e, una sola volta, i rilievi sulla deliberazione. \
            Con --format json stampa gli stessi dati; con --csv FILE scrive anche le righe per un foglio di calcolo \
            (formato italiano: `;`, virgola decimale). Un Ambito senza alcuna scheda non è mai "in regola".
            """, en: """
            With --region --year YYYY: the region's roll-up, one line per Ambito (enti that submitted and \
            when, status, the Ambito's own errors and warnings, total cost, fund allocated by the \
            deliberation and fund in the plan), the region's totals, and the deliberation's findings once. \
            --format json prints the same data; --csv FILE also writes the lines for a spreadsheet \
            (Italian dialect: `;`, decimal comma). An Ambito with no sheet is never "in regola".
            """))

    @Option(name: .long, help: Help.argument(
        it: "Solo questo Ambito.",
        en: "Only this Ambito."))
    var ambito: String?

    @Option(name: .long, help: Help.argument(
        it: "Solo questo anno.",
        en: "Only this year."))
    var year: Int?

    @Flag(name: .long, help: Help.argument(
        it: "Il riepilogo regionale per --year: una riga per Ambito, i totali, i rilievi sulla deliberazione.",
        en: "The region's roll-up for --year: one line per Ambito, totals, the deliberation's findings."))
    var region = false

    @Option(name: .long, help: Help.argument(
        it: "Con --region: scrive anche le righe del riepilogo in questo file CSV.",
        en: "With --region: also write the roll-up's lines as CSV to this file.", valueName: "file"))
    var csv: String?

    @Flag(name: .long, help: Help.argument(
        it: "Elenca anche ogni versione della scheda di ciascun ente: ora, file, checksum, conteggi, stato.",
        en: "Also list every version of each ente's sheet: time, file, checksum, counts, status."))
    var history = false

    @Flag(name: .long, help: Help.argument(
        it: "Esegue prima il controllo di integrità completo di SQLite sul registro (codice di uscita 70 se è danneggiato).",
        en: "First run SQLite's full integrity check of the store (exit code 70 if damaged)."))
    var check = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: CommonOptions

    func run() throws {
        let settings = Settings(store: storeOptions, common: options)
        let (_, store, validator) = try CLI.workspace(settings)
        if check {
            try store.integrityCheck()
            if options.format == .text {
                print(LocalizedText(it: "Controllo di integrità dell'archivio: nessun danno.", en: "Store integrity check: no damage.")[options.lang])
            }
        }
        if region { return try runRegion(settings: settings, store: store, validator: validator) }
        try CLI.requireKnown(ambito: ambito, year: year, in: store, settings)
        let rows = try StatusReport.build(store: store, validator: validator, ambito: ambito, year: year, includeHistory: history)
        switch options.format {
        case .json: print(try JSONOutput.encode(rows))
        case .text:
            print(StatusReport.render(rows, language: options.lang))
            // The plan the reference data list for the Ambito-year, if they list the Ambito's plans.
            if let ambito, let year, let (current, _) = try store.ambitoYearInBatches(ambito: ambito, year: year) {
                if let listed = ListedPlan.summary(of: current.listedPlans, year: year) { print(listed[options.lang]) }
                // One Ambito-year with the year before in the store: what changed, by service and ente.
                if let comparison = try YearComparison(store: store, ambito: ambito, year: year) {
                    print(comparison.render(language: options.lang))
                }
            }
        }
    }

    func validate() throws {
        if region && (year == nil || ambito != nil) {
            throw ValidationError(options.lang == .it
                ? "--region vuole --year ANNO e nessun --ambito"
                : "--region needs --year YEAR and no --ambito")
        }
        if csv != nil && !region {
            throw ValidationError(options.lang == .it ? "--csv vale solo con --region" : "--csv only goes with --region")
        }
    }

    private func runRegion(settings: Settings, store: some PlanStore, validator: Validator) throws {
        let year = self.year!
        guard let model = try ReportBuilder(store: store, validator: validator, language: options.lang).region(year: year) else {
            CLI.fail(LocalizedText(
                it: "nessun dato per l'anno \(year) nel registro \(settings.store)",
                en: "no data for year \(year) in store \(settings.store)")[options.lang], code: ExitCodes.usage)
        }
        let rollup = RegionalRollup(model: model)
        if let csv {
            // A write that fails is a fault: `main` names the path and the cause, exit code 70.
            try CSVWriter(dialect: .italian).write(rollup.dataset(language: options.lang), to: URL.resolvedFile(csv))
        }
        switch options.format {
        case .json: print(String(decoding: try rollup.jsonData(), as: UTF8.self))
        case .text: print(rollup.text(language: options.lang))
        }
    }
}
