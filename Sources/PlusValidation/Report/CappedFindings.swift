import PlusModel

/// How many findings of one code a report leaves out of its list: counted exactly, never silent.
///
/// A plan of hundreds of thousands of services can break one rule once per service; the report
/// lists the first ones and says how many more there are (``ValidationReport/omitted``).
///
/// ```swift
/// report.omitted?.first    // OmittedFindings(code: "R402", severity: .error, count: 289_500)
/// ```
public struct OmittedFindings: Hashable, Sendable, Codable {
    public var code: String
    public var severity: Severity
    public var count: Int

    public init(code: String, severity: Severity, count: Int) {
        self.code = code
        self.severity = severity
        self.count = count
    }
}

/// Gathers a report's findings as rules return them, keeping the first `perCode` of each code
/// and counting the others, so a report holds a bounded number of findings whatever the plan's size.
struct CappedFindings {
    let perCode: Int
    private(set) var kept: [Finding] = []
    private var keptPerCode: [String: Int] = [:]
    private var omittedIndex: [OmittedKey: Int] = [:]
    /// In the order the first omitted finding of each code and severity came.
    private(set) var omitted: [OmittedFindings] = []

    private struct OmittedKey: Hashable {
        var code: String
        var severity: Severity
    }

    init(perCode: Int) {
        self.perCode = perCode
    }

    mutating func add(_ findings: [Finding]) {
        for finding in findings {
            let code = finding.code
            if keptPerCode[code, default: 0] < perCode {
                keptPerCode[code, default: 0] += 1
                kept.append(finding)
                continue
            }
            let key = OmittedKey(code: code, severity: finding.severity)
            if let index = omittedIndex[key] {
                omitted[index].count += 1
            } else {
                omittedIndex[key] = omitted.count
                omitted.append(OmittedFindings(code: code, severity: finding.severity, count: 1))
            }
        }
    }
}
