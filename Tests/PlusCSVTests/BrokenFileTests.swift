import Foundation
import Testing
import PropertyBased
import PlusModel
@_spi(Testing) @testable import PlusCSV

@Suite("Files that cannot be used are rejected whole, saying where")
struct BrokenFileTests {
    @Test(arguments: [
        ("unterminated-quote.csv", "CSV011", 2), ("malformed-quote.csv", "CSV012", 2), ("binary.csv", "CSV013", 1),
        ("odd-utf16.csv", "CSV015", 4),
    ])
    func structurallyBroken(file: String, code: String, line: Int) throws {
        let result = try Support.importing(file)
        #expect(result.status == .rejected)
        #expect(result.records.isEmpty)
        let fatal = try #require(result.diagnostics.first { $0.code == code })
        #expect(fatal.severity == .error)
        #expect(fatal.location.line == line)
        #expect(fatal.location.file == file)
    }

    @Test func wrongMappingNamesTheMissingColumnsAndTheHeadersFound() throws {
        let result = try Support.importing("wrong-mapping.csv")
        #expect(result.status == .rejected)
        let missing = result.diagnostics.filter { $0.code == "CSV020" }
        // "codice_servizio" does match "Codice servizio": only the ISTAT code column is missing.
        #expect(missing.count == 1)
        #expect(missing.first?.message.en.contains("No column for 'ente_istat'") == true)
        #expect(missing.allSatisfy { $0.found == "anno | ente | codice_servizio | descrizione | importo" })
        #expect(missing.first?.expected == "Codice ISTAT | COD_ISTAT | Codice Istat Comune | Cod. ISTAT Comune | ISTAT")
    }

    @Test func emptyFileAndHeaderOnly() throws {
        let empty = try Support.importing("empty.csv")
        #expect(empty.status == .rejected)
        #expect(empty.codes() == ["CSV010"])
        let headerOnly = try Support.importing("header-only.csv")
        #expect(headerOnly.status == .rejected)
        #expect(headerOnly.rowsRead == 0)
        #expect(headerOnly.codes(.error) == ["CSV030"])
    }

    @Test func oversizedFieldIsRefused() throws {
        let result = try Support.importing("utf8.csv") { $0.maxFieldBytes = 8 }
        #expect(result.status == .rejected)
        #expect(result.diagnostics.contains { $0.code == "CSV014" && $0.location.line == 1 })
    }

    /// A row of more fields than a spreadsheet has columns, or of more than 16 MB, refuses the file
    /// (CSV018) on every reading path: sequential (libcsv), parallel blocks read by the tokenizer
    /// and by libcsv. A 50 MB row of semicolons took 3 GB and 46 s; its fields are now counted,
    /// not kept. The rows before it are read, and a row at the limits is not refused for its size.
    @Test(arguments: [(1, true), (2, true), (2, false)])
    func aRowPastTheLimitsIsRefused(threads: Int, tokenizer: Bool) throws {
        let header = "Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note\n"
        let good = "095018;2019;SAD;Assistenza;1.000,00;\n"
        let atLimit = "095018;2019;SAD;Assistenza;1.000,00" + String(repeating: ";", count: RowBuffer.maxRowFields - 5) + "\n"
        let manyFields = "095018;2019;SAD;Assistenza;1.000,00" + String(repeating: ";", count: RowBuffer.maxRowFields - 4) + "\n"
        let chunk = String(repeating: "x", count: 1 << 20 - 1)
        let manyBytes = "095018;2019;SAD;Assistenza;1.000,00;" + Array(repeating: chunk, count: 17).joined(separator: ";") + "\n"
        func importing(_ text: String) throws -> ImportResult {
            var importer = CSVImporter(mapping: try Support.mapping("comune-scheda"))
            importer.parallelism = threads
            importer.blockSize = 4_096
            importer.usesTokenizer = tokenizer
            return try importer.importFile(at: try TemporaryFile.write(Array(text.utf8)))
        }
        let fine = try importing(header + good + atLimit + good)
        #expect(!fine.codes().contains("CSV018"), "\(fine.codes())")
        #expect(fine.rowsRead == 3)
        for (row, found) in [(manyFields, "16384"), (manyBytes, "16 MB")] {
            let result = try importing(header + good + good + row + good)
            #expect(result.status == .rejected)
            let refusal = try #require(result.diagnostics.first { $0.code == "CSV018" }, "\(result.codes())")
            #expect(refusal.location.line == 4)
            #expect(refusal.found?.contains(found) == true, "\(String(describing: refusal.found))")
            #expect(refusal.message.it.contains("La riga 4 è troppo grande"), "\(refusal.message.it)")
        }
    }

    /// Rejected rows are listed within 16 MiB of cells: past it they are counted, not listed, so
    /// that a file of huge rejected rows is not held, and reported, whole.
    @Test func rejectedRowsAreListedWithinABudget() throws {
        let header = "Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note\n"
        let note = String(repeating: "n", count: 1_000_000)
        let bad = (0..<20).map { "095018;2019;S\($0);Servizio;non un importo;\(note)\n" }.joined()
        let good = (0..<5).map { "095018;2019;G\($0);Servizio;1.000,00;\n" }.joined()
        let result = try CSVImporter(mapping: try Support.mapping("comune-scheda"))
            .importFile(at: try TemporaryFile.write(Array((header + good + bad).utf8)))
        #expect(result.rowsRejected == 20 && result.rowsAccepted == 5, "\(result.rowsRejected) \(result.rowsAccepted)")
        let listed = (ImportSession.listedBytesLimit) / 1_000_040
        #expect(result.rejectedRows.count == listed, "\(result.rejectedRows.count)")
        #expect(result.rejectedRowsNotListed == 20 - listed)
        #expect(result.rejectedRows.map(\.line) == Array(7..<(7 + listed)))
    }

    @Test func anyBytesEndInAResultNotACrash() throws {
        var generator = Xoshiro(case: 42, of: "any bytes")
        for round in 0..<200 {
            let length = Int(generator.next() % 600)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0 { bytes = Array("Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n".utf8) + bytes.map { $0 == 0 ? 0x22 : $0 } }
            let result = try CSVImporter(mapping: try Support.comuneMapping()).importFile(at: try TemporaryFile.write(bytes))
            #expect(result.status == .rejected || result.rowsRead == result.rowsAccepted + result.rowsRejected)
        }
    }

    @Test func readerMemoryStaysFlatAsTheFileGrows() throws {
        func peak(rows: Int) throws -> Int {
            var text = "a;b;c;d\n"
            for index in 0..<rows { text += "\(index);\"testo; con separatore\";1.234,56;nota\n" }
            var source = MemoryByteSource(Array(text.utf8))
            var count = 0
            let peak = try CSVByteReader(delimiter: UInt8(ascii: ";")).read(from: &source) { _ in count += 1 }
            #expect(count == rows + 1)
            return peak
        }
        let small = try peak(rows: 2_000)
        let large = try peak(rows: 200_000)
        #expect(large < 256 * 1024)
        #expect(large <= small * 2)
    }
}

enum TemporaryFile {
    static func write(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plus-test-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }
}
