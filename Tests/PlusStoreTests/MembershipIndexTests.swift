import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

/// The Ambiti of every ente read at once (for a sheet that names thousands) are those read one
/// ente at a time: members, membership records, capofila, ASL and Provincia, ente gestore and
/// other signatories, in stores where an ente belongs to several Ambiti and codes repeat across kinds.
@Suite("Membership read at once")
struct MembershipIndexTests {
    static func signatory(_ kind: EnteKind, _ code: String) -> Signatory {
        Signatory(ente: EnteRef(kind: kind, code: code), name: "\(kind.rawValue) \(code)")
    }

    /// Three Ambiti sharing Comuni, an ASL, a Provincia and a gestore; other signatories of every
    /// kind (a Comune of another Ambito among them); membership records that move a Comune, and a
    /// rejected sheet's that must not count.
    static func store() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        let comune = { (code: String) in MemberComune(istatCode: code, name: "Comune \(code)", population: 1_000, province: "OR") }
        let ambiti = [
            Ambito(
                code: "OR", name: "Oristano", capofila: "095038", comuni: ["095038", "095018", "095001"].map(comune),
                asl: signatory(.asl, "ASL5"), provincia: signatory(.provincia, "OR"),
                otherSignatories: [signatory(.unione, "MONTIFERRU"), signatory(.comune, "092009"), signatory(.altro, "CONSORZIO")]),
            Ambito(
                code: "ORB", name: "Oristano Bis", capofila: "095001", comuni: ["095001", "095002"].map(comune),
                asl: signatory(.asl, "ASL5"), provincia: signatory(.provincia, "SU"), enteGestore: signatory(.unione, "MONTIFERRU")),
            Ambito(
                code: "CA", name: "Cagliari", capofila: "092009", comuni: ["092009", "095099"].map(comune),
                asl: signatory(.asl, "OR"), provincia: signatory(.provincia, "ASL5"), otherSignatories: [signatory(.asl, "ASL8")],
                enteGestore: signatory(.altro, "CONSORZIO")),
        ]
        try store.saveReference(ambiti)
        try store.record(Fixtures.members(["095002", "095077"].map(comune), ambito: "CA"))
        var refused = Fixtures.members(["095078"].map(comune), ambito: "OR")
        refused.file = "membri-rifiutati.csv"
        refused.sha256 = Checksum.sha256(Data("rifiutati".utf8))
        refused.status = .rejected
        try store.record(refused)
        return store
    }

    @Test("each ente's Ambiti, read at once, are those read one by one")
    func atOnceIsOneByOne() throws {
        let store = try Self.store()
        let codes = ["095038", "095018", "095001", "095002", "095077", "095078", "092009", "095099", "ASL5", "ASL8", "OR", "SU",
                     "MONTIFERRU", "CONSORZIO", "999999", "", "095038 "]
        let entes = EnteKind.allCases.flatMap { kind in codes.map { EnteRef(kind: kind, code: $0) } }
        try store.dbQueue.read { db in
            let index = try Membership.Index(db)
            var found = 0
            for ente in entes {
                let one = try Membership.ambiti(containing: ente, in: db)
                #expect(index.ambiti(containing: ente) == one, "\(ente)")
                found += one.isEmpty ? 0 : 1
            }
            // Entes of every way of belonging were asked, or the comparison could not fail.
            #expect(found >= 12)
            #expect(try Membership.ambiti(containing: EnteRef(kind: .comune, code: "095002"), in: db) == ["ORB", "CA"])
            #expect(try Membership.ambiti(containing: EnteRef(kind: .comune, code: "095078"), in: db).isEmpty)
        }
    }

    @Test("a sheet naming more entes than are looked up one by one places each in its Ambiti")
    func aSheetOfManyEntesIsPlacedAsOneOfFew() throws {
        let store = try Self.store()
        // More Comuni than ``Membership/Index/worthFrom``, the known ones last, so that they are
        // placed through the index; the sheet names no Ambito.
        var many = (0..<Membership.Index.worthFrom).map { String(format: "%06d", 100_000 + $0) }
        many += ["095038", "095002", "092009", "095077"]
        let text = many.joined(separator: ";")
        let sha = Checksum.sha256(Data(text.utf8))
        let records = many.enumerated().map { index, code in
            ImportedRecord(
                record: .declaration(Declaration(ente: EnteRef(kind: .comune, code: code), year: 2019, service: "SAD", amount: Money(cents: 100))),
                provenance: Provenance(file: "raccolta.csv", sha256: sha, line: index + 2))
        }
        try store.record(ImportResult(
            file: "raccolta.csv", sha256: sha, byteCount: text.utf8.count, mapping: "dichiarazioni-regione", mappingVersion: 1,
            status: .accepted, subject: SubmissionSubject(ente: nil, year: 2019), rowsRead: records.count, records: records))
        let touched = try store.dbQueue.read { db in
            try Set(Row.fetchAll(db, sql: "SELECT ambito FROM submission_scopes").map { $0["ambito"] as String })
        }
        #expect(touched == ["OR", "ORB", "CA"])
    }
}
