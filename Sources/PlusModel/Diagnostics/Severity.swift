/// How serious a diagnostic is.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    /// Informational: nothing is wrong, something is worth knowing (e.g. the detected encoding).
    case info
    /// Suspicious but usable: the data is kept.
    case warning
    /// Wrong: the row, file or check fails.
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.info, .it): "info"
        case (.info, .en): "info"
        case (.warning, .it): "avviso"
        case (.warning, .en): "warning"
        case (.error, .it): "errore"
        case (.error, .en): "error"
        }
    }
}
