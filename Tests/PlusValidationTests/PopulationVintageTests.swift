import Foundation
import PlusModel
import Testing
@testable import PlusValidation

/// The rule set names the population vintage; validation weighs the Comuni by it, says so, and
/// reports a vintage the reference data lacks instead of using another.
@Suite struct PopulationVintageTests {
    typealias F = Fixtures

    @Test func theShippedRuleSetNamesTheCensusOf2011() {
        #expect(F.shippedRuleSet.populationVintage == "censimento-2011")
        #expect(F.shippedRuleSet.identity.populationVintage == "censimento-2011")
    }

    @Test func aRuleSetReadsItsVintageAndRefusesAMalformedOne() throws {
        let text = try String(contentsOf: F.ruleSetURL, encoding: .utf8)
        let other = try RuleSet.parse(yaml: text.replacingOccurrences(
            of: "population_vintage: censimento-2011", with: "population_vintage: istat-2019-01-01"))
        #expect(other.populationVintage == "istat-2019-01-01")
        let none = try RuleSet.parse(yaml: text.replacingOccurrences(of: "population_vintage: censimento-2011", with: ""))
        #expect(none.populationVintage == nil)
        #expect(throws: RuleSetError.self) {
            try RuleSet.parse(yaml: text.replacingOccurrences(
                of: "population_vintage: censimento-2011", with: "population_vintage: \"censimento 2011!\""))
        }
        do {
            _ = try RuleSet.parse(yaml: text.replacingOccurrences(
                of: "population_vintage: censimento-2011", with: "population_vintage: \"\""), file: "r.yaml")
            Issue.record("an empty vintage was accepted")
        } catch {
            #expect(error.key == "population_vintage")
        }
    }

    /// The fixture year with an `istat-2019` vintage where Cabras has 3,100 residents, not 3,000.
    static var yearWithTwoVintages: AmbitoYear {
        var year = F.year
        year.populationsByVintage["istat-2019"] = ["095001": 1_000, "095002": 2_000, "095003": 3_100]
        return year
    }

    @Test func theDeliberationIsComparedWithTheVintageTheRuleSetNames() throws {
        // The deliberation states 6,000: the 2011 census agrees, the 2019 populations count 6,100.
        #expect(F.findings("R206", in: Self.yearWithTwoVintages).isEmpty)
        var ruleSet = F.ruleSet
        ruleSet.populationVintage = "istat-2019"
        let report = F.validate(Self.yearWithTwoVintages, ruleSet: ruleSet)
        let finding = try #require(report.findings(code: "R206").first)
        #expect(finding.diagnostic.expected == "6100")
        #expect(finding.diagnostic.message[.it].contains("(popolazione istat-2019) ne contano 6100"))
        #expect(finding.diagnostic.message[.en].contains("(istat-2019 population) counts 6100"))
        #expect(report.findings(code: "R002").isEmpty)
    }

    @Test func everyReportSaysWhichVintageWasUsed() throws {
        var ruleSet = F.ruleSet
        ruleSet.populationVintage = "istat-2019"
        let report = F.validate(Self.yearWithTwoVintages, ruleSet: ruleSet)
        #expect(report.ruleSet.populationVintage == "istat-2019")
        #expect(report.renderText(language: .it).contains("Popolazione: istat-2019 (annata indicata dalle regole)"))
        #expect(report.renderText(language: .en).contains("Population: istat-2019 (the vintage the rule set names)"))
        let json = try #require(String(data: try report.jsonData(), encoding: .utf8))
        #expect(json.contains(#""populationVintage" : "istat-2019""#))
        // A rule set that names none says so rather than leaving it unsaid.
        ruleSet.populationVintage = nil
        #expect(F.validate(F.year, ruleSet: ruleSet).renderText(language: .en).contains("the rule set names no vintage"))
    }

    @Test func aVintageTheReferenceDataLacksIsAnErrorNotAFallback() throws {
        var ruleSet = F.ruleSet
        ruleSet.populationVintage = "istat-2019"
        var year = Self.yearWithTwoVintages
        year.populationsByVintage["istat-2019"]?["095003"] = nil
        // The deliberation's altered population would be caught by the 2011 census: it is not used instead.
        year = year.changing(allocation: "OR") { $0.population = 6_500 }
        let report = F.validate(year, ruleSet: ruleSet)
        let finding = try #require(report.findings(code: "R002").first)
        #expect(finding.severity == .error)
        #expect(finding.diagnostic.message[.it].contains("095003 Cabras"))
        #expect(finding.diagnostic.message[.it].contains("istat-2019"))
        #expect(finding.diagnostic.message[.en].contains("vintages present: censimento-2011, istat-2019"))
        #expect(report.findings(code: "R206").isEmpty)
        #expect(!report.rulesRun.contains("R206") && !report.rulesRun.contains("R105"))
        #expect(report.hasErrors)
        // With no vintage at all the same finding names none present.
        year.populationsByVintage = [:]
        #expect(F.validate(year, ruleSet: ruleSet).findings(code: "R002").first?.diagnostic.message[.en].contains("vintages present: -") == true)
    }
}
