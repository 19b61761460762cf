import PlusModel
import Testing
@testable import PlusExport

@Suite struct DatasetBuilderTests {
    let datasets = try! DatasetBuilder(recomputer: Fixtures.recomputer).datasets(from: [Fixtures.oristano(), Fixtures.cagliari()])

    @Test func buildsEveryCatalogueDatasetInOrder() {
        #expect(datasets.map(\.name) == DatasetCatalog.all.map(\.name))
        #expect(datasets.map(\.name) == ["ambiti", "membri", "servizi", "finanziamento", "riparto", "dichiarato_vs_pianificato", "allocazione_regionale", "indicatori", "rendiconti_fondi"])
    }

    @Test func rowsAreSortedByPrimaryKeyWhateverTheInputOrder() throws {
        let reversed = try DatasetBuilder(recomputer: Fixtures.recomputer).datasets(from: [Fixtures.cagliari(), Fixtures.oristano()])
        #expect(reversed == datasets)
        let ambiti = Fixtures.dataset("ambiti", in: datasets)
        #expect(ambiti.rows.map { $0[1] } == [.text("CA"), .text("OR")])
    }

    @Test func membersIncludeSignatoriesAndMarkTheCapofila() {
        let membri = Fixtures.dataset("membri", in: datasets)
        let oristano = membri.rows.filter { $0[1] == .text("OR") }.map { Fixtures.record($0, membri) }
        #expect(oristano.map { $0["ente"] } == ["asl:ASL5", "comune:095001", "comune:095018", "comune:095038", "provincia:OR"].map(ExportCell.text))
        #expect(oristano.filter { $0["capofila"] == .bool(true) }.map { $0["ente"] } == [.text("comune:095038")])
        #expect(oristano[0]["popolazione"] == .null)
    }

    @Test func servicesCarryTheSumOfSourcesAndTheGap() throws {
        let servizi = Fixtures.dataset("servizi", in: datasets)
        let sad = try #require(servizi.rows.map { Fixtures.record($0, servizi) }.first { $0["ambito"] == .text("OR") && $0["servizio"] == .text("SAD") })
        #expect(sad["totale_fonti"] == .money(Money(cents: 10_000_000)))
        #expect(sad["differenza_costo_fonti"] == .money(.zero))
        #expect(sad["criterio_riparto"] == .text("residenti"))
        #expect(sad["file_origine"] == .text("capofila.csv"))
    }

    @Test func fundingHasOneRowPerServiceAndSource() {
        let finanziamento = Fixtures.dataset("finanziamento", in: datasets)
        let orSAD = finanziamento.rows.filter { $0[1] == .text("OR") && $0[2] == .text("SAD") }
        #expect(orSAD.map { $0[3] } == [.text("asl"), .text("comuni"), .text("fondo_regionale")])
        #expect(orSAD.map { $0[4] } == [.money(Money(cents: 1_000_000)), .money(Money(cents: 3_000_000)), .money(Money(cents: 6_000_000))])
    }

    @Test func duplicateCostSharesAreSummedAndLoseTheirPercentage() throws {
        let riparto = Fixtures.dataset("riparto", in: datasets)
        let rows = riparto.rows.map { Fixtures.record($0, riparto) }
        let cabras = try #require(rows.first { $0["ente"] == .text("comune:095018") })
        #expect(cabras["importo"] == .money(Money(cents: 700_000)))
        #expect(cabras["percentuale"] == .null)
        let oristano = try #require(rows.first { $0["ente"] == .text("comune:095038") })
        #expect(oristano["percentuale"] == .basisPoints(6_667))
    }

    @Test func declaredVersusPlannedClassifiesEveryPair() {
        let comparison = Fixtures.dataset("dichiarato_vs_pianificato", in: datasets)
        let rows = comparison.rows.map { Fixtures.record($0, comparison) }
        func outcome(_ ente: String, _ service: String) -> [String: ExportCell]? {
            rows.first { $0["ente"] == .text(ente) && $0["servizio"] == .text(service) }
        }
        #expect(outcome("comune:095038", "SAD")?["esito"] == .text("concorde"))
        #expect(outcome("comune:095018", "SAD")?["esito"] == .text("difforme"))
        #expect(outcome("comune:095018", "SAD")?["differenza"] == .money(Money(cents: -50_000)))
        #expect(outcome("comune:095001", "SAD")?["esito"] == .text("non_dichiarato"))
        #expect(outcome("comune:095001", "SAD")?["dichiarato"] == .null)
        #expect(outcome("comune:095018", "XYZ")?["esito"] == .text("non_pianificato"))
        #expect(outcome("comune:095018", "XYZ")?["differenza"] == .money(Money(cents: -1_250)))
    }

    @Test func allocationSetsDeliberatedBesideRecomputed() throws {
        let allocation = Fixtures.dataset("allocazione_regionale", in: datasets)
        let rows = allocation.rows.map { Fixtures.record($0, allocation) }
        let oristano = try #require(rows.first { $0["ambito"] == .text("OR") })
        #expect(oristano["totale_deliberato"] == .money(Money(cents: 77_600_000)))
        #expect(oristano["totale_ricalcolato"] == .money(Money(cents: 77_599_900)))
        #expect(oristano["differenza_totale"] == .money(Money(cents: 100)))
        #expect(oristano["delibera_data"] == .date(CivilDate(year: 2019, month: 10, day: 6)!))
        let cagliari = try #require(rows.first { $0["ambito"] == .text("CA") })
        #expect(cagliari["totale_deliberato"] == .null)
        #expect(cagliari["differenza_totale"] == .null)
    }

    @Test func withoutARecomputerTheRecomputedColumnsAreEmpty() throws {
        let plain = try DatasetBuilder().datasets(from: [Fixtures.oristano()])
        let allocation = Fixtures.dataset("allocazione_regionale", in: plain)
        let row = Fixtures.record(allocation.rows[0], allocation)
        #expect(row["totale_ricalcolato"] == .null)
        #expect(row["totale_deliberato"] == .money(Money(cents: 77_600_000)))
    }

    @Test func everyRowHasOneCellPerColumn() {
        for dataset in datasets {
            #expect(dataset.rows.allSatisfy { $0.count == dataset.columns.count }, "\(dataset.name)")
        }
    }
}

extension DatasetBuilderTests {
    @Test func amountsThatOverflowAreRefusedNotTrapped() throws {
        var huge = Fixtures.oristano()
        huge.declarations.append(Declaration(ente: EnteRef(comune: "095038"), year: 2019, service: "SAD", amount: Money(cents: .max)))
        let error = try #require(throws: ExportError.self) { try DatasetBuilder().datasets(from: [huge]) }
        #expect(error.diagnostic.code == "EXP008")
        var negative = Fixtures.oristano()
        negative.services[0].funding[.altro] = Money(cents: .min)
        #expect(throws: ExportError.self) { try DatasetBuilder().datasets(from: [negative]) }
    }
}

@Suite("The indicatori dataset")
struct IndicatorDatasetTests {
    @Test func oneRowPerServiceAndIndicatorWithExactDecimals() throws {
        var year = Fixtures.oristano()
        let sheet = Provenance(file: "capofila-indicatori-2019.csv", sha256: "", line: 3)
        year.indicators = [
            Indicator(service: "SAD", code: "ORE", unit: "ore", target: ExactDecimal(units: 105, scale: 1), actual: ExactDecimal(units: 1, scale: 1), year: 2019),
            // The same code again: a later row corrects the earlier one.
            Indicator(service: "SAD", code: "ORE", unit: "ore", target: ExactDecimal(units: 105, scale: 1), actual: ExactDecimal(units: 975, scale: 2), year: 2019, provenance: sheet),
            Indicator(service: "CDD", code: "PRESENZE", unit: "%", target: ExactDecimal(units: 80), year: 2019),
        ]
        let dataset = Fixtures.dataset("indicatori", in: try DatasetBuilder().datasets(from: [year]))
        #expect(dataset.rows.map { $0[3] } == [.text("PRESENZE"), .text("ORE")])
        let ore = dataset.rows[1]
        #expect(ore[6] == .decimal(ExactDecimal(units: 105, scale: 1)) && ore[7] == .decimal(ExactDecimal("9.75")!))
        #expect(ore[8] == .text("capofila-indicatori-2019.csv"))
        #expect(dataset.rows[0][7] == .null)
        #expect(CSVDialect.italian.text(of: ore[7]) == "9,75" && CSVDialect.machine.text(of: ore[7]) == "9.75")
    }
}

@Suite("The rendiconti_fondi dataset and the co-payment rule")
struct FundStatementDatasetTests {
    @Test func oneRowPerFundTheLastStatementWinning() throws {
        var year = Fixtures.oristano()
        let sheet = Provenance(file: "frna-castelfranco-2019.csv", sha256: "", line: 2)
        year.fundStatements = [
            FundStatement(ambito: "OR", year: 2019, fund: .frna, assigned: Money(cents: 100), used: Money(cents: 100), residual: .zero),
            // The same fund again: a later statement corrects the earlier one.
            FundStatement(ambito: "OR", year: 2019, fund: .frna, assigned: Money(cents: 600_000_000), carriedOver: Money(cents: 15_000_000),
                          used: Money(cents: 605_000_000), residual: Money(cents: 10_000_000), act: "DGP 12/2020", provenance: sheet),
        ]
        year.services[1].copaymentRule = "Regolamento distrettuale 2019"
        let datasets = try DatasetBuilder().datasets(from: [year])
        let statements = Fixtures.dataset("rendiconti_fondi", in: datasets)
        #expect(statements.rows.count == 1)
        let row = Fixtures.record(try #require(statements.rows.first), statements)
        #expect(row["fondo"] == .text("frna") && row["assegnato"] == .money(Money(cents: 600_000_000)))
        #expect(row["residuo_anni_precedenti"] == .money(Money(cents: 15_000_000)) && row["utilizzato"] == .money(Money(cents: 605_000_000)))
        #expect(row["residuo"] == .money(Money(cents: 10_000_000)) && row["atto"] == .text("DGP 12/2020"))
        #expect(row["file_origine"] == .text("frna-castelfranco-2019.csv"))
        let servizi = Fixtures.dataset("servizi", in: datasets)
        let rules = Dictionary(uniqueKeysWithValues: servizi.rows.map { Fixtures.record($0, servizi) }.map { ($0["servizio"]!, $0["regola_compartecipazione"]!) })
        #expect(rules == [.text("SAD"): .text("Regolamento distrettuale 2019"), .text("UDP"): .null])
    }
}
