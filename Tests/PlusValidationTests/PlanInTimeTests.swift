import Foundation
import PlusModel
import Testing
@testable import PlusValidation

/// A year without a plan, or outside the plan's triennium, is one finding, not one per declaration.
@Suite struct PlanInTimeTests {
    typealias F = Fixtures

    /// Only the Comuni's sheets of `value`: no services, no shares, no deliberation.
    static func sheetsOnly(_ value: Int) -> AmbitoYear {
        var year = AmbitoYear(
            ambito: F.ambito, year: value,
            declarations: F.declarations.map { var declaration = $0; declaration.year = value; return declaration },
            submitters: [F.a, F.b, F.c])
        year.populationsByVintage = F.year.populationsByVintage
        return year
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

/// What a plan table states about its plan becomes the Ambito-year's plan.
@Suite struct PlanStatementTests {
    @Test func trienniaAreReadAsSheetsWriteThem() {
        #expect(PlanStatement.trienniumStart(parsing: "2018-2020") == 2018)
        #expect(PlanStatement.trienniumStart(parsing: "2018–2020") == 2018)
        #expect(PlanStatement.trienniumStart(parsing: "2018/2020") == 2018)
        #expect(PlanStatement.trienniumStart(parsing: "2018") == 2018)
        #expect(PlanStatement.trienniumStart(parsing: "2018-2019") == nil)
        #expect(PlanStatement.trienniumStart(parsing: "triennio") == nil)
    }

    @Test func theServicesStatementIsThePlanOfTheYear() throws {
        var services = Fixtures.services
        services[1].plan = PlanStatement(type: .plus, trienniumStart: 2018, version: 2, approvedBy: "Del. C.C. 5/2019")
        let plan = try #require(PlanIdentity(ambito: "OR", year: 2019, services: services))
        #expect(plan == PlanIdentity(ambito: "OR", trienniumStart: 2018, year: 2019, version: 2, type: .plus, approvedBy: "Del. C.C. 5/2019"))
        #expect(PlanIdentity(ambito: "OR", year: 2019, services: Fixtures.services) == nil)
    }
}
