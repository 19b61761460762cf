import PlusModel
import Testing
@testable import PlusValidation

@Suite struct DeliberationRuleTests {
    typealias F = Fixtures

    @Test func sharesThatDoNotFollowTheSplitAreReportedPerComponent() {
        let year = F.year.changing(allocation: "OR") {
            $0.equalShare = F.euros("172600.01")
            $0.populationShare = F.euros("67539.12")
        }
        let findings = F.findings("R201", in: year)
        #expect(findings.map(\.ambito) == ["OR", "OR"])
        #expect(findings.map(\.expected) == [F.euros("172600.00"), F.euros("67539.13")])
        #expect(findings.map(\.found) == [F.euros("172600.01"), F.euros("67539.12")])
        #expect(findings.map(\.difference) == [F.euros("0.01"), F.euros("-0.01")])
        #expect(findings[0].diagnostic.message.it.contains("quota in parti uguali"))
        #expect(findings[1].diagnostic.message.en.contains("population share"))
        #expect(F.findings("R203", in: year).isEmpty)
    }

    @Test func allocationsNotAddingUpToTheFund() throws {
        var year = F.year
        year.deliberation!.fundTotal = F.euros("1000000.01")
        let findings = F.findings("R202", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(F.numbers(finding) == [F.euros("1000000.01"), F.euros("1000000.00"), F.euros("-0.01")])
        #expect(finding.terms.count == 3)
    }

    @Test func ambitoTotalDifferentFromItsParts() throws {
        let year = F.year.changing(allocation: "OR") { $0.total = F.euros("301139.14") }
        let findings = F.findings("R203", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.ambito == "OR")
        #expect(F.numbers(finding) == [F.euros("301139.13"), F.euros("301139.14"), F.euros("0.01")])
    }

    @Test func exactlyThresholdGetsTheSmallShareUnderTheShippedRuleSet() throws {
        let year = F.year.changing(allocation: "XX") { $0.population = 35_000 }
        let findings = F.findings("R204", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.ambito == "XX")
        #expect(F.numbers(finding) == [F.euros("61000.00"), F.euros("76000.00"), F.euros("15000.00")])
    }

    @Test func exactlyThresholdGetsTheLargeShareWhenTheRuleSetSaysSo() {
        let year = F.year.changing(allocation: "XX") { $0.population = 35_000 }
        var ruleSet = F.ruleSet
        ruleSet.allocation.thresholdSide = .large
        #expect(F.findings("R204", in: year, ruleSet: ruleSet).isEmpty)
        let report = F.validate(year, ruleSet: ruleSet)
        #expect(report.parameters.contains(UsedParameter(key: "threshold_inclusive_side", value: "large", origin: .ruleSet)))
    }

    @Test func derogationExemptsTheShareFromTheThreshold() {
        let year = F.year.changing(allocation: "OR") { $0.udpShare = F.euros("70000.00"); $0.derogation = .zero }
        #expect(F.findings("R204", in: year).isEmpty)
    }

    @Test func capStatedByTheDeliberationOverridesTheRuleSet() throws {
        var year = F.year
        year.deliberation!.parameters.udpCap = F.euros("100000.00")
        let report = F.validate(year)
        let finding = try #require(report.findings(code: "R205").first)
        #expect(report.findings(code: "R205").count == 1)
        #expect(F.numbers(finding) == [F.euros("100000.00"), F.euros("137000.00"), F.euros("37000.00")])
        #expect(report.parameters.contains(UsedParameter(key: "udp_cap", value: "100000.00", origin: .deliberation)))
    }

    @Test func deliberationParametersIgnoredWhenTheRuleSetForbidsOverrides() {
        var year = F.year
        year.deliberation!.parameters.udpCap = F.euros("100000.00")
        var ruleSet = F.ruleSet
        ruleSet.deliberationOverrides = false
        let report = F.validate(year, ruleSet: ruleSet)
        #expect(report.findings(code: "R205").isEmpty)
        #expect(report.parameters.contains(UsedParameter(key: "udp_cap", value: "1924184.00", origin: .ruleSet)))
    }
}

@Suite struct EffectiveParametersTests {
    @Test func deliberationStatingOnePartOfTheSplitStatesTheOther() {
        var deliberation = Fixtures.deliberation
        deliberation.parameters.equalShareBasisPoints = 3_000
        let parameters = EffectiveParameters(ruleSet: Fixtures.ruleSet, deliberation: deliberation)
        #expect(parameters.allocation.populationShareBasisPoints == 7_000)
        #expect(parameters.used.prefix(2) == [
            UsedParameter(key: "equal_share_percent", value: "30", origin: .deliberation),
            UsedParameter(key: "population_share_percent", value: "70", origin: .deliberation),
        ])
    }
}
