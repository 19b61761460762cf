import Foundation
import PlusModel
import Testing
@testable import PlusValidation

/// A small Emilia-Romagna district-year, validated with the shipped `emilia-romagna-pdz` rule set.
///
/// District "CFE": Comuni A (036001, 1,000 residents) and B (036002, 3,000); ente gestore the
/// Unione (`unione:SORBARA`), AUSL `asl:AUSL-MO`, other signatory `altro:ASP`. Services:
/// - CD: cost 1,000.00 = FRNA 600.00 + Comuni 300.00 + AUSL 50.00 + altri firmatari 50.00
///   (Unione 20.00, ASP 30.00); co-payment rule stated;
/// - SST: cost 500.00 = Fondo sociale regionale 200.00 + Comuni 300.00.
/// FRNA statement: assigned 550.00 + carried over 100.00 = used 600.00 + residual 50.00.
enum EmiliaRomagnaFixtures {
    static let a = EnteRef(comune: "036001")
    static let b = EnteRef(comune: "036002")
    static let unione = EnteRef(kind: .unione, code: "SORBARA")
    static let ausl = EnteRef(kind: .asl, code: "AUSL-MO")
    static let asp = EnteRef(kind: .altro, code: "ASP")
    static let euros = Fixtures.euros

    static let ruleSet: RuleSet = try! RuleSet.load(contentsOf: Fixtures.ruleSetURL
        .deletingLastPathComponent().appendingPathComponent("emilia-romagna-pdz-v1.yaml"))

    static let ambito = Ambito(
        code: "CFE", name: "Castelfranco Emilia", capofila: "036001",
        comuni: [
            MemberComune(istatCode: "036001", name: "Bastiglia", population: 1_000, province: "MO"),
            MemberComune(istatCode: "036002", name: "Bomporto", population: 3_000, province: "MO"),
        ],
        asl: Signatory(ente: ausl, name: "Azienda USL di Modena"),
        otherSignatories: [Signatory(ente: asp, name: "ASP")], region: "emilia-romagna",
        enteGestore: Signatory(ente: unione, name: "Unione Comuni del Sorbara"))

    static let statement = FundStatement(
        ambito: "CFE", year: 2019, fund: .frna, assigned: euros("550.00"), carriedOver: euros("100.00"),
        used: euros("600.00"), residual: euros("50.00"), provenance: Fixtures.source("frna.csv", 2))

    static var year: AmbitoYear {
        let shares: [(String, EnteRef, String)] = [
            ("CD", a, "75.00"), ("CD", b, "225.00"), ("CD", ausl, "50.00"), ("CD", unione, "20.00"), ("CD", asp, "30.00"),
            ("SST", a, "75.00"), ("SST", b, "225.00"),
        ]
        var year = AmbitoYear(
            ambito: ambito, year: 2019,
            services: [
                PlannedService(
                    code: "CD", name: "Centro diurno", kind: .socioSanitario, totalCost: euros("1000.00"),
                    funding: [.frna: euros("600.00"), .comuni: euros("300.00"), .asl: euros("50.00"), .altriFirmatari: euros("50.00")],
                    sharingCriterion: .perResident, copaymentRule: "Regolamento distrettuale",
                    provenance: Fixtures.source("servizi.csv", 2)),
                PlannedService(
                    code: "SST", name: "Servizio sociale", totalCost: euros("500.00"),
                    funding: [.fondoSocialeRegionale: euros("200.00"), .comuni: euros("300.00")],
                    sharingCriterion: .perResident, provenance: Fixtures.source("servizi.csv", 3)),
            ],
            costShares: shares.enumerated().map { index, row in
                CostShare(service: row.0, ente: row.1, amount: euros(row.2), provenance: Fixtures.source("riparto.csv", index + 2))
            },
            // The Comuni and the AUSL declare their shares; the Unione and the ASP need not submit.
            declarations: shares.filter { [a, b, ausl].contains($0.1) }.map { row in
                Declaration(ente: row.1, year: 2019, service: row.0, amount: euros(row.2))
            },
            submitters: [a, b, ausl], fundStatements: [statement])
        // The populations of the vintage the rule set names, as the store would give them.
        if let vintage = ruleSet.populationVintage {
            year.populationsByVintage[vintage] = Dictionary(uniqueKeysWithValues: ambito.comuni.map { ($0.istatCode, $0.population) })
        }
        return year
    }

    static func findings(_ code: String, in year: AmbitoYear, ruleSet: RuleSet = ruleSet) -> [Finding] {
        Validator(ruleSet: ruleSet).validate(year).findings(code: code)
    }
}

@Suite("Emilia-Romagna: Piano di Zona with FRNA")
struct EmiliaRomagnaRuleTests {
    typealias E = EmiliaRomagnaFixtures

    @Test func theRuleSetStatesItsRegionFundingLinesAndFundsWithoutTheSardinianFund() {
        #expect(E.ruleSet.identity.scopeText == "emilia-romagna-pdz v1 (emilia-romagna, 2018–2020)")
        #expect(E.ruleSet.fundingSources?.contains(.frna) == true)
        #expect(E.ruleSet.fundingSources?.contains(.fondoRegionale) == false)
        #expect(E.ruleSet.fundStatements == [.frna])
        #expect(E.ruleSet.copaymentRuleRequiredFor == [.frna])
        #expect(!E.ruleSet.statesAllocation)
        // Sardinia keeps its own list.
        #expect(Fixtures.shippedRuleSet.fundingSources?.contains(.fondoRegionale) == true)
        #expect(Fixtures.shippedRuleSet.fundingSources?.contains(.frna) == false)
        #expect(EffectiveParameters(ruleSet: E.ruleSet).used.map(\.key) == ["tolerance_cents"])
    }

    @Test func aFundingLineTheRuleSetDoesNotKnowIsRefusedWithItsKey() {
        let yaml = "name: x\nversion: 1\nregion: emilia-romagna\nvalid_years: 2019\nfunding_sources: [frna, fondo_regione]\n"
        #expect(throws: RuleSetError.self) { try RuleSet.parse(yaml: yaml, file: "x.yaml") }
        do {
            _ = try RuleSet.parse(yaml: yaml, file: "x.yaml")
        } catch {
            #expect(error.key == "funding_sources")
            #expect(error.message.it.contains("«fondo_regione»"))
        }
    }

    @Test func theDistrictValidatesClean() {
        let report = Validator(ruleSet: E.ruleSet).validate(E.year)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.diagnostic.message.it))")
        #expect(report.rulesRun.contains("R121") && !report.rulesRun.contains("R201"))
    }

    @Test func aLineOfAnotherRegionIsReportedWithItsAmount() throws {
        let year = E.year.changing(service: "SST") {
            $0.funding[.fondoSocialeRegionale] = E.euros("150.00")
            $0.funding[.fondoRegionale] = E.euros("50.00")
        }
        let findings = E.findings("R120", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.service == "SST")
        #expect(Fixtures.numbers(finding) == [.zero, E.euros("50.00"), E.euros("50.00")])
        #expect(finding.diagnostic.message.it.contains("«Fondo regionale PLUS» è 50,00"))
        #expect(finding.diagnostic.message.en.contains("emilia-romagna-pdz v1"))
        // And the FRNA in a Sardinian plan.
        let sardinian = Fixtures.year.changing(service: "SAD") {
            $0.funding[.fondoRegionale] = Fixtures.euros("49000.00")
            $0.funding[.frna] = Fixtures.euros("1000.00")
        }
        #expect(Fixtures.findings("R120", in: sardinian).map(\.found) == [Fixtures.euros("1000.00")])
        #expect(Fixtures.findings("R120", in: Fixtures.year).isEmpty)
    }

    @Test func anUnbalancedFrnaStatementGivesExpectedFoundAndDifference() throws {
        var year = E.year
        year.fundStatements[0].residual = E.euros("50.01")
        let findings = E.findings("R121", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(Fixtures.numbers(finding) == [E.euros("650.00"), E.euros("650.01"), E.euros("0.01")])
        #expect(finding.diagnostic.location == SourceLocation(file: "frna.csv", line: 2))
        #expect(finding.diagnostic.message.it
            == "FRNA 2019: utilizzato più residuo è 650,01, assegnato più residuo degli anni precedenti è 650,00 (differenza 0,01).")
        #expect(finding.diagnostic.message.en.contains("used plus residual is"))
        #expect(finding.terms.count == 4)
        // Whatever the rule set: a statement that does not balance is wrong in any region.
        #expect(E.findings("R121", in: year, ruleSet: Fixtures.ruleSet).count == 1)
    }

    @Test func frnaUsedOtherThanThePlanLinesIsReported() throws {
        var year = E.year
        year.fundStatements[0].used = E.euros("580.00")
        year.fundStatements[0].residual = E.euros("70.00")
        let findings = E.findings("R122", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(Fixtures.numbers(finding) == [E.euros("600.00"), E.euros("580.00"), E.euros("-20.00")])
        #expect(E.findings("R121", in: year).isEmpty)
    }

    @Test func aPlanUsingTheFrnaWithoutItsStatementIsAWarningThenAnError() throws {
        var year = E.year
        year.fundStatements = []
        let findings = E.findings("R124", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.expected == E.euros("600.00"))
        #expect(finding.diagnostic.message.it == "FRNA 2019: i servizi del piano ne impiegano 600,00, ma il rendiconto dell'Ambito CFE non è stato presentato.")
        year.isClosed = true
        #expect(E.findings("R124", in: year).map(\.severity) == [.error])
        // Sardinia asks for no statement.
        #expect(E.findings("R124", in: year, ruleSet: Fixtures.ruleSet).isEmpty)
        #expect(E.findings("R124", in: E.year).isEmpty)
    }

    @Test func anFrnaServiceWithoutItsCoPaymentRuleIsAWarningAndNessunaIsARule() throws {
        let missing = E.year.changing(service: "CD") { $0.copaymentRule = nil }
        let findings = E.findings("R123", in: missing)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.diagnostic.severity == .warning)
        #expect(finding.service == "CD")
        #expect(finding.found == E.euros("600.00"))
        #expect(E.findings("R123", in: E.year.changing(service: "CD") { $0.copaymentRule = "nessuna" }).isEmpty)
    }

    @Test func otherSignatoriesSharesAreCheckedAgainstTheirLine() throws {
        let year = E.year.changing(share: "CD", of: E.asp) { $0.amount = E.euros("35.00") }
        let findings = E.findings("R103", in: year)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.service == "CD")
        #expect(Fixtures.numbers(finding) == [E.euros("50.00"), E.euros("55.00"), E.euros("5.00")])
        #expect(finding.terms.count == 3)
    }

    @Test func theEnteGestoreIsAMemberOfTheDistrict() {
        #expect(E.ambito.contains(E.unione))
        #expect(E.ambito.signatories.first?.ente == E.unione)
        #expect(E.findings("R301", in: E.year).isEmpty)
    }

    @Test func aStatementBeyondAnyRealAmountIsReportedNotSummed() {
        var year = E.year
        // Assigned + carried over would overflow 64 bits.
        year.fundStatements[0].assigned = Money(cents: .max)
        let report = Validator(ruleSet: E.ruleSet).validate(year)
        #expect(report.findings(code: "R404").count == 1)
        #expect(!report.rulesRun.contains("R121"))
    }
}
