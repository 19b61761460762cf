import Foundation
import PlusModel
@testable import PlusExport

/// A small Oristano plan with hostile text from Comuni, negative amounts and every dataset filled.
enum Fixtures {
    static let hostileName = "=HYPERLINK(\"http://evil\";\"clic\")"
    static let trickyNote = "Nota con \"virgolette\", punto; e virgola\nsu due righe"

    static func oristano(year: Int = 2019) -> AmbitoYear {
        let provenance = Provenance(file: "capofila.csv", sha256: String(repeating: "a", count: 64), line: 2)
        let ambito = Ambito(
            code: "OR", name: "Oristano", capofila: "095038",
            comuni: [
                MemberComune(istatCode: "095038", name: "Oristano", population: 31_155, province: "OR"),
                MemberComune(istatCode: "095018", name: "Cabras", population: 9_108, province: "OR"),
                MemberComune(istatCode: "095001", name: "-Abbasanta\u{1}", population: 2_801, province: "OR"),
            ],
            asl: Signatory(ente: EnteRef(kind: .asl, code: "ASL5"), name: "ASL 5 Oristano"),
            provincia: Signatory(ente: EnteRef(kind: .provincia, code: "OR"), name: "Provincia di Oristano"))
        var sad = PlannedService(
            code: "SAD", name: "Assistenza domiciliare, anziani \"fragili\"", area: "anziani", kind: .sociale,
            management: .associata, location: "Oristano", totalCost: Money(cents: 10_000_000),
            sharingCriterion: .perResident, provenance: provenance)
        sad.funding = [.fondoRegionale: Money(cents: 6_000_000), .comuni: Money(cents: 3_000_000), .asl: Money(cents: 1_000_000)]
        var udp = PlannedService(code: "UDP", name: hostileName, kind: .socioSanitario, management: .comune(istatCode: "095038"),
                                 totalCost: Money(cents: 7_600_000))
        udp.funding = [.fondoRegionale: Money(cents: 7_600_000)]
        return AmbitoYear(
            ambito: ambito, year: year, plan: PlanIdentity(ambito: "OR", trienniumStart: 2018, year: year),
            services: [udp, sad],
            costShares: [
                CostShare(service: "SAD", ente: EnteRef(comune: "095038"), amount: Money(cents: 2_000_000), basisPoints: 6_667),
                CostShare(service: "SAD", ente: EnteRef(comune: "095018"), amount: Money(cents: 600_000)),
                CostShare(service: "SAD", ente: EnteRef(comune: "095018"), amount: Money(cents: 100_000)),
                CostShare(service: "SAD", ente: EnteRef(comune: "095001"), amount: Money(cents: 300_000)),
                CostShare(service: "SAD", ente: EnteRef(kind: .asl, code: "ASL5"), amount: Money(cents: 1_000_000)),
            ],
            declarations: [
                Declaration(ente: EnteRef(comune: "095038"), year: year, service: "SAD", amount: Money(cents: 2_000_000)),
                Declaration(ente: EnteRef(comune: "095018"), year: year, service: "SAD", amount: Money(cents: 650_000), note: trickyNote),
                Declaration(ente: EnteRef(comune: "095018"), year: year, service: "XYZ", amount: Money(cents: -1_250), note: "@rimborso"),
            ],
            submitters: [EnteRef(comune: "095038"), EnteRef(comune: "095018")],
            deliberation: Deliberation(
                number: "40/32", date: CivilDate(year: 2019, month: 10, day: 6)!, body: "Giunta Regionale", year: year,
                fundTotal: Money(cents: 1_861_000_000),
                allocations: [
                    RegionalAllocation(year: year, ambito: "OR", population: 43_064, equalShare: Money(cents: 30_000_000),
                                       populationShare: Money(cents: 40_000_000), udpShare: Money(cents: 7_600_000),
                                       total: Money(cents: 77_600_000)),
                ]))
    }

    static func cagliari(year: Int = 2019) -> AmbitoYear {
        let ambito = Ambito(code: "CA", name: "Cagliari", capofila: "092009",
                            comuni: [MemberComune(istatCode: "092009", name: "Cagliari", population: 149_883, province: "CA")])
        var service = PlannedService(code: "SAD", name: "Assistenza domiciliare", totalCost: Money(cents: 50_000))
        service.funding = [.comuni: Money(cents: 50_000)]
        return AmbitoYear(ambito: ambito, year: year, services: [service])
    }

    /// A fake recomputation: the deliberated allocation less one euro on the population share.
    static let recomputer = AllocationRecomputer { ambitoYear in
        guard var allocation = ambitoYear.deliberation?.allocation(for: ambitoYear.ambito.code) else { return nil }
        allocation.populationShare -= Money(euros: 1)
        allocation.total -= Money(euros: 1)
        return allocation
    }

    static let metadata = ExportMetadata(
        generatedAt: Date(timeIntervalSince1970: 1_795_000_000),
        submissions: [
            .init(id: "2", file: "cabras.csv", sha256: String(repeating: "b", count: 64)),
            .init(id: "1", file: "capofila.csv", sha256: String(repeating: "a", count: 64)),
        ],
        ruleSet: .init(name: "plus-ras", version: "2019.1"))

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plus-export-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func dataset(_ name: String, in datasets: [ExportDataset]) -> ExportDataset {
        datasets.first { $0.name == name }!
    }

    /// The row's cells by column name.
    static func record(_ row: [ExportCell], _ dataset: ExportDataset) -> [String: ExportCell] {
        Dictionary(uniqueKeysWithValues: zip(dataset.columns.map(\.name), row))
    }
}
