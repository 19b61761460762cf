import Foundation
import PlusModel
import Testing
@testable import PlusStore

/// An Emilia-Romagna district in the store: its region and ente gestore are kept, its FRNA
/// statement is assembled into its year, and a Sardinian deliberation is not its own.
@Suite("The store: a district of another region")
struct SecondRegionTests {
    static let unione = Signatory(ente: EnteRef(kind: .unione, code: "SORBARA"), name: "Unione Comuni del Sorbara")

    static let district = Ambito(
        code: "CFE", name: "Castelfranco Emilia", capofila: "036006",
        comuni: [MemberComune(istatCode: "036006", name: "Castelfranco Emilia", population: 31_656, province: "MO")],
        asl: Signatory(ente: EnteRef(kind: .asl, code: "AUSL-MO"), name: "Azienda USL di Modena"),
        otherSignatories: [Signatory(ente: EnteRef(kind: .altro, code: "ASP"), name: "ASP")],
        region: "emilia-romagna", enteGestore: unione)

    static func statement(year: Int = 2019) -> ImportResult {
        let file = "frna-cfe-\(year).csv"
        let sha = Checksum.sha256(Data(file.utf8))
        let statement = FundStatement(
            ambito: "CFE", year: year, fund: .frna, assigned: Money(euros: 100), carriedOver: Money(euros: 20),
            used: Money(euros: 110), residual: Money(euros: 10), act: "Comitato di Distretto")
        return ImportResult(
            file: file, sha256: sha, byteCount: 10, mapping: "frna-rendiconto", mappingVersion: 1, status: .accepted,
            rowsRead: 1, records: [ImportedRecord(record: .fundStatement(statement), provenance: Provenance(file: file, sha256: sha, line: 2))])
    }

    @Test func regionEnteGestoreAndFundStatementComeBack() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito, Self.district])
        try store.record(Self.statement())
        try store.record(Fixtures.deliberation())

        #expect(try store.ambiti().first { $0.code == "CFE" } == Self.district)
        #expect(try store.ambiti().first { $0.code == "OR" }?.region == "sardegna")
        let year = try #require(try store.ambitoYear(ambito: "CFE", year: 2019))
        #expect(year.ambito.enteGestore == Self.unione)
        #expect(year.fundStatements.map(\.residual) == [Money(euros: 10)])
        #expect(year.fundStatements.first?.provenance?.line == 2)
        // The Sardinian act of 2019 is Oristano's, not the district's.
        #expect(year.deliberation == nil)
        #expect(try store.ambitoYear(ambito: "OR", year: 2019)?.deliberation?.number == "40/32")
        #expect(try store.ambitoYear(ambito: "OR", year: 2019)?.fundStatements.isEmpty == true)
    }
}
