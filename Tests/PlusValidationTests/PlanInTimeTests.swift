import Foundation
import PlusModel
import Testing
@testable import PlusValidation

/// A year without a plan, or outside the plan's triennium, is one finding, not one per declaration.
@Suite struct PlanInTimeTests {
    typealias F = Fixtures

    /// Only the Comuni's sheets of `value`: no services, no shares, no deliberation.
    static func sheetsOnly(_ value: Int) -> AmbitoYear {
        AmbitoYear(
            ambito: F.ambito, year: value,
            declarations: F.declarations.map { var declaration = $0; declaration.year = value; return declaration },
            submitters: [F.a, F.b, F.c])
    }

    @Test func aYearWithNeitherPlanNorDeliberationIsOneError() throws {
        let report = F.validate(Self.sheetsOnly(2020))
        #expect(report.findings.map(\.code) == ["R110"])
        let message = try #require(report.findings.first).diagnostic.message
        #expect(message[.it].hasPrefix("Nessuna deliberazione per il 2020: l'Ambito OR non ha né un piano né una deliberazione"))
        #expect(message[.it].contains("le 11 dichiarazioni dell'anno non sono confrontate"))
        #expect(message[.en].hasPrefix("No deliberation for 2020"))
    }

    @Test func aYearOutsideThePlansTrienniumIsOneError() {
        var year = F.year
        year.plan = PlanIdentity(ambito: "OR", trienniumStart: 2020, year: 2019)
        let report = F.validate(year)
        #expect(report.findings.map(\.code) == ["R110"])
        #expect(report.findings.first?.diagnostic.message[.it].hasPrefix("Il 2019 è fuori dal triennio 2020–2022") == true)
    }

    @Test func aYearInsideThePlansTrienniumIsClean() {
        var year = F.year
        year.plan = PlanIdentity(ambito: "OR", trienniumStart: 2017, year: 2019)
        #expect(F.validate(year).findings.isEmpty)
    }
}
