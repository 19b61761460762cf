import PlusModel

/// Why the pipeline could not start a job: a usage or set-up problem, not bad data.
public enum PipelineError: Error, Sendable {
    case mappingsNotFound(tried: [String])
    /// The folder given with `--mappings` or `$PLUS_MAPPINGS` (the `source`) is not a folder.
    case chosenMappingsNotFound(path: String, source: String)
    case unknownMapping(name: String, available: [String])
    case fileNotFound(String)
    /// A file in the mappings folder that reads neither as a CSV nor as an XML mapping.
    case brokenMapping(file: String, asCSV: LocalizedText, asXML: LocalizedText)

    public var message: LocalizedText {
        switch self {
        case .mappingsNotFound(let tried):
            LocalizedText(
                it: "cartella delle mappature non trovata (provate: \(tried.joined(separator: ", "))); indicarla con --mappings DIR",
                en: "mappings folder not found (tried: \(tried.joined(separator: ", "))); give it with --mappings DIR")
        case .chosenMappingsNotFound(let path, let source):
            LocalizedText(
                it: "la cartella delle mappature indicata con \(source) non esiste: \(path); correggere il percorso",
                en: "the mappings folder given with \(source) does not exist: \(path); correct the path")
        case .unknownMapping(let name, let available):
            LocalizedText(
                it: "mappatura «\(name)» sconosciuta; disponibili: \(available.joined(separator: ", "))",
                en: "unknown mapping '\(name)'; available: \(available.joined(separator: ", "))")
        case .fileNotFound(let path):
            LocalizedText(it: "file non trovato: \(path)", en: "file not found: \(path)")
        case .brokenMapping(let file, let asCSV, let asXML):
            LocalizedText(
                it: "la mappatura \(file) non si legge (come CSV: \(asCSV.it); come XML: \(asXML.it)); correggerla o toglierla dalla cartella",
                en: "cannot read mapping \(file) (as CSV: \(asCSV.en); as XML: \(asXML.en)); fix it or remove it from the folder")
        }
    }
}
