import ArgumentParser
import Foundation
import Logging
import PlusModel
import PlusPipeline
import PlusStore
import PlusValidation

/// Set-up shared by the subcommands: mappings, store and rule set, each failing with a clear message.
enum CLI {
    static func library(_ settings: Settings) throws -> MappingLibrary {
        do {
            return try MappingLibrary.locate(explicit: settings.mappings)
        } catch let error as PipelineError {
            fail(error.message[settings.language], code: ExitCodes.usage)
        }
    }

    /// How a command uses the store.
    enum StoreUse {
        /// `plus run`, `plus demo`: the store is created if it does not exist.
        case create
        /// Every other command: a store that does not exist is a typo, not an empty store.
        case existing
    }

    /// Opens the store, after a quick check of its pages: a damaged store is neither written to
    /// nor read from (exit code 70).
    static func open(_ settings: Settings, _ use: StoreUse = .existing) throws -> SQLiteStore {
        if use == .existing && !FileManager.default.fileExists(atPath: settings.store) {
            fail(LocalizedText(
                it: "archivio non trovato: \(settings.store); indicare quello giusto con --store (lo crea solo plus run)",
                en: "store not found: \(settings.store); name the right one with --store (only plus run creates one)")[settings.language],
                code: ExitCodes.usage)
        }
        do {
            let store = try migratingVisibly(settings)
            try store.quickCheck()
            return store
        } catch let error as StoreError {
            fail(error.message[settings.language], code: ExitCodes.failure)
        }
    }

    /// Opens the store, saying on standard error when it is brought to a newer schema first, or
    /// builds the indexes a killed run left to build (``SQLiteStore/pendingIndexes(at:)``), and how
    /// long that took: on a store of several years it takes minutes, which would otherwise look
    /// like a job that hangs.
    private static func migratingVisibly(_ settings: Settings) throws -> SQLiteStore {
        let pending = SQLiteStore.pendingSchemaVersions(at: settings.store)
        let indexes = pending.isEmpty ? SQLiteStore.pendingIndexes(at: settings.store) : []
        let announced: (before: LocalizedText, after: (String) -> LocalizedText)
        if let newest = pending.last {
            // The version the store has now: the one before the first pending.
            let versions = SQLiteStore.schemaVersions
            let current = versions.firstIndex(of: pending[0]).flatMap { $0 > 0 ? versions[$0 - 1] : nil } ?? "?"
            announced = (
                LocalizedText(
                    it: "aggiornamento dell'archivio \(settings.store) dallo schema \(current) allo schema \(newest): su un archivio "
                        + "grande richiede qualche minuto; se interrotto, riprende alla prossima apertura",
                    en: "updating store \(settings.store) from schema \(current) to schema \(newest): on a large store this takes a few "
                        + "minutes; if interrupted, it resumes on the next opening"),
                { elapsed in LocalizedText(
                    it: "archivio \(settings.store) aggiornato allo schema \(newest) in \(elapsed) s",
                    en: "store \(settings.store) updated to schema \(newest) in \(elapsed) s") })
        } else if !indexes.isEmpty {
            let names = indexes.joined(separator: ", ")
            announced = (
                LocalizedText(
                    it: "l'archivio \(settings.store) ha indici da ricostruire, lasciati da un'esecuzione interrotta dopo aver "
                        + "registrato un file grande (\(names)): li ricostruisco; su un archivio grande richiede qualche minuto",
                    en: "store \(settings.store) has indexes to build again, left by a run interrupted after storing a large file "
                        + "(\(names)): building them; on a large store this takes a few minutes"),
                { elapsed in LocalizedText(
                    it: "indici dell'archivio \(settings.store) ricostruiti in \(elapsed) s",
                    en: "indexes of store \(settings.store) built again in \(elapsed) s") })
        } else {
            return try SQLiteStore(path: settings.store)
        }
        notice(announced.before[settings.language])
        let started = Date()
        let store = try SQLiteStore(path: settings.store)
        // Tenths of a second, with the decimal separator of the language.
        let tenths = Int((Date().timeIntervalSince(started) * 10).rounded())
        notice(announced.after("\(tenths / 10)\(settings.language == .it ? "," : ".")\(tenths % 10)")[settings.language])
        return store
    }

    /// Stops with exit code 64 unless the store knows the Ambito and has data for the year,
    /// listing the ones it knows: a typo must not find nothing, or make up an Ambito-year.
    static func requireKnown(ambito: String?, year: Int?, in store: SQLiteStore, _ settings: Settings) throws {
        let stored = try store.ambitoYears()
        if let ambito {
            let known = Set(try store.ambiti().map(\.code) + stored.map(\.ambito)).sorted()
            guard known.contains(ambito) else {
                let list = known.isEmpty ? "-" : known.joined(separator: ", ")
                fail(LocalizedText(
                    it: "Ambito «\(ambito)» sconosciuto nell'archivio \(settings.store); Ambiti noti: \(list)",
                    en: "unknown Ambito '\(ambito)' in store \(settings.store); known Ambiti: \(list)")[settings.language],
                    code: ExitCodes.usage)
            }
        }
        if let year {
            let years = Set(stored.filter { ambito == nil || $0.ambito == ambito }.map(\.year)).sorted()
            guard years.contains(year) else {
                let list = years.isEmpty ? "-" : years.map(String.init).joined(separator: ", ")
                let scope = ambito.map { (it: " per l'Ambito \($0)", en: " for Ambito \($0)") } ?? (it: "", en: "")
                fail(LocalizedText(
                    it: "nessun dato per l'anno \(year)\(scope.it) nell'archivio \(settings.store); anni con dati: \(list)",
                    en: "no data for year \(year)\(scope.en) in store \(settings.store); years with data: \(list)")[settings.language],
                    code: ExitCodes.usage)
            }
        }
    }

    /// The rule sets: `--rules FILE` forces one; else every rule set in `rules/` of the mappings
    /// folder, picked per Ambito-year by region and year.
    static func validator(_ settings: Settings, _ library: MappingLibrary) throws -> Validator {
        let folder = library.directory.appendingPathComponent("rules")
        let url = settings.rules.map { URL.resolvedFile($0) } ?? folder
        guard FileManager.default.fileExists(atPath: url.path) else {
            fail(LocalizedText(
                it: "insieme di regole non trovato: \(url.path); indicarlo con --rules FILE",
                en: "rule set not found: \(url.path); give it with --rules FILE")[settings.language], code: ExitCodes.usage)
        }
        do {
            if settings.rules != nil { return Validator(ruleSet: try RuleSet.load(contentsOf: url)) }
            guard let validator = Validator(ruleSets: try RuleSet.loadAll(in: folder)) else {
                fail(LocalizedText(
                    it: "nessun insieme di regole (*.yaml) in \(folder.path); indicarlo con --rules FILE",
                    en: "no rule set (*.yaml) in \(folder.path); give one with --rules FILE")[settings.language], code: ExitCodes.usage)
            }
            return validator
        } catch {
            fail(error.rendered(settings.language), code: ExitCodes.usage)
        }
    }

    /// The mappings, the store and the validator a job works with.
    static func workspace(_ settings: Settings, _ use: StoreUse = .existing) throws -> (library: MappingLibrary, store: SQLiteStore, validator: Validator) {
        let library = try library(settings)
        return (library, try open(settings, use), try validator(settings, library))
    }

    /// Log lines go to standard error, so standard output carries only results (the JSON summary).
    static let bootstrapLogging: Void = LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }

    /// Writes a line for the person on standard error, where the log goes too.
    static func notice(_ message: String) {
        FileHandle.standardError.write(Data(("plus: " + message + "\n").utf8))
    }

    static func fail(_ message: String, code: ExitCode) -> Never {
        notice(message)
        Foundation.exit(code.rawValue)
    }
}
