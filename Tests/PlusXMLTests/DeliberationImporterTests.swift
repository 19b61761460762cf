import Foundation
import PlusModel
import Testing
@testable import PlusXML

@Suite("Importing the sample deliberations")
struct DeliberationImporterTests {
    @Test("Each year's deliberation gives the real fund total, 25 Ambiti and figures that add up", arguments: [
        (2017, Int64(1_887_180_782)), (2018, 1_916_762_240), (2019, 1_861_000_000),
    ])
    func sample(year: Int, fundCents: Int64) throws {
        let result = try Paths.importSample("dgr-\(year).xml")
        #expect(result.status == .accepted)
        #expect(!result.diagnostics.containsErrors)
        #expect(result.details["format"] == "akoma-ntoso")
        #expect(result.details["schema"] == "ripartizione-plus.xsd")
        let deliberation = try #require(result.deliberation)
        #expect(deliberation.fundTotal == Money(cents: fundCents))
        #expect(deliberation.year == year)
        #expect(deliberation.body == "Giunta Regionale della Sardegna")
        #expect(deliberation.parameters.equalShareBasisPoints == 4000)
        #expect(deliberation.parameters.udpCap == Money(cents: 192_418_400))
        #expect(deliberation.parameters.udpThreshold == 35_000)
        let allocations = result.allocations
        #expect(allocations.count == 25)
        #expect(result.rowsRead == 25)
        #expect(Set(allocations.map(\.ambito)).count == 25)
        #expect(allocations.map(\.total).sum() == deliberation.fundTotal)
        for allocation in allocations {
            #expect(allocation.equalShare + allocation.populationShare + allocation.udpShare + (allocation.derogation ?? .zero) == allocation.total)
            #expect(allocation.year == year)
        }
        let oristano = try #require(deliberation.allocation(for: "OR"))
        #expect(oristano.population == 75_495)
        #expect(oristano.ambitoName == "Oristano")
        #expect(oristano.udpShare == Money(euros: 76_000))
    }

    @Test("The act's identity comes from its FRBR metadata")
    func identity() throws {
        let deliberation = try #require(try Paths.importSample("dgr-2019.xml").deliberation)
        #expect(deliberation.number == "20/9")
        #expect(deliberation.date == CivilDate(year: 2019, month: 5, day: 7))
    }

    @Test("Every record says which file, node and line it came from")
    func provenance() throws {
        let url = Paths.deliberations.appendingPathComponent("dgr-2019.xml")
        let result = try Paths.importSample("dgr-2019.xml")
        #expect(result.sha256 == Checksum.sha256(try Data(contentsOf: url)))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let oristanoLine = try #require(lines.firstIndex { $0.contains("<plus:ambito codice=\"OR\"") }) + 1
        let record = try #require(result.records.first { if case .allocation(let a) = $0.record { a.ambito == "OR" } else { false } })
        #expect(record.provenance.line == oristanoLine)
        #expect(record.provenance.file == "dgr-2019.xml")
        #expect(record.provenance.sha256 == result.sha256)
        #expect(record.provenance.xpath?.hasSuffix("plus:ambito[1]") == true)
    }

    @Test("The derogation a deliberation grants is read; absent ones stay nil")
    func derogation() throws {
        let result = try Paths.importSample("dgr-2018.xml")
        let deliberation = try #require(result.deliberation)
        #expect(deliberation.allocation(for: "LAN")?.derogation == Money(euros: 15_000))
        #expect(deliberation.allocation(for: "OR")?.derogation == nil)
    }

    @Test("The same act read from its attachment table gives the same allocations")
    func attachmentTable() throws {
        let proprietary = try Paths.importSample("dgr-2018.xml")
        let table = try Paths.importSample("dgr-2018.xml", mapping: "deliberazione-akn-allegato")
        #expect(table.status == .accepted)
        #expect(table.details["schema"] == nil)
        #expect(withoutProvenance(table.allocations) == withoutProvenance(proprietary.allocations))
        #expect(table.deliberation?.fundTotal == proprietary.deliberation?.fundTotal)
        #expect(table.deliberation?.year == 2018)
    }

    @Test("The simple non-AKN layout imports to the same canonical records")
    func simpleLayout() throws {
        let akn = try Paths.importSample("dgr-2019.xml")
        let flat = try Paths.importSample("ripartizione-2019-semplice.xml", mapping: "ripartizione-semplice")
        #expect(flat.status == .accepted)
        #expect(flat.details["format"] == "ripartizione-semplice")
        #expect(withoutProvenance(flat.allocations) == withoutProvenance(akn.allocations))
        var flatDeliberation = try #require(flat.deliberation)
        var aknDeliberation = try #require(akn.deliberation)
        flatDeliberation.provenance = nil
        aknDeliberation.provenance = nil
        flatDeliberation.allocations = withoutProvenance(flatDeliberation.allocations)
        aknDeliberation.allocations = withoutProvenance(aknDeliberation.allocations)
        #expect(flatDeliberation == aknDeliberation)
    }

    @Test("The deliberately wrong deliberation is schema-valid and imported as stated, errors and all")
    func errata() throws {
        let result = try Paths.importSample("dgr-2019-errata.xml")
        #expect(result.status == .accepted)
        let deliberation = try #require(result.deliberation)
        let oristano = try #require(deliberation.allocation(for: "OR"))
        #expect(oristano.equalShare + oristano.populationShare + oristano.udpShare != oristano.total)
        #expect(result.allocations.map(\.total).sum() != deliberation.fundTotal)
        let ussana = try #require(deliberation.allocation(for: "USS"))
        #expect(ussana.population < 35_000 && ussana.udpShare == Money(euros: 76_000) && ussana.derogation == nil)
    }

    @Test("A malformed amount rejects that Ambito only, with its line and the raw value")
    func badAmount() throws {
        let importer = DeliberationImporter(mapping: try Paths.mapping("ripartizione-semplice"))
        let result = try importer.importFile(at: Paths.fixture("flat-bad-amount.xml"))
        #expect(result.status == .accepted)
        #expect(result.allocations.count == 24)
        #expect(result.rejectedRows.count == 1)
        #expect(result.rejectedRows.first?.line == 6)
        #expect(result.rejectedRows.first?.cells.first == "OR")
        let error = try #require(result.diagnostics.first { $0.code == "XML021" })
        #expect(error.location.line == 6)
        #expect(error.found == "463,784,17")
        #expect(error.message.it.contains("non è un importo in euro"))
        #expect(error.message.en.contains("is not an amount in euros"))
    }
}
