import Foundation
import Testing
import PropertyBased
import PlusModel
@_spi(Testing) @testable import PlusCSV

/// The tokenizer of `CByteScan` against libcsv, the reference: the same fields, rows, lines and
/// failures on every block, so that a parallel read is the same whichever reads its blocks.
@Suite("The tokenizer reads every block exactly as libcsv does")
struct TokenizerTests {
    /// What a block read gives: every row's fields and start line and the line after the block,
    /// or `nil` where the reader fails (libcsv) or declines (the tokenizer).
    struct BlockReading: Equatable, CustomStringConvertible {
        var rows: [[[UInt8]]] = []
        var lines: [Int] = []
        var endLine = 0

        var description: String {
            zip(lines, rows).map { line, fields in
                "\(line): " + fields.map { "[\(String(decoding: $0, as: UTF8.self).debugDescription)]" }.joined(separator: " ")
            }.joined(separator: "\n") + "\nend \(endLine)"
        }

        init(_ buffer: RowBuffer) {
            buffer.forEachRow { _, row in
                lines.append(row.line)
                rows.append((0..<row.count).map { Array(row.field($0)) })
            }
            endLine = buffer.line
        }
    }

    static func libcsv(_ bytes: [UInt8], delimiter: UInt8, line: Int = 1, maxFieldBytes: Int = 64) -> BlockReading? {
        guard let parser = try? LibCSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes, line: line) else { return nil }
        do {
            try bytes.withUnsafeBytes { try parser.parse($0) }
            try parser.finish()
        } catch {
            return nil
        }
        return BlockReading(parser.buffer.pointee)
    }

    static func tokenizer(_ bytes: [UInt8], delimiter: UInt8, line: Int = 1, maxFieldBytes: Int = 64) -> BlockReading? {
        // A small buffer, so that the tokenizer must ask for more room and start again.
        var buffer = RowBuffer(maxFieldBytes: maxFieldBytes, line: line, reservingBytes: 0)
        guard buffer.tokenize(bytes, delimiter: delimiter) else { return nil }
        return BlockReading(buffer)
    }

    static func expectSame(_ text: [UInt8], delimiter: UInt8 = UInt8(ascii: ";"), line: Int = 1, _ comment: String = "",
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = libcsv(text, delimiter: delimiter, line: line)
        let got = tokenizer(text, delimiter: delimiter, line: line)
        #expect(got == expected, "\(String(decoding: text, as: UTF8.self).debugDescription) \(comment)",
                sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        // Quotes, doubled quotes, quoted delimiters and line breaks.
        "a;\"b\";c\n", "\"\"\n", "\"\";\"\"\n", "\"a\"\"b\";\"\"\"\"\n", "\"a;b\";\"c\nd\"\n", "\"x\r\ny\";\"\r\"\n",
        "\"a\"\"\"\n", "\"\"\"a\"\n", "\"a\r\"\n", "\"\n\";\"\r\n\r\"\r\n",
        // Line ends: CR, LF, CRLF, lone CR, empty rows, and CR then spaces then LF.
        "a\rb\nc\r\nd", "\n\n\r\r\r\n\r\n", "a\r\n\r\nb\r\n", "\r\n", "\r", "\n", "a\r\r\nb", "a\r  \nb\n", "a\r \r\n",
        "a\r\t\nb\n", "a;b\r \t \t\n", "\"a\"\r  \nb\n", "\r  \n\r\t\r\n", "a\r\n\r \n", "\"a\r  \nb\"\r\t\n",
        // Empty fields, trailing delimiter, no final line end, spaces and tabs around fields.
        ";;\n", ";", "a;", "a;b;", "a;b", "  a  ;\tb\t;  \n", "   \n", "  ", " \t ; \t", "a b ; c  d\n",
        "  \"a\"  ;  \"b\"\t\n", "\"a\" \n", "\"a\"  ", "x;  \"q\";y\n", "a; ;\n",
        // Strict errors: a quote in an unquoted field, text or a quote after a closing quote, an unclosed quote.
        "ab\"c;d\n", "a\";b\n", "\"a\"b;c\n", "\"a\" \"b\n", "\"a\" x\n", "\"abc\n", "a;\"b", "\"", "a;b\n\"c\n",
        "\"a\"\"\" \"\n",
        // NUL and high bytes, a byte-order mark.
        "a;b\u{0}c\n", "\u{0}", "caf\u{E9};\u{00FF}\n", "\u{FEFF}a;b\n", "\"\u{0}\"\n",
        // Empty input, and a field over the limit (64 bytes here) quoted or not.
        "", String(repeating: "x", count: 65) + "\n", "\"" + String(repeating: "y", count: 65) + "\"\n",
        String(repeating: "z", count: 64) + ";\"" + String(repeating: "\"\"", count: 32) + "\"\n",
    ])
    func edgeCasesReadAsLibcsvReadsThem(text: String) {
        Self.expectSame(Array(text.utf8))
        Self.expectSame(Array(text.utf8), line: 41, "from line 41")
    }

    /// High bytes as they come in Windows-1252 or Latin-1 files, and raw bytes that are no UTF-8.
    @Test func rawHighBytesReadAsLibcsvReadsThem() {
        Self.expectSame([0xE8, 0x3B, 0x22, 0xFF, 0x0A, 0x22, 0x3B, 0x80, 0x0D, 0x0A])
        Self.expectSame([0xEF, 0xBB, 0xBF, 0x61, 0x3B, 0x62, 0x0D])
        Self.expectSame([0x61, 0x3B, 0x00, 0x0A])
    }

    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: " "), UInt8(ascii: "|")])
    func otherDelimitersReadAsLibcsvReadsThem(delimiter: UInt8) {
        for text in ["a,b\tc d|e\n", " a , b \t\n", "\t\"x\"\t,\"y\" \n", "\"a\"\t \n", "  \n\t\n", "a\t\t\n", "\"q\"  |  \n", "a\r\t\nb\r \n"] {
            Self.expectSame(Array(text.utf8), delimiter: delimiter, "delimiter \(delimiter)")
        }
    }

    /// Random bytes from a small alphabet of what matters to CSV: most are malformed somewhere.
    @Test(arguments: [UInt8(ascii: ";"), UInt8(ascii: "\t")])
    func seededRandomBytesReadAsLibcsvReadsThem(delimiter: UInt8) {
        let alphabet: [UInt8] = [delimiter, delimiter, 0x22, 0x22, 0x0D, 0x0A, 0x61, 0x62, 0x20, 0x09, 0xC3, 0x00]
        var generator = Xoshiro(case: Int(delimiter), of: "tokenizer random bytes")
        var agreedOnRows = 0
        for round in 0..<6_000 {
            let length = Int(generator.next() % 48)
            // Fewer NULs, and every fourth text without quotes, so that many texts read whole.
            let text: [UInt8] = (0..<length).map { _ in
                let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                return byte == 0 && generator.next() % 4 != 0 || byte == 0x22 && round % 4 == 0 ? 0x61 : byte
            }
            let expected = Self.libcsv(text, delimiter: delimiter)
            #expect(Self.tokenizer(text, delimiter: delimiter) == expected, "round \(round): \(text)")
            if expected != nil { agreedOnRows += 1 }
        }
        // Both outcomes are exercised: texts read whole and texts libcsv refuses.
        #expect(agreedOnRows > 1_000 && agreedOnRows < 5_000)
    }

    /// Well-formed CSV with every kind of field, in many rows: the tokenizer's own path throughout.
    @Test func seededWellFormedFilesReadAsLibcsvReadsThem() {
        var generator = Xoshiro(case: 12, of: "tokenizer well-formed files")
        for round in 0..<200 {
            let text = ParallelReadingTests.randomCSV(&generator, rows: 20 + round % 40, breakQuoting: round % 5 == 4)
            Self.expectSame(text, line: 1 + round, "round \(round)")
        }
    }

    /// Through the whole parallel reader: blocks of any size, so that fields and CRLF span block
    /// ends, read the same by the tokenizer and by libcsv, and as a sequential read.
    @Test func theParallelReaderReadsTheSameWithTheTokenizerOrLibcsv() {
        var generator = Xoshiro(case: 5, of: "tokenizer in blocks")
        for round in 0..<60 {
            let bytes = ParallelReadingTests.randomCSV(&generator, rows: 30 + round % 30, breakQuoting: round % 4 == 3)
            let sequential = ParallelReadingTests.read(bytes, parallelism: 1, blockSize: 0)
            for blockSize in [1, 16, 64, 333, 1 << 16] {
                let tokenized = ParallelReadingTests.read(bytes, parallelism: 2, blockSize: blockSize, usesTokenizer: true)
                let parsed = ParallelReadingTests.read(bytes, parallelism: 2, blockSize: blockSize, usesTokenizer: false)
                #expect(tokenized == parsed, "round \(round), block size \(blockSize)")
                #expect(tokenized == sequential, "round \(round), block size \(blockSize)")
            }
        }
    }

    /// A block without a doubled quote is read where it lies; one with a doubled quote is copied
    /// once and unescaped in the copy, never in the block, which libcsv may still have to read.
    @Test func fieldsAreReadInPlaceUnlessAQuoteMustBeUnescaped() {
        func fieldsLieInTheBlock(_ text: String) -> (inBlock: Bool, blockUnchanged: Bool) {
            let block = Array(text.utf8)
            var buffer = RowBuffer(maxFieldBytes: 64, reservingBytes: 0)
            let tokenized = buffer.tokenize(block, delimiter: UInt8(ascii: ";"))
            #expect(tokenized)
            var inBlock = true
            block.withUnsafeBufferPointer { blockBytes in
                let range = UnsafeRawPointer(blockBytes.baseAddress!)..<UnsafeRawPointer(blockBytes.baseAddress! + blockBytes.count)
                buffer.forEachRow { _, row in
                    for index in 0..<row.count where !row.isEmpty(index) {
                        if !range.contains(UnsafeRawPointer(row.field(index).baseAddress!)) { inBlock = false }
                    }
                }
            }
            return (inBlock, block == Array(text.utf8))
        }
        #expect(fieldsLieInTheBlock("a;\"b;c\";d\n1;2;3\n") == (true, true))
        #expect(fieldsLieInTheBlock("a;\"b\"\"c\";d\n1;2;3\n") == (false, true))
    }

    @Test func theSwitchTurnsTheTokenizerOff() {
        #expect(ReaderOverride(environment: [:]).usesTokenizer)
        #expect(ReaderOverride(environment: ["PLUS_TOKENIZER": "other"]).usesTokenizer)
        #expect(!ReaderOverride(environment: ["PLUS_TOKENIZER": "libcsv"]).usesTokenizer)
    }
}
