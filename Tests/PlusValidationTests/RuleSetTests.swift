import Foundation
import PlusModel
import Testing
@testable import PlusValidation

@Suite struct RuleSetTests {
    static let valid = """
        name: test
        version: 3
        region: sardegna
        valid_years: 2017-2019
        parameters:
          equal_share_percent: "40"
          population_share_percent: "60"
          udp_share_small: "61000.00"
          udp_share_large: "76000.00"
          udp_threshold: 35000
          threshold_inclusive_side: small
          udp_cap: "1924184.00"
          udp_before_split: true
          rounding: largest_remainder
        """

    @Test func shippedRuleSetLoadsWithTheSourcesFigures() {
        let ruleSet = Fixtures.ruleSet
        #expect(ruleSet.identity.description == "sardegna-plus v1")
        #expect(ruleSet.allocation.equalShareBasisPoints == 4_000)
        #expect(ruleSet.allocation.populationShareBasisPoints == 6_000)
        #expect(ruleSet.allocation.udpShareSmall == Money(cents: 6_100_000))
        #expect(ruleSet.allocation.udpShareLarge == Money(cents: 7_600_000))
        #expect(ruleSet.allocation.udpThreshold == 35_000)
        #expect(ruleSet.allocation.thresholdSide == .small)
        #expect(ruleSet.allocation.udpCap == Money(cents: 192_418_400))
        #expect(ruleSet.allocation.udpBeforeSplit)
        #expect(ruleSet.toleranceCents == 0)
        #expect(ruleSet.deliberationMaySet.isEmpty)
        #expect(Fixtures.shippedRuleSet.publishedFundTotals == [
            2017: Money(cents: 1_887_180_782), 2018: Money(cents: 1_916_762_240), 2019: Money(cents: 1_861_000_000),
        ])
    }

    @Test func optionalKeysTakeTheirDefaults() throws {
        let ruleSet = try RuleSet.parse(yaml: Self.valid)
        #expect(ruleSet.version == 3)
        #expect(ruleSet.toleranceCents == 0)
        #expect(ruleSet.disabledRules.isEmpty)
    }

    @Test func brokenYAMLIsAClearError() {
        #expect {
            try RuleSet.parse(yaml: "name: [unclosed\nversion: 1", file: "bad.yaml")
        } throws: { error in
            guard let error = error as? RuleSetError else { return false }
            return error.file == "bad.yaml" && error.message.en.hasPrefix("Invalid YAML")
        }
    }

    @Test func missingKeyNamesItsPath() {
        let yaml = Self.valid.replacingOccurrences(of: "  udp_cap: \"1924184.00\"\n", with: "")
        #expect {
            try RuleSet.parse(yaml: yaml, file: "r.yaml")
        } throws: { error in
            (error as? RuleSetError)?.key == "parameters.udp_cap"
        }
    }

    @Test(arguments: [
        ("udp_cap: \"1924184.00\"", "udp_cap: \"1.924.184,00\"", "parameters.udp_cap"),
        ("equal_share_percent: \"40\"", "equal_share_percent: \"45\"", "parameters.population_share_percent"),
        ("threshold_inclusive_side: small", "threshold_inclusive_side: middle", "parameters.threshold_inclusive_side"),
        ("rounding: largest_remainder", "rounding: bankers", "parameters.rounding"),
        ("udp_threshold: 35000", "udp_threshold: 0", "parameters.udp_threshold"),
    ])
    func invalidValueNamesItsKey(original: String, replacement: String, key: String) {
        let yaml = Self.valid.replacingOccurrences(of: original, with: replacement)
        #expect {
            try RuleSet.parse(yaml: yaml, file: "r.yaml")
        } throws: { error in
            guard let error = error as? RuleSetError else { return false }
            return error.key == key && error.rendered(.it).hasPrefix("r.yaml [\(key)]")
        }
    }

    @Test func unreadableFileIsAnError() {
        #expect(throws: RuleSetError.self) {
            try RuleSet.load(contentsOf: URL(fileURLWithPath: "/nonexistent/rules.yaml"))
        }
    }

    @Test func percentTextBecomesBasisPoints() {
        #expect(RuleSetFile.basisPoints("40") == 4_000)
        #expect(RuleSetFile.basisPoints("40.5") == 4_050)
        #expect(RuleSetFile.basisPoints("40,25") == 4_025)
        #expect(RuleSetFile.basisPoints("40.125") == nil)
        #expect(RuleSetFile.basisPoints("abc") == nil)
    }
}
