import Foundation
import PlusModel
import Testing
@testable import PlusValidation

/// An Ambito-year the store assembled without its rows, past its limit, is reported as too large
/// (R003) and nothing else: the other rules would call every share and declaration missing.
@Suite struct RowLimitTests {
    typealias F = Fixtures

    /// The fixture year as the store gives it past the limit: its shares and declarations left out.
    static var tooLarge: AmbitoYear {
        var year = F.year
        year.costShares = []
        year.declarations = []
        year.rowLimitExceeded = RowLimitExceeded(
            limit: 4, largestFile: F.source("riparto-enorme.csv", 1), rowsOfLargestFile: 7)
        return year
    }

    @Test func aYearOverTheLimitHasR003AloneNamingTheLimitAndTheFile() throws {
        let report = F.validate(Self.tooLarge)
        #expect(report.rulesRun == ["R003"])
        let finding = try #require(report.findings.only)
        #expect(finding.code == "R003" && finding.severity == .error)
        #expect(report.hasErrors)
        #expect(finding.diagnostic.location.file == "riparto-enorme.csv")
        #expect(finding.diagnostic.found == "> 4" && finding.diagnostic.expected == "≤ 4")
        #expect(finding.diagnostic.message[.it].contains("L'Ambito OR ha per il 2019 più di 4 righe"))
        #expect(finding.diagnostic.message[.it].contains("«riparto-enorme.csv», con 7 righe"))
        #expect(finding.diagnostic.message[.it].contains("PLUS_AMBITO_YEAR_ROWS"))
        #expect(finding.diagnostic.message[.en].contains("Ambito OR has more than 4 rows"))
        #expect(finding.diagnostic.message[.en].contains("“riparto-enorme.csv”, with 7 rows"))
    }

    @Test func aRuleSetThatDisablesR003DoesNotSilenceIt() throws {
        var ruleSet = F.ruleSet
        ruleSet.disabledRules.insert("R003")
        #expect(F.validate(Self.tooLarge, ruleSet: ruleSet).findings.map(\.code) == ["R003"])
    }

    @Test func aYearWithinTheLimitRunsEveryRuleAndR003FindsNothing() {
        let report = F.validate(F.year)
        #expect(report.rulesRun.contains("R003") && report.rulesRun.count > 20)
        #expect(!report.findings.contains { $0.code == "R003" })
    }
}

extension Collection {
    /// The one element, or `nil` when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
