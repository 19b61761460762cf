import PlusModel
import PlusStore

/// Refuses, for an inbox that belongs to one Ambito, a sheet from an ente that is not a member.
///
/// Membership comes from the reference data in the store. Reference files and the regional
/// deliberation concern every Ambito and always pass; a sheet naming another Ambito, or
/// declaring for an ente outside this one, is refused with `RUN020`.
///
/// ```swift
/// var check = AmbitoMembershipCheck(ambito: "OR")
/// if let reason = try check.refusal(of: result, target: "dichiarazione", store: store) { reject(reason) }
/// ```
struct AmbitoMembershipCheck {
    let ambito: String?
    /// The reference Ambito, read once (and again after reference data changed).
    private var reference: Ambito??

    init(ambito: String?) {
        self.ambito = ambito
    }

    /// Reference data changed: read the Ambito again for the next file.
    mutating func forget() { reference = nil }

    mutating func refusal(of result: ImportResult, target: String, store: any PlanStore) throws -> LocalizedText? {
        // An inbox of no one Ambito refuses nothing: the entes are not gathered (2 % of an Italy-year's storing thread).
        guard ambito != nil else { return nil }
        var seen = Set<EnteRef>()
        let declaring = result.records.compactMap { imported -> EnteRef? in
            if case .declaration(let declaration) = imported.record, seen.insert(declaration.ente).inserted { return declaration.ente }
            return nil
        }
        return try refusal(of: result, declaring: declaring, target: target, store: store)
    }

    /// Reads the reference Ambito now, so that ``refusal(of:declaring:target:store:)`` needs no
    /// store: a streamed file is checked inside the store's transaction.
    mutating func loadReference(from store: any PlanStore) throws {
        guard let code = ambito, reference == nil else { return }
        reference = .some(try store.ambiti().first { $0.code == code })
    }

    /// The refusal of a file whose records were not kept: `declaring` lists the entes its
    /// declarations are for, each once, in the order they came.
    mutating func refusal(of result: ImportResult, declaring: [EnteRef], target: String, store: any PlanStore) throws -> LocalizedText? {
        guard let code = ambito, !FileImport.isReferenceTarget(target), target != FileImport.Recognition.deliberationTarget
        else { return nil }
        try loadReference(from: store)
        guard let known = reference ?? nil else {
            return LocalizedText(
                it: "RUN020: l'Ambito \(code) di questa cartella non è nei dati di riferimento: impossibile verificare che l'ente ne faccia parte; caricare prima i dati di riferimento",
                en: "RUN020: this inbox's Ambito \(code) is not in the reference data: cannot tell whether the ente belongs to it; load the reference data first")
        }
        if let named = result.subject.ambito, named != code {
            return LocalizedText(
                it: "RUN020: il file è per l'Ambito \(named), ma questa cartella raccoglie solo l'Ambito \(code) (\(known.name))",
                en: "RUN020: the file is for Ambito \(named), but this inbox only takes Ambito \(code) (\(known.name))")
        }
        let members = Set(known.members)
        let strangers = (result.subject.ente.map { [$0] } ?? []) + declaring
        var seen = Set<EnteRef>()
        let outside = strangers.filter { !members.contains($0) && seen.insert($0).inserted }
        guard !outside.isEmpty else { return nil }
        let names = outside.prefix(5).map(\.description).joined(separator: ", ") + (outside.count > 5 ? ", …" : "")
        return LocalizedText(
            it: "RUN020: \(names) non fa parte dell'Ambito \(code) (\(known.name)) secondo i dati di riferimento: il file non è stato registrato; inviarlo alla cartella del proprio Ambito",
            en: "RUN020: \(names) is not a member of Ambito \(code) (\(known.name)) per the reference data: the file was not stored; send it to its own Ambito's inbox")
    }
}
