import PlusModel

/// What recording an import did to the store.
///
/// ```swift
/// switch try store.record(result, subject: result.subject, receivedAt: .now) {
/// case .stored(let submission, let superseded, let touched): ...
/// case .duplicate(let existing): print("già importato: \(existing.id)")
/// }
/// ```
public enum SubmissionOutcome: Hashable, Sendable {
    /// A new submission, the submissions it superseded, and the Ambito-years whose plan it changed.
    case stored(Submission, superseded: [Submission.ID], touched: [AmbitoYearRef])
    /// The same bytes, read with the same mapping for the same subject, were already stored:
    /// nothing changed.
    case duplicate(existing: Submission)

    /// The new submission, or the one already stored.
    public var submission: Submission {
        switch self {
        case .stored(let submission, _, _): submission
        case .duplicate(let existing): existing
        }
    }

    public var isDuplicate: Bool {
        if case .duplicate = self { return true }
        return false
    }

    /// The Ambito-years to validate again; none for a duplicate.
    public var touched: [AmbitoYearRef] {
        if case .stored(_, _, let touched) = self { return touched }
        return []
    }

    public var superseded: [Submission.ID] {
        if case .stored(_, let superseded, _) = self { return superseded }
        return []
    }

    /// One sentence for the person who submitted the file.
    ///
    /// ```swift
    /// print(outcome.summary[.it])   // «cabras.csv» è già stato importato (invio n. 3, accettata): nessuna modifica.
    /// ```
    public var summary: LocalizedText {
        switch self {
        case .duplicate(let existing):
            return LocalizedText(
                it: "«\(existing.file)» è già stato importato (invio n. \(existing.id), \(existing.status.label.it)): "
                    + "nessuna modifica.",
                en: "“\(existing.file)” was already imported (submission \(existing.id), \(existing.status.label.en)): "
                    + "nothing changed.")
        case .stored(let submission, _, _) where submission.status == .rejected:
            return LocalizedText(
                it: "«\(submission.file)» respinto (invio n. \(submission.id)): conservato con la diagnostica, "
                    + "non entra nel piano.",
                en: "“\(submission.file)” rejected (submission \(submission.id)): kept with its diagnostics, "
                    + "not part of the plan.")
        case .stored(let submission, let superseded, _):
            let replaced = superseded.map { String($0) }.joined(separator: ", ")
            return LocalizedText(
                it: "«\(submission.file)» registrato (invio n. \(submission.id)): \(submission.recordCount) record"
                    + (superseded.isEmpty ? "." : "; sostituisce l'invio n. \(replaced)."),
                en: "“\(submission.file)” stored (submission \(submission.id)): \(submission.recordCount) records"
                    + (superseded.isEmpty ? "." : "; supersedes submission \(replaced)."))
        }
    }
}
