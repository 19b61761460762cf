import ArgumentParser
import Foundation
import PlusModel
import PlusPipeline
import PlusReport
import PlusStore

/// `plus report`: the HTML report of an Ambito-year or of a region-year, for people.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: Help.text(
            it: "Scrive il rapporto HTML di un Ambito-anno o della regione per un anno: invii, enti mancanti, rilievi, grafici.",
            en: "Writes the HTML report of an Ambito-year or of the region for a year: submissions, missing enti, findings, charts."),
        discussion: Help.text(it: """
            Un unico file HTML autosufficiente (nessun accesso alla rete: stili interni, grafici in SVG \
            incorporato): chi ha inviato i dati, quando e con quale esito, chi manca, ogni rilievo con valore \
            atteso, trovato e differenza e la sua origine, il riparto del fondo per Ambito, le fonti di \
            finanziamento di ogni servizio e gli importi dichiarati rispetto a quelli programmati per ente. Date in \
            ora italiana (Europe/Rome), importi come 1.234,56 €. Con --format json stampa i dati del rapporto al \
            posto della pagina. `plus run` scrive gli stessi rapporti sotto --out: AMBITO-ANNO/report.html e \
            regione-ANNO.html. Codice di uscita 0, oppure 64 per un Ambito-anno che il registro non contiene.
            """, en: """
            One self-contained HTML file (no network: styles inline, charts as inline SVG): who has \
            submitted, when and with what result, who is missing, every finding with expected, found and \
            difference and its source, the fund allocation by Ambito, each service's funding sources and \
            declared against planned amounts per ente. Dates in Italian time (Europe/Rome), amounts as \
            €1,234.56 (1.234,56 € in Italian). --format json prints the report's data instead of the page. `plus run` writes the \
            same reports under --out: AMBITO-YEAR/report.html and regione-YEAR.html. Exit code 0, or 64 \
            for an Ambito-year the store does not hold.
            """))

    @OptionGroup var scope: ScopeOptions

    @Option(name: .long, help: Help.argument(
        it: "Scrive l'HTML (o il JSON) in questo file invece che sullo standard output.",
        en: "Write the HTML (or JSON) to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: CommonOptions

    func run() throws {
        let settings = Settings(store: storeOptions, common: options)
        let (_, store, validator) = try CLI.workspace(settings)
        let builder = ReportBuilder(store: store, validator: validator, language: options.lang)
        let (ambito, year) = (scope.ambito, scope.year)
        let model = try ambito.map { try builder.ambito($0, year: year) } ?? builder.region(year: year)
        guard let model else {
            let what = ambito.map { LocalizedText(it: "per l'Ambito \($0)", en: "for Ambito \($0)") }
                ?? LocalizedText(it: "per nessun Ambito", en: "for any Ambito")
            CLI.fail(LocalizedText(
                it: "nessun dato \(what.it) nell'anno \(year) nel registro \(settings.store)",
                en: "no data \(what.en) in year \(year) in store \(settings.store)")[options.lang], code: ExitCodes.usage)
        }
        let data = options.format == .json ? try model.jsonData() : ReportPage(model: model).data()
        if let out {
            // A write that fails is a fault: `main` names the path and the cause, exit code 70.
            try AtomicFile.write(data, to: URL.resolvedFile(out))
        } else {
            FileHandle.standardOutput.write(data)
            if options.format == .json { FileHandle.standardOutput.write(Data("\n".utf8)) }
        }
    }
}
