import PlusModel

/// Decides whether a finding is listed: the first `perCode` of its code, then the first about each
/// ente (or, for findings on the deliberation, each Ambito) not listed yet, up to `extrasPerCode` more.
///
/// One decision for the report (``CappedFindings``) and for each rule run in a shared pass
/// (``RuleFindings``, which keeps more extras so that none the report could list is lost). Memory is
/// bounded by the codes whatever a file states: at most `perCode + extrasPerCode` subjects per code.
///
/// ```swift
/// var listing = FindingListing(perCode: 500, extrasPerCode: 500)
/// listing.lists(finding)   // false for a 501st finding about an ente already listed
/// ```
struct FindingListing {
    let perCode: Int
    let extrasPerCode: Int
    private var codes: [String: Code] = [:]

    init(perCode: Int, extrasPerCode: Int) {
        self.perCode = perCode
        self.extrasPerCode = extrasPerCode
    }

    /// Who a finding is about, for the extras: its ente, else its Ambito; `nil` gets no extra.
    private enum Subject: Hashable {
        case ente(EnteRef)
        case ambito(String)

        init?(_ finding: Finding) {
            if let ente = finding.ente { self = .ente(ente) } else if let ambito = finding.ambito { self = .ambito(ambito) } else { return nil }
        }
    }

    private struct Code {
        var listed = 0
        var extras = 0
        var subjects: Set<Subject> = []

        mutating func lists(_ subject: Subject?, perCode: Int, extrasPerCode: Int) -> Bool {
            if listed < perCode {
                listed += 1
            } else if let subject, extras < extrasPerCode, !subjects.contains(subject) {
                extras += 1
            } else {
                return false
            }
            if let subject { subjects.insert(subject) }
            return true
        }
    }

    /// Whether `finding` is listed, counting it as listed if so.
    mutating func lists(_ finding: Finding) -> Bool {
        // Mutated in place in the dictionary: no copy of the code's subjects per finding.
        codes[finding.code, default: Code()].lists(Subject(finding), perCode: perCode, extrasPerCode: extrasPerCode)
    }
}
