import PlusModel

/// Where a submission stands: taken, refused, or replaced by a newer one.
public enum SubmissionStatus: String, Sendable, Codable, CaseIterable {
    /// Read to the end; its records are part of the plan until a newer submission replaces it.
    case accepted
    /// Structurally unusable: kept with its diagnostics and rows, never part of the plan.
    case rejected
    /// Replaced by a newer submission with the same key; kept as history.
    case superseded

    public var label: LocalizedText {
        switch self {
        case .accepted: LocalizedText(it: "accettata", en: "accepted")
        case .rejected: LocalizedText(it: "respinta", en: "rejected")
        case .superseded: LocalizedText(it: "sostituita", en: "superseded")
        }
    }
}
