import Foundation
import Testing
import PlusModel
@_spi(Testing) @testable import PlusCSV

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

    /// Found by Tests/Fuzz/fuzz.py (seed 12): libcsv and the tokenizer skip the spaces or tabs of
    /// "CR, blanks, LF" at a row's start, so the LF was taken for the second half of a CRLF and its
    /// blank line was neither a row nor counted; a parallel block cut after the CR counted it.
    /// As editors count lines, the CR ends one line and the LF another: a blank row on its own line.
    @Test("CR, then spaces or tabs, then LF end two lines, however and by whatever the file is read", arguments: [
        ("a\r  \nb\n", [["a"], [], ["b"]], [1, 2, 3]),
        ("a\r\t\nb\n", [["a"], [], ["b"]], [1, 2, 3]),
        ("a;x\r \t  \t\nb\r\n", [["a", "x"], [], ["b"]], [1, 2, 3]),
        ("\"a\"\r  \nb\n", [["a"], [], ["b"]], [1, 2, 3]),
        ("a\r\n\r  \n\r\t\r\nb\r\n", [["a"], [], [], [], [], ["b"]], [1, 2, 3, 4, 5, 6]),
        ("a\r  \n", [["a"], []], [1, 2]),
        ("\"q\r  \nq\";\"\r\t\n\"\r  \nb\n", [["q\r  \nq", "\r\t\n"], [], ["b"]], [1, 6, 7]),
    ])
    func carriageReturnBlanksLineFeed(text: String, rows: [[String]], lines: [Int]) {
        let bytes = Array(text.utf8)
        let expected = ParallelReadingTests.Reading(rows: rows, lines: lines)
        for chunkSize in [1, 2, 3, 1 << 16] {
            #expect(Self.read(bytes, parallelism: 1, blockSize: 64, chunkSize: chunkSize) == expected, "sequential, chunk \(chunkSize)")
        }
        for blockSize in [1, 2, 3, 5, 64] {
            for usesTokenizer in [true, false] {
                let reading = ParallelReadingTests.read(bytes, parallelism: 2, blockSize: blockSize, usesTokenizer: usesTokenizer)
                #expect(reading == expected, "parallel, block \(blockSize), tokenizer \(usesTokenizer)")
            }
        }
        // One block read whole by each: the same rows and lines, and the line after the block.
        for reading in [TokenizerTests.libcsv(bytes, delimiter: UInt8(ascii: ";")), TokenizerTests.tokenizer(bytes, delimiter: UInt8(ascii: ";"))] {
            #expect(reading?.rows.map { $0.map { String(decoding: $0, as: UTF8.self) } } == rows)
            #expect(reading?.lines == lines)
            #expect(reading?.endLine == lines.last.map { $0 + 1 })
        }
    }

    /// The diagnostic of a row after "CR, blanks, LF" names the same line read sequentially or in parallel.
    @Test("A diagnostic after CR, blanks, LF names its true line in every reader")
    func diagnosticLineAfterCarriageReturnBlanksLineFeed() throws {
        let text = "Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note\r"
            + "095018;2019;SAD;Servizio;1,00;\r \t\n"
            + "095018;2019;SAD;Servizio;12,3,4;\r\n"
        let url = try TemporaryFile.write(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        for (threads, block, usesTokenizer) in [(1, 1 << 19, true), (2, 7, true), (2, 7, false), (2, 64, true)] {
            var importer = CSVImporter(mapping: try Support.comuneMapping())
            importer.parallelism = threads
            importer.blockSize = block
            importer.usesTokenizer = usesTokenizer
            let result = try importer.importFile(at: url)
            let lines = result.diagnostics.filter { $0.severity == .error }.map(\.location.line)
            #expect(lines == [4], "threads \(threads), block \(block), tokenizer \(usesTokenizer)")
            #expect(result.details["blank_rows"] == "1")
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
