import Foundation
import PlusModel

/// The YAML shape of a rule set file, before its values are checked.
struct RuleSetFile {
    var name: String
    var version: Int
    var title: String?
    var region: String
    var validYears: ValidYears
    var parameters: Parameters?
    var disabledRules: [String]?
    var fundingSources: [String]?
    var fundStatements: [String]?
    var copaymentRuleRequiredFor: [String]?
    var deliberationMaySet: [String]?
    var publishedFundTotals: [Int: String]?
    var populationVintage: String?
    var indicatorsRequired: Bool?

    /// `valid_years` as written: a range `2017-2019`, one year `2019`, or a list `[2017, 2019]`.
    struct ValidYears {
        var text: String
        var years: [Int]?

        /// `2017-2019` (or with an en dash) → 2017, 2018, 2019; `2019` → 2019; `nil` for anything else.
        static func years(in text: String) -> [Int]? {
            let bounds = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "–" }
                .map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let first = bounds.first ?? nil, let last = bounds.last ?? nil,
                  (1900...2200).contains(first), (first...2200).contains(last) else { return nil }
            return Array(first...last)
        }
    }

    struct Parameters {
        var equalSharePercent: String
        var populationSharePercent: String
        var udpShareSmall: String
        var udpShareLarge: String
        var udpThreshold: Int
        var thresholdInclusiveSide: String
        var udpCap: String
        var udpBeforeSplit: Bool
        var rounding: String
        var toleranceCents: Int?
        var deliberationOverrides: Bool?

        /// What a rule set without allocation parameters stands for: no split, no UdP share, no cap.
        static let none = Parameters(
            equalSharePercent: "0", populationSharePercent: "100", udpShareSmall: "0.00", udpShareLarge: "0.00",
            udpThreshold: 1, thresholdInclusiveSide: "small", udpCap: "0.00", udpBeforeSplit: true, rounding: "largest_remainder",
            toleranceCents: nil, deliberationOverrides: nil)
    }
}

extension RuleSetFile.Parameters {
    /// Reads `parameters:`; all are required but the tolerance and the older override switch.
    init(yaml: YAMLValue) throws(YAMLMistake) {
        let fields = try yaml.fields()
        equalSharePercent = try fields.required("equal_share_percent").string()
        populationSharePercent = try fields.required("population_share_percent").string()
        udpShareSmall = try fields.required("udp_share_small").string()
        udpShareLarge = try fields.required("udp_share_large").string()
        udpThreshold = try fields.required("udp_threshold").int()
        thresholdInclusiveSide = try fields.required("threshold_inclusive_side").string()
        udpCap = try fields.required("udp_cap").string()
        udpBeforeSplit = try fields.required("udp_before_split").bool()
        rounding = try fields.required("rounding").string()
        toleranceCents = try fields.optional("tolerance_cents")?.int()
        deliberationOverrides = try fields.optional("deliberation_overrides")?.bool()
    }
}

extension RuleSet {
    /// Reads a rule set file.
    public static func load(contentsOf url: URL) throws(RuleSetError) -> RuleSet {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw RuleSetError(
                file: url.lastPathComponent,
                message: .init(it: "File non leggibile: \(error.localizedDescription)",
                               en: "Cannot read the file: \(error.localizedDescription)"))
        }
        return try parse(yaml: text, file: url.lastPathComponent)
    }

    /// Reads every `*.yaml` rule set in a folder, sorted by name then version.
    ///
    /// ```swift
    /// let sets = try RuleSet.loadAll(in: URL(filePath: "Mappings/rules"))
    /// let latest = sets.last { $0.name == "sardegna-plus" }
    /// ```
    public static func loadAll(in directory: URL) throws(RuleSetError) -> [RuleSet] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw RuleSetError(
                file: directory.lastPathComponent,
                message: .init(it: "Cartella non leggibile: \(error.localizedDescription)",
                               en: "Cannot read the folder: \(error.localizedDescription)"))
        }
        var sets: [RuleSet] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            sets.append(try load(contentsOf: directory.appendingPathComponent(name)))
        }
        return sets.sorted { ($0.name, $0.version) < ($1.name, $1.version) }
    }

    /// Reads a rule set from YAML text; `file` names it in errors.
    public static func parse(yaml: String, file: String = "rule set") throws(RuleSetError) -> RuleSet {
        let raw: RuleSetFile
        do throws(YAMLMistake) {
            raw = try RuleSetFile(yaml: YAMLValue.document(yaml))
        } catch let mistake {
            // The line and the key (the same explanation as for mappings).
            let line = mistake.line.map { (it: "riga \($0): ", en: "line \($0): ") } ?? (it: "", en: "")
            throw RuleSetError(
                file: file, key: mistake.field,
                message: .init(it: "YAML non valido: \(line.it)\(mistake.problem.it)", en: "Invalid YAML: \(line.en)\(mistake.problem.en)"))
        }
        return try raw.validated(file: file)
    }
}

extension RuleSetFile {
    func validated(file: String) throws(RuleSetError) -> RuleSet {
        func invalid(_ key: String, _ value: String, it: String, en: String) -> RuleSetError {
            RuleSetError(
                file: file, key: "parameters.\(key)",
                message: .init(it: "«\(value)» non valido: \(it)", en: "'\(value)' is not valid: \(en)"))
        }
        func percent(_ key: String, _ text: String) throws(RuleSetError) -> Int64 {
            guard let basisPoints = Self.basisPoints(text), (0...10_000).contains(basisPoints) else {
                throw invalid(key, text, it: "atteso un percento tra 0 e 100, ad es. 40 o 40.5",
                              en: "expected a percent between 0 and 100, e.g. 40 or 40.5")
            }
            return basisPoints
        }
        func money(_ key: String, _ text: String) throws(RuleSetError) -> Money {
            guard let amount = try? MoneyParser(convention: .dot).parse(text), !amount.isNegative,
                  amount <= AmountsWithinRange.largestAmount else {
                throw invalid(key, text, it: "atteso un importo in euro con il punto decimale, ad es. \"61000.00\"",
                              en: "expected an amount in euros with a decimal dot, e.g. \"61000.00\"")
            }
            return amount
        }
        // A region without the Sardinian fund states no allocation parameters: neutral ones, never shown.
        let p = parameters ?? Parameters.none
        let equal = try percent("equal_share_percent", p.equalSharePercent)
        let population = try percent("population_share_percent", p.populationSharePercent)
        guard equal + population == 10_000 else {
            throw invalid("population_share_percent", p.populationSharePercent,
                          it: "le due parti devono sommare a 100", en: "the two parts must add up to 100")
        }
        guard let side = ThresholdSide(rawValue: p.thresholdInclusiveSide) else {
            throw invalid("threshold_inclusive_side", p.thresholdInclusiveSide, it: "atteso small o large", en: "expected small or large")
        }
        guard let rounding = RoundingMethod(rawValue: p.rounding) else {
            throw invalid("rounding", p.rounding, it: "atteso largest_remainder", en: "expected largest_remainder")
        }
        guard p.udpThreshold > 0 else {
            throw invalid("udp_threshold", String(p.udpThreshold), it: "atteso un numero di residenti positivo", en: "expected a positive number of residents")
        }
        let tolerance = p.toleranceCents ?? 0
        guard tolerance >= 0 else {
            throw invalid("tolerance_cents", String(tolerance), it: "atteso un numero di centesimi ≥ 0", en: "expected cents ≥ 0")
        }
        guard !region.isEmpty, region.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else {
            throw RuleSetError(file: file, key: "region", message: .init(
                it: "«\(region)» non valido: atteso il nome della regione, ad es. sardegna",
                en: "'\(region)' is not valid: expected the region's name, e.g. sardegna"))
        }
        guard let years = validYears.years, !years.isEmpty, years.allSatisfy({ (1900...2200).contains($0) }) else {
            throw RuleSetError(file: file, key: "valid_years", message: .init(
                it: "«\(validYears.text)» non valido: atteso un intervallo di anni come 2017-2019, un anno o un elenco [2017, 2019]",
                en: "'\(validYears.text)' is not valid: expected a range of years such as 2017-2019, one year or a list [2017, 2019]"))
        }
        guard !name.isEmpty, version > 0 else {
            throw RuleSetError(file: file, key: "version", message: .init(
                it: "Nome non vuoto e versione positiva obbligatori.", en: "A non-empty name and a positive version are required."))
        }
        // The older switch `deliberation_overrides: true` lets the act set every parameter.
        let maySet = deliberationMaySet ?? (p.deliberationOverrides == true ? EffectiveParameters.overridableKeys : [])
        if let unknown = maySet.first(where: { !EffectiveParameters.overridableKeys.contains($0) }) {
            throw RuleSetError(file: file, key: "deliberation_may_set", message: .init(
                it: "«\(unknown)» non valido: atteso uno di \(EffectiveParameters.overridableKeys.joined(separator: ", "))",
                en: "'\(unknown)' is not valid: expected one of \(EffectiveParameters.overridableKeys.joined(separator: ", "))"))
        }
        if let vintage = populationVintage,
           vintage.isEmpty || !vintage.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            throw RuleSetError(file: file, key: "population_vintage", message: .init(
                it: "«\(vintage)» non valido: attesa l'annata della popolazione come la chiamano i dati ISTAT caricati, ad es. censimento-2011",
                en: "'\(vintage)' is not valid: expected the population vintage as the loaded ISTAT data name it, e.g. censimento-2011"))
        }
        var published: [Int: Money] = [:]
        for (year, text) in publishedFundTotals ?? [:] {
            guard (1900...2200).contains(year) else {
                throw RuleSetError(file: file, key: "published_fund_totals", message: .init(
                    it: "«\(year)» non valido: atteso un anno", en: "'\(year)' is not valid: expected a year"))
            }
            published[year] = try money("published_fund_totals.\(year)", text)
        }
        let rules = AllocationRules(
            equalShareBasisPoints: equal, populationShareBasisPoints: population,
            udpShareSmall: try money("udp_share_small", p.udpShareSmall),
            udpShareLarge: try money("udp_share_large", p.udpShareLarge),
            udpThreshold: p.udpThreshold, thresholdSide: side, udpCap: try money("udp_cap", p.udpCap),
            udpBeforeSplit: p.udpBeforeSplit, rounding: rounding)
        var ruleSet = RuleSet(
            name: name, version: version, title: title, region: region, validYears: years, allocation: rules, toleranceCents: UInt64(tolerance),
            deliberationMaySet: Set(maySet), publishedFundTotals: published, disabledRules: Set(disabledRules ?? []),
            populationVintage: populationVintage)
        ruleSet.statesAllocation = parameters != nil
        ruleSet.fundingSources = try fundingSources.map { list throws(RuleSetError) in try Self.sources(list, key: "funding_sources", file: file) }
        ruleSet.fundStatements = try Self.sources(fundStatements ?? [], key: "fund_statements", file: file)
        ruleSet.copaymentRuleRequiredFor = try Self.sources(copaymentRuleRequiredFor ?? [], key: "copayment_rule_required_for", file: file)
        ruleSet.indicatorsRequired = indicatorsRequired ?? false
        return ruleSet
    }

    /// Funding lines named by their keys (`frna`, `fondo_regionale`), each checked.
    static func sources(_ keys: [String], key: String, file: String) throws(RuleSetError) -> [FundingSource] {
        var sources: [FundingSource] = []
        for text in keys {
            guard let source = FundingSource(rawValue: text) else {
                let known = FundingSource.allCases.map(\.rawValue).joined(separator: ", ")
                throw RuleSetError(file: file, key: key, message: .init(
                    it: "«\(text)» non valido: attesa una delle fonti \(known)",
                    en: "'\(text)' is not valid: expected one of the sources \(known)"))
            }
            sources.append(source)
        }
        return sources
    }

    /// `40`, `40.5`, `40,25` → 4000, 4050, 4025; `nil` for anything finer than a basis point.
    static func basisPoints(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(maxSplits: 1, omittingEmptySubsequences: false) { (character: Character) in
            character == "." || character == ","
        }
        guard let whole = parts.first.flatMap({ Int64($0) }), whole >= 0, whole <= 100 else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy({ $0.isNumber }), let value = Int64(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        return whole * 100 + fraction
    }
}

extension RuleSetFile.ValidYears {
    init(yaml: YAMLValue) throws(YAMLMistake) {
        if yaml.isList {
            let list = try yaml.ints()
            text = list.map(String.init).joined(separator: ", ")
            years = list
            return
        }
        text = try yaml.string()
        years = Self.years(in: text)
    }
}

extension RuleSetFile {
    /// Reads a rule set document's root, before ``validated(file:)``; keys it does not know are ignored.
    init(yaml: YAMLValue) throws(YAMLMistake) {
        let fields = try yaml.fields()
        name = try fields.required("name").string()
        version = try fields.required("version").int()
        title = try fields.optional("title")?.string()
        region = try fields.required("region").string()
        validYears = try ValidYears(yaml: fields.required("valid_years"))
        parameters = try fields.optional("parameters").map { value throws(YAMLMistake) in try Parameters(yaml: value) }
        disabledRules = try fields.optional("disabled_rules")?.strings()
        fundingSources = try fields.optional("funding_sources")?.strings()
        fundStatements = try fields.optional("fund_statements")?.strings()
        copaymentRuleRequiredFor = try fields.optional("copayment_rule_required_for")?.strings()
        deliberationMaySet = try fields.optional("deliberation_may_set")?.strings()
        publishedFundTotals = try fields.optional("published_fund_totals").map { value throws(YAMLMistake) in
            var totals: [Int: String] = [:]
            for (year, total) in try value.entriesByWholeNumber() { totals[year] = try total.string() }
            return totals
        }
        populationVintage = try fields.optional("population_vintage")?.string()
        indicatorsRequired = try fields.optional("indicators_required")?.bool()
    }
}
