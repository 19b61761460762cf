import Foundation
import PlusModel
import PlusStore
import PlusValidation

/// Per Ambito and year: which enti have submitted, when, and whether the Ambito validates.
public struct StatusReport: Codable, Sendable {
    public struct EnteStatus: Codable, Sendable {
        public var ente: String
        public var name: String
        /// The current submission's file, or `nil` when the ente has not submitted.
        public var file: String?
        public var receivedAt: Date?
        /// Rows the current submission left out (`nil` when the ente has not submitted).
        public var rowsRejected: Int?
        /// The codes of the current submission's warnings, when it has any (``PlanStore/warningCodes(submission:)``).
        public var warnings: [String]?
        /// Every version of the ente's sheet for the year, newest first, when asked for (`--history`).
        public var history: [Version]?
        /// The ente's latest sheet for the year when it was refused whole and came after the current
        /// one (or with none current): a Comune whose only sheet was refused is not "not yet submitted",
        /// and a correction refused leaves the older version current, which the person must know.
        public var refused: Version?
    }

    /// One version of a sheet as the store keeps it.
    public struct Version: Codable, Sendable, Equatable {
        public var submission: Int64
        public var file: String
        public var sha256: String
        public var mapping: String
        public var receivedAt: Date
        /// `accepted` (current), `rejected` or `superseded`.
        public var status: String
        public var rowsRead: Int
        public var rowsAccepted: Int
        public var rowsRejected: Int

        init(_ submission: Submission) {
            self.submission = submission.id
            file = submission.file
            sha256 = submission.sha256
            mapping = submission.mapping
            receivedAt = submission.receivedAt
            status = submission.status.rawValue
            rowsRead = submission.rowsRead
            rowsAccepted = submission.rowsAccepted
            rowsRejected = submission.rowsRejected
        }
    }

    public var ambito: String
    public var name: String
    public var year: Int
    public var enti: [EnteStatus]
    public var errors: Int
    public var warnings: Int
    public var validates: Bool
    /// Set when the Ambito-year held more rows than the store allows (`R003`): it was neither
    /// validated nor exported, and its errors count that alone.
    public var rowLimitExceeded: RowLimitExceeded?
    /// `true` when the validation found amounts beyond any plan (`R404`): the year is not exported
    /// (``PlusValidation/ValidationReport/hasAmountsOutOfRange``); `nil` otherwise.
    public var amountsOutOfRange: Bool?
    /// The population vintage the rule set weighed the Comuni by, when it names one.
    public var populationVintage: String?
    /// When the Ambito's reference data (members, populations) last changed: a later validation took it in.
    public var referenceChangedAt: Date?
    /// The Ambito's own sheets (the capofila's plan, split, indicators: no ente's) refused whole
    /// after their current version, or with none; `nil` when there is none.
    public var refusedSheets: [RefusedSheet]?

    /// A sheet of the Ambito's own refused whole, and the version that still stands, if any.
    public struct RefusedSheet: Codable, Sendable, Equatable {
        public var refused: Version
        /// The current version of the same sheet (same kind and year), which still stands.
        public var standing: String?
    }

    public static func build(
        store: any PlanStore, validator: Validator, ambito: String?, year: Int?, includeHistory: Bool = false
    ) throws -> [StatusReport] {
        let references = try store.ambitoYears().filter { (ambito == nil || $0.ambito == ambito) && (year == nil || $0.year == year) }
        return try references.sorted().compactMap { reference in
            // The services in batches, as the nightly run validates them: a plan of any size is never held whole.
            guard let (ambitoYear, services) = try store.ambitoYearInBatches(ambito: reference.ambito, year: reference.year) else { return nil }
            let stored = try store.submissions(ambito: reference.ambito, year: reference.year, includeHistory: false)
            let current = stored.filter(\.isCurrent), refused = stored.filter { $0.status == .rejected }
            var enti = try enti(of: ambitoYear, submissions: current, refused: refused, warnings: store.warningCodes(submission:))
            let refusedSheets = Self.refusedSheets(refused, current: current)
            if includeHistory {
                for index in enti.indices {
                    guard let ente = EnteRef(parsing: enti[index].ente) else { continue }
                    // An ASL or a Provincia serving several Ambiti has a sheet for each: only this one's.
                    enti[index].history = try store.history(ente: ente, year: reference.year)
                        .filter { $0.subject.ambito == nil || $0.subject.ambito == reference.ambito }.map(Version.init)
                }
            }
            let report = try validator.validate(ambitoYear, services: services, comparingClaimsIn: store)
            return StatusReport(
                ambito: reference.ambito, name: ambitoYear.ambito.name, year: reference.year, enti: enti,
                errors: report.counts.errors, warnings: report.counts.warnings, validates: !report.hasErrors,
                rowLimitExceeded: ambitoYear.rowLimitExceeded, amountsOutOfRange: report.hasAmountsOutOfRange ? true : nil,
                populationVintage: report.ruleSet.populationVintage, referenceChangedAt: try store.referenceChangedAt(ambito: reference.ambito),
                refusedSheets: refusedSheets.isEmpty ? nil : refusedSheets)
        }
    }

    /// The Ambito's own sheets (no ente's) among `refused` that came after the current version of
    /// the same sheet (same key: kind and year) or with none, the newest of each.
    public static func refusedSheets(_ refused: [Submission], current: [Submission]) -> [RefusedSheet] {
        let own = Dictionary(grouping: refused.filter { $0.subject.ente == nil && $0.key != nil }, by: \.key!)
        return own.keys.sorted { $0.description < $1.description }.compactMap { key in
            let standing = newest(current.filter { $0.key == key })
            return Self.refused(own[key] ?? [], after: standing).map { RefusedSheet(refused: Version($0), standing: standing?.file) }
        }
    }

    /// The newest of `submissions` (by arrival, then number).
    static func newest(_ submissions: [Submission]) -> Submission? {
        submissions.max { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
    }

    /// The newest of `refused` when it came after `current` (or there is no current version): a
    /// refusal older than the version that stands is history, not news.
    static func refused(_ refused: [Submission], after current: Submission?) -> Submission? {
        guard let refusal = newest(refused) else { return nil }
        guard let current else { return refusal }
        return (current.receivedAt, current.id) < (refusal.receivedAt, refusal.id) ? refusal : nil
    }

    /// What a person reads about an Ambito-year past the row limit: what was not done, the file that
    /// brings the most rows, and where the full explanation is.
    static func notConsolidated(_ excess: RowLimitExceeded, ambito: String, year: Int, language: Language) -> String {
        let limit = String(excess.limit)
        let rows = String(excess.rowsOfLargestFile)
        let file = excess.largestFile.map { language == .it
            ? " Il file che ne porta di più è «\($0.file)», con \(rows) righe."
            : " The file that brings the most is “\($0.file)”, with \(rows) rows." } ?? ""
        return language == .it
            ? "R003: non validato né esportato, più di \(limit) righe tra quote di riparto, dichiarazioni, rendiconti e indicatori.\(file) Il perché e il rimedio: plus validate --ambito \(ambito) --year \(year)."
            : "R003: neither validated nor exported, more than \(limit) rows of cost shares, declarations, fund statements and indicators.\(file) Why, and what to do: plus validate --ambito \(ambito) --year \(year)."
    }

    /// What a person reads about an Ambito-year with amounts beyond any plan: that it is not
    /// exported, and where to find which amounts.
    static func notExported(ambito: String, year: Int, language: Language) -> String {
        language == .it
            ? "R404: importi fuori scala, l'anno non viene esportato. Quali sono: plus validate --ambito \(ambito) --year \(year)."
            : "R404: amounts out of range, the year is not exported. Which ones: plus validate --ambito \(ambito) --year \(year)."
    }

    /// What the line of an ente says of its latest sheet refused whole: after its current sheet (a
    /// correction that did not replace it) or in place of one.
    static func refusal(_ version: Version, after current: Bool, language: Language) -> String {
        let when = ReceiptTime.string(version.receivedAt)
        return language == .it
            ? (current ? " — poi «\(version.file)» RIFIUTATO il \(when) (invio n. \(version.submission)): vale ancora il precedente"
                : "; «\(version.file)» RIFIUTATO il \(when) (invio n. \(version.submission))") + ", motivi nella ricevuta"
            : (current ? " — then “\(version.file)” REFUSED on \(when) (submission \(version.submission)): the one before still stands"
                : "; “\(version.file)” REFUSED on \(when) (submission \(version.submission))") + ", reasons in its receipt"
    }

    /// What the Ambito's line says of one of its own sheets refused whole.
    static func refusal(_ sheet: RefusedSheet, language: Language) -> String {
        let when = ReceiptTime.string(sheet.refused.receivedAt), file = sheet.refused.file, number = sheet.refused.submission
        return language == .it
            ? "«\(file)» RIFIUTATO il \(when) (invio n. \(number)): " + (sheet.standing.map { "vale ancora «\($0)»" } ?? "nessuna versione accettata")
                + ", motivi nella ricevuta"
            : "“\(file)” REFUSED on \(when) (submission \(number)): " + (sheet.standing.map { "“\($0)” still stands" } ?? "no version accepted")
                + ", reasons in its receipt"
    }

    /// Every member of the Ambito with its current sheet, if any: the one list of who has submitted.
    /// `refused`: the Ambito-year's sheets refused whole, for ``EnteStatus/refused``.
    public static func enti(
        of ambitoYear: AmbitoYear, submissions: [Submission], refused: [Submission] = [],
        warnings: (Submission.ID) throws -> [String] = { _ in [] }
    ) rethrows -> [EnteStatus] {
        let names = memberNames(of: ambitoYear.ambito)
        // At the Region, an Ambito's export stands for the sheets of the enti that declared in it.
        let export = newest(submissions.filter { $0.subject.ente == nil && $0.details[SupersedeKey.targetDetail] == SupersedeKey.exportTarget })
        let declared = Set(ambitoYear.declarations.map(\.ente))
        return try ambitoYear.ambito.members.map { ente in
            let latest = newest(submissions.filter { $0.subject.ente == ente }) ?? (declared.contains(ente) ? export : nil)
            let codes = try latest.map { try warnings($0.id) } ?? []
            let lastRefused = Self.refused(refused.filter { $0.subject.ente == ente }, after: latest)
            return EnteStatus(
                ente: ente.description, name: names[ente] ?? ente.code, file: latest?.file, receivedAt: latest?.receivedAt,
                rowsRejected: latest?.rowsRejected, warnings: codes.isEmpty ? nil : codes, history: nil, refused: lastRefused.map(Version.init))
        }
    }

    /// The name of every member of an Ambito, by its reference.
    public static func memberNames(of ambito: Ambito) -> [EnteRef: String] {
        let signatories = ambito.signatories
        return Dictionary(
            ambito.comuni.map { ($0.ente, $0.name) } + signatories.map { ($0.ente, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    public static func render(_ reports: [StatusReport], language: Language) -> String {
        guard !reports.isEmpty else { return language == .it ? "Nessun dato nel registro." : "No data in the store." }
        return reports.map { report in
            let submitted = report.enti.filter { $0.file != nil }.count
            // With no sheet there is nothing to be "in regola": say so, whatever the rules found.
            let verdict = submitted == 0
                ? (language == .it ? "nessuna scheda ricevuta" : "no sheet received")
                    + (report.errors > 0 ? ", " + language.counted(report.errors, it: ("errore", "errori"), en: ("error", "errors")) : "")
                : report.validates
                ? (language == .it ? "in regola" : "validates")
                : language.counted(report.errors, it: ("errore", "errori"), en: ("error", "errors"))
            var lines = ["\(report.ambito) \(report.name) \(report.year): \(submitted)/\(report.enti.count) "
                + (language == .it ? "enti hanno inviato; " : "enti submitted; ") + verdict
                + (report.warnings > 0 ? ", " + language.counted(report.warnings, it: ("avviso", "avvisi"), en: ("warning", "warnings")) : "")]
            // An Ambito-year past the row limit: its one error says why nothing else was checked.
            if let excess = report.rowLimitExceeded {
                lines.append("  " + Self.notConsolidated(excess, ambito: report.ambito, year: report.year, language: language))
            }
            if report.amountsOutOfRange == true {
                lines.append("  " + Self.notExported(ambito: report.ambito, year: report.year, language: language))
            }
            for sheet in report.refusedSheets ?? [] {
                lines.append("  " + Self.refusal(sheet, language: language))
            }
            if let changed = report.referenceChangedAt {
                let vintage = report.populationVintage.map { language == .it ? "popolazione \($0); " : "population \($0); " } ?? ""
                lines.append("  " + vintage + (language == .it ? "dati di riferimento cambiati il " : "reference data changed on ") + ReceiptTime.string(changed))
            }
            // Columns as wide as their longest entry: a name is never cut short.
            let codeWidth = report.enti.map(\.ente.count).max() ?? 0
            let nameWidth = report.enti.map(\.name.count).max() ?? 0
            for ente in report.enti {
                // Local time with its offset: Italian time unless --utc.
                let when = ente.receivedAt.map { ReceiptTime.string($0) } ?? ""
                // A sheet refused whole did come: the line says so rather than "not yet submitted".
                let file = ente.file ?? (ente.refused != nil
                    ? (language == .it ? "— nessuna scheda accettata" : "— no sheet accepted")
                    : (language == .it ? "— non ancora inviato" : "— not yet submitted"))
                let rejected = (ente.rowsRejected ?? 0) > 0
                    ? " — " + language.counted(ente.rowsRejected!, it: ("riga scartata", "righe scartate"), en: ("row rejected", "rows rejected")) : ""
                let warned = ente.warnings.map { codes in
                    " — " + (language == .it ? "avvisi: " : "warnings: ")
                        + codes.map { ProblemCatalog.imports.named($0, in: language) }.joined(separator: ", ")
                } ?? ""
                let refusal = ente.refused.map { Self.refusal($0, after: ente.file != nil, language: language) } ?? ""
                lines.append("  \(ente.ente.padding(toLength: codeWidth, withPad: " ", startingAt: 0)) \(ente.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)) \(file)\(when.isEmpty ? "" : " " + when)\(rejected)\(warned)\(refusal)")
                for version in ente.history ?? [] {
                    let status = SubmissionStatus(rawValue: version.status)?.label[language] ?? version.status
                    let counts = language == .it
                        ? "lette \(version.rowsRead), accettate \(version.rowsAccepted), scartate \(version.rowsRejected)"
                        : "read \(version.rowsRead), accepted \(version.rowsAccepted), rejected \(version.rowsRejected)"
                    lines.append("      n. \(version.submission) \(ReceiptTime.string(version.receivedAt)) \(version.file) [\(status)] \(counts); sha256 \(version.sha256.prefix(12))")
                }
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
