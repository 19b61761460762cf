import PlusModel
import Testing
@testable import PlusValidation

@Suite struct PlanRuleTests {
    typealias F = Fixtures

    @Test func fundingShortOfCostIsReportedWithEachSource() throws {
        let year = F.year.changing(service: "SAD") { $0.funding[.fondoRegionale] = F.euros("49999.00") }
        let findings = F.findings("R101", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.service == "SAD")
        #expect(F.numbers(finding) == [F.euros("100000.00"), F.euros("99999.00"), F.euros("-1.00")])
        #expect(finding.terms.count == 5)
        #expect(finding.terms.allSatisfy { $0.provenance == F.source("servizi.csv", 2) })
        #expect(finding.diagnostic.location == SourceLocation(file: "servizi.csv", line: 2))
        #expect(finding.diagnostic.message.it.contains("99.999,00"))
        #expect(finding.diagnostic.message.it.contains("differenza -1,00"))
        #expect(finding.diagnostic.message.en.contains("99,999.00") && finding.diagnostic.message.en.contains("difference -1.00"))
        // For machines, the amounts themselves: dot decimals, no grouping.
        #expect(finding.diagnostic.found == "99999.00" && finding.diagnostic.expected == "100000.00")
    }

    @Test func comuniSharesNotAddingUpToTheComuniLine() throws {
        let year = F.year.changing(share: "SAD", of: F.b) { $0.amount = F.euros("10000.50") }
        let finding = try #require(F.findings("R102", in: year).first)
        #expect(F.findings("R102", in: year).count == 1)
        #expect(finding.service == "SAD")
        #expect(F.numbers(finding) == [F.euros("30000.00"), F.euros("30000.50"), F.euros("0.50")])
        #expect(finding.terms.contains { $0.provenance == F.source("riparto.csv", 3) && $0.amount == F.euros("10000.50") })
    }

    @Test func aslShareDifferentFromItsLine() throws {
        let year = F.year.changing(share: "SAD", of: F.asl) { $0.amount = F.euros("14000.00") }
        let findings = F.findings("R103", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.ente == F.asl)
        #expect(F.numbers(finding) == [F.euros("15000.00"), F.euros("14000.00"), F.euros("-1000.00")])
    }

    @Test func provinciaLineWithoutAnyShare() throws {
        var year = F.year
        year.costShares.removeAll { $0.ente == F.provincia }
        let finding = try #require(F.findings("R103", in: year).first)
        #expect(finding.ente == F.provincia)
        #expect(finding.expected == F.euros("5000.00"))
        #expect(finding.found == .zero)
    }

    @Test func declarationDifferentFromShareNamesServiceEnteAndFile() throws {
        let year = F.year.changing(declaration: "SAD", of: F.b) { $0.amount = F.euros("9900.00") }
        let findings = F.findings("R104", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.service == "SAD")
        #expect(finding.ente == F.b)
        #expect(F.numbers(finding) == [F.euros("10000.00"), F.euros("9900.00"), F.euros("-100.00")])
        #expect(finding.diagnostic.location.file == "095002.csv")
        #expect(finding.terms.map(\.provenance?.file) == ["riparto.csv", "095002.csv"])
    }

    @Test func submittedEnteThatOmitsAServiceDeclaresZero() throws {
        var year = F.year
        year.declarations.removeAll { $0.ente == F.asl }
        let finding = try #require(F.findings("R104", in: year).first)
        #expect(finding.ente == F.asl)
        #expect(F.numbers(finding) == [F.euros("15000.00"), .zero, F.euros("-15000.00")])
    }

    @Test func perResidentSharesSwappedBetweenComuni() {
        let year = F.year
            .changing(share: "SAD", of: F.a) { $0.amount = F.euros("6000.00") }
            .changing(share: "SAD", of: F.b) { $0.amount = F.euros("9000.00") }
        let findings = F.findings("R105", in: year)
        #expect(findings.map(\.ente) == [F.a, F.b])
        #expect(findings.map(\.expected) == [F.euros("5000.00"), F.euros("10000.00")])
        #expect(findings.map(\.found) == [F.euros("6000.00"), F.euros("9000.00")])
        #expect(findings.map(\.difference) == [F.euros("1000.00"), F.euros("-1000.00")])
        #expect(F.findings("R102", in: year).isEmpty)
    }

    @Test func equalPartsGiveTheOddCentToTheFirstComuneByCode() {
        let year = F.year
            .changing(share: "ED", of: F.a) { $0.amount = F.euros("333.33") }
            .changing(share: "ED", of: F.c) { $0.amount = F.euros("333.34") }
        let findings = F.findings("R105", in: year)
        #expect(findings.map(\.ente) == [F.a, F.c])
        #expect(findings.map(\.expected) == [F.euros("333.34"), F.euros("333.33")])
        #expect(findings.map(\.difference) == [F.euros("-0.01"), F.euros("0.01")])
    }

    @Test func percentagesFollowTheStatedBasisPoints() {
        let year = F.year
            .changing(share: "TR", of: F.a) { $0.amount = F.euros("400.00") }
            .changing(share: "TR", of: F.c) { $0.amount = F.euros("1100.00") }
        let findings = F.findings("R105", in: year)
        #expect(findings.map(\.ente) == [F.a, F.c])
        #expect(findings.map(\.expected) == [F.euros("500.00"), F.euros("1000.00")])
        #expect(findings.map(\.difference) == [F.euros("-100.00"), F.euros("100.00")])
    }

    @Test func percentagesNotAddingUpTo100() throws {
        let year = F.year.changing(share: "TR", of: F.c) { $0.basisPoints = 4_999 }
        let findings = F.findings("R106", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.service == "TR")
        #expect(finding.diagnostic.found == "99.99")
        #expect(finding.diagnostic.expected == "100.00")
        #expect(finding.diagnostic.message.it.contains("99,99") && finding.diagnostic.message.en.contains("99.99"))
        #expect(F.findings("R105", in: year).isEmpty)
    }

    @Test func fondoRegionaleBeyondTheAllocation() throws {
        let year = F.year.changing(service: "SAD") {
            $0.totalCost = F.euros("360000.00")
            $0.funding[.fondoRegionale] = F.euros("310000.00")
        }
        let findings = F.findings("R107", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.ambito == "OR")
        #expect(F.numbers(finding) == [F.euros("301139.13"), F.euros("310000.00"), F.euros("8860.87")])
        #expect(finding.terms.first?.provenance?.xpath == "/riparto/ambito[1]")
    }

    @Test func allocationMissingFromTheDeliberation() throws {
        var year = F.year
        year.deliberation!.allocations.removeFirst()
        let finding = try #require(F.findings("R108", in: year).first)
        #expect(finding.severity == .error)
        #expect(finding.found == F.euros("50000.00"))
        #expect(finding.diagnostic.message.en.contains("Deliberation 1/1"))
    }

    @Test func noDeliberationYetIsOnlyInformation() throws {
        var year = F.year
        year.deliberation = nil
        let finding = try #require(F.findings("R108", in: year).first)
        #expect(finding.severity == .info)
        #expect(!Fixtures.validate(year).hasErrors)
    }
}
