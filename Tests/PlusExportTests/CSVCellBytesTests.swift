import Foundation
import PlusModel
import PlusTestSupport
import Testing
@testable import PlusExport

/// The CSV cells written as bytes (``CSVCellBytes``) against the specification they replace: each
/// cell through ``CSVDialect/text(of:)`` and libcsv's quoting (`PLUS_CSV_CELL_BYTES=off`).
@Suite struct CSVCellBytesTests {
    /// Text that a spreadsheet or a CSV reader gets wrong when a writer slips: formula triggers,
    /// quotes, both delimiters, line ends, edge spaces that are and are not whole characters.
    static let fragments = [
        "", "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", "\"", "\"\"", ";", ",", ".", "/", " ", "  ", "'",
        "\u{301}", "\u{600}", "\u{200D}", "sì", "Àles", "😀", "0", "095038", "20/9", "-12,50", "=HYPERLINK(\"x\")",
        "Cabras", "a b",
    ]

    static func hostileRows(seed: UInt64, count: Int) -> [[ExportCell]] {
        var random = SplitMix64(seed: seed)
        let edges: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, -100, 101, 999_999, Int64.max, Int64.min, Int64.min + 1]
        func number() -> Int64 {
            Bool.random(using: &random) ? edges.randomElement(using: &random)!
                : Int64(bitPattern: random.next()) >> Int64.random(in: 0...63, using: &random)
        }
        func text() -> String {
            (0..<Int.random(in: 0...4, using: &random)).map { _ in fragments.randomElement(using: &random)! }.joined()
        }
        return (0..<count).map { _ in
            (0..<8).map { _ -> ExportCell in
                switch Int.random(in: 0..<9, using: &random) {
                case 0, 1: .text(text())
                case 2: .integer(number())
                case 3: .money(Money(cents: number()))
                case 4: .basisPoints(number())
                case 5: .decimal(ExactDecimal(units: number(), scale: Int.random(in: 0...ExactDecimal.maximumScale, using: &random)))
                case 6: .date(CivilDate(
                    year: Int.random(in: 1...9999, using: &random), month: Int.random(in: 1...12, using: &random),
                    day: Int.random(in: 1...28, using: &random))!)
                case 7: .bool(Bool.random(using: &random))
                default: .null
                }
            }
        }
    }

    /// The two dialects of the exports, and odd ones whose delimiter or texts the numbers, dates
    /// and booleans could hold.
    static var dialects: [CSVDialect] {
        var odd: [CSVDialect] = [.machine, .italian]
        for delimiter in ".-/0 \t\"|".utf8 {
            var dialect = CSVDialect.italian
            dialect.delimiter = delimiter
            odd.append(dialect)
            dialect.quotesText = false
            dialect.decimalComma = false
            dialect.italianDates = false
            odd.append(dialect)
        }
        var texts = CSVDialect.machine
        texts.trueText = " vero"
        texts.falseText = "fal,so"
        texts.decimalComma = true
        odd.append(texts)
        return odd
    }

    func written(_ dataset: ExportDataset, _ dialect: CSVDialect, cellBytes: Bool) throws -> [UInt8] {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("ostile.csv")
        var writer = CSVWriter(dialect: dialect)
        writer.writesCellBytes = cellBytes
        let digest = try writer.write(dataset, to: url)
        let bytes = Array(try Data(contentsOf: url))
        #expect(digest.bytes == bytes.count)
        return bytes
    }

    @Test(arguments: [UInt64(14), 1_201, 20_261_201])
    func cellBytesAreTheSpecificationsOnSeededHostileDatasets(seed: UInt64) throws {
        let dataset = ExportDataset(
            name: "ostile", title: .init(it: "Ostile", en: "Hostile"),
            columns: (0..<8).map { ExportColumn("c\($0)", .string, description: .init(it: "", en: "")) },
            primaryKey: [], rows: Self.hostileRows(seed: seed, count: 1_500))
        for dialect in Self.dialects {
            let specified = try written(dataset, dialect, cellBytes: false)
            let bytes = try written(dataset, dialect, cellBytes: true)
            #expect(bytes == specified, "delimiter \(dialect.delimiter), seed \(seed)")
        }
    }

    /// A space at an edge needs quotes only as a whole character: under an accent, after a
    /// prepended mark or behind the formula guard's apostrophe it is part of another.
    @Test(arguments: [true, false])
    func edgeSpacesAreQuotedOnlyAsWholeCharacters(cellBytes: Bool) throws {
        var dialect = CSVDialect.machine
        dialect.quotesText = false
        let texts = [" a", "a ", " \u{301}a", "a\u{600} ", "- ", "-", "\u{600} ", " "]
        let dataset = ExportDataset(
            name: "spazi", title: .init(it: "Spazi", en: "Spaces"),
            columns: [ExportColumn("t", .string, description: .init(it: "", en: ""))],
            primaryKey: [], rows: texts.map { [.text($0)] })
        let text = String(decoding: try written(dataset, dialect, cellBytes: cellBytes), as: UTF8.self)
        #expect(text == "t\r\n\" a\"\r\n\"a \"\r\n \u{301}a\r\na\u{600} \r\n\"'- \"\r\n'-\r\n\u{600} \r\n\" \"\r\n")
    }

    @Test func dataPackageDescriptorStatesItsOwnDigest() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("prova.csv")
        let dataset = CSVWriterTests.sample
        let digest = try CSVWriter(dialect: .machine).write(dataset, to: csv)
        let url = directory.appendingPathComponent("datapackage.json")
        let written = try DataPackageWriter().write(
            [dataset], files: ["prova": csv], digests: ["prova": digest], created: "2026-12-01T10:00:00Z", to: url)
        #expect(written == (try FileDigest(fileAt: url)))
    }
}
