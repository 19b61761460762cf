import ArgumentParser
import Foundation
import Logging
import PlusExport
import PlusModel
import PlusPipeline
import PlusStore
import PlusValidation

/// `plus demo`: the whole job, end to end, on the shipped sample data.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: Help.text(
            it: "Esegue l'intero processo sui dati di esempio (SampleData/) in una cartella di lavoro nuova.",
            en: "Runs the whole process on the sample data (SampleData/) in a new work folder."),
        discussion: Help.text(it: """
            Copia i dati di riferimento, le deliberazioni regionali e le schede dell'Ambito di Oristano da \
            SampleData/ in WORKDIR/inbox, esegue `plus run` con il registro WORKDIR/plus.sqlite e l'output \
            in WORKDIR/out, poi mostra `plus status` e il rapporto di verifica di Oristano 2019.
            """, en: """
            Copies the reference data, the regional deliberations and the Oristano Ambito's sheets from \
            SampleData/ into WORKDIR/inbox, runs `plus run` with the store WORKDIR/plus.sqlite and the \
            output WORKDIR/out, then shows `plus status` and the Oristano 2019 validation report.
            """))

    @Option(name: .long, help: Help.argument(
        it: "La cartella dei dati di esempio.",
        en: "The sample data folder."))
    var sampleData: String = "SampleData"

    @Option(name: .long, help: Help.argument(
        it: "La cartella di lavoro (svuotata prima di iniziare).",
        en: "The work folder (emptied first)."))
    var workdir: String = ".plus-demo"

    @OptionGroup var options: CommonOptions

    func run() throws {
        let fileManager = FileManager.default
        let work = URL.resolvedFile(workdir, isDirectory: true)
        let inbox = work.appendingPathComponent("inbox", isDirectory: true)
        try? fileManager.removeItem(at: work)
        try fileManager.createDirectory(at: inbox, withIntermediateDirectories: true)
        for folder in ["riferimento", "deliberazioni", "oristano"] {
            let source = URL.resolvedFile(sampleData).appendingPathComponent(folder)
            guard let names = try? fileManager.contentsOfDirectory(atPath: source.path) else {
                CLI.fail(LocalizedText(it: "dati di esempio non trovati: \(source.path)", en: "sample data not found: \(source.path)")[options.lang], code: ExitCodes.usage)
            }
            // The broken deliberation and the same 2019 act in another layout stay out of the demo.
            for name in names.sorted() where name.hasSuffix(".csv") || (name.hasPrefix("dgr-") && name.hasSuffix(".xml") && !name.contains("errata")) {
                try fileManager.copyItem(at: source.appendingPathComponent(name), to: inbox.appendingPathComponent(name))
            }
        }
        let settings = Settings(
            store: work.appendingPathComponent("plus.sqlite").path, rules: nil, mappings: options.mappings, language: options.lang)
        let out = work.appendingPathComponent("out").path
        let summary = try RunCommand.execute(
            inbox: inbox.path, out: out, formats: [.dataPackage, .italianCSV, .xml], logLevel: .warning, settle: 0,
            settings: settings)
        print(try JSONOutput.encodeObject(summary, pretty: false))
        let (_, store, validator) = try CLI.workspace(settings, .create)
        print("")
        print(StatusReport.render(try StatusReport.build(store: store, validator: validator, ambito: "OR", year: 2019), language: options.lang))
        if let year = try store.ambitoYear(ambito: "OR", year: 2019) {
            print("")
            print(validator.validate(year).renderText(language: options.lang))
        }
        print("")
        print(options.lang == .it ? "Risultati in \(out)" : "Results in \(out)")
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
