import PlusModel

/// What a submission is the latest version of: a newer accepted submission with the same
/// key supersedes the older ones.
///
/// | content                           | kind          | scope                       | year |
/// |-----------------------------------|---------------|-----------------------------|------|
/// | a Comune's sheet (declarations)   | `declaration` | the ente, `comune:095018`   | year |
/// | an ASL's or Provincia's sheet     | `declaration` | ente and Ambito, `asl:ASL5@OR` (the ente alone when no Ambito is known) | year |
/// | the capofila's plan table         | `service`     | the Ambito (else the ente)  | year |
/// | the capofila's cost split         | `cost_share`  | the Ambito (else the ente)  | year |
/// | a regional deliberation           | `deliberation`| `region`                    | year |
/// | an Ambito's export, at the Region | `esportazione`| the Ambito                  | year |
/// | reference membership (comuni)     | `comune`      | the Ambito, else `region`   | year, if stated |
/// | ISTAT's populations of a vintage  | `comune`      | `region:popolazione:<vintage>` | year, if stated |
/// | ISTAT's administrative changes    | `comune`      | `region:variazioni`         | year, if stated |
///
/// The plan table and the cost split are keyed apart, so the capofila can resend one without
/// the other. A file whose records mix kinds is keyed by the kinds joined with `+`. A file with
/// no records (an empty sheet, a rejected file) is keyed by its mapping's target, which importers
/// state in ``ImportResult/details`` under ``targetDetail`` (`dichiarazione`, `servizi`,
/// `riparto`, `comuni`), else by its mapping name; so an empty sheet still replaces the sheet
/// before it.
/// When the scope cannot be told (a sheet naming no ente), there is no key: the submission
/// stays current beside any other.
///
/// ```swift
/// SupersedeKey(kind: "declaration", scope: "comune:095018", year: 2019)
/// ```
public struct SupersedeKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public var kind: String
    public var scope: String
    public var year: Int?

    public init(kind: String, scope: String, year: Int?) {
        self.kind = kind
        self.scope = scope
        self.year = year
    }

    public var description: String { "\(kind) \(scope) \(year.map(String.init) ?? "-")" }

    /// The scope of region-wide content.
    public static let regionScope = "region"

    /// The key of ``ImportResult/details`` where an importer names its mapping's target.
    public static let targetDetail = "target"

    /// The target of an Ambito's export received by the Region: keyed by its Ambito and year,
    /// whatever its records, so the next export of that Ambito-year replaces it.
    public static let exportTarget = "esportazione"

    /// The record kind of each mapping target, in the mapping files' words and in the store's.
    private static let kindOfTarget = [
        "dichiarazione": "declaration", "servizi": "service", "riparto": "cost_share", "comuni": "comune",
        "enti": "ambito_signatories", "piani": "ambito_plan",
        "delibera": "deliberation", "declaration": "declaration", "service": "service",
        "cost_share": "cost_share", "comune": "comune", "deliberation": "deliberation",
    ]

    /// The key of a submission with these records and this (resolved) subject.
    static func of(result: ImportResult, subject: SubmissionSubject) -> SupersedeKey? {
        // A file's records come by the thousand in runs of one kind: a kind is hashed only where
        // the run changes, not as a string for each record, on the storing thread.
        var kinds = Set<String>()
        var last: String?
        for index in result.records.indices {
            let kind = keyKind(result.records[index].record)
            guard kind != last else { continue }
            last = kind
            kinds.insert(kind)
        }
        let kind: String
        if result.details[targetDetail] == exportTarget {
            // An Ambito's export holds its whole plan, whatever kinds of records it happens to have.
            kind = exportTarget
        } else if !kinds.isEmpty {
            kind = kinds.sorted().joined(separator: "+")
        } else if let target = result.details[targetDetail], let targetKind = kindOfTarget[target.lowercased()] {
            kind = targetKind
        } else {
            kind = "mapping:\(result.mapping)"
        }
        let scope: String?
        switch kind {
        case "declaration": scope = subject.ente.map { declarationScope($0, ambito: subject.ambito) }
        case "service", "cost_share": scope = subject.ambito ?? subject.ente?.description
        case "deliberation": scope = regionScope
        case "comune": scope = subject.ambito ?? nationalListScope(result.records.map(\.record))
        case "ambito_member", "ambito_signatories", "ambito_plan": scope = subject.ambito ?? regionScope
        default: scope = subject.ambito ?? subject.ente?.description
        }
        return scope.map { SupersedeKey(kind: kind, scope: $0, year: subject.year) }
    }

    /// ISTAT's lists of all Comuni replace one another, but a census's populations replace only
    /// those of the same vintage, and a list of administrative changes only the one before it.
    private static func nationalListScope(_ records: [CanonicalRecord]) -> String {
        let comuni = records.compactMap { record -> MemberComune? in
            if case .comune(let comune, _) = record { return comune }
            return nil
        }
        if comuni.contains(where: { $0.codes?.contains(where: \.isMerged) == true }) { return "\(regionScope):variazioni" }
        if let vintage = comuni.first?.vintage, comuni.allSatisfy({ $0.codes == nil && $0.vintage == vintage }) {
            return "\(regionScope):popolazione:\(vintage)"
        }
        return regionScope
    }

    /// A Comune belongs to one Ambito; an ASL or a Provincia may serve several and file a
    /// sheet for each, which must not replace one another.
    private static func declarationScope(_ ente: EnteRef, ambito: String?) -> String {
        guard ente.kind != .comune, let ambito else { return ente.description }
        return "\(ente)@\(ambito)"
    }

    /// Allocations come with their deliberation and are replaced with it.
    private static func keyKind(_ record: CanonicalRecord) -> String {
        if case .allocation = record { return "deliberation" }
        return record.kindName
    }
}
