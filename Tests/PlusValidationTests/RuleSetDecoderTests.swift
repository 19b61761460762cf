import Foundation
import Testing
import Yams
import PlusModel
import PlusTestSupport
@testable import PlusValidation

/// The hand decoder of rule sets (``RuleSetFile/init(yaml:)``) against the `Decodable` reading it
/// replaced, and the mistakes it tells.
@Suite("Rule sets read from YAML nodes")
struct RuleSetDecoderTests {
    /// The rule set `text` becomes, or `nil` when it does not decode; `validated` when it does.
    static func handDecoded(_ text: String) -> Result<RuleSet, RuleSetError>? {
        guard let file = try? RuleSetFile(yaml: YAMLValue.document(text)) else { return nil }
        return Result { () throws(RuleSetError) in try file.validated(file: "r.yaml") }
    }

    static func referenceDecoded(_ text: String) -> Result<RuleSet, RuleSetError>? {
        guard let file = try? YAMLDecoder().decode(ReferenceRuleSetFile.self, from: text).file else { return nil }
        return Result { () throws(RuleSetError) in try file.validated(file: "r.yaml") }
    }

    static var texts: [(name: String, text: String)] {
        let folder = Fixtures.ruleSetURL.deletingLastPathComponent()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let shipped = files.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { file in
            (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)).map { (file, $0) }
        }
        return shipped + [("RuleSetTests.valid", RuleSetTests.valid)]
    }

    static func same(_ left: Result<RuleSet, RuleSetError>?, _ right: Result<RuleSet, RuleSetError>?) -> Bool {
        switch (left, right) {
        case (nil, nil): true
        case (.success(let a)?, .success(let b)?): a == b
        case (.failure(let a)?, .failure(let b)?): a.key == b.key && a.message == b.message
        default: false
        }
    }

    @Test func everyShippedRuleSetReadsAsTheDecoderReadIt() throws {
        let texts = Self.texts
        #expect(texts.count >= 3)
        for (name, text) in texts {
            let hand = Self.handDecoded(text)
            #expect(Self.same(hand, Self.referenceDecoded(text)), "\(name)")
            if case .success = hand {} else { Issue.record("\(name) does not load") }
        }
    }

    @Test func variantsOfTheShippedRuleSetsReadAsTheDecoderReadThem() {
        var accepted = 0, refused = 0
        for (index, (name, text)) in Self.texts.enumerated() {
            for (round, variant) in YAMLMutations.variants(of: text, count: 60, seed: 16_200 + UInt64(index)).enumerated() {
                let reference = Self.referenceDecoded(variant)
                #expect(Self.same(Self.handDecoded(variant), reference), "\(name), round \(round):\n\(variant)")
                if case .success = reference { accepted += 1 } else { refused += 1 }
            }
        }
        #expect(accepted > 20 && refused > 20)
    }

    @Test func aValueOfTheWrongKindIsToldWithItsLineAndKey() {
        let yaml = RuleSetTests.valid.replacingOccurrences(of: "udp_threshold: 35000", with: "udp_threshold: molti")
        #expect {
            try RuleSet.parse(yaml: yaml, file: "r.yaml")
        } throws: { error in
            guard let error = error as? RuleSetError else { return false }
            return error.key == "parameters.udp_threshold"
                && error.message.en == "Invalid YAML: line 10: expected a whole number, found 'molti'"
                && error.message.it == "YAML non valido: riga 10: atteso un numero intero, trovato «molti»"
        }
    }

    @Test func aYearKeyThatIsNoNumberIsNamed() {
        let yaml = RuleSetTests.valid + "\npublished_fund_totals:\n  duemila: \"100.00\"\n"
        #expect {
            try RuleSet.parse(yaml: yaml, file: "r.yaml")
        } throws: { error in
            guard let error = error as? RuleSetError else { return false }
            return error.key == "published_fund_totals.duemila" && error.message.en.contains("key not allowed: 'duemila'")
        }
    }
}

/// The `Decodable` reading of a rule set that ``RuleSetFile/init(yaml:)`` replaced: the reference
/// it is compared with, kept here only.
struct ReferenceRuleSetFile: Decodable {
    var file: RuleSetFile

    enum CodingKeys: String, CodingKey {
        case name, version, title, region, parameters
        case populationVintage = "population_vintage"
        case validYears = "valid_years"
        case deliberationMaySet = "deliberation_may_set"
        case publishedFundTotals = "published_fund_totals"
        case disabledRules = "disabled_rules"
        case fundingSources = "funding_sources"
        case fundStatements = "fund_statements"
        case copaymentRuleRequiredFor = "copayment_rule_required_for"
        case indicatorsRequired = "indicators_required"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = RuleSetFile(
            name: try container.decode(String.self, forKey: .name),
            version: try container.decode(Int.self, forKey: .version),
            title: try container.decodeIfPresent(String.self, forKey: .title),
            region: try container.decode(String.self, forKey: .region),
            validYears: try container.decode(ValidYears.self, forKey: .validYears).years,
            parameters: try container.decodeIfPresent(Parameters.self, forKey: .parameters)?.parameters,
            disabledRules: try container.decodeIfPresent([String].self, forKey: .disabledRules),
            fundingSources: try container.decodeIfPresent([String].self, forKey: .fundingSources),
            fundStatements: try container.decodeIfPresent([String].self, forKey: .fundStatements),
            copaymentRuleRequiredFor: try container.decodeIfPresent([String].self, forKey: .copaymentRuleRequiredFor),
            deliberationMaySet: try container.decodeIfPresent([String].self, forKey: .deliberationMaySet),
            publishedFundTotals: try container.decodeIfPresent([Int: String].self, forKey: .publishedFundTotals),
            populationVintage: try container.decodeIfPresent(String.self, forKey: .populationVintage),
            indicatorsRequired: try container.decodeIfPresent(Bool.self, forKey: .indicatorsRequired))
    }

    struct ValidYears: Decodable {
        var years: RuleSetFile.ValidYears

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([Int].self) {
                years = RuleSetFile.ValidYears(text: list.map(String.init).joined(separator: ", "), years: list)
                return
            }
            let text = try container.decode(String.self)
            years = RuleSetFile.ValidYears(text: text, years: RuleSetFile.ValidYears.years(in: text))
        }
    }

    struct Parameters: Decodable {
        var parameters: RuleSetFile.Parameters

        enum CodingKeys: String, CodingKey {
            case equalSharePercent = "equal_share_percent"
            case populationSharePercent = "population_share_percent"
            case udpShareSmall = "udp_share_small"
            case udpShareLarge = "udp_share_large"
            case udpThreshold = "udp_threshold"
            case thresholdInclusiveSide = "threshold_inclusive_side"
            case udpCap = "udp_cap"
            case udpBeforeSplit = "udp_before_split"
            case rounding
            case toleranceCents = "tolerance_cents"
            case deliberationOverrides = "deliberation_overrides"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            parameters = RuleSetFile.Parameters(
                equalSharePercent: try container.decode(String.self, forKey: .equalSharePercent),
                populationSharePercent: try container.decode(String.self, forKey: .populationSharePercent),
                udpShareSmall: try container.decode(String.self, forKey: .udpShareSmall),
                udpShareLarge: try container.decode(String.self, forKey: .udpShareLarge),
                udpThreshold: try container.decode(Int.self, forKey: .udpThreshold),
                thresholdInclusiveSide: try container.decode(String.self, forKey: .thresholdInclusiveSide),
                udpCap: try container.decode(String.self, forKey: .udpCap),
                udpBeforeSplit: try container.decode(Bool.self, forKey: .udpBeforeSplit),
                rounding: try container.decode(String.self, forKey: .rounding),
                toleranceCents: try container.decodeIfPresent(Int.self, forKey: .toleranceCents),
                deliberationOverrides: try container.decodeIfPresent(Bool.self, forKey: .deliberationOverrides))
        }
    }
}
