import ArgumentParser
import Foundation
import PlusModel
import PlusPipeline
import PlusStore
import PlusValidation

/// `plus validate --ambito CODE --year YYYY`: checks that an Ambito-year adds up.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: Help.text(
            it: "Verifica che i conti di un Ambito in un anno tornino (riparto, dichiarazioni, fondo regionale).",
            en: "Checks that an Ambito's accounts for a year add up (cost split, declarations, regional fund)."),
        discussion: Help.text(it: """
            Legge dal registro gli invii in vigore e applica ogni regola dell'insieme di regole. \
            Il rapporto raggruppa le anomalie per servizio ed ente, con valore atteso, trovato e differenza \
            e con l'origine di ogni importo. Codice di uscita 0: nessun errore; 1: errori trovati; 64: uso errato \
            (Ambito-anno sconosciuto); 70: impossibile leggere il registro.
            """, en: """
            Reads the current submissions from the store and runs every rule of the rule set. \
            The report groups failures by service and ente, with expected, found and difference \
            and where each number came from. Exit code 0: no errors; 1: errors found; 64: wrong usage \
            (unknown Ambito-year); 70: the store could not be read.
            """))

    @Option(name: .long, help: Help.argument(
        it: "Il codice dell'Ambito, per esempio OR.",
        en: "The Ambito's code, e.g. OR."))
    var ambito: String

    @Option(name: .long, help: Help.argument(
        it: "L'anno, per esempio 2019.",
        en: "The year, e.g. 2019."))
    var year: Int

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: CommonOptions

    func run() throws {
        let settings = Settings(store: storeOptions, common: options)
        let (_, store, validator) = try CLI.workspace(settings)
        try CLI.requireKnown(ambito: ambito, year: year, in: store, settings)
        // The services are read in batches, as plus run's validation reads them: never the year whole.
        guard let (ambitoYear, services) = try store.ambitoYearInBatches(ambito: ambito, year: year) else {
            CLI.fail(LocalizedText(
                it: "nessun dato per l'Ambito \(ambito) nell'anno \(year) nel registro \(settings.store)",
                en: "no data for Ambito \(ambito) in year \(year) in store \(settings.store)")[options.lang], code: ExitCodes.usage)
        }
        let report = try validator.validate(ambitoYear, services: services, comparingClaimsIn: store)
        switch options.format {
        case .text: print(report.renderText(language: options.lang))
        case .json: print(try JSONOutput.encode(report))
        }
        if report.hasErrors { throw ExitCodes.dataErrors }
    }
}
