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

    /// A Comune's share stated on several lines (two files, or a sheet that splits it) is their sum,
    /// for the criterion and for the percentages; a finding lists each line in the order they came,
    /// and is placed at the first; a Comune without a share found nothing, placed at the service.
    @Test func aComunesSharesOnSeveralLinesAreAddedUpAndListed() throws {
        func split(_ year: AmbitoYear, _ service: String, of ente: EnteRef, into amounts: [String], basisPoints: [Int64?]) -> AmbitoYear {
            var copy = year
            let index = copy.costShares.firstIndex { $0.service == service && $0.ente == ente }!
            copy.costShares[index].amount = F.euros(amounts[0])
            copy.costShares[index].basisPoints = basisPoints[0]
            for part in 1..<amounts.count {
                copy.costShares.append(CostShare(
                    service: service, ente: ente, amount: F.euros(amounts[part]), basisPoints: basisPoints[part],
                    provenance: F.source("riparto-bis.csv", part + 1)))
            }
            return copy
        }
        // Summed to what the criterion gives, and to the percentages' 100 %: nothing to report.
        let agreeing = split(
            split(F.year, "SAD", of: F.b, into: ["4000.00", "6000.00"], basisPoints: [nil, nil]),
            "TR", of: F.c, into: ["400.00", "600.00"], basisPoints: [2_000, 3_000])
        #expect(F.findings("R105", in: agreeing).isEmpty)
        #expect(F.findings("R106", in: agreeing).isEmpty)

        // Summed short of it: one finding, the funding line and both lines as its terms.
        let short = split(F.year, "SAD", of: F.b, into: ["4000.00", "5900.00"], basisPoints: [nil, nil])
        let finding = try #require(F.findings("R105", in: short).first { $0.ente == F.b })
        #expect(finding.expected == F.euros("10000.00") && finding.found == F.euros("9900.00"))
        #expect(finding.diagnostic.location.file == "riparto.csv")
        #expect(finding.terms.map(\.amount) == [F.euros("30000.00"), F.euros("4000.00"), F.euros("5900.00")])
        #expect(finding.terms.map(\.provenance?.file) == ["servizi.csv", "riparto.csv", "riparto-bis.csv"])

        // The percentages split between lines weigh as their sum: 20 + 30 % of 2,000.00 is 1,000.00.
        let percentages = split(F.year, "TR", of: F.c, into: ["400.00", "500.00"], basisPoints: [2_000, 3_000])
        let underPercentages = try #require(F.findings("R105", in: percentages).first)
        #expect(underPercentages.ente == F.c && underPercentages.expected == F.euros("1000.00"))
        #expect(underPercentages.found == F.euros("900.00"))

        // No share at all: found nothing, at the service's line, with the funding line alone.
        var missing = F.year
        missing.costShares.removeAll { $0.service == "ED" && $0.ente == F.a }
        let none = try #require(F.findings("R105", in: missing).first { $0.ente == F.a })
        #expect(none.found == .zero && none.expected == F.euros("333.34"))
        #expect(none.diagnostic.location == SourceLocation(file: "servizi.csv", line: 3))
        #expect(none.terms.map(\.amount) == [F.euros("1000.00")])
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
