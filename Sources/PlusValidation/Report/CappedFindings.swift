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

/// Gathers a report's findings as rules return them, keeping the first `perCode` of each code and
/// then the first about each ente (or Ambito) not listed yet, up to `perCode` more, and counting the
/// others, so a report holds a bounded number of findings whatever the plan's size while an officer
/// still sees every Comune a code is about (as far as the limit goes).
struct CappedFindings {
    let perCode: Int
    private(set) var kept: [Finding] = []
    private var listing: FindingListing
    private var omittedIndex: [OmittedKey: Int] = [:]
    /// In the order the first omitted finding of each code and severity came.
    private(set) var omitted: [OmittedFindings] = []

    private struct OmittedKey: Hashable {
        var code: String
        var severity: Severity
    }

    init(perCode: Int) {
        self.perCode = perCode
        listing = FindingListing(perCode: perCode, extrasPerCode: perCode)
    }

    mutating func add(_ findings: [Finding]) {
        for finding in findings {
            if listing.lists(finding) {
                kept.append(finding)
            } else {
                addOmitted(code: finding.code, severity: finding.severity, count: 1)
            }
        }
    }

    /// Counts `count` findings of `code` and `severity` as omitted.
    mutating func addOmitted(code: String, severity: Severity, count: Int) {
        let key = OmittedKey(code: code, severity: severity)
        if let index = omittedIndex[key] {
            omitted[index].count += count
        } else {
            omittedIndex[key] = omitted.count
            omitted.append(OmittedFindings(code: code, severity: severity, count: count))
        }
    }
}

/// The findings of one rule, kept as ``CappedFindings`` would keep them, so that several rules can
/// run in one pass over a plan's services and still be gathered rule after rule, exactly as if each
/// had run on its own: ``CappedFindings/add(_:)`` replays them in their order.
///
/// It keeps, with their place in the rule's output, every finding the report could list: the first
/// `perCode` of each code, then the first about each ente (or Ambito) not kept yet, up to
/// 3 x `perCode` of them (the report lists at most `perCode` such extras and knows at most
/// 2 x `perCode` enti per code before, so any later one is omitted there whatever came before).
/// For each code and severity beyond that, it keeps the place of the first one and how many there
/// are: bounded by the codes, whatever the plan's size.
struct RuleFindings {
    let perCode: Int
    private var count = 0
    private var listing: FindingListing
    private var kept: [(place: Int, finding: Finding)] = []
    private var beyondIndex: [OmittedKey: Int] = [:]
    private var beyond: [(place: Int, key: OmittedKey, count: Int)] = []

    struct OmittedKey: Hashable {
        var code: String
        var severity: Severity
    }

    init(perCode: Int) {
        self.perCode = perCode
        listing = FindingListing(perCode: perCode, extrasPerCode: 3 * perCode)
    }

    /// Whether the rule found nothing.
    var isEmpty: Bool { count == 0 }

    mutating func add(_ findings: [Finding]) {
        for finding in findings {
            defer { count += 1 }
            if listing.lists(finding) {
                kept.append((count, finding))
                continue
            }
            let key = OmittedKey(code: finding.code, severity: finding.severity)
            if let index = beyondIndex[key] {
                beyond[index].count += 1
            } else {
                beyondIndex[key] = beyond.count
                beyond.append((count, key, 1))
            }
        }
    }

    /// Every event in the rule's order: a finding kept here, or the first of those counted beyond.
    fileprivate var events: [(place: Int, finding: Finding?, omitted: (key: OmittedKey, count: Int)?)] {
        (kept.map { ($0.place, $0.finding, nil) } + beyond.map { ($0.place, nil, ($0.key, $0.count)) }).sorted { $0.place < $1.place }
    }
}

extension CappedFindings {
    /// Gathers a rule's findings as if they came one by one: those kept there are added in their
    /// place, and those it counted beyond its limit (beyond this one's too) are counted here.
    mutating func add(_ rule: RuleFindings) {
        for event in rule.events {
            if let finding = event.finding { add([finding]) }
            if let (key, count) = event.omitted { addOmitted(code: key.code, severity: key.severity, count: count) }
        }
    }
}
