import Foundation
import PlusModel
import Testing
@testable import PlusValidation

@Suite struct ReportTests {
    typealias F = Fixtures

    static var broken: AmbitoYear {
        var year = F.year.changing(declaration: "SAD", of: F.b) { $0.amount = F.euros("9900.00") }
        year.submitters.removeAll { $0 == F.provincia }
        year.declarations.removeAll { $0.ente == F.provincia }
        return year
    }

    @Test func textGroupsByServiceThenEnteWithNumbersAndSources() {
        let text = F.validate(Self.broken).renderText(language: .it)
        #expect(text.contains("Validazione Ambito OR (Oristano), anno 2019 — regole sardegna-plus v1"))
        #expect(text.contains("udp_cap = 1924184.00 (set di regole)"))
        #expect(text.contains("Servizio SAD\n  comune:095002 — Bauladu\n    errore R104:"))
        #expect(text.contains("atteso 10.000,00 · trovato 9.900,00 · differenza -100,00"))
        #expect(text.contains("- Dichiarato da comune:095002 per SAD: 9.900,00 (095002.csv:2)"))
        #expect(text.contains("avviso R302"))
        #expect(text.hasSuffix("Riepilogo: 1 errore, 1 avviso, 0 info\n"))
    }

    @Test func englishTextUsesEnglishWords() {
        let text = F.validate(Self.broken).renderText(language: .en)
        #expect(text.contains("expected 10,000.00 · found 9,900.00 · difference -100.00"))
        #expect(text.contains("Summary: 1 error, 1 warning, 0 info"))
    }

    @Test func countsAndExitStatus() {
        let report = F.validate(Self.broken)
        #expect(report.counts == SeverityCounts(report.findings))
        #expect(report.counts.errors == 1)
        #expect(report.counts.warnings == 1)
        #expect(report.hasErrors)
    }

    @Test func jsonCarriesTheSameDataAndIsStable() throws {
        let report = F.validate(Self.broken)
        let data = try report.jsonData()
        #expect(try report.jsonData() == data)
        let decoded = try JSONDecoder().decode(ValidationReport.self, from: data)
        #expect(decoded == report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"difference\" : -10000"))
        #expect(text.contains("\"ruleSet\" : {\n    \"name\" : \"sardegna-plus\""))
    }
}
