import ArgumentParser
import Foundation
import PlusModel
import PlusPipeline
import PlusStore
import PlusValidation

/// `plus status`: who has submitted, per Ambito and year, and whether the Ambito validates.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Mostra, per Ambito e anno, quali enti hanno inviato i dati, quando, con quante righe scartate, e se l'Ambito è in regola.")

    @Option(name: .long, help: "Only this Ambito.")
    var ambito: String?

    @Option(name: .long, help: "Only this year.")
    var year: Int?

    @Flag(name: .long, help: "Also list every version of each ente's sheet: time, file, checksum, counts, status.")
    var history = false

    @Flag(name: .long, help: "First run SQLite's full integrity check of the store (exit code 70 if damaged).")
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
        try CLI.requireKnown(ambito: ambito, year: year, in: store, settings)
        let rows = try StatusReport.build(store: store, validator: validator, ambito: ambito, year: year, includeHistory: history)
        switch options.format {
        case .json: print(try JSONOutput.encode(rows))
        case .text: print(StatusReport.render(rows, language: options.lang))
        }
    }
}
