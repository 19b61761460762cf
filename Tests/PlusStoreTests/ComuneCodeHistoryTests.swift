import Foundation
import Testing
import PlusModel
@testable import PlusStore

@Suite("The store reads a Comune's code as valid in its year")
struct ComuneCodeHistoryTests {
    /// A national list of Comuni with their codes through time.
    static func list(_ comuni: [MemberComune]) -> ImportResult {
        let sha = Checksum.sha256(Data(comuni.map(\.istatCode).joined().utf8))
        return ImportResult(
            file: "elenco.csv", sha256: sha, byteCount: 1, mapping: "istat-comuni-2024", mappingVersion: 1, status: .accepted,
            rowsRead: comuni.count,
            records: comuni.enumerated().map { index, comune in
                ImportedRecord(record: .comune(comune, ambito: nil), provenance: Provenance(file: "elenco.csv", sha256: sha, line: index + 2))
            },
            details: ["target": "comuni"])
    }

    static func store(with comuni: [MemberComune]) throws -> SQLiteStore {
        let store = try SQLiteStore(path: Fixtures.temporaryPath())
        let list = list(comuni)
        _ = try store.record(try store.prepare(list), subject: list.subject, receivedAt: Date(), importedBy: nil)
        return store
    }

    static func ente(of sheet: ImportResult, in store: SQLiteStore) throws -> (EnteRef?, [String]) {
        let outcome = try store.record(try store.prepare(sheet), subject: sheet.subject, receivedAt: Date(), importedBy: nil)
        guard case .stored(let submission, _, _) = outcome else { return (nil, []) }
        let records = try store.records(submission: submission.id).map(\.record)
        guard case .declaration(let declaration) = records.first else { return (nil, []) }
        return (declaration.ente, try store.diagnostics(submission: submission.id).map(\.code))
    }

    @Test func aCodeReusedByAnotherComuneIsTheComuneThatHadItThatYear() throws {
        // Invented: 090999 was Comune A's until 2005, and is Comune B's from 2006.
        let store = try Self.store(with: [
            MemberComune(istatCode: "111999", name: "Comune A", population: 0, codes: [
                ComuneCode(code: "090999", from: 1995, through: 2005), ComuneCode(code: "111999", from: 2006),
            ]),
            MemberComune(istatCode: "090999", name: "Comune B", population: 0, codes: [ComuneCode(code: "090999", from: 2006)]),
        ])
        let old = try Self.ente(of: Fixtures.sheet([("SAD", 100)], by: EnteRef(comune: "090999"), year: 2004, file: "a.csv"), in: store)
        #expect(old.0 == EnteRef(comune: "111999") && old.1.contains("IST001"))
        let now = try Self.ente(of: Fixtures.sheet([("SAD", 100)], by: EnteRef(comune: "090999"), year: 2019, file: "b.csv"), in: store)
        #expect(now.0 == EnteRef(comune: "090999") && !now.1.contains { $0.hasPrefix("IST") })
    }

    @Test func withoutAHistoryNothingIsRead() throws {
        let store = try SQLiteStore(path: Fixtures.temporaryPath())
        let sheet = try Self.ente(of: Fixtures.sheet([("SAD", 100)], by: EnteRef(comune: "107003"), year: 2014), in: store)
        #expect(sheet.0 == EnteRef(comune: "107003") && !sheet.1.contains { $0.hasPrefix("IST") })
    }
}
