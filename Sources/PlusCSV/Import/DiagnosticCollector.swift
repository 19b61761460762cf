import PlusModel

/// Keeps diagnostics, at most a fixed number per code, so a huge broken file needs bounded memory.
///
/// What is not kept is counted and summarised by one ``Problem/csvDiagnosticsCapped`` per code.
struct DiagnosticCollector {
    let limitPerCode: Int
    private(set) var kept: [Diagnostic] = []
    private var countByCode: [String: Int] = [:]
    private(set) var errorCount = 0

    init(limitPerCode: Int) {
        self.limitPerCode = limitPerCode
    }

    mutating func add(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { errorCount += 1 }
        let count = countByCode[diagnostic.code, default: 0] + 1
        countByCode[diagnostic.code] = count
        if count <= limitPerCode { kept.append(diagnostic) }
    }

    /// The kept diagnostics followed by one summary per code that overflowed.
    func finished(file: String) -> [Diagnostic] {
        kept + countByCode.sorted { $0.key < $1.key }.compactMap { code, count in
            count > limitPerCode
                ? Problem.csvDiagnosticsCapped.at(SourceLocation(file: file), found: String(count - limitPerCode), details: ["field": code])
                : nil
        }
    }

    var hasErrors: Bool { errorCount > 0 }
}
