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

    @Test func capStatedByTheDeliberationOverridesTheRuleSetThatAllowsIt() throws {
        var year = F.year
        year.deliberation!.parameters.udpCap = F.euros("100000.00")
        var ruleSet = F.ruleSet
        ruleSet.deliberationMaySet = ["udp_cap"]
        let report = F.validate(year, ruleSet: ruleSet)
        #expect(report.findings(code: "R207").isEmpty)
        let finding = try #require(report.findings(code: "R205").first)
        #expect(report.findings(code: "R205").count == 1)
        #expect(F.numbers(finding) == [F.euros("100000.00"), F.euros("137000.00"), F.euros("37000.00")])
        #expect(report.parameters.contains(UsedParameter(key: "udp_cap", value: "100000.00", origin: .deliberation)))
    }

    @Test func deliberationParametersIgnoredWhenTheRuleSetForbidsOverrides() {
        var year = F.year
        year.deliberation!.parameters.udpCap = F.euros("100000.00")
        let report = F.validate(year)
        #expect(report.findings(code: "R205").isEmpty)
        #expect(report.parameters.contains(UsedParameter(key: "udp_cap", value: "1924184.00", origin: .ruleSet)))
    }
}

@Suite struct EffectiveParametersTests {
    @Test func deliberationStatingOnePartOfTheSplitStatesTheOther() {
        var deliberation = Fixtures.deliberation
        deliberation.parameters.equalShareBasisPoints = 3_000
        var ruleSet = Fixtures.ruleSet
        ruleSet.deliberationMaySet = ["equal_share_percent", "population_share_percent"]
        let parameters = EffectiveParameters(ruleSet: ruleSet, deliberation: deliberation)
        #expect(parameters.allocation.populationShareBasisPoints == 7_000)
        #expect(parameters.used.prefix(2) == [
            UsedParameter(key: "equal_share_percent", value: "30", origin: .deliberation),
            UsedParameter(key: "population_share_percent", value: "70", origin: .deliberation),
        ])
    }
}

/// The sample deliberations of the PlusXML helper follow the same convention as ``AllocationCalculator``.
@Suite struct SampleDeliberationTests {
    typealias F = Fixtures

    static func year(with deliberation: Deliberation) -> AmbitoYear {
        var year = F.year
        year.deliberation = deliberation
        year.ambito.code = "OR"
        return year
    }

    @Test func sample2019PassesEveryDeliberationRule() {
        let report = F.validate(Self.year(with: SampleDeliberation2019.deliberation), ruleSet: F.shippedRuleSet)
        // The fixture's Oristano has three Comuni and 6,000 residents; the act counts 75,495.
        #expect(report.findings.map(\.code) == ["R206"])
        #expect(report.findings.first?.diagnostic.message[.it] == "Ambito OR: la deliberazione 20/9 usa 75495 residenti, i dati di riferimento (popolazione censimento-2011) ne contano 6000 (differenza 69495).")
    }

    @Test func calculatorReproducesSample2019ToTheCent() {
        let computed = AllocationCalculator(rules: F.ruleSet.allocation).recompute(SampleDeliberation2019.deliberation)
        #expect(computed.map(\.total) == SampleDeliberation2019.deliberation.allocations.map(\.total))
    }

    /// The three deliberate errors of `dgr-2019-errata.xml`, as its README describes them.
    @Test func errataErrorsAreEachCaughtWithTheirNumbers() throws {
        var deliberation = SampleDeliberation2019.deliberation
        func edit(_ code: String, _ change: (inout RegionalAllocation) -> Void) {
            change(&deliberation.allocations[deliberation.allocations.firstIndex { $0.ambito == code }!])
        }
        edit("OR") { $0.total += F.euros("100.00") }
        edit("CAS") { $0.populationShare += F.euros("500.00"); $0.total += F.euros("500.00") }
        edit("USS") { $0.udpShare = F.euros("76000.00"); $0.total += F.euros("15000.00") }
        let report = F.validate(Self.year(with: deliberation), ruleSet: F.shippedRuleSet)

        let r203 = report.findings(code: "R203")
        #expect(r203.map(\.ambito) == ["OR"])
        #expect(r203.map(\.difference) == [F.euros("100.00")])
        let r201 = report.findings(code: "R201")
        #expect(r201.map(\.ambito) == ["CAS"])
        #expect(r201.map(\.difference) == [F.euros("500.00")])
        let r204 = try #require(report.findings(code: "R204").first)
        #expect(r204.ambito == "USS")
        #expect(F.numbers(r204) == [F.euros("61000.00"), F.euros("76000.00"), F.euros("15000.00")])
        let r202 = try #require(report.findings(code: "R202").first)
        #expect(r202.difference == F.euros("15600.00"))
    }
}
