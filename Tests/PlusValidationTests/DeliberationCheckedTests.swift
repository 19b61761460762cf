import Foundation
import PlusModel
import Testing
@testable import PlusValidation

/// The deliberation is checked, not trusted: populations, parameters it may not set, the published fund.
@Suite struct DeliberationCheckedTests {
    typealias F = Fixtures

    @Test func anAlteredPopulationIsCaughtWithExpectedFoundAndDifference() throws {
        let year = F.year.changing(allocation: "OR") { $0.population = 6_500 }
        let finding = try #require(F.findings("R206", in: year).first)
        #expect(F.findings("R206", in: year).count == 1)
        #expect(finding.ambito == "OR")
        #expect(finding.diagnostic.message[.it] == "Ambito OR: la deliberazione 1/1 usa 6500 residenti, i dati di riferimento (popolazione censimento-2011) ne contano 6000 (differenza 500).")
        #expect(finding.diagnostic.expected == "6000")
        #expect(finding.diagnostic.found == "6500")
        #expect(F.findings("R206", in: F.year).isEmpty)
    }

    @Test func aRaisedCapIsRefusedAndTheRuleSetsCapApplies() throws {
        var year = F.year
        year.deliberation!.parameters.udpCap = F.euros("3000000.00")
        let report = F.validate(year)
        let finding = try #require(report.findings(code: "R207").first)
        #expect(report.findings(code: "R207").count == 1)
        #expect(finding.diagnostic.message[.it] == "La deliberazione 1/1 fissa udp_cap a 3000000.00, ma il set di regole sardegna-plus v1 non le consente di cambiarlo: si applica 1924184.00.")
        #expect(report.parameters.contains(UsedParameter(key: "udp_cap", value: "1924184.00", origin: .ruleSet)))
    }

    @Test func aChangedSplitIsRefusedForBothParts() {
        var year = F.year
        year.deliberation!.parameters.equalShareBasisPoints = 3_000
        let refused = F.findings("R207", in: year).map { $0.diagnostic.message[.en] }
        #expect(refused.count == 2)
        #expect(refused.first?.contains("sets equal_share_percent to 30") == true)
        #expect(refused.last?.contains("sets population_share_percent to 70") == true)
    }

    @Test func aStatedValueEqualToTheRuleSetsIsNoFinding() {
        var year = F.year
        year.deliberation!.parameters.udpCap = F.euros("1924184.00")
        year.deliberation!.parameters.equalShareBasisPoints = 4_000
        #expect(F.findings("R207", in: year).isEmpty)
    }

    @Test func aFundDifferentFromThePublishedTotalIsCaught() throws {
        let finding = try #require(F.findings("R208", in: F.year, ruleSet: F.shippedRuleSet).first)
        #expect(finding.expected == F.euros("18610000.00"))
        #expect(finding.found == F.euros("1000000.00"))
        #expect(finding.difference == F.euros("-17610000.00"))
        var year = F.year
        year.deliberation = SampleDeliberation2019.deliberation
        #expect(F.findings("R208", in: year, ruleSet: F.shippedRuleSet).isEmpty)
    }

    @Test func aRuleSetListingAnUnknownParameterIsRefused() {
        let yaml = RuleSetTests.valid + "\ndeliberation_may_set: [udp_cap, fondo]\n"
        #expect {
            try RuleSet.parse(yaml: yaml, file: "r.yaml")
        } throws: { ($0 as? RuleSetError)?.key == "deliberation_may_set" }
        #expect((try? RuleSet.parse(yaml: RuleSetTests.valid + "\ndeliberation_may_set: [udp_cap]\n"))?.deliberationMaySet == ["udp_cap"])
    }
}
