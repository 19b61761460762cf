import PlusModel

/// Turns reference records (memberships, signatories) into ``Ambito`` values, merged with those known.
///
/// A membership file replaces the member list of every Ambito it names; a signatories file
/// replaces their ASL and Provincia (and region and ente gestore, when it states them) and adds
/// the other signatories it lists. The capofila is the Comune marked so, else the most populous.
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
                ambito.region = signatories.region ?? ambito.region
                ambito.enteGestore = signatories.enteGestore ?? ambito.enteGestore
                // Several lines of one Ambito list its other signatories; a line sent again adds none.
                if let other = signatories.otherSignatory {
                    ambito.otherSignatories.removeAll { $0.ente == other.ente }
                    ambito.otherSignatories.append(other)
                }
                if let name = signatories.ambitoName { ambito.name = name }
                byCode[signatories.ambito] = ambito
            default:
                continue
            }
        }
        for code in order {
            let list = members[code]!
            var ambito = byCode[code] ?? Ambito(code: code, name: code, capofila: "", comuni: [])
            // The vintage of the populations is kept with ISTAT's populations, not with the membership.
            ambito.comuni = list.map { membership in
                var comune = membership.comune
                comune.vintage = nil
                comune.source = nil
                return comune
            }.sorted { $0.istatCode < $1.istatCode }
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
