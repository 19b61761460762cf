import PlusModel
import Testing
@testable import PlusValidation

@Suite struct ConsistentDataTests {
    @Test(arguments: Validator.standardRules.map { type(of: $0).code })
    func ruleFindsNothingOnConsistentData(code: String) {
        let rule = Validator.standardRules.first { type(of: $0).code == code }!
        let context = ValidationContext(parameters: EffectiveParameters(ruleSet: Fixtures.ruleSet, deliberation: Fixtures.deliberation))
        #expect(rule.check(Fixtures.year, context: context).isEmpty)
    }

    @Test func wholeReportIsCleanAndRunsEveryRule() {
        let report = Fixtures.validate(Fixtures.year)
        #expect(report.findings.isEmpty)
        #expect(!report.hasErrors)
        #expect(report.rulesRun == Validator.standardRules.map { type(of: $0).code })
        #expect(report.ruleSet == RuleSetIdentity(
            name: "sardegna-plus", version: 1, region: "sardegna", validYears: [2017, 2018, 2019], populationVintage: "censimento-2011"))
    }

    @Test func codesAreUniqueAndDocumented() throws {
        let codes = Validator.catalogue.map(\.code)
        #expect(Set(codes).count == codes.count)
        let readme = try String(
            contentsOf: Fixtures.ruleSetURL.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Sources/PlusValidation/PlusValidation.docc/PlusValidation.md"),
            encoding: .utf8)
        for code in codes {
            #expect(readme.contains("| \(code) |"), "\(code) missing from the rules table")
        }
    }
}
