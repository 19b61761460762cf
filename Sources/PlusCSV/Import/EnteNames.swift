import PlusModel

/// The enti of one Ambito by their names, for a sheet that names an ente where its code belongs.
///
/// A capofila's split often names its enti as people know them (`Cabras`, `ASL 5 Oristano`,
/// `Provincia di Oristano`) rather than by code. Names are compared as headers are (``HeaderName``:
/// case, accents, spaces and punctuation aside), and a Comune also as `Comune di NAME`. A name
/// that two of the Ambito's enti share names neither. Names are unique only within an Ambito, so
/// a sheet is read with its own Ambito's names, never with another's.
///
/// ```swift
/// let names = EnteNames(oristano)
/// names.ente(named: "comune di Cabras")   // comune:095018
/// names.ente(named: "ASL 5 ORISTANO")     // asl:ASL5
/// ```
public struct EnteNames: Sendable, Equatable {
    /// The Ambito whose enti these are.
    public let ambito: String
    /// Each folded name to its ente; `nil` where two enti share the name.
    private var byKey: [String: EnteRef?] = [:]

    public init(_ ambito: Ambito) {
        self.ambito = ambito.code
        for comune in ambito.comuni {
            add(comune.name, comune.ente)
            add("Comune di " + comune.name, comune.ente)
        }
        for signatory in ambito.signatories {
            add(signatory.name, signatory.ente)
        }
    }

    /// Each Ambito's enti by name, keyed by the Ambito's code.
    public static func byAmbito(_ ambiti: [Ambito]) -> [String: EnteNames] {
        Dictionary(ambiti.map { ($0.code, EnteNames($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The enti by name of the Ambito a sheet read with `mapping` belongs to: the mapping's own
    /// (`defaults: { ambito: OR }`), else `ambito` (the run's `--ambito`); `nil` when neither is
    /// known or `byAmbito` lacks it, and the sheet's names are then refused.
    public static func forSheet(readWith mapping: CSVMapping, among byAmbito: [String: EnteNames], ambito: String?) -> EnteNames? {
        (mapping.defaults["ambito"] ?? ambito).flatMap { byAmbito[$0] }
    }

    /// The ente the Ambito knows by this name; `nil` when none or more than one has it.
    public func ente(named text: String) -> EnteRef? {
        let key = HeaderName(text).key
        guard !key.isEmpty, let found = byKey[key] else { return nil }
        return found
    }

    private mutating func add(_ name: String, _ ente: EnteRef) {
        let key = HeaderName(name).key
        guard !key.isEmpty else { return }
        if let existing = byKey[key], existing != ente {
            byKey[key] = .some(nil)
        } else if byKey[key] == nil {
            byKey[key] = ente
        }
    }
}
