import Foundation
import PlusModel
import PlusTestSupport
import Testing
@testable import PlusExport

/// ``XMLFileWriter`` writes the bytes libxml2's `xmlTextWriter` wrote, whatever the values.
@Suite struct XMLFileWriterTests {
    /// Values that escaping, sanitising and indentation could get wrong.
    static let hostileValues: [String] = [
        "", " ", "\"", "'", "&", "&amp;", "<", ">", "]]>", "<![CDATA[x]]>", "a\rb", "a\nb", "a\r\nb", "\t",
        "\u{0}", "\u{1}x\u{8}", "\u{B}\u{C}", "\u{1F}", "\u{7F}", "\u{80}\u{9F}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
        "\u{EF}\u{BF}", "è à ù", "Sant’Antioco", "𝄞 😀", "e\u{301}", "\u{D7FF}\u{E000}", "\u{10FFFF}",
        Fixtures.hostileName, Fixtures.trickyNote, "=SUM(A1)", "-1", "0.00", "100000.00",
        String(repeating: "lungo & \"testo\" <ripetuto> ", count: 3_000),
    ]

    static func randomText(using generator: inout SplitMix64) -> String {
        let parts = Int.random(in: 1...4, using: &generator)
        return (0..<parts).map { _ in
            Bool.random(using: &generator)
                ? hostileValues.randomElement(using: &generator)!
                : String((0..<Int.random(in: 0...12, using: &generator)).map { _ in
                    Character(Unicode.Scalar(UInt8.random(in: 0...0x7F, using: &generator)))
                })
        }.joined()
    }

    static func randomCell(using generator: inout SplitMix64) -> ExportCell {
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: .null
        case 1: .integer(Int64.random(in: -1_000_000...1_000_000, using: &generator))
        case 2: .money(Money(cents: Int64.random(in: -10_000_000...10_000_000, using: &generator)))
        case 3: .bool(Bool.random(using: &generator))
        // Amounts and percentages at the edges of their cents (written from their bytes).
        case 4: .money(Money(cents: [Int64.min, Int64.max, 0, -1, -99, 100].randomElement(using: &generator)!))
        case 5: .basisPoints(Int64.random(in: Int64.min...Int64.max, using: &generator) >> Int.random(in: 0...63, using: &generator))
        default: .text(randomText(using: &generator))
        }
    }

    /// Every catalog dataset, with `ambitoYears` Ambiti and random rows of each inside them
    /// (sorted by Ambito-year, as ``RegionalXMLWriter`` reads them), and random metadata.
    static func randomExport(seed: UInt64, ambitoYears: Int) -> ([ExportDataset], ExportMetadata) {
        var generator = SplitMix64(seed: seed)
        let keys = (0..<ambitoYears).map { index in
            [ExportCell.integer(2019 + Int64(index / 3)), .text(String(format: "A%02d", index % 3) + randomText(using: &generator))]
        }.sorted { ExportCell.ordering($0, $1, at: [0, 1]) < 0 }
        let datasets = DatasetCatalog.all.map { definition in
            var dataset = definition
            dataset.rows = keys.flatMap { key in
                let count = definition.name == DatasetCatalog.ambiti.name ? 1 : Int.random(in: 0...3, using: &generator)
                return (0..<count).map { _ in
                    key + definition.columns.dropFirst(2).map { _ in randomCell(using: &generator) }
                }
            }
            return dataset
        }
        let ruleSet = ExportMetadata.RuleSet(
            name: randomText(using: &generator), version: randomText(using: &generator),
            populationVintage: Bool.random(using: &generator) ? randomText(using: &generator) : nil)
        let metadata = ExportMetadata(
            generatedAt: Date(timeIntervalSince1970: 1_795_000_000),
            submissions: (0..<Int.random(in: 0...3, using: &generator)).map { index in
                .init(id: String(index), file: randomText(using: &generator), sha256: randomText(using: &generator))
            },
            ruleSet: Bool.random(using: &generator) ? ruleSet : nil,
            validations: keys.filter { _ in Bool.random(using: &generator) }.map { key in
                guard case .integer(let year) = key[0], case .text(let ambito) = key[1] else { fatalError() }
                return .init(year: Int(year), ambito: ambito, errors: Int.random(in: 0...2, using: &generator),
                             warnings: Int.random(in: 0...2, using: &generator), ruleSet: ruleSet)
            })
        return (datasets, metadata)
    }

    /// The bytes of both writers, and the digest ``XMLFileWriter`` computed while writing.
    static func writeBoth(_ datasets: [any ExportTable], metadata: ExportMetadata) throws -> (ours: Data, libxml2: Data, digest: FileDigest?) {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ours = directory.appendingPathComponent("nostro.xml")
        let reference = directory.appendingPathComponent("libxml2.xml")
        let digest = try RegionalXMLWriter().write(datasets, metadata: metadata, to: ours)
        _ = try RegionalXMLWriter().write(datasets, metadata: metadata, with: { try LibXML2TextWriter(url: $0) }, to: reference)
        return (try Data(contentsOf: ours), try Data(contentsOf: reference), digest)
    }

    @Test(arguments: 0..<40)
    func randomHostileExportsAreWrittenAsLibXML2WritesThem(seed: UInt64) throws {
        let (datasets, metadata) = Self.randomExport(seed: 1_400 + seed, ambitoYears: Int(seed % 7))
        let written = try Self.writeBoth(datasets, metadata: metadata)
        #expect(written.ours == written.libxml2, "seed \(1_400 + seed)")
        let digest = try #require(written.digest)
        #expect(digest.bytes == written.ours.count)
        #expect(digest.sha256 == Checksum.sha256(written.ours))
    }

    @Test func everyHostileValueAloneIsWrittenAsLibXML2WritesIt() throws {
        for value in Self.hostileValues {
            var ambiti = DatasetCatalog.ambiti
            ambiti.rows = [[.integer(2019), .text(value)] + ambiti.columns.dropFirst(2).map { _ in ExportCell.text(value) }]
            var servizi = DatasetCatalog.servizi
            servizi.rows = [[.integer(2019), .text(value)] + servizi.columns.dropFirst(2).map { _ in ExportCell.text(value) }]
            let metadata = ExportMetadata(
                generatedAt: Date(timeIntervalSince1970: 0), submissions: [.init(id: value, file: value, sha256: value)],
                ruleSet: .init(name: value, version: value, populationVintage: value))
            let written = try Self.writeBoth([ambiti, servizi], metadata: metadata)
            #expect(written.ours == written.libxml2, "\(value.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func aFixtureExportIsWrittenAsLibXML2WritesIt() throws {
        let datasets = try DatasetBuilder(recomputer: Fixtures.recomputer).datasets(from: [Fixtures.oristano(), Fixtures.cagliari()])
        let written = try Self.writeBoth(datasets, metadata: Fixtures.metadata)
        #expect(written.ours == written.libxml2)
        #expect(!written.ours.isEmpty)
    }
}
