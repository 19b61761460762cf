import Foundation
import Testing
import PlusModel
import PropertyBased
@_spi(Testing) @testable import PlusCSV

/// Sheets of one layout read one after another take the first one's binding and byte plan
/// (``BoundHeaders``): their results are those of sheets each bound afresh, on every shipped
/// mapping, in every dialect, with hostile cells, read sequentially and in parallel blocks.
@Suite("Sheets of one layout share a binding and a plan, and read as if bound afresh")
struct BoundHeadersTests {
    /// Sheets drawn per shipped mapping, read in turn: the first binds, the others find it kept.
    static let sheetsPerMapping = 8

    /// Each sheet, checked and imported with the kept binding and plan, and with every file bound
    /// afresh: the results are equal, rejected rows and diagnostics included.
    @Test(arguments: BytePlanTests.shippedMappings)
    func sheetsOfOneLayoutReadAsIfBoundAfresh(name: String) throws {
        let mapping = try Support.mapping(name)
        for number in 1...Self.sheetsPerMapping {
            var random = Xoshiro(case: number, of: "bound-" + name)
            let sheet = GeneratedSheet.drawn(for: mapping).run(using: &random)
            let url = try TemporaryFile.write(sheet.bytes)
            let described = sheet.dialect.applied(to: mapping)
            var results: [[ImportResult]] = []
            for usesBindingCache in [false, true] {
                var read: [ImportResult] = []
                for (threads, block) in [(1, 1 << 19), (2, 64)] {
                    var importer = CSVImporter(mapping: described, delimiter: sheet.dialect.delimiter, encoding: sheet.dialect.encoding)
                    importer.usesBindingCache = usesBindingCache
                    importer.parallelism = threads
                    importer.blockSize = block
                    read.append(try CheckingTests.checked(importer, url))
                    read.append(try importer.importFile(at: url))
                }
                results.append(read)
            }
            #expect(results[1] == results[0], "\(name), case \(number): \(sheet)")
        }
    }

    /// After a sheet binds cleanly its layout is kept, for the same mapping only: a mapping with
    /// the same name but other fields (changed in memory) binds afresh, and gets its own plan.
    @Test func aLayoutIsKeptForItsMappingOnly() throws {
        let mapping = try Support.mapping("dichiarazioni-regione")
        let header = CheckProgramTests.sheetHeader
        let lines = [header.joined(separator: ";"), "095038;2019;S1;Assistenza;1.234,56;Spesa impegnata"]
        let url = try TemporaryFile.write(Array((lines.joined(separator: "\n") + "\n").utf8))
        _ = try CSVImporter(mapping: mapping).importFile(at: url)
        let kept = try #require(BoundHeaders.shared.bound(mapping: mapping, header: header, encoding: .utf8))
        #expect(kept.binding.columns["importo"]?.index == 4)
        var changed = mapping
        changed.fields["note"] = nil
        #expect(BoundHeaders.shared.bound(mapping: changed, header: header, encoding: .utf8).map { $0.plan === kept.plan } != true)
        let afresh = try CSVImporter(mapping: changed).importFile(at: url)
        var unkept = CSVImporter(mapping: changed)
        unkept.usesBindingCache = false
        #expect(try unkept.importFile(at: url) == afresh)
        #expect(afresh.records.first.map { record in
            if case .declaration(let declaration) = record.record { declaration.note == nil } else { false }
        } == true)
    }

    /// A header with a duplicate column binds with a warning that names its file and line: such a
    /// binding is never kept, so a second file with that header gets the warning under its own name.
    @Test func aHeaderWithADiagnosticIsBoundForEveryFile() throws {
        let mapping = try Support.mapping("dichiarazioni-regione")
        let header = CheckProgramTests.sheetHeader + ["Note"]
        let row = "095038;2019;S1;Assistenza;1.234,56;Spesa impegnata;altra nota"
        for name in ["primo.csv", "secondo.csv"] {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let url = folder.appendingPathComponent(name)
            try Data(([header.joined(separator: ";"), row].joined(separator: "\n") + "\n").utf8).write(to: url)
            let result = try CSVImporter(mapping: mapping).importFile(at: url)
            let duplicate = try #require(result.diagnostics.first { $0.code == Problem.csvDuplicateColumn.code })
            #expect(duplicate.location.file == name)
            #expect(BoundHeaders.shared.bound(mapping: mapping, header: header, encoding: .utf8) == nil)
        }
    }
}
