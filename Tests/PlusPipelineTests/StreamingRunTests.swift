import Foundation
import Testing
import ZIPFoundation
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

    /// `workbookSplit`: a workbook to put in place of the capofila's split.
    static func trace(streamingFrom threshold: Int, workbookSplit: URL? = nil) throws -> Trace {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        if let workbookSplit {
            try FileManager.default.removeItem(at: bench.inbox.appendingPathComponent("capofila-riparto-2019.csv"))
            try FileManager.default.copyItem(at: workbookSplit, to: bench.inbox.appendingPathComponent("capofila-riparto-2019.xlsx"))
        }
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
        job.workbookStreamingThreshold = threshold
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

    @Test func aWorkbookStreamedStoresAndExportsWhatReadingItWholeDoes() throws {
        // The capofila's split as a workbook of one sheet, the same bytes for both runs.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let split = folder.appendingPathComponent("capofila-riparto-2019.xlsx")
        try Self.workbook(of: Workbench.repository.appendingPathComponent("SampleData/oristano/capofila-riparto-2019.csv"), at: split)
        let whole = try Self.trace(streamingFrom: .max, workbookSplit: split)
        let streamed = try Self.trace(streamingFrom: 0, workbookSplit: split)
        let outcome = try #require(whole.summary.perFile.first { $0.file == "capofila-riparto-2019.xlsx" })
        #expect(outcome.verdict == .accepted && outcome.rowsAccepted == 123, "\(outcome)")
        // Each share cites the workbook's sheet, streamed or not.
        let shares = try #require(streamed.records.first { $0.count == 123 })
        #expect(shares.allSatisfy { imported in
            guard case .costShare(let share) = imported.record else { return false }
            return share.provenance?.file == "capofila-riparto-2019.xlsx[Riparto]"
        })
        #expect(whole.outputs.count > 5)
        // Summary, submissions, records, rejected rows and outputs, all at once.
        #expect(streamed == whole)
    }

    /// A workbook of one sheet `Riparto` with the cells of a `;`-separated UTF-8 CSV, each as text.
    static func workbook(of csv: URL, at url: URL) throws {
        let text = try String(contentsOf: csv, encoding: .utf8)
        let escape = { (cell: Substring) in
            cell.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        let letters = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]
        var sheet = ""
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).enumerated().map { column, cell in
                cell.isEmpty ? "" : "<c r=\"\(letters[column])\(index + 1)\" t=\"inlineStr\"><is><t>\(escape(cell))</t></is></c>"
            }
            sheet += "<row r=\"\(index + 1)\">\(cells.joined())</row>"
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts: [(String, String)] = [
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets><sheet name=\"Riparto\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\"><sheetData>\(sheet)</sheetData></worksheet>"),
        ]
        let archive = try Archive(url: url, accessMode: .create)
        for (path, content) in parts {
            let data = Data(content.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
