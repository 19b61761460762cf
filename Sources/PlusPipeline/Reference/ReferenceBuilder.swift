import PlusModel

/// Turns reference records (memberships, signatories) into ``Ambito`` values, merged with those known.
///
/// A membership file replaces the member list of every Ambito it names; a signatories file
/// replaces their ASL and Provincia. The capofila is the Comune marked so, else the most populous.
///
/// ```swift
/// let ambiti = ReferenceBuilder.merge(existing: try store.ambiti(), records: result.records.map(\.record))
/// try store.saveReference(ambiti)
/// ```
public enum ReferenceBuilder {
    public static func merge(existing: [Ambito], records: [CanonicalRecord]) -> [Ambito] {
        var byCode = Dictionary(existing.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
        var members: [String: [AmbitoMembership]] = [:]
        var order: [String] = []
        for record in records {
            switch record {
            case .ambitoMember(let membership):
                if members[membership.ambito] == nil { order.append(membership.ambito) }
                members[membership.ambito, default: []].append(membership)
            case .ambitoSignatories(let signatories):
                var ambito = byCode[signatories.ambito] ?? Ambito(code: signatories.ambito, name: signatories.ambitoName ?? signatories.ambito, capofila: "", comuni: [])
                ambito.asl = signatories.asl ?? ambito.asl
                ambito.provincia = signatories.provincia ?? ambito.provincia
                if let name = signatories.ambitoName { ambito.name = name }
                byCode[signatories.ambito] = ambito
            default:
                continue
            }
        }
        for code in order {
            let list = members[code]!
            var ambito = byCode[code] ?? Ambito(code: code, name: code, capofila: "", comuni: [])
            ambito.comuni = list.map(\.comune).sorted { $0.istatCode < $1.istatCode }
            ambito.name = list.compactMap(\.ambitoName).first ?? ambito.name
            ambito.capofila = (list.first { $0.isCapofila } ?? list.max { $0.comune.population < $1.comune.population })!.comune.istatCode
            byCode[code] = ambito
        }
        return byCode.values.sorted { $0.code < $1.code }
    }

    /// Whether a record is reference data rather than plan data.
    public static func isReference(_ record: CanonicalRecord) -> Bool {
        switch record {
        case .ambitoMember, .ambitoSignatories, .comune, .ambitoPlan: true
        default: false
        }
    }
}
