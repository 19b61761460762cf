import Foundation
import PlusModel
@testable import PlusValidation

/// A small, consistent Ambito-year every test starts from and breaks in one way.
///
/// Ambito "OR": Comuni A (095001, 1,000 residents), B (095002, 2,000), C (095003, 3,000),
/// ASL 5, Provincia OR. Services:
/// - SAD: cost 100,000.00 = fondo 50,000 + Comuni 30,000 + ASL 15,000 + Provincia 5,000,
///   Comuni per resident: 5,000 / 10,000 / 15,000;
/// - ED: cost 1,000.00 all Comuni, equal parts: 333,34 / 333,33 / 333,33;
/// - TR: cost 2,000.00 all Comuni, percentages 25 / 25 / 50: 500 / 500 / 1,000.
/// Deliberation 1/1 of 2019: fund 1,000,000.00 between OR (6,000 residents) and XX
/// (40,000): worked by hand in ``Fixtures/deliberation``.
enum Fixtures {
    static let a = EnteRef(comune: "095001")
    static let b = EnteRef(comune: "095002")
    static let c = EnteRef(comune: "095003")
    static let asl = EnteRef(kind: .asl, code: "ASL5")
    static let provincia = EnteRef(kind: .provincia, code: "OR")

    static func euros(_ text: String) -> Money {
        try! MoneyParser(convention: .dot).parse(text)
    }

    static func source(_ file: String, _ line: Int) -> Provenance {
        Provenance(file: file, sha256: Checksum.sha256(Data(file.utf8)), line: line)
    }

    static let ambito = Ambito(
        code: "OR", name: "Oristano", capofila: "095001",
        comuni: [
            MemberComune(istatCode: "095003", name: "Cabras", population: 3_000, province: "OR"),
            MemberComune(istatCode: "095001", name: "Allai", population: 1_000, province: "OR"),
            MemberComune(istatCode: "095002", name: "Bauladu", population: 2_000, province: "OR"),
        ],
        asl: Signatory(ente: asl, name: "ASL 5 Oristano"),
        provincia: Signatory(ente: provincia, name: "Provincia di Oristano"))

    static let services = [
        PlannedService(
            code: "SAD", name: "Assistenza domiciliare", totalCost: euros("100000.00"),
            funding: [.fondoRegionale: euros("50000.00"), .comuni: euros("30000.00"),
                      .asl: euros("15000.00"), .provincia: euros("5000.00")],
            sharingCriterion: .perResident, provenance: source("servizi.csv", 2)),
        PlannedService(
            code: "ED", name: "Educativa", totalCost: euros("1000.00"), funding: [.comuni: euros("1000.00")],
            sharingCriterion: .equalParts, provenance: source("servizi.csv", 3)),
        PlannedService(
            code: "TR", name: "Trasporto", totalCost: euros("2000.00"), funding: [.comuni: euros("2000.00")],
            sharingCriterion: .percentages, provenance: source("servizi.csv", 4)),
    ]

    /// Plan shares, one row each in riparto.csv from line 2, and the same amounts declared by each ente.
    static let amounts: [(String, EnteRef, String, Int64?)] = [
        ("SAD", a, "5000.00", nil), ("SAD", b, "10000.00", nil), ("SAD", c, "15000.00", nil),
        ("SAD", asl, "15000.00", nil), ("SAD", provincia, "5000.00", nil),
        ("ED", a, "333.34", nil), ("ED", b, "333.33", nil), ("ED", c, "333.33", nil),
        ("TR", a, "500.00", 2_500), ("TR", b, "500.00", 2_500), ("TR", c, "1000.00", 5_000),
    ]

    static var costShares: [CostShare] {
        amounts.enumerated().map { index, row in
            CostShare(service: row.0, ente: row.1, amount: euros(row.2), basisPoints: row.3,
                      provenance: source("riparto.csv", index + 2))
        }
    }

    static func sheet(of ente: EnteRef) -> String { "\(ente.code).csv" }

    static var declarations: [Declaration] {
        var lineOf: [EnteRef: Int] = [:]
        return amounts.map { row in
            let line = (lineOf[row.1] ?? 1) + 1
            lineOf[row.1] = line
            return Declaration(ente: row.1, year: 2019, service: row.0, amount: euros(row.2),
                               provenance: source(sheet(of: row.1), line))
        }
    }

    /// Worked by hand: UdP 61,000.00 (OR) + 76,000.00 (XX) = 137,000.00; remainder 863,000.00;
    /// equal part 345,200.00 → 172,600.00 each; population part 517,800.00 → OR 6,000/46,000 =
    /// 67,539.13 (remainder .04), XX 450,260.86 + the leftover cent (remainder .96) = 450,260.87.
    static let deliberation = Deliberation(
        number: "1/1", date: CivilDate(year: 2019, month: 3, day: 1)!, body: "Giunta Regionale", year: 2019,
        fundTotal: euros("1000000.00"),
        allocations: [
            RegionalAllocation(
                year: 2019, ambito: "OR", population: 6_000, equalShare: euros("172600.00"),
                populationShare: euros("67539.13"), udpShare: euros("61000.00"), total: euros("301139.13"),
                provenance: Provenance(file: "dgr.xml", sha256: "d", xpath: "/riparto/ambito[1]")),
            RegionalAllocation(
                year: 2019, ambito: "XX", population: 40_000, equalShare: euros("172600.00"),
                populationShare: euros("450260.87"), udpShare: euros("76000.00"), total: euros("698860.87"),
                provenance: Provenance(file: "dgr.xml", sha256: "d", xpath: "/riparto/ambito[2]")),
        ],
        provenance: Provenance(file: "dgr.xml", sha256: "d", xpath: "/riparto"))

    static var year: AmbitoYear {
        var year = AmbitoYear(
            ambito: ambito, year: 2019, services: services, costShares: costShares, declarations: declarations,
            submitters: [a, b, c, asl, provincia], deliberation: deliberation)
        // The members' populations are those of the vintage the shipped rule set names.
        year.populationsByVintage = [vintage: Dictionary(uniqueKeysWithValues: ambito.comuni.map { ($0.istatCode, $0.population) })]
        return year
    }

    /// The population vintage the shipped rule set names.
    static let vintage = "censimento-2011"

    static let ruleSetURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Mappings/rules/sardegna-plus-v1.yaml")

    /// The shipped rule set less its published fund totals: the fixture's fund (1,000,000.00) is made up.
    static let ruleSet: RuleSet = {
        var ruleSet = shippedRuleSet
        ruleSet.publishedFundTotals = [:]
        return ruleSet
    }()

    static let shippedRuleSet: RuleSet = try! RuleSet.load(contentsOf: ruleSetURL)

    static func validate(_ year: AmbitoYear, ruleSet: RuleSet = ruleSet) -> ValidationReport {
        Validator(ruleSet: ruleSet).validate(year)
    }

    static func findings(_ code: String, in year: AmbitoYear, ruleSet: RuleSet = ruleSet) -> [Finding] {
        validate(year, ruleSet: ruleSet).findings(code: code)
    }
}

extension AmbitoYear {
    /// The fixture with one service changed.
    func changing(service code: String, _ change: (inout PlannedService) -> Void) -> AmbitoYear {
        var copy = self
        let index = copy.services.firstIndex { $0.code == code }!
        change(&copy.services[index])
        return copy
    }

    func changing(share service: String, of ente: EnteRef, _ change: (inout CostShare) -> Void) -> AmbitoYear {
        var copy = self
        let index = copy.costShares.firstIndex { $0.service == service && $0.ente == ente }!
        change(&copy.costShares[index])
        return copy
    }

    func changing(declaration service: String, of ente: EnteRef, _ change: (inout Declaration) -> Void) -> AmbitoYear {
        var copy = self
        let index = copy.declarations.firstIndex { $0.service == service && $0.ente == ente }!
        change(&copy.declarations[index])
        return copy
    }

    func changing(allocation ambito: String, _ change: (inout RegionalAllocation) -> Void) -> AmbitoYear {
        var copy = self
        let index = copy.deliberation!.allocations.firstIndex { $0.ambito == ambito }!
        change(&copy.deliberation!.allocations[index])
        return copy
    }
}

extension Fixtures {
    /// A finding's expected, found and difference, to compare in one expectation.
    static func numbers(_ finding: Finding) -> [Money?] {
        [finding.expected, finding.found, finding.difference]
    }
}
