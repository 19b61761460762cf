import Foundation
import PlusModel
import Testing
@testable import PlusValidation

/// A rule set states its region and years; the validator picks by both and never applies one silently.
@Suite struct RuleSetChoiceTests {
    typealias F = Fixtures

    static func yaml(version: Int, region: String = "sardegna", years: String) -> String {
        RuleSetTests.valid
            .replacingOccurrences(of: "version: 3", with: "version: \(version)")
            .replacingOccurrences(of: "region: sardegna", with: "region: \(region)")
            .replacingOccurrences(of: "valid_years: 2017-2019", with: "valid_years: \(years)")
    }

    static func year(_ value: Int) -> AmbitoYear {
        var year = F.year
        year.year = value
        return year
    }

    @Test func theShippedRuleSetStatesSardiniaAnd2017To2019() {
        #expect(F.ruleSet.region == "sardegna")
        #expect(F.ruleSet.validYears == [2017, 2018, 2019])
        #expect(F.ruleSet.identity.scopeText == "sardegna-plus v1 (sardegna, 2017–2019)")
    }

    @Test func validYearsReadAsARangeOneYearOrAList() throws {
        #expect(try RuleSet.parse(yaml: Self.yaml(version: 1, years: "2020")).validYears == [2020])
        #expect(try RuleSet.parse(yaml: Self.yaml(version: 1, years: "[2019, 2017]")).validYears == [2017, 2019])
        #expect(try RuleSet.parse(yaml: Self.yaml(version: 1, years: "\"2018-2020\"")).validYears == [2018, 2019, 2020])
    }

    @Test func aRuleSetWithoutYearsOrWithBadYearsIsRefused() {
        let missing = RuleSetTests.valid.replacingOccurrences(of: "valid_years: 2017-2019\n", with: "")
        #expect(throws: RuleSetError.self) { try RuleSet.parse(yaml: missing) }
        #expect {
            try RuleSet.parse(yaml: Self.yaml(version: 1, years: "2019-2017"), file: "r.yaml")
        } throws: { ($0 as? RuleSetError)?.key == "valid_years" }
    }

    @Test func theValidatorPicksTheRuleSetOfTheRegionAndYear() throws {
        let later = try RuleSet.parse(yaml: Self.yaml(version: 2, years: "2020-2022"))
        let other = try RuleSet.parse(yaml: Self.yaml(version: 9, region: "emilia-romagna", years: "2017-2022"))
        let validator = try #require(Validator(ruleSets: [later, F.ruleSet, other]))
        #expect(validator.ruleSet(for: F.year) == F.ruleSet)
        #expect(validator.ruleSet(for: Self.year(2021)) == later)
        let report = validator.validate(Self.year(2021))
        #expect(report.ruleSet == later.identity)
        #expect(report.renderText(language: .it).contains("regole test v2 (sardegna, 2020–2022)"))
        #expect(report.findings(code: "R001").isEmpty)
    }

    @Test func aYearNoRuleSetGovernsIsOneErrorNamingTheYear() throws {
        let validator = try #require(Validator(ruleSets: [F.ruleSet]))
        let report = validator.validate(Self.year(2020))
        let findings = report.findings(code: "R001")
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.diagnostic.message[.it].hasPrefix("Nessuna regola per il 2020 nella regione sardegna") == true)
        #expect(findings.first?.diagnostic.message[.it].contains("2017–2019") == true)
        #expect(validator.validate(F.year).findings(code: "R001").isEmpty)
    }

    @Test func aForcedRuleSetIsCheckedAgainstTheYearAndTheRegion() throws {
        #expect(F.findings("R001", in: Self.year(2020)).count == 1)
        #expect(F.findings("R001", in: F.year).isEmpty)
        let emilia = try RuleSet.parse(yaml: Self.yaml(version: 1, region: "emilia-romagna", years: "2019"))
        #expect(F.findings("R001", in: F.year, ruleSet: emilia).count == 1)
    }
}
