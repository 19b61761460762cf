import GRDB
import PlusModel

/// Reads each Comune's code as valid in its record's year: a code ISTAT since renumbered, or a
/// merged Comune's code after the merger, becomes the Comune's code today, and a code that was
/// not valid in that year is an error that says when it was.
///
/// Only codes the store has a history for are looked at (see ``ComuneReference``). A code valid
/// in its year for another Comune than the one that has it today (ISTAT reuses codes) is that
/// other Comune; otherwise today's code is the Comune that has it, for any year.
///
/// ```swift
/// // Carbonia's 2010–2016 code in a 2014 sheet: read as 111009, with IST001 naming both codes.
/// let translated = try ComuneCodeTranslation(db: db).translate(result, year: 2014)
/// ```
struct ComuneCodeTranslation {
    let db: Database
    /// Each code's history, read once per submission.
    private var histories: [String: [ComuneCodeHistory]] = [:]

    init(db: Database) {
        self.db = db
    }

    /// The result with its codes read as valid in their years and a diagnostic for each, or
    /// `nil` when nothing changes.
    func translate(_ result: ImportResult, year subjectYear: Int?) throws -> ImportResult? {
        guard try Self.hasHistory(in: db) else { return nil }
        var reader = self
        var translated = result
        var changed = false
        for index in result.records.indices {
            guard let step = try reader.translate(result.records[index], subjectYear: subjectYear) else { continue }
            if let record = step.record { translated.records[index].record = record }
            translated.diagnostics.append(step.diagnostic)
            changed = true
        }
        // The ente a sheet is about follows its rows' codes.
        if changed, let ente = result.subject.ente, ente.kind == .comune,
           let row = result.records.indices.first(where: { Self.ente(of: result.records[$0].record) == ente }),
           let now = Self.ente(of: translated.records[row].record)
        {
            translated.subject.ente = now
        }
        return changed ? translated : nil
    }

    /// What one record's code becomes: the record with today's code (`nil` when it stays as it is,
    /// an error) and the diagnostic that says so; `nil` when the code is valid as written.
    /// A cost share has no year of its own: it is read in `subjectYear`.
    mutating func translate(_ imported: ImportedRecord, subjectYear: Int?) throws -> (record: CanonicalRecord?, diagnostic: Diagnostic)? {
        let ente: EnteRef, year: Int?
        switch imported.record {
        case .declaration(let declaration): (ente, year) = (declaration.ente, declaration.year)
        case .costShare(let share): (ente, year) = (share.ente, subjectYear)
        default: return nil
        }
        guard ente.kind == .comune, let year else { return nil }
        if histories[ente.code] == nil { histories[ente.code] = try ComuneReference.history(of: ente.code, in: db) }
        let history = histories[ente.code]!
        // Unknown codes are not ours to judge; a code valid in its year for the Comune that
        // has it today, or a merged Comune's own code before the merger, is kept.
        let valid = history.filter { $0.code.isValid(in: year) }
        guard !history.isEmpty, !valid.contains(where: { $0.comune == ente.code || $0.code.isMerged }) else { return nil }
        let location = SourceLocation(file: imported.provenance.file, line: imported.provenance.line, column: "ente")
        if let valid = valid.first {
            return (Self.record(imported.record, ente: EnteRef(comune: valid.comune)), Self.renumbered.at(
                location, found: ente.code, expected: valid.comune,
                details: ["name": valid.name, "year": String(year)], localizedDetails: ["years": valid.code.years]))
        } else if history.contains(where: { $0.comune == ente.code && $0.code.through == nil }) {
            // Today's code of a Comune, used for an earlier year, is still that Comune.
            return nil
        } else if let merger = history.first(where: { $0.code.isMerged && ($0.code.through ?? Int.max) < year }) {
            let name = try Self.name(of: merger.comune, in: db) ?? merger.comune
            return (Self.record(imported.record, ente: EnteRef(comune: merger.comune)), Self.merged.at(
                location, found: ente.code, expected: merger.comune,
                details: ["old": merger.name, "name": name, "from": String((merger.code.through ?? year) + 1)]))
        } else {
            let spans = history.map { span in
                LocalizedText(
                    it: "\(span.code.years.it) (\(span.name), oggi \(span.comune))",
                    en: "\(span.code.years.en) (\(span.name), today \(span.comune))")
            }
            return (nil, Self.notValid.at(
                location, found: ente.code, details: ["year": String(year)],
                localizedDetails: ["years": LocalizedText(
                    it: spans.map(\.it).joined(separator: "; "), en: spans.map(\.en).joined(separator: "; "))]))
        }
    }

    static func ente(of record: CanonicalRecord) -> EnteRef? {
        switch record {
        case .declaration(let declaration): declaration.ente
        case .costShare(let share): share.ente
        default: nil
        }
    }

    static func hasHistory(in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM comune_codes)")) ?? false
    }

    private static func name(of comune: String, in db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT name FROM comune_codes WHERE code = ? AND comune = ?"), arguments: [comune, comune])
    }

    private static func record(_ record: CanonicalRecord, ente: EnteRef) -> CanonicalRecord {
        switch record {
        case .declaration(var declaration):
            declaration.ente = ente
            return .declaration(declaration)
        case .costShare(var share):
            share.ente = ente
            return .costShare(share)
        default:
            return record
        }
    }

    static let renumbered = Problem(
        code: "IST001", severity: .warning,
        title: .init(it: "Codice ISTAT di un altro periodo", en: "ISTAT code of another period"),
        template: .init(
            it: "Il codice ISTAT «{found}» in {column} era valido nel {year} ({years}): è {name}, oggi {expected}. Letto come {expected}.",
            en: "ISTAT code '{found}' in {column} was valid in {year} ({years}): it is {name}, today {expected}. Read as {expected}."))

    static let merged = Problem(
        code: "IST002", severity: .warning,
        title: .init(it: "Comune confluito in una fusione", en: "Comune merged into another"),
        template: .init(
            it: "Il codice ISTAT «{found}» in {column} è di {old}, confluito in {name} ({expected}) dal {from}: letto come {expected}.",
            en: "ISTAT code '{found}' in {column} is {old}'s, merged into {name} ({expected}) from {from}: read as {expected}."))

    static let notValid = Problem(
        code: "IST003", severity: .error,
        title: .init(it: "Codice ISTAT non valido in quell'anno", en: "ISTAT code not valid in that year"),
        template: .init(
            it: "Il codice ISTAT «{found}» in {column} non era valido nel {year}: era valido {years}.",
            en: "ISTAT code '{found}' in {column} was not valid in {year}: it was valid {years}."))
}

extension Problem {
    /// The problems of reading a Comune's code of another period (IST001–IST003), for ``ProblemCatalog``.
    public static let comuneCodeProblems: [Problem] = [
        ComuneCodeTranslation.renumbered,
        ComuneCodeTranslation.merged,
        ComuneCodeTranslation.notValid,
    ]
}
