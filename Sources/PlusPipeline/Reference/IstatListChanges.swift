import PlusModel

/// What changed between two of ISTAT's lists of Comuni: new, renamed, renumbered or moved to
/// another province, merged, and gone; told on the receipt of the newer list when it replaces the older.
///
/// ```swift
/// let notice = IstatListChanges(previous: older.map(\.record), current: newer.map(\.record)).notice(previousFile: "Elenco-2019.csv")
/// // IST010: "rispetto a «Elenco-2019.csv»: 1 nuovo (037061 Valsamoggia); 1 rinominato (001002 Airasca → Airasca Nuova) ..."
/// ```
public struct IstatListChanges: Sendable {
    public var added: [MemberComune] = []
    public var renamed: [(before: MemberComune, after: MemberComune)] = []
    /// A new code or a new province for the same Comune (Bosa from Nuoro to Oristano).
    public var moved: [(before: MemberComune, after: MemberComune)] = []
    public var merged: [(before: MemberComune, into: MemberComune)] = []
    public var removed: [MemberComune] = []

    /// How many Comuni each part lists by name; the count is always whole.
    static let listed = 10

    public init(previous: [CanonicalRecord], current: [CanonicalRecord]) {
        let before = Self.list(previous), after = Self.list(current)
        guard !before.isEmpty, !after.isEmpty else { return }
        var accounted = Set<String>()
        for comune in after.values.sorted(by: { $0.istatCode < $1.istatCode }) {
            if let old = before[comune.istatCode] {
                if old.name != comune.name { renamed.append((old, comune)) }
                if let province = comune.province, let was = old.province, province != was { moved.append((old, comune)) }
                continue
            }
            // A Comune under a new code: its list names the old one, unless it is a merger.
            let earlier = (comune.codes ?? []).filter { !$0.isMerged && $0.code != comune.istatCode }
            if let old = earlier.compactMap({ before[$0.code] }).first(where: { after[$0.istatCode] == nil }) {
                moved.append((old, comune))
                accounted.insert(old.istatCode)
                continue
            }
            added.append(comune)
        }
        for comune in after.values {
            for code in comune.codes ?? [] where code.isMerged {
                if let old = before[code.code], after[code.code] == nil, accounted.insert(code.code).inserted {
                    merged.append((old, comune))
                }
            }
        }
        removed = before.values.filter { after[$0.istatCode] == nil && !accounted.contains($0.istatCode) }
            .sorted { $0.istatCode < $1.istatCode }
    }

    public var isEmpty: Bool { added.isEmpty && renamed.isEmpty && moved.isEmpty && merged.isEmpty && removed.isEmpty }

    /// The change as a receipt's notice, `nil` when the lists tell the same Comuni.
    public func notice(previousFile: String) -> FileOutcome.Notice? {
        guard !isEmpty else { return nil }
        func part(_ count: Int, _ it: String, _ en: String, _ items: [String]) -> LocalizedText? {
            guard count > 0 else { return nil }
            let shown = items.prefix(Self.listed).joined(separator: ", ") + (items.count > Self.listed ? ", …" : "")
            return LocalizedText(it: "\(count) \(it) (\(shown))", en: "\(count) \(en) (\(shown))")
        }
        func named(_ comune: MemberComune) -> String { "\(comune.istatCode) \(comune.name)" }
        let parts = [
            part(added.count, added.count == 1 ? "nuovo" : "nuovi", "new", added.map(named)),
            part(renamed.count, renamed.count == 1 ? "rinominato" : "rinominati", "renamed",
                 renamed.map { "\($0.before.istatCode) \($0.before.name) → \($0.after.name)" }),
            part(moved.count, "con nuovo codice o provincia", "with a new code or province",
                 moved.map { "\(named($0.before)) \($0.before.province ?? "") → \($0.after.istatCode) \($0.after.province ?? "")" }),
            part(merged.count, merged.count == 1 ? "confluito in una fusione" : "confluiti in fusioni", "merged",
                 merged.map { "\(named($0.before)) → \(named($0.into))" }),
            part(removed.count, removed.count == 1 ? "non più presente" : "non più presenti", "no longer listed", removed.map(named)),
        ].compactMap { $0 }
        return FileOutcome.Notice(code: "IST010", message: LocalizedText(
            it: "elenco dei Comuni cambiato rispetto a «\(previousFile)»: " + parts.map(\.it).joined(separator: "; "),
            en: "list of Comuni changed since “\(previousFile)”: " + parts.map(\.en).joined(separator: "; ")))
    }

    /// A national list's Comuni by code; memberships of an Ambito are not a list of Comuni.
    private static func list(_ records: [CanonicalRecord]) -> [String: MemberComune] {
        var comuni: [String: MemberComune] = [:]
        for record in records {
            if case .comune(let comune, nil) = record { comuni[comune.istatCode] = comune }
        }
        return comuni
    }
}
