import Foundation
import Testing
import PlusModel
@_spi(Testing) @testable import PlusCSV

@Suite("Checking a sheet without building records gives the import's verdict; streaming reads the file once")
struct CheckingTests {
    static let fixtures = [
        "utf8.csv", "windows-1252.csv", "iso-8859-1.csv", "utf8-bom.csv", "utf16le-bom.csv", "utf16be-bom.csv",
        "quoted-multiline.csv", "cell-errors.csv", "blank-rows.csv", "tab-crlf.csv", "comma-lf.csv", "title-rows.csv",
        "invalid-utf8-cell.csv", "late-invalid-utf8.csv", "numbers.csv", "unterminated-quote.csv", "malformed-quote.csv",
        "binary.csv", "odd-utf16.csv", "header-only.csv",
    ]

    /// A streamed import: the result with its rejected rows, and the records delivered.
    static func streamed(_ importer: CSVImporter, _ url: URL) throws -> (ImportResult, [ImportedRecord]) {
        var records: [ImportedRecord] = []
        var rejected: [RejectedRow] = []
        var result = try importer.importFile(
            at: url, displayName: nil, onRecord: { records.append($0) }, onRejected: { rejected.append($0) })
        result.rejectedRows = rejected
        return (result, records)
    }

    static func checked(_ importer: CSVImporter, _ url: URL) throws -> ImportResult {
        var rejected: [RejectedRow] = []
        var result = try importer.checkFile(at: url, displayName: nil, onRejected: { rejected.append($0) })
        result.rejectedRows = rejected
        return result
    }

    /// Importers reading sequentially and in blocks of several sizes, each with the byte plan on and off.
    static func importers(_ mapping: CSVMapping) -> [CSVImporter] {
        [true, false].flatMap { usesBytePlan in
            [(1, 1 << 19), (2, 8), (2, 100), (3, 4_096)].map { threads, blockSize in
                var importer = CSVImporter(mapping: mapping)
                importer.usesBytePlan = usesBytePlan
                importer.parallelism = threads
                importer.blockSize = blockSize
                return importer
            }
        }
    }

    @Test(arguments: fixtures)
    func checkingGivesTheImportsResult(file: String) throws {
        let mapping = try file == "title-rows.csv" ? Support.comuneMapping(headerRow: 3) : Support.mapping("comune-scheda")
        let url = Support.fixture(file)
        let kept = try CSVImporter(mapping: mapping).importFile(at: url)
        for importer in Self.importers(mapping) {
            let (streamed, records) = try Self.streamed(importer, url)
            let checked = try Self.checked(importer, url)
            #expect(checked == streamed, "\(file), \(importer.parallelism ?? 0) threads, block \(importer.blockSize), plan \(importer.usesBytePlan)")
            // The streamed result is the kept one but for the records it hands out instead of holding.
            var withoutRecords = kept
            withoutRecords.records = []
            #expect(streamed == withoutRecords, "\(file)")
            if kept.status == .accepted {
                // Streamed records cite no checksum (the result carries it); otherwise they are the kept ones.
                #expect(records.map { $0.record.citing(Provenance(file: $0.provenance.file, sha256: kept.sha256, line: $0.provenance.line)) }
                    == kept.records.map(\.record), "\(file), plan \(importer.usesBytePlan)")
            }
        }
    }

    @Test func streamedRecordsCiteFileAndLineAndTheResultCarriesTheChecksum() throws {
        let url = Support.fixture("quoted-multiline.csv")
        let mapping = try Support.mapping("comune-scheda")
        let checksum = try Checksum.sha256(fileAt: url)
        let kept = try CSVImporter(mapping: mapping).importFile(at: url)
        #expect(kept.sha256 == checksum)
        #expect(!kept.records.isEmpty && kept.records.allSatisfy { $0.provenance.sha256 == checksum })
        for importer in Self.importers(mapping) {
            // Kept records cite the checksum computed while the file was read once, by every reader.
            let keptHere = try importer.importFile(at: url, displayName: nil)
            #expect(keptHere.sha256 == checksum)
            #expect(keptHere.records.count == kept.records.count && keptHere.records.allSatisfy { $0.provenance.sha256 == checksum })
            let (streamed, records) = try Self.streamed(importer, url)
            #expect(streamed.sha256 == checksum)
            #expect(try Self.checked(importer, url).sha256 == checksum)
            #expect(records.map(\.provenance.line) == kept.records.map(\.provenance.line))
            #expect(records.allSatisfy { $0.provenance.file == "quoted-multiline.csv" && $0.provenance.sha256.isEmpty })
        }
    }

    /// A kept import reads a file of up to ``CSVImporter/checksumFirstLimit`` bytes once: its checksum
    /// from the bytes it then reads. Around the limit (one byte under, at, over) and for a file that
    /// grows past it, records cite the file's checksum and every row is read, none twice.
    @Test(arguments: [-1, 0, 1, 200_000])
    func keptRecordsCiteTheChecksumOnEitherSideOfTheLimit(offset: Int) throws {
        let mapping = try Support.mapping("comune-scheda")
        let header = "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n"
        var text = header
        var line = 0
        let target = CSVImporter.checksumFirstLimit + offset
        while text.utf8.count < target - 80 {
            line += 1
            text += "095018;2019;S\(line);\(line),00\n"
        }
        // Padded to the byte by blanks after the last row's amount (an unquoted cell's blanks are not read).
        let last = "095018;2019;LAST;1,00"
        text += last + String(repeating: " ", count: target - text.utf8.count - last.utf8.count - 1) + "\n"
        #expect(text.utf8.count == target)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plus-limit-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let checksum = try Checksum.sha256(fileAt: url)
        let kept = try CSVImporter(mapping: mapping).importFile(at: url)
        #expect(kept.status == .accepted, "\(kept.diagnostics.prefix(3))")
        #expect(kept.sha256 == checksum)
        #expect(kept.rowsRead == line + 1 && kept.records.count == line + 1)
        #expect(kept.records.allSatisfy { $0.provenance.sha256 == checksum })
        #expect(kept.records.map(\.provenance.line) == Array(2...(line + 2)))
    }

    /// The whole file's checksum from bytes then read from the same source: each byte read once.
    @Test func aSourceHashedWholeStillHandsOutEveryByteOnce() throws {
        let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plus-whole-\(UUID().uuidString).bin")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for limit in [bytes.count - 1, bytes.count, bytes.count + 1] {
            let source = try FileByteSource(url: url, chunkSize: 4_096)
            let whole = try source.checksumIfWhole(atMost: limit)
            #expect(whole == (limit >= bytes.count ? Checksum.sha256(bytes) : nil), "limit \(limit)")
            var read: [UInt8] = []
            while let chunk = try source.nextChunk() { read += chunk }
            #expect(read == bytes, "limit \(limit)")
        }
    }

    @Test func theChecksumCoversTheWholeFileWhenReadingStopsEarly() throws {
        // An unterminated quote ends the read; the checksum is still that of every byte.
        let url = Support.fixture("unterminated-quote.csv")
        let result = try Self.checked(CSVImporter(mapping: try Support.mapping("comune-scheda")), url)
        #expect(result.status == .rejected)
        #expect(result.sha256 == (try Checksum.sha256(fileAt: url)))
    }

    @Test func aLargeSheetWithMistakesChecksAsItImports() throws {
        let url = try TemporaryFile.write(Support.sheetWithMistakes())
        let mapping = try Support.mapping("comune-scheda")
        let (expected, _) = try Self.streamed(Self.importers(mapping)[0], url)
        #expect(expected.rowsRejected > 5 && expected.rowsAccepted > 2_900)
        for importer in Self.importers(mapping) {
            #expect(try Self.checked(importer, url) == expected)
        }
    }

    /// What a streamed import hands over, in order: the years told (`year:`) and the records (`record`).
    static func told(_ importer: CSVImporter, _ url: URL) throws -> (events: [String], result: ImportResult) {
        var events: [String] = []
        let result = try importer.importFile(
            at: url, displayName: nil, onYear: { events.append("year:\($0)") }, onRecord: { _ in events.append("record") },
            onRejected: { _ in })
        return (events, result)
    }

    @Test("a plan table's year is told once, before its first record: the first row's, or the mapping's default")
    func theYearIsToldBeforeTheRecords() throws {
        let rows = (1...300).map { "2019;S\($0);Servizio \($0);1.000,00" }
        let url = try TemporaryFile.write(Array((["Anno;Codice servizio;Denominazione servizio;Costo totale"] + rows)
            .joined(separator: "\n").utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        var mapping = try Support.mapping("capofila-servizi")
        for importer in Self.importers(mapping) {
            let (events, result) = try Self.told(importer, url)
            #expect(events == ["year:2019"] + Array(repeating: "record", count: 300), "\(importer.parallelism ?? 0) threads, plan \(importer.usesBytePlan)")
            #expect(result.subject.year == 2019)
        }
        // A year the mapping gives is told before the first row is read, and stands for the rows.
        mapping.defaults["anno"] = "2019"
        let (events, result) = try Self.told(CSVImporter(mapping: mapping), url)
        #expect(events.first == "year:2019")
        #expect(events.filter { $0.hasPrefix("year") }.count == 1)
        #expect(result.subject.year == 2019)
    }
}
