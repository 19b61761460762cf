import ArgumentParser
import Foundation
import PlusModel
import PlusStore

/// `plus close --ambito CODE --year YYYY`: the Ufficio di Piano closes (or reopens) a plan year.
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: Help.text(
            it: "Chiude (o riapre con --reopen) l'anno di piano di un Ambito: da chiuso, un invio mancante è un errore.",
            en: "Closes (or with --reopen reopens) an Ambito's plan year: once closed, a missing submission is an error."),
        discussion: Help.text(it: """
            Finché l'anno di piano è aperto, un ente che non ha inviato i dati è un avviso (R302); una volta \
            chiuso, è un errore. Il `plus run` successivo riverifica l'Ambito-anno. Codice di uscita 0: fatto; \
            64: uso errato (registro inesistente, Ambito sconosciuto o anno senza dati); 70: impossibile scrivere il registro.
            """, en: """
            While a plan year is open, a member that has not submitted is a warning (R302); once it is \
            closed, it is an error. The next `plus run` re-validates the Ambito-year. Exit code 0: done; \
            64: wrong usage (no such store, Ambito or year with data); 70: the store could not be written.
            """))

    @Option(name: .long, help: Help.argument(
        it: "Il codice dell'Ambito, per esempio OR.",
        en: "The Ambito's code, e.g. OR."))
    var ambito: String

    @Option(name: .long, help: Help.argument(
        it: "L'anno, per esempio 2019.",
        en: "The year, e.g. 2019."))
    var year: Int

    @Flag(name: .long, help: Help.argument(
        it: "Riapre l'anno invece di chiuderlo.",
        en: "Reopen instead of closing."))
    var reopen = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: CommonOptions

    func run() throws {
        let settings = Settings(store: storeOptions, common: options)
        let store = try CLI.open(settings)
        try CLI.requireKnown(ambito: ambito, year: year, in: store, settings)
        try store.setClosed(ambito: ambito, year: year, closed: !reopen)
        let state = reopen ? LocalizedText(it: "riaperto", en: "reopened") : LocalizedText(it: "chiuso", en: "closed")
        print("\(ambito) \(year): \(state[options.lang])")
    }
}
