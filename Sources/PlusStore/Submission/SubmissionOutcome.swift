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
}
