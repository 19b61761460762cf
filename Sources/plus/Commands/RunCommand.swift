import ArgumentParser
import Foundation
import Logging
import PlusExport
import PlusModel
import PlusPipeline
import PlusReport
import PlusStore
import PlusValidation

/// `plus run --inbox DIR`: the batch and cron job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: Help.text(
            it: "Importa i file nuovi della cartella di arrivo, li archivia, riverifica ed esporta gli Ambiti cambiati.",
            en: "Imports the new files in the inbox folder, archives them, re-validates and exports the Ambiti that changed."),
        discussion: Help.text(it: """
            I file sono presi nell'ordine di arrivo (data di modifica, poi nome): una correzione inviata \
            dopo sostituisce la versione precedente. Ogni file della cartella di arrivo è associato a una mappatura \
            (dall'intestazione e dal nome del file, o dalla radice XML), salvato come invio e spostato in archive/ \
            (o in rejected/ con un file .reason); accanto vengono scritti una ricevuta, NOME.ricevuta.json e \
            NOME.ricevuta.txt (checksum, mappatura, conteggi, esito, cosa ha sostituito, ora), e NOME.scarti.csv \
            con le righe scartate, se ce ne sono. Una nuova versione che perde voci della precedente, o cala di \
            oltre --max-shrink per cento, viene salvata con un avviso (RUN010); due versioni della stessa scheda \
            nella stessa esecuzione danno RUN011. Con --ambito, la scheda di un ente esterno a quell'Ambito è \
            rifiutata (RUN020). Poi ogni Ambito-anno cambiato viene verificato ed esportato sotto --out. Sicuro \
            con cron: un blocco impedisce esecuzioni sovrapposte e un'esecuzione interrotta si può semplicemente \
            rilanciare. L'ultima riga è un riepilogo JSON con i conteggi e l'esito di ogni file. Codice di uscita \
            0: tutto in ordine; 1: righe scartate, o errori in qualche Ambito-anno; 2: qualche file scartato per \
            intero; 3: un'altra esecuzione detiene il blocco; 64: uso errato; 70: impossibile scrivere il \
            registro o un output.

            Chi carica i file: li scriva con un nome che il processo ignora (NOME.part, NOME.tmp o un nome \
            nascosto .NOME) e li rinomini col nome definitivo a caricamento concluso. Un file modificato da meno \
            di --settle secondi, o tenuto aperto in scrittura da un processo (Linux), resta per un'esecuzione \
            successiva; uno che cambia mentre viene letto rimane nella cartella e viene riletto. Si leggono solo \
            file regolari: un collegamento simbolico, una FIFO, un socket, un dispositivo, una cartella, un file \
            illeggibile o un nome che non è UTF-8 semplice va in rejected/ con un file .reason (codici \
            INB001-INB006), e il resto della cartella viene comunque importato.
            """, en: """
            Files are taken in the order they arrived (modification time, then name): a correction sent \
            later replaces the earlier version. Every file in the inbox is matched to a mapping (by header \
            and file name, or XML root), stored as a submission, and moved to archive/ (or rejected/ with a \
            .reason file); beside it go a receipt, NAME.ricevuta.json and NAME.ricevuta.txt (checksum, \
            mapping, counts, verdict, what it replaced, the time), and NAME.scarti.csv with the rejected \
            rows, if any. A new version that drops items of the previous one, or shrinks by more than \
            --max-shrink percent, is stored with a warning (RUN010); two versions of one sheet in one run \
            give RUN011. With --ambito, a sheet from an ente outside that Ambito is refused (RUN020). Then \
            every Ambito-year that changed is validated and exported under --out. Safe under cron: a lock \
            keeps runs from overlapping and an interrupted run can simply be run again. The last line is a \
            JSON summary with every file's counts and verdict. Exit code 0: all good; 1: rows were \
            rejected, or some Ambito-year has errors; 2: some file was rejected whole; 3: another run holds \
            the lock; 64: wrong usage; 70: the store or an output could not be written.

            Uploaders: write each file under a name the job skips (NAME.part, NAME.tmp or a hidden .NAME) \
            and rename it to its final name once complete. A file modified less than --settle seconds ago, \
            or held open for writing by a process (Linux), is left for a later run; one that changes while \
            it is read stays in the inbox and is read again. Only regular files are read: a symlink, FIFO, \
            socket, device, folder, unreadable file or a name that is not plain UTF-8 is moved to rejected/ \
            with a .reason file (codes INB001-INB006), and the rest of the inbox is still imported.
            """))

    @Option(name: .long, help: Help.argument(
        it: "La cartella di arrivo.",
        en: "The inbox folder."))
    var inbox: String

    @Option(name: .long, help: Help.argument(
        it: "Dove vanno i dati consolidati e i rapporti.",
        en: "Where consolidated datasets and reports go."))
    var out: String = "out"

    @Option(name: [.customLong("dataset-format"), .customLong("export-format")], parsing: .upToNextOption, help: Help.argument(
        it: "Formati dei dati da esportare: csv, csv-it, json, jsonl, datapackage, xml. (--export-format è la vecchia grafia, superata: sparirà nella prossima versione.)",
        en: "Dataset formats to export: csv, csv-it, json, jsonl, datapackage, xml. (--export-format is the old spelling, deprecated: it goes in the next version.)", valueName: "format"))
    var exportFormat: [ExportFormat] = [.dataPackage, .italianCSV, .xml]

    @Option(name: .long, help: Help.argument(
        it: "Secondi per cui un file deve restare invariato prima di essere preso (i caricamenti in corso attendono).",
        en: "Seconds a file must have been left unmodified before it is taken (uploads in progress wait)."))
    var settle: Double = 60

    @Option(name: .long, help: Help.argument(
        it: "Livello del log: trace, debug, info, notice, warning, error, critical.",
        en: "Log level: trace, debug, info, notice, warning, error, critical."))
    var logLevel: Logger.Level = .notice

    @Option(name: .long, help: Help.argument(
        it: "L'Ambito a cui appartiene questa cartella di arrivo: le schede di enti che non ne fanno parte sono rifiutate (RUN020).",
        en: "The Ambito this inbox belongs to: sheets from enti that are not its members are refused (RUN020).", valueName: "code"))
    var ambito: String?

    @Option(name: .customLong("max-shrink"), help: Help.argument(
        it: "Avvisa (RUN010) quando il totale di una nuova versione di una scheda scende di oltre PERCENT per cento rispetto alla versione che sostituisce.",
        en: "Warn (RUN010) when a new version of a sheet totals more than PERCENT less than the one it replaces.", valueName: "percent"))
    var maxShrink: Int = 50

    @Option(name: .long, help: Help.argument(
        it: "Righe scartate ammesse prima che il file sia scartato per intero (predefinito: max_rejected della mappatura, altrimenti 1000).",
        en: "Rejected rows a file may have before it is rejected whole (default: the mapping's max_rejected, else 1000)."))
    var maxRejected: Int?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: CommonOptions

    func run() throws {
        guard (0...100).contains(maxShrink) else {
            throw ValidationError(options.lang == .it
                ? "--max-shrink: serve una percentuale da 0 a 100, trovato \(maxShrink)"
                : "--max-shrink: a percentage from 0 to 100 is expected, found \(maxShrink)")
        }
        guard settle >= 0, settle.isFinite else {
            throw ValidationError(options.lang == .it ? "--settle vuole un numero di secondi >= 0" : "--settle takes a number of seconds >= 0")
        }
        DeprecatedSpelling.warn(old: "--export-format", new: "--dataset-format", language: options.lang)
        let summary = try Self.execute(
            inbox: inbox, out: out, formats: exportFormat, logLevel: logLevel, settle: settle, settings: Settings(store: storeOptions, common: options),
            ambito: ambito, maxShrinkPercent: maxShrink, maxRejected: maxRejected)
        // An object: encoded once with its version (``JSONOutput/encodeObject(_:pretty:)``), not once to
        // see what it is and again with it: for an Italy-year's ten thousand files, 0.46 s at the run's end became 0.22 s.
        print(try JSONOutput.encodeObject(summary, pretty: false))
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    static func execute(
        inbox: String, out: String, formats: [ExportFormat], logLevel: Logger.Level, settle: TimeInterval = 60,
        settings: Settings, ambito: String? = nil, maxShrinkPercent: Int = 50, maxRejected: Int? = nil
    ) throws -> RunSummary {
        let language = settings.language
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox, isDirectory: &isDirectory), isDirectory.boolValue else {
            CLI.fail(LocalizedText(it: "cartella di arrivo non trovata: \(inbox)", en: "inbox folder not found: \(inbox)")[language], code: ExitCodes.usage)
        }
        guard let lock = try RunLock.acquire(at: settings.store + ".lock") else {
            CLI.fail(LocalizedText(
                it: "un'altra esecuzione è in corso (blocco \(settings.store).lock)",
                en: "another run is in progress (lock \(settings.store).lock)")[language], code: ExitCodes.locked)
        }
        defer { lock.release() }
        let (library, store, validator) = try CLI.workspace(settings, .create)
        CLI.bootstrapLogging
        var logger = Logger(label: "plus.run")
        logger.logLevel = logLevel
        var consolidation = Consolidation(
            store: store, validator: validator, outputDirectory: URL.resolvedFile(out, isDirectory: true),
            formats: formats, language: language)
        let inboxFolder = InboxFolder(url: URL.resolvedFile(inbox, isDirectory: true), settle: settle)
        // The HTML reports are written by the workers that consolidate, from the years they hold.
        var reports = ReportWriter(
            store: store, validator: validator, language: language, outputDirectory: consolidation.outputDirectory,
            archive: inboxFolder.archiveURL)
        reports.synchronizesEachFile = false
        consolidation.observer = RunReports(writer: reports)
        if let maxRejected, maxRejected < 0 {
            CLI.fail(LocalizedText(it: "--max-rejected vuole un numero da 0 in su", en: "--max-rejected takes a number from 0 up")[language], code: ExitCodes.usage)
        }
        var fileImport: FileImport
        do {
            fileImport = try FileImport(library: library)
            fileImport.maxRejected = maxRejected
        } catch let error as PipelineError {
            CLI.fail(error.message[language], code: ExitCodes.usage)
        }
        var job = InboxRun(
            inbox: inboxFolder,
            fileImport: fileImport, store: store, consolidation: consolidation, logger: logger)
        job.ambito = ambito
        job.maxShrinkPercent = maxShrinkPercent
        if isatty(STDERR_FILENO) != 0 {
            job.progress = { index, count, name in
                FileHandle.standardError.write(Data("\r\u{1B}[K[\(index)/\(count)] \(name)".utf8))
                if index == count { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        }
        do {
            return try job.run()
        } catch let error as InboxError {
            CLI.fail(error.message[language], code: ExitCodes.failure)
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}

extension Logger.Level: @retroactive ExpressibleByArgument {}
