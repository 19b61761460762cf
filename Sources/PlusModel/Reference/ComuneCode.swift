/// A code a Comune had, and the years it was valid.
///
/// ISTAT renumbers Comuni when provinces change: Carbonia is `092012` in 1995–2005, `107003` in
/// 2006–2016 and `111009` from 2017. A merged Comune's code leads to the Comune it merged into.
///
/// ```swift
/// ComuneCode(code: "107003", from: 2006, through: 2016)   // Carbonia with 110 provinces
/// ComuneCode(code: "037004", name: "Bazzano", through: 2013)  // merged into Valsamoggia
/// ```
public struct ComuneCode: Hashable, Sendable, Codable {
    /// The six-digit ISTAT code as valid in those years.
    public var code: String
    /// The name under that code, when it differs from the Comune's name today (a merged Comune).
    public var name: String?
    /// The first year it was valid; `nil` when no source tells (valid as far back as known).
    public var from: Int?
    /// The last year it was valid; `nil` while it still is.
    public var through: Int?
    /// Whether the code was another Comune's, merged into this one after `through` (a fusione);
    /// otherwise it was this Comune's own code, renumbered when its province changed.
    public var isMerged: Bool

    public init(code: String, name: String? = nil, from: Int? = nil, through: Int? = nil, isMerged: Bool = false) {
        self.code = code
        self.name = name
        self.from = from
        self.through = through
        self.isMerged = isMerged
    }

    /// Whether the code was valid in `year`.
    public func isValid(in year: Int) -> Bool {
        (from ?? Int.min) <= year && year <= (through ?? Int.max)
    }

    /// The years as people write them: `2006–2016`, `dal 2017` / `from 2017`, `fino al 2013` / `until 2013`.
    public var years: LocalizedText {
        switch (from, through) {
        case (let from?, let through?): from == through ? .init(it: "\(from)", en: "\(from)") : .init(it: "\(from)–\(through)", en: "\(from)–\(through)")
        case (let from?, nil): .init(it: "dal \(from)", en: "from \(from)")
        case (nil, let through?): .init(it: "fino al \(through)", en: "until \(through)")
        case (nil, nil): .init(it: "sempre", en: "always")
        }
    }

    /// The codes of ISTAT's published list of Comuni for one row: the codes with 103 provinces
    /// (1995–2005), 107 (2006–2009) and 110 (2010–2016), then the code of today, from the year
    /// after the last one that differs. Consecutive equal codes are one span; a missing code
    /// (the Comune did not exist) bounds nothing.
    ///
    /// ```swift
    /// ComuneCode.fromPublishedList(current: "111009", earlier: [(1995...2005, "092012"), (2006...2009, "107003"), (2010...2016, "107003")])
    /// // [092012 1995–2005, 107003 2006–2016, 111009 from 2017]
    /// ```
    public static func fromPublishedList(current: String, earlier: [(years: ClosedRange<Int>, code: String?)]) -> [ComuneCode] {
        var spans: [ComuneCode] = []
        var previousEnd: Int?
        for (years, code) in earlier.sorted(by: { $0.years.lowerBound < $1.years.lowerBound }) {
            defer { previousEnd = years.upperBound }
            guard let code else { continue }
            if var last = spans.last, last.code == code, last.through == years.lowerBound - 1 {
                last.through = years.upperBound
                spans[spans.count - 1] = last
            } else {
                spans.append(ComuneCode(code: code, from: years.lowerBound, through: years.upperBound))
            }
        }
        if var last = spans.last, last.code == current, last.through == previousEnd {
            last.through = nil
            spans[spans.count - 1] = last
        } else {
            let from = spans.last.flatMap { $0.through == previousEnd ? previousEnd.map { $0 + 1 } : nil }
            spans.append(ComuneCode(code: current, from: from, through: nil))
        }
        // A code valid since the oldest list is valid as far back as anyone knows.
        if spans.count == 1 { spans[0].from = nil }
        return spans
    }
}
