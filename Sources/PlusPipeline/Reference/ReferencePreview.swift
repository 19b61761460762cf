import PlusModel
import PlusStore

/// What a reference file (ISTAT's list of Comuni, a census's populations, the Ambiti's
/// membership) would change if it were applied now: the Comuni new, renamed, moved, merged or
/// gone since the list in the store, and each Ambito whose members or populations change.
///
/// `plus reference diff FILE` prints it before the file is applied; `plus run` puts the Ambiti
/// part on the file's receipt (`IST011`) and validates those Ambiti again.
///
/// ```swift
/// let preview = try ReferencePreview(result, store: store)
/// preview.ambiti.first?.populations   // [censimento-2011: 75,495 → 75,512]
/// print(preview.renderText(language: .en))
/// ```
public struct ReferencePreview: Sendable, Encodable {
    /// A change of one Ambito's population in one vintage; `before` is `nil` when the store lacks it for some member.
    public struct PopulationChange: Sendable, Encodable, Equatable {
        public var vintage: String
        public var before: Int?
        public var after: Int
    }

    /// One Ambito the file changes.
    public struct AmbitoChange: Sendable, Encodable, Equatable {
        public var ambito: String
        public var name: String
        /// Member Comuni the file adds or takes away (`095038 Oristano`).
        public var comuniAdded: [String] = []
        public var comuniRemoved: [String] = []
        /// Member Comuni the newer list of Comuni renames, moves, merges or no longer lists.
        public var comuniChanged: [String] = []
        public var populations: [PopulationChange] = []
    }

    /// The Comuni of a list, as the list in the store tells them and as this file does.
    public struct ComuniChanges: Sendable, Encodable, Equatable {
        public var added: [String] = []
        public var renamed: [String] = []
        public var moved: [String] = []
        public var merged: [String] = []
        public var removed: [String] = []

        var isEmpty: Bool { added.isEmpty && renamed.isEmpty && moved.isEmpty && merged.isEmpty && removed.isEmpty }
    }

    public var file: String
    public var mapping: String
    /// The files of the current submissions this one would replace.
    public var replaces: [String]
    public var comuni: ComuniChanges
    /// The Ambiti that change, the store knew them.
    public var ambiti: [AmbitoChange]
    /// The Ambiti the store did not know (`OR Oristano`).
    public var newAmbiti: [String]

    /// The preview of `result` (an imported reference file, not stored) against `store`.
    public init(_ result: ImportResult, store: any PlanStore) throws {
        file = result.file
        mapping = result.mapping
        let records = result.records.map(\.record)
        let replaced = try store.replaceableSubmissions(by: result)
        replaces = replaced.map(\.file)
        let previous = try replaced.flatMap { try store.records(submission: $0.id).map(\.record) }
        let list = IstatListChanges(previous: previous, current: records)
        func named(_ comune: MemberComune) -> String { "\(comune.istatCode) \(comune.name)" }
        comuni = ComuniChanges(
            added: list.added.map(named),
            renamed: list.renamed.map { "\($0.before.istatCode) \($0.before.name) → \($0.after.name)" },
            moved: list.moved.map { "\(named($0.before)) \($0.before.province ?? "") → \($0.after.istatCode) \($0.after.province ?? "")" },
            merged: list.merged.map { "\(named($0.before)) → \(named($0.into))" },
            removed: list.removed.map(named))
        // What the list says of each Comune that is a member somewhere.
        var comuneNotes: [String: String] = [:]
        for change in list.renamed { comuneNotes[change.before.istatCode] = "\(change.before.istatCode) \(change.before.name) → \(change.after.name)" }
        for change in list.moved { comuneNotes[change.before.istatCode] = "\(named(change.before)) → \(change.after.istatCode) \(change.after.province ?? "")" }
        for change in list.merged { comuneNotes[change.before.istatCode] = "\(named(change.before)) → \(named(change.into))" }
        for comune in list.removed { comuneNotes[comune.istatCode] = "\(named(comune)) ✕" }

        let before = try store.ambiti()
        let after = ReferenceBuilder.merge(existing: before, records: records)
        let beforeByCode = Dictionary(before.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
        let told = Self.populations(in: records)
        var stored: [String: [String: VintagePopulation]] = [:]
        for vintage in told.keys { stored[vintage] = try store.populations(vintage: vintage) }

        var changes: [AmbitoChange] = []
        var newAmbiti: [String] = []
        for ambito in after {
            // An Ambito the store did not know is new, not changed: it has nothing to validate again.
            guard let old = beforeByCode[ambito.code] else {
                if !ambito.comuni.isEmpty { newAmbiti.append("\(ambito.code) \(ambito.name)") }
                continue
            }
            var change = AmbitoChange(ambito: ambito.code, name: ambito.name)
            let oldCodes = Set(old.comuni.map(\.istatCode)), newCodes = Set(ambito.comuni.map(\.istatCode))
            change.comuniAdded = ambito.comuni.filter { !oldCodes.contains($0.istatCode) }.map(named)
            change.comuniRemoved = old.comuni.filter { !newCodes.contains($0.istatCode) }.map(named)
            change.comuniChanged = ambito.comuni.compactMap { comuneNotes[$0.istatCode] }
            for vintage in told.keys.sorted() {
                let kept = stored[vintage] ?? [:], new = told[vintage] ?? [:]
                // The store keeps a vintage's Comuni that a newer file does not tell again.
                let oldMembers = old.comuni.map(\.istatCode)
                let wasComplete = !oldMembers.isEmpty && oldMembers.allSatisfy { kept[$0] != nil }
                let was = wasComplete ? oldMembers.reduce(0) { $0 + kept[$1]!.population } : nil
                let will = ambito.comuni.reduce(0) { $0 + (new[$1.istatCode] ?? kept[$1.istatCode]?.population ?? 0) }
                if was != will { change.populations.append(PopulationChange(vintage: vintage, before: was, after: will)) }
            }
            if !change.comuniAdded.isEmpty || !change.comuniRemoved.isEmpty || !change.comuniChanged.isEmpty || !change.populations.isEmpty {
                changes.append(change)
            }
        }
        ambiti = changes
        self.newAmbiti = newAmbiti
    }

    /// The populations the records tell, by vintage then code.
    static func populations(in records: [CanonicalRecord]) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for record in records {
            let comune: MemberComune
            switch record {
            case .comune(let listed, _): comune = listed
            case .ambitoMember(let membership): comune = membership.comune
            default: continue
            }
            if let vintage = comune.vintage { result[vintage, default: [:]][comune.istatCode] = comune.population }
        }
        return result
    }

    /// Whether applying the file would change nothing the store holds.
    public var isEmpty: Bool { comuni.isEmpty && ambiti.isEmpty && newAmbiti.isEmpty }

    /// The Ambiti part as the receipt's notice (`IST011`), `nil` when no Ambito changes.
    public var notice: FileOutcome.Notice? {
        guard !ambiti.isEmpty else { return nil }
        let shown = ambiti.prefix(IstatListChanges.listed)
        let more = ambiti.count > shown.count ? ", …" : ""
        return FileOutcome.Notice(code: "IST011", message: LocalizedText(
            it: "\(Language.it.counted(ambiti.count, it: ("Ambito cambiato", "Ambiti cambiati"), en: ("", ""))) dal file, da validare di nuovo: "
                + shown.map { $0.summary(.it) }.joined(separator: "; ") + more,
            en: "\(Language.en.counted(ambiti.count, it: ("", ""), en: ("Ambito changed", "Ambiti changed"))), to validate again: "
                + shown.map { $0.summary(.en) }.joined(separator: "; ") + more))
    }

    /// The preview for people.
    public func renderText(language: Language) -> String {
        let it = language == .it
        var lines = [it ? "Anteprima di «\(file)» (\(mapping))" : "Preview of “\(file)” (\(mapping))"]
        lines.append(replaces.isEmpty
            ? (it ? "Nel registro non c'è un elenco che questo sostituisca." : "The store holds no list this one would replace.")
            : (it ? "Sostituirebbe: " : "Would replace: ") + replaces.joined(separator: ", "))
        let parts: [(String, String, [String])] = [
            ("Comuni nuovi", "New Comuni", comuni.added), ("Comuni rinominati", "Renamed Comuni", comuni.renamed),
            ("Comuni con nuovo codice o provincia", "Comuni with a new code or province", comuni.moved),
            ("Comuni confluiti in fusioni", "Merged Comuni", comuni.merged), ("Comuni non più presenti", "Comuni no longer listed", comuni.removed),
        ]
        for (labelIt, labelEn, items) in parts where !items.isEmpty {
            lines.append("\(it ? labelIt : labelEn) (\(items.count)):")
            lines += items.map { "  \($0)" }
        }
        if !newAmbiti.isEmpty {
            lines.append((it ? "Ambiti nuovi (\(newAmbiti.count)): " : "New Ambiti (\(newAmbiti.count)): ") + newAmbiti.joined(separator: ", "))
        }
        if ambiti.isEmpty {
            lines.append(it ? "Nessun Ambito cambia: nessuna validazione da ripetere." : "No Ambito changes: nothing to validate again.")
        } else {
            lines.append(it ? "Ambiti da validare di nuovo (\(ambiti.count)):" : "Ambiti to validate again (\(ambiti.count)):")
            lines += ambiti.map { "  " + $0.summary(language) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ReferencePreview.AmbitoChange {
    /// `OR Oristano: popolazione censimento-2011 75.495 → 75.512 (+17); Comuni aggiunti 095005 Allai`.
    func summary(_ language: Language) -> String {
        let it = language == .it
        var parts: [String] = []
        for change in populations {
            let after = Self.number(change.after, language)
            if let before = change.before {
                let difference = change.after - before
                parts.append("\(it ? "popolazione" : "population") \(change.vintage) \(Self.number(before, language)) → \(after) (\(difference > 0 ? "+" : "")\(Self.number(difference, language)))")
            } else {
                parts.append("\(it ? "popolazione" : "population") \(change.vintage) → \(after) (\(it ? "prima incompleta" : "incomplete before"))")
            }
        }
        if !comuniAdded.isEmpty { parts.append("\(it ? "Comuni aggiunti" : "Comuni added") \(comuniAdded.joined(separator: ", "))") }
        if !comuniRemoved.isEmpty { parts.append("\(it ? "Comuni tolti" : "Comuni removed") \(comuniRemoved.joined(separator: ", "))") }
        if !comuniChanged.isEmpty { parts.append("\(it ? "Comuni cambiati nell'elenco ISTAT" : "Comuni changed in ISTAT's list") \(comuniChanged.joined(separator: ", "))") }
        return "\(ambito) \(name): " + parts.joined(separator: "; ")
    }

    /// A whole number as the language writes it: `75.495`, `75,495`.
    static func number(_ value: Int, _ language: Language) -> String {
        (value < 0 ? "-" : "") + Money.grouped(String(value.magnitude), by: language == .it ? "." : ",")
    }
}
