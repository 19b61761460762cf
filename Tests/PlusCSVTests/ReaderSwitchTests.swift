import Foundation
import Testing
import PlusModel
@testable import PlusCSV

@Suite("The reader switch, and rows longer than a parallel block")
struct ReaderSwitchTests {
    @Test("PLUS_READER forces the sequential or the parallel reader; PLUS_READER_BLOCK sets the block")
    func environment() {
        #expect(ReaderOverride(environment: ["PLUS_READER": "sequential"]).parallelism == 1)
        #expect((ReaderOverride(environment: ["PLUS_READER": "parallel"]).parallelism ?? 0) >= 2)
        #expect(ReaderOverride(environment: [:]).parallelism == nil)
        #expect(ReaderOverride(environment: ["PLUS_READER": "fast"]).parallelism == nil)
        #expect(ReaderOverride(environment: ["PLUS_READER_BLOCK": "64"]).blockSize == 64)
        #expect(ReaderOverride(environment: ["PLUS_READER_BLOCK": "0"]).blockSize == nil)
        #expect(ReaderOverride(environment: ["PLUS_READER_BLOCK": "-5"]).blockSize == nil)
        #expect(ReaderOverride(environment: ["PLUS_READER_BLOCK": "lots"]).blockSize == nil)
    }

    /// Found by Tests/Fuzz/fuzz.py: a 1 MiB cell read in 64-byte blocks re-copied and re-searched
    /// the whole pending row for every 64 bytes read (billions of byte steps: the import ran out of
    /// its 30 s, and this test did not end in 6 minutes). The row is now carried in doubling steps
    /// and only new bytes are searched, so it reads in about a second.
    @Test("A cell far longer than the block reads in parallel exactly as sequentially")
    func longCell() {
        let cell = String(repeating: "9", count: 900_000)
        for quoted in [false, true] {
            let value = quoted ? "\"\(cell)\r\n\(cell.prefix(1000))\"" : cell
            let bytes = Array("a;b\r\n1;\(value)\r\n2;x\r\n3;\"y\"\r\n".utf8)
            let sequential = Self.read(bytes, parallelism: 1, blockSize: 64)
            #expect(sequential.rows.count == 4)
            #expect(sequential.error == nil)
            #expect(Self.read(bytes, parallelism: 2, blockSize: 64) == sequential)
            #expect(Self.read(bytes, parallelism: 3, blockSize: 1) == sequential)
        }
    }

    /// Found by Tests/Fuzz/fuzz.py as a "difference between the readers": the cells of a row were
    /// decoded in a dictionary's order, which changes with each process's hash seed, so two runs
    /// on one file listed its diagnostics in different orders.
    @Test("A row's cell diagnostics follow the sheet's column order, in every process")
    func cellDiagnosticsInColumnOrder() throws {
        var bytes = Array("Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note\r\n".utf8)
        for _ in 0..<2_000 { bytes += Array("095018;2019;SAD;Servizio è domiciliare;1,00;\r\n".utf8) }
        // Latin-1 "é" (0xE9) in every cell of one row of an otherwise UTF-8 sheet.
        for (index, cell) in ["09501", "2019", "SAD", "Servizio", "1,00", "nota"].enumerated() {
            bytes += Array(cell.utf8) + [0xE9] + (index < 5 ? [UInt8(ascii: ";")] : [0x0D, 0x0A])
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plus-column-order-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CSVImporter(mapping: try Support.comuneMapping()).importFile(at: url)
        let columns = result.diagnostics.filter { $0.code == "CSV210" }.map(\.location.column)
        #expect(columns == ["Codice ISTAT", "Anno", "Cod. servizio", "Descrizione intervento", "Quota comunale (€)", "Note"])
    }

    /// Found by the libFuzzer target: NUL bytes right after a lone CR were put on the CR's line
    /// when both sat in one chunk, and on the next line when a chunk or a parallel block was cut
    /// between them.
    @Test("NUL bytes after a lone CR are on the next line, however the file is cut")
    func nulAfterCarriageReturn() {
        let bytes = Array("Anno;Ambito\r".utf8) + [0, 0, 0, 0] + Array("9;OR\r\n".utf8)
        let expected = "\(CSVReadError.binaryContent(line: 2))"
        for chunkSize in [1 << 16, 12, 13, 5] {
            #expect(Self.read(bytes, parallelism: 1, blockSize: 64, chunkSize: chunkSize).error == expected, "chunk \(chunkSize)")
        }
        for blockSize in [1, 5, 12, 13, 64] {
            #expect(Self.read(bytes, parallelism: 2, blockSize: blockSize).error == expected, "block \(blockSize)")
        }
    }

    static func read(_ bytes: [UInt8], parallelism: Int, blockSize: Int, chunkSize: Int = 1 << 16) -> ParallelReadingTests.Reading {
        var reader = CSVByteReader(delimiter: UInt8(ascii: ";"))
        reader.parallelism = parallelism
        reader.blockSize = blockSize
        var source = MemoryByteSource(bytes, chunkSize: chunkSize)
        var reading = ParallelReadingTests.Reading()
        do {
            try reader.read(from: &source) { row in
                reading.lines.append(row.line)
                reading.rows.append((0..<row.count).map { String(decoding: row.field($0), as: UTF8.self) })
            }
        } catch {
            reading.error = "\(error)"
        }
        return reading
    }
}
