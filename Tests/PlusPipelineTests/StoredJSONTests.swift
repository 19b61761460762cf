import Foundation
import Testing
@testable import PlusStore
@testable import PlusPipeline

/// The JSON the store writes is the same text for the same data, whichever process wrote it:
/// keys sorted, so two identical runs give byte-identical stores' payloads.
@Suite("The store's JSON is deterministic")
struct StoredJSONTests {
    @Test func twoIdenticalRunsWriteTheSamePayloads() throws {
        var written: [[String]] = []
        for _ in 0..<2 {
            let bench = try Workbench()
            try bench.dropOristanoYear()
            let store = bench.root.appendingPathComponent("same.sqlite").path
            let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "csv"])
            #expect(run.status == 0)
            // As a multiset: the files of a copied inbox may arrive in another order, which is not the point here.
            written.append(try SQLiteStore(path: store).storedJSON().sorted())
        }
        #expect(written[0].count > 100)
        #expect(written[0].contains { !$0.isEmpty && $0 != "{}" && $0 != "[]" })
        let differing = zip(written[0], written[1]).filter { $0 != $1 }
        #expect(written[0].count == written[1].count)
        #expect(differing.isEmpty, "\(differing.count) differ, e.g. \(differing.first.map { "\($0.0) / \($0.1)" } ?? "")")
    }
}
