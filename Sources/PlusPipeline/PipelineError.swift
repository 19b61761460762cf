import PlusModel

/// Why the pipeline could not start a job: a usage or set-up problem, not bad data.
public enum PipelineError: Error, Sendable {
    case mappingsNotFound(tried: [String])
    case unknownMapping(name: String, available: [String])
    case fileNotFound(String)

    public var message: LocalizedText {
        switch self {
        case .mappingsNotFound(let tried):
            LocalizedText(
                it: "cartella delle mappature non trovata (provate: \(tried.joined(separator: ", "))); indicarla con --mappings DIR",
                en: "mappings folder not found (tried: \(tried.joined(separator: ", "))); give it with --mappings DIR")
        case .unknownMapping(let name, let available):
            LocalizedText(
                it: "mappatura «\(name)» sconosciuta; disponibili: \(available.joined(separator: ", "))",
                en: "unknown mapping '\(name)'; available: \(available.joined(separator: ", "))")
        case .fileNotFound(let path):
            LocalizedText(it: "file non trovato: \(path)", en: "file not found: \(path)")
        }
    }
}
