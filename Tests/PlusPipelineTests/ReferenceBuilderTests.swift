import Foundation
import PlusModel
import Testing
@testable import PlusPipeline

/// The signatories' reference lines: region, ente gestore and other signatories.
@Suite("Reference data: region, ente gestore, other signatories")
struct ReferenceBuilderTests {
    static let asp = Signatory(ente: EnteRef(kind: .altro, code: "ASP"), name: "ASP Delia Repetto")
    static let unione = Signatory(ente: EnteRef(kind: .unione, code: "SORBARA"), name: "Unione Comuni del Sorbara")
    static let consorzio = Signatory(ente: EnteRef(kind: .altro, code: "CONS"), name: "Consorzio")

    @Test func linesStateTheRegionTheGestoreAndEachOtherSignatoryOnce() {
        let lines: [CanonicalRecord] = [
            .ambitoSignatories(AmbitoSignatories(
                ambito: "CFE", ambitoName: "Castelfranco Emilia", region: "emilia-romagna", enteGestore: Self.unione,
                otherSignatory: Self.asp)),
            .ambitoSignatories(AmbitoSignatories(ambito: "CFE", otherSignatory: Self.consorzio)),
        ]
        let first = ReferenceBuilder.merge(existing: [], records: lines)
        #expect(first.count == 1)
        let district = first[0]
        #expect(district.region == "emilia-romagna")
        #expect(district.enteGestore == Self.unione)
        #expect(district.otherSignatories == [Self.asp, Self.consorzio])
        #expect(district.contains(Self.unione.ente))
        // The same file again adds nobody; a file of Sardinia's kind (no region) leaves it.
        let again = ReferenceBuilder.merge(existing: first, records: lines + [.ambitoSignatories(AmbitoSignatories(ambito: "CFE"))])
        #expect(again == first)
        #expect(ReferenceBuilder.merge(existing: [], records: [.ambitoSignatories(AmbitoSignatories(ambito: "OR"))])[0].region == "sardegna")
    }
}
