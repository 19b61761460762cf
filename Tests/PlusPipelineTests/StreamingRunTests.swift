import Foundation
import Testing
import PlusModel
import PlusStore
@testable import PlusPipeline

/// `plus run` streaming large sheets into the store against reading every sheet whole.
@Suite("plus run: large sheets stream into the store", .serialized)
struct StreamingRunTests {
    /// What a run leaves: the summary (times aside), every submission with its records, and the outputs.
    struct Trace: Equatable {
        var summary: RunSummary
        var submissions: [Submission]
        var records: [[ImportedRecord]]
        var rejectedRows: [[RejectedRow]]
        var outputs: [String: Data]
    }

    static func trace(streamingFrom threshold: Int) throws -> Trace {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        // A second version of Cabras's sheet in the same run, with rejected rows: it supersedes the first.
        try bench.drop("errati/comune-cabras-scheda-2019-errata.csv")
        // Arrival in name order, the corrected sheet last, the same in both runs.
        let names = try FileManager.default.contentsOfDirectory(atPath: bench.inbox.path).sorted { $0.contains("errata") == $1.contains("errata") ? $0 < $1 : $1.contains("errata") }
        for (index, name) in names.enumerated() {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_700_000_000 + Double(index))],
                ofItemAtPath: bench.inbox.appendingPathComponent(name).path)
        }
        var job = try bench.job()
        job.streamingThreshold = threshold
        var summary = try job.run()
        let epoch = Date(timeIntervalSince1970: 0)
        for index in summary.perFile.indices {
            summary.perFile[index].receivedAt = nil
            for replaced in summary.perFile[index].supersedes.indices { summary.perFile[index].supersedes[replaced].receivedAt = "" }
        }
        let submissions = try bench.store.submissions(ambito: nil, year: nil, includeHistory: true).map { submission in
            var submission = submission
            (submission.receivedAt, submission.storedAt) = (epoch, epoch)
            return submission
        }
        // The data files; the manifest and the package descriptor state when they were made.
        var outputs: [String: Data] = [:]
        let folder = bench.out.appendingPathComponent("OR-2019/datapackage")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            outputs[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return Trace(
            summary: summary, submissions: submissions,
            records: try submissions.map { try bench.store.records(submission: $0.id) },
            rejectedRows: try submissions.map { try bench.store.rejectedRows(submission: $0.id) },
            outputs: outputs)
    }

    @Test func streamingEverySheetStoresAndExportsWhatReadingThemWholeDoes() throws {
        let whole = try Self.trace(streamingFrom: .max)
        let streamed = try Self.trace(streamingFrom: 0)
        // Every file of the dropped sample year and the corrected sheet is taken.
        #expect(whole.summary.rejected == 0 && whole.summary.accepted > 30)
        #expect(whole.summary.perFile.contains { $0.verdict == .acceptedWithRejections })
        #expect(whole.summary.perFile.contains { $0.supersedes.count == 1 })
        #expect(whole.outputs.count > 5)
        #expect(streamed.summary == whole.summary)
        #expect(streamed.submissions == whole.submissions)
        #expect(streamed.records == whole.records)
        #expect(streamed.rejectedRows == whole.rejectedRows)
        #expect(streamed.outputs == whole.outputs)
    }
}
