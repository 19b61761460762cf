import Foundation
import PlusModel
import Testing
@testable import PlusExport

@Suite struct JSONWriterTests {
    let datasets = try! DatasetBuilder(recomputer: Fixtures.recomputer).datasets(from: [Fixtures.oristano()])

    @Test func oneDocumentHoldsEveryDatasetWithExactMoneyStrings() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("x.json")
        try JSONWriter().write(datasets, to: url)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let all = try #require(document["datasets"] as? [String: [[String: Any]]])
        #expect(Set(all.keys) == Set(DatasetCatalog.all.map(\.name)))
        let servizi = try #require(all["servizi"])
        let udp = try #require(servizi.first { $0["servizio"] as? String == "UDP" })
        #expect(udp["denominazione"] as? String == Fixtures.hostileName)
        #expect(udp["costo_totale"] as? String == "76000.00")
        #expect(udp["anno"] as? Int == 2019)
        #expect(udp["area"] is NSNull)
        let comparison = try #require(all["dichiarato_vs_pianificato"])
        #expect(comparison.contains { $0["differenza"] as? String == "-12.50" })
    }

    @Test func jsonLinesHasOneParsableObjectPerRow() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("x.jsonl")
        try JSONLinesWriter().write(datasets, to: url)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == datasets.reduce(0) { $0 + $1.rows.count })
        var notes: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["dataset"] is String)
            let row = try #require(object["riga"] as? [String: Any])
            if let name = row["denominazione"] as? String { notes.append(name) }
        }
        #expect(notes.contains("-Abbasanta\u{1}"))
    }

    @Test func stringsEscapeQuotesControlsAndLineSeparators() {
        #expect(JSONText.string("a\"b\\c\nd\u{1}\u{2028}") == #""a\"b\\c\nd\u0001\u2028""#)
    }
}
