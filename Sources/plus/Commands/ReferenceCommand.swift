import ArgumentParser
import Foundation
import PlusModel
import PlusPipeline

/// `plus reference diff FILE`: what a reference file would change, before `plus run` applies it.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: Help.text(
            it: "Dati di riferimento (elenco ISTAT dei Comuni, popolazioni, Ambiti): cosa cambierebbe un file nuovo.",
            en: "Reference data (ISTAT's list of Comuni, populations, Ambiti): what a new file would change."),
        subcommands: [ReferenceDiffCommand.self])
}

/// `plus reference diff FILE`: reads a reference file as `plus run` would and compares it with the store, storing nothing.
struct ReferenceDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: Help.text(
            it: "Mostra cosa cambierebbe un file di riferimento rispetto al registro, senza salvarlo.",
            en: "Shows what a reference file would change in the store, without storing it."),
        discussion: Help.text(it: """
            Il file è riconosciuto come lo riconosce `plus run`. Elenca i Comuni nuovi, rinominati, con nuovo \
            codice o provincia, confluiti in fusioni o non più presenti rispetto all'elenco nel registro, e ogni \
            Ambito i cui Comuni o la cui popolazione (per annata) cambierebbero: quelli che `plus run` \
            validerà di nuovo. Codice di uscita 0: anteprima fatta; 2: file scartato o non di riferimento; \
            64: uso errato (registro inesistente); 74: impossibile leggere il file.
            """, en: """
            The file is recognised as `plus run` recognises it. Lists the Comuni new, renamed, with a new code \
            or province, merged or no longer listed since the list in the store, and each Ambito whose Comuni \
            or population (per vintage) would change: those `plus run` will validate again. Exit code 0: \
            preview made; 2: the file is rejected or not reference data; 64: wrong usage (no such store); \
            74: the file could not be read.
            """))

    @Argument(help: Help.argument(
        it: "Il file di riferimento (ad es. Elenco-comuni-italiani.csv).",
        en: "The reference file (e.g. Elenco-comuni-italiani.csv)."))
    var file: String

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: CommonOptions

    func run() throws {
        let language = options.lang
        let settings = Settings(store: storeOptions, common: options)
        guard FileManager.default.isReadableFile(atPath: file) else {
            CLI.fail(LocalizedText(it: "file non leggibile: \(file)", en: "cannot read the file: \(file)")[language], code: ExitCodes.ioError)
        }
        let store = try CLI.open(settings)
        let fileImport = try FileImport(library: try CLI.library(settings))
        let url = URL.resolvedFile(file)
        let outcome = try fileImport.run(url, as: try fileImport.recognise(url))
        guard case .imported(let result, let target) = outcome, FileImport.isReferenceTarget(target), result.status != .rejected else {
            let reason: String = switch outcome {
            case .unrecognised(let reason, _, _): reason[language]
            case .imported(let result, let target) where FileImport.isReferenceTarget(target):
                ImportSummaryText.render(result, language: language)
            case .imported(let result, _):
                LocalizedText(it: "«\(file)» non è un file di riferimento (mappatura \(result.mapping))",
                              en: "“\(file)” is not a reference file (mapping \(result.mapping))")[language]
            }
            FileHandle.standardError.write(Data(("plus: " + reason + "\n").utf8))
            throw ExitCodes.fileRejected
        }
        let preview = try ReferencePreview(result, store: store)
        switch options.format {
        case .text: print(preview.renderText(language: language), terminator: "")
        case .json: print(try JSONOutput.encode(preview))
        }
    }
}
