import Foundation
import Testing
import PlusModel
@testable import PlusReport

@Suite("plus status --region: the regional roll-up, and status lines that tell the truth", .serialized)
struct RegionalStatusTests {
    @Test func oneLinePerAmbitoTheRegionsTotalsAndTheDeliberationOnce() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        try bench.run()
        let csv = bench.root.appendingPathComponent("regione.csv")
        let json = try PlusBinary.run(["status", "--region", "--year", "2019", "--store", bench.storePath, "--format", "json", "--csv", csv.path])
        #expect(json.status == 0, "\(json.output)")
        let rollup = try RegionalRollup.decode(Data(json.output.utf8))
        #expect(rollup.lines.count == 25)
        let oristano = try #require(rollup.lines.first { $0.ambito == "OR" })
        #expect(oristano.entiSubmitted == oristano.entiExpected - 2)
        #expect(oristano.missing == ["Allai", "Zeddiani"])
        #expect(!oristano.validates)
        #expect(oristano.errors > 0)
        #expect(oristano.submitted.contains { $0.file == "comune-cabras-scheda-2019-errata.csv" && $0.receivedAt != nil })
        #expect(rollup.lines.filter { $0.ambito != "OR" }.allSatisfy { $0.entiSubmitted == 0 && $0.errors == 0 })
        // The deliberation's four errors are counted once for the region, not once per Ambito.
        let deliberationErrors = rollup.deliberationFindings.count { $0.severity == .error }
        #expect(deliberationErrors == 4)
        #expect(rollup.totals.errors == deliberationErrors + rollup.lines.reduce(0) { $0 + $1.errors })
        #expect(rollup.totals.totalCost == oristano.totalCost)

        let text = try PlusBinary.run(["status", "--region", "--year", "2019", "--store", bench.storePath])
        #expect(text.status == 0)
        #expect(text.output.components(separatedBy: "R202").count == 2)
        #expect(text.output.contains("OR Oristano"))
        #expect(text.output.contains("mancano: Allai, Zeddiani"))

        let rows = try String(contentsOf: csv, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 26)
        #expect(rows.contains { $0.hasPrefix("\"OR\";\"Oristano\";\(oristano.entiExpected);\(oristano.entiSubmitted);") && $0.hasSuffix(";\"Allai, Zeddiani\"") })
    }

    @Test func anAmbitoWithNoSheetIsNotInRegolaAndNamesAreWhole() throws {
        let bench = try ReportBench()
        try bench.dropOristano()
        try bench.run()
        let status = try PlusBinary.run(["status", "--year", "2019", "--ambito", "CAG", "--store", bench.storePath])
        #expect(status.status == 0)
        #expect(status.output.contains("0/7 enti hanno inviato; nessuna scheda ricevuta"))
        #expect(!status.output.contains("in regola"))
        #expect(status.output.contains("Città metropolitana di Cagliari "))
        let region = try PlusBinary.run(["status", "--region", "--year", "2019", "--store", bench.storePath])
        let cagliari = try #require(region.output.split(separator: "\n").first { $0.hasPrefix("CAG ") })
        #expect(cagliari.contains("nessun invio"))
        #expect(!cagliari.contains("in regola"))
        let oristano = try #require(region.output.split(separator: "\n").first { $0.hasPrefix("OR ") })
        #expect(oristano.contains("26/26"))
        #expect(oristano.contains("in regola"))
    }

    @Test func regionWantsAYearAndNoAmbito() throws {
        let bench = try ReportBench()
        #expect(try PlusBinary.run(["status", "--region", "--store", bench.storePath]).status == 64)
        #expect(try PlusBinary.run(["status", "--region", "--year", "2019", "--ambito", "OR", "--store", bench.storePath]).status == 64)
        #expect(try PlusBinary.run(["status", "--csv", "x.csv", "--store", bench.storePath]).status == 64)
    }
}
