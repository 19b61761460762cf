import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

/// Schema v13: the file a submission's rows cite, kept once with the submission when it is not
/// the file itself (a workbook's sheet), so that each row stays whole in its typed columns.
@Suite("The file a submission's rows cite, kept once")
struct CitedFileTests {
    /// A workbook's split as the workbook importer gives it: the file `riparto.xlsx`, each share
    /// citing its row of the sheet `Riparto`, in the record and beside it; the last one declaring
    /// a third, which keeps its own citation.
    static func workbookSplit(sha256: String? = nil) -> ImportResult {
        var result = Fixtures.split(file: "riparto.xlsx[Riparto]", [
            ("SAD", Fixtures.cabras, 120_000), ("SAD", Fixtures.asl, 80_000), ("ADI", Fixtures.oristano, 500),
        ])
        result.file = "riparto.xlsx"
        for index in result.records.indices {
            if let sha256 { result.records[index].provenance.sha256 = sha256 }
            guard case .costShare(var share) = result.records[index].record else { continue }
            share.provenance = index == 2 ? Provenance(file: "altro.csv", sha256: "bbbb", line: 9) : result.records[index].provenance
            result.records[index].record = .costShare(share)
        }
        return result
    }

    /// The submission's `cited_file` and how many rows of `records` keep a JSON payload.
    static func stored(in store: SQLiteStore) throws -> (citedFile: String?, file: String, payloads: Int, costShares: Int) {
        try store.dbQueue.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT file, cited_file FROM submissions"))
            return (
                row["cited_file"], row["file"],
                try Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE payload != ''") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM cost_shares") ?? -1)
        }
    }

    /// What reading the submission back gives: each share's file, line and amount.
    static func readBack(_ store: SQLiteStore) throws -> [String] {
        let submission = try #require(try store.submissions(ambito: nil, year: nil, includeHistory: true).first)
        return try store.records(submission: submission.id).map { imported in
            guard case .costShare(let share) = imported.record else { return "?" }
            return "\(share.provenance?.file ?? "-"):\(share.provenance?.line ?? 0) \(share.amount.cents)"
        }
    }

    static let expected = ["riparto.xlsx[Riparto]:2 120000", "riparto.xlsx[Riparto]:3 80000", "altro.csv:9 500"]

    @Test("a workbook read whole: its rows in columns, each citing its sheet's row, the sheet kept once")
    func whole() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        _ = try store.record(Self.workbookSplit())
        let stored = try Self.stored(in: store)
        #expect(stored.file == "riparto.xlsx")
        #expect(stored.citedFile == "riparto.xlsx[Riparto]")
        // Two shares in the narrow table; only the one citing another file has a payload.
        #expect(stored.costShares == 2 && stored.payloads == 1)
        #expect(try Self.readBack(store) == Self.expected)
        let year = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(year.costShares.map { $0.provenance?.file } == ["riparto.xlsx[Riparto]", "riparto.xlsx[Riparto]", "altro.csv"])
    }

    @Test("a workbook streamed stores and reads back what reading it whole does")
    func streamed() throws {
        let result = Self.workbookSplit(sha256: "")
        let store = try SQLiteStore.inMemory(now: StreamingTests.clock)
        try store.saveReference([Fixtures.ambito])
        _ = try store.recordStreaming(subject: nil, receivedAt: StreamingTests.received, importedBy: "plus run") { sink in
            for imported in result.records { try sink.append(imported) }
            var told = result
            told.records = []
            return told
        }
        let stored = try Self.stored(in: store)
        #expect(stored.file == "riparto.xlsx")
        #expect(stored.citedFile == "riparto.xlsx[Riparto]")
        #expect(stored.costShares == 2 && stored.payloads == 1)
        #expect(try Self.readBack(store) == Self.expected)
    }

    @Test("a CSV sheet's rows cite the file itself: nothing more is kept")
    func csv() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        _ = try store.record(Fixtures.split([("SAD", Fixtures.cabras, 100)]))
        let stored = try Self.stored(in: store)
        #expect(stored.citedFile == nil && stored.payloads == 0 && stored.costShares == 1)
    }
}
