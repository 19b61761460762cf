import PlusModel
import Testing
@testable import PlusValidation

@Suite struct MembershipAndSanityRuleTests {
    typealias F = Fixtures

    @Test func declarationFromAComuneOutsideTheAmbito() throws {
        var year = F.year
        let stranger = EnteRef(comune: "095999")
        year.declarations.append(Declaration(
            ente: stranger, year: 2019, service: "SAD", amount: F.euros("10.00"), provenance: F.source("095999.csv", 2)))
        let findings = F.findings("R301", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.ente == stranger)
        #expect(finding.diagnostic.location == SourceLocation(file: "095999.csv", line: 2))
        #expect(finding.terms.map(\.amount) == [F.euros("10.00")])
    }

    @Test func missingSheetIsAWarningWhileThePlanIsOpen() throws {
        var year = F.year
        year.submitters.removeAll { $0 == F.c }
        year.declarations.removeAll { $0.ente == F.c }
        let findings = F.findings("R302", in: year)
        #expect(findings.map(\.ente) == [F.c])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.diagnostic.message.it.contains("Cabras") == true)
    }

    @Test func missingSheetIsAnErrorOnceThePlanIsClosed() {
        var year = F.year
        year.submitters.removeAll { $0 == F.asl }
        year.declarations.removeAll { $0.ente == F.asl }
        year.isClosed = true
        let findings = F.findings("R302", in: year)
        #expect(findings.map(\.ente) == [F.asl])
        #expect(findings.map(\.severity) == [.error])
    }

    @Test func twoCurrentSheetsOfOneComune() throws {
        var year = F.year
        let index = year.declarations.firstIndex { $0.ente == F.c && $0.service == "TR" }!
        year.declarations[index].provenance = F.source("095003-bis.csv", 2)
        let findings = F.findings("R303", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.ente == F.c)
        #expect(finding.diagnostic.message.en.contains("2 current sheets"))
        #expect(finding.diagnostic.message.en.contains("095003.csv, 095003-bis.csv"))
    }

    @Test func sheetsOfOneComuneInterleavedAreCountedOnceEach() throws {
        var year = F.year
        // Three files of one Comune, their rows alternating, the first coming back after the others.
        let rows = year.declarations.indices.filter { year.declarations[$0].ente == F.c }
        try #require(rows.count >= 3)
        for (position, index) in rows.enumerated() {
            year.declarations[index].provenance = F.source(["095003.csv", "095003-bis.csv", "095003-ter.csv"][position % 3], position + 2)
        }
        let finding = try #require(F.findings("R303", in: year).first)
        #expect(F.findings("R303", in: year).count == 1)
        #expect(finding.diagnostic.message.en.contains("3 current sheets"))
        #expect(finding.diagnostic.message.en.contains("095003.csv, 095003-bis.csv, 095003-ter.csv"))
    }

    @Test func aCurrentSheetWithRejectedRowsKeepsTheAmbitoOutOfOrder() throws {
        var year = F.year
        #expect(F.findings("R304", in: year).isEmpty)
        year.incompleteSubmissions = [IncompleteSubmission(ente: F.c, file: "095003.csv", sha256: "ab", rowsRead: 5, rowsRejected: 4)]
        let findings = F.findings("R304", in: year)
        let finding = try #require(findings.first)
        #expect(findings.count == 1 && finding.ente == F.c && finding.severity == .error)
        #expect(finding.diagnostic.location.file == "095003.csv")
        #expect(finding.diagnostic.message.it.contains("4 righe scartate su 5"))
        #expect(finding.diagnostic.message.en.contains("\(F.c)") && finding.diagnostic.message.en.contains("4 rejected rows"))
        // A sheet of the whole Ambito (the capofila's split) is named by its Ambito; one row is one.
        year.incompleteSubmissions = [IncompleteSubmission(ente: nil, file: "riparto.csv", sha256: "cd", rowsRead: 124, rowsRejected: 1)]
        let split = try #require(F.findings("R304", in: year).first).diagnostic.message
        #expect(split.it.hasPrefix("Ambito \(year.ambito.code): la scheda corrente «riparto.csv» ha 1 riga scartata su 124:"), "\(split.it)")
        #expect(split.en.hasPrefix("Ambito \(year.ambito.code): the current sheet “riparto.csv” has 1 rejected row out of 124:"), "\(split.en)")
    }

    @Test func enteListedTwiceAmongSubmitters() {
        var year = F.year
        year.submitters.append(F.a)
        #expect(F.findings("R303", in: year).map(\.ente) == [F.a])
    }

    @Test func negativeDeclaration() throws {
        let year = F.year.changing(declaration: "ED", of: F.b) { $0.amount = F.euros("-5.00") }
        let findings = F.findings("R401", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.found == F.euros("-5.00"))
        #expect(finding.service == "ED")
        #expect(finding.ente == F.b)
        #expect(finding.diagnostic.location.file == "095002.csv")
    }

    /// Every Ambito-year looks at the region's every allocation: the one part that is negative, in
    /// another Ambito's allocation, is reported alone, named as the part it is, at its element.
    @Test func negativePartOfAnotherAmbitosAllocation() {
        let findings = F.findings("R401", in: F.year.changing(allocation: "XX") { $0.udpShare = F.euros("-1.00") })
        #expect(findings.map(\.ambito) == ["XX"])
        #expect(findings.map(\.found) == [F.euros("-1.00")])
        #expect(findings.flatMap(\.terms).map(\.label.en) == ["UdP share XX"])
        #expect(findings.map(\.diagnostic.location.xpath) == ["/riparto/ambito[2]"])
    }

    @Test func serviceWithoutCost() throws {
        var year = F.year
        year.services.append(PlannedService(code: "NEW", name: "Nuovo", totalCost: .zero, provenance: F.source("servizi.csv", 5)))
        let findings = F.findings("R402", in: year)
        #expect(findings.map(\.service) == ["NEW"])
        #expect(findings.first?.found == .zero)
    }

    @Test func declarationForAServiceNotInThePlan() throws {
        var year = F.year
        year.declarations.append(Declaration(
            ente: F.a, year: 2019, service: "XYZ", amount: F.euros("12.00"), provenance: F.source("095001.csv", 9)))
        let findings = F.findings("R403", in: year)
        #expect(findings.count == 1)
        #expect(findings.first?.service == "XYZ")
        #expect(findings.first?.found == F.euros("12.00"))
    }

    @Test func disabledRuleDoesNotRun() {
        var year = F.year
        year.services.append(PlannedService(code: "NEW", name: "Nuovo", totalCost: .zero))
        var ruleSet = F.ruleSet
        ruleSet.disabledRules = ["R402"]
        let report = F.validate(year, ruleSet: ruleSet)
        #expect(report.findings(code: "R402").isEmpty)
        #expect(!report.rulesRun.contains("R402"))
    }
}

@Suite struct OutOfRangeTests {
    typealias F = Fixtures

    @Test func hugeAmountsAreReportedInsteadOfOverflowingTheSums() {
        var year = F.year
        for line in [20, 21] {
            year.declarations.append(Declaration(
                ente: F.a, year: 2019, service: "SAD", amount: Money(cents: .max), provenance: F.source("095001.csv", line)))
        }
        let report = F.validate(year)
        let findings = report.findings(code: "R404")
        #expect(findings.map(\.found) == [Money(cents: .max), Money(cents: .max)])
        #expect(findings.map(\.diagnostic.location.line) == [20, 21])
        #expect(report.findings(code: "R104").isEmpty)
        #expect(!report.rulesRun.contains("R104"))
        #expect(report.rulesRun.contains("R301"))
    }

    @Test func absurdPopulationAndPercentagesAreReported() {
        var year = F.year.changing(share: "TR", of: F.a) { $0.basisPoints = .max }
        year = year.changing(allocation: "XX") { $0.population = .max }
        let findings = F.findings("R404", in: year)
        #expect(findings.map(\.diagnostic.found) == [String(Int.max), "92233720368547758.07%"])
        // A share's percentage is told as a percentage, in words, in each language.
        #expect(findings.last?.diagnostic.message.it.hasPrefix("la quota di comune:095001 per TR: 92.233.720.368.547.758,07") == true)
        #expect(findings.last?.diagnostic.message.en.hasPrefix("the share of comune:095001 for TR: 92,233,720,368,547,758.07") == true)
        #expect(findings.last?.diagnostic.message.it.contains("07 % è fuori scala (massimo 100,00 %)") == true)
    }

    /// Populations out of range are reported for the member Comuni first, then the allocations',
    /// each named; the others are not.
    @Test func absurdPopulationsOfAComuneAndAnAllocationAreNamed() {
        var year = F.year.changing(allocation: "XX") { $0.population = -1 }
        // The Comuni are weighed by the rule set's vintage: the population is that vintage's.
        year.populationsByVintage[F.vintage]?["095001"] = Int.max
        let findings = F.findings("R404", in: year)
        #expect(findings.map(\.diagnostic.found) == [String(Int.max), "-1"])
        #expect(findings.map(\.ente) == [F.a, nil])
        #expect(findings.map(\.ambito) == [nil, "XX"])
        #expect(findings.first?.diagnostic.message.it.contains("Allai (095001)") == true)
        #expect(findings.last?.diagnostic.message.it.contains("Ambito XX") == true)
    }

    @Test func hugeFundTotalDoesNotOverflowThePercentage() {
        let parts = AllocationCalculator(rules: F.ruleSet.allocation).allocate(
            year: 2019, fundTotal: Money(cents: 9_000_000_000_000_000_000), among: [AllocationInput(ambito: "A", population: 1)])
        #expect(parts.map(\.total) == [Money(cents: 9_000_000_000_000_000_000)])
    }
}

@Suite struct RecordsOfTheYearTests {
    typealias F = Fixtures

    @Test func declarationOfAnotherYearIsReportedNotCompared() throws {
        let year = F.year.changing(declaration: "ED", of: F.c) { $0.year = 2018; $0.amount = F.euros("1.00") }
        let findings = F.findings("R109", in: year)
        #expect(findings.map(\.ente) == [F.c])
        #expect(findings.first?.diagnostic.found == "2018")
        #expect(findings.first?.diagnostic.expected == "2019")
        // Not compared: the share stands against nothing declared for 2019.
        let r104 = try #require(F.findings("R104", in: year).first)
        #expect(F.numbers(r104) == [F.euros("333.33"), .zero, F.euros("-333.33")])
    }

    @Test func deliberationOfAnotherYear() {
        var year = F.year
        year.deliberation!.year = 2018
        #expect(F.findings("R109", in: year).map(\.diagnostic.found) == ["2018"])
    }

    @Test func exitStatusFollowsErrors() {
        #expect(F.validate(F.year).exitStatus == 0)
        var year = F.year
        year.deliberation!.year = 2018
        #expect(F.validate(year).exitStatus == 1)
    }

    @Test func everyShippedRuleSetLoads() throws {
        let sets = try RuleSet.loadAll(in: F.ruleSetURL.deletingLastPathComponent())
        #expect(sets.map(\.identity.description).contains("sardegna-plus v1"))
    }
}
