import Foundation
import Testing
import PlusModel
import PlusPipeline
import PlusStore
@testable import PlusReport

/// The report compares an Ambito-year with the year before, as `plus status` does.
@Suite("The report: a year against the previous one", .serialized)
struct ReportComparisonTests {
    /// Oristano 2019 and a 2018 plan made from it: SAD costing 400.000,00 and Cabras's SAD share 18.000,00.
    static func twoYears() throws -> ReportBench {
        let bench = try ReportBench()
        try bench.dropOristano()
        for (name, from, to) in [
            ("capofila-servizi", "412.350,00", "400.000,00"), ("capofila-riparto", "18.226,71", "18.000,00"),
        ] {
            let text = try String(
                contentsOf: ReportBench.repository.appendingPathComponent("SampleData/oristano/\(name)-2019.csv"), encoding: .windowsCP1252)
            // The sample's lines end in CRLF; every record line starts with its year.
            let earlier = text.replacingOccurrences(of: "\r\n2019;", with: "\r\n2018;").replacingOccurrences(of: from, with: to)
            try Data(earlier.utf8).write(to: bench.inbox.appendingPathComponent("\(name)-2018.csv"))
        }
        try bench.run()
        return bench
    }

    @Test func theModelCarriesWhatChangedAsStatusComparesIt() throws {
        let bench = try Self.twoYears()
        let model = try #require(try bench.builder.ambito("OR", year: 2019))
        let comparison = try #require(model.ambiti.first?.comparison)
        let expected = try #require(try YearComparison(store: bench.store, ambito: "OR", year: 2019))
        #expect(comparison.previousYear == 2018)
        #expect(!expected.changes.isEmpty)
        #expect(comparison.changes.map { [$0.service, $0.ente ?? "", "\($0.previous?.cents ?? -1)", "\($0.current?.cents ?? -1)", "\($0.difference.cents)"] }
            == expected.changes.map { [$0.service, $0.ente?.description ?? "", "\($0.previous?.cents ?? -1)", "\($0.current?.cents ?? -1)", "\($0.difference.cents)"] })
        // The ente by name, the total cost with no ente.
        let cabras = try #require(comparison.changes.first { $0.ente == "comune:095018" })
        #expect(cabras.enteName == "Cabras")
        #expect(cabras.difference == Money(cents: 22_671))
        let total = try #require(comparison.changes.first { $0.service == "SAD" && $0.ente == nil })
        #expect(total.difference == Money(cents: 1_235_000))
        // The JSON model says it too, and reads back equal.
        let json = String(decoding: try model.jsonData(), as: UTF8.self)
        #expect(json.contains("\"previousYear\" : 2018"))
        #expect(try ReportModel.decode(model.jsonData()) == model)
        // The first year has nothing to compare with.
        let first = try #require(try bench.builder.ambito("OR", year: 2018))
        #expect(first.ambiti.first?.comparison == nil)
        #expect(!ReportPage(model: first).html().contains("Rispetto al"))
    }

    @Test func thePageShowsTheChangesInBothLanguages() throws {
        let bench = try Self.twoYears()
        let model = try #require(try bench.builder.ambito("OR", year: 2019))
        let html = ReportPage(model: model).html()
        let section = try #require(html.range(of: "<section class=\"comparison\">"))
        let rest = html[section.lowerBound...]
        let text = String(rest[..<(try #require(rest.range(of: "</section>"))).lowerBound])
        #expect(text.contains("<h2>Rispetto al 2018</h2>"))
        #expect(text.contains("<td>Cabras</td>"))
        #expect(text.contains("400.000,00\u{00A0}€"))
        #expect(text.contains("412.350,00\u{00A0}€"))
        #expect(text.contains("+12.350,00\u{00A0}€"))
        #expect(text.contains("+226,71\u{00A0}€"))
        let english = try #require(try ReportBuilder(store: bench.store, validator: bench.validator, language: .en).ambito("OR", year: 2019))
        let englishHTML = ReportPage(model: english).html()
        #expect(englishHTML.contains("<h2>Compared with 2018</h2>"))
        #expect(englishHTML.contains("+€12,350.00"))
        #expect(englishHTML.contains("<td>Total cost</td>"))
    }

    @Test func theComparisonReadsNeitherYearWholeNorThePlanAgain() throws {
        let bench = try Self.twoYears()
        let reference = AmbitoYearRef(ambito: "OR", year: 2019)
        let (year, stored) = try #require(try bench.store.ambitoYearInBatches(ambito: "OR", year: 2019))
        let report = try bench.validator.validate(year, services: stored)
        let services = ReportLimitsTests.CountedPasses(base: stored)
        let part = try bench.builder.part(year, services: services, report: report, submissions: bench.store.submissions(
            ambito: reference.ambito, year: reference.year, includeHistory: false))
        // One pass, the summary's own: the comparison names its services by a query, not by reading the year.
        #expect(services.count.passes == 1)
        let comparison = try #require(part.section.comparison)
        #expect(comparison.changes.first { $0.service == "SAD" && $0.ente == nil }?.serviceName != nil)
        #expect(comparison.changes.count == 2 && comparison.changesNotListed == nil)
    }

    @Test func thePageSaysHowManyChangesItLeavesOutInBothLanguages() throws {
        let bench = try Self.twoYears()
        let notes: [(Language, String)] = [
            (.it, "<p class=\"not-listed\">Variazioni non elencate qui: 7 (sono elencate le prime 2).</p>"),
            (.en, "<p class=\"not-listed\">Changes not listed here: 7 (the first 2 are listed).</p>"),
        ]
        for (language, note) in notes {
            var model = try #require(try ReportBuilder(store: bench.store, validator: bench.validator, language: language).ambito("OR", year: 2019))
            #expect(!ReportPage(model: model).html().contains(note))
            model.ambiti[0].comparison?.changesNotListed = 7
            #expect(ReportPage(model: model).html().contains(note))
        }
    }

    @Test func thePageSaysWhichAmountsCannotBeComparedInBothLanguages() throws {
        let bench = try Self.twoYears()
        let notes: [(Language, String)] = [
            (.it, "<p class=\"overflow\">CMP001 servizio SAD, costo totale: nel 2019 gli importi sommano a un totale che supera"),
            (.en, "<p class=\"overflow\">CMP001 service SAD, total cost: in 2019 its amounts add up to a total that passes"),
        ]
        for (language, note) in notes {
            var model = try #require(try ReportBuilder(store: bench.store, validator: bench.validator, language: language).ambito("OR", year: 2019))
            #expect(model.ambiti[0].comparison?.overflows == nil)
            #expect(!ReportPage(model: model).html().contains(note))
            model.ambiti[0].comparison?.overflows = [PlanSumOverflow(service: "SAD", ente: nil, years: [2019])]
            #expect(ReportPage(model: model).html().contains(note))
            #expect(try ReportModel.decode(model.jsonData()) == model)
            // With no other change, the page names the overflow and does not say that nothing changed.
            model.ambiti[0].comparison?.changes = []
            let html = ReportPage(model: model).html()
            #expect(html.contains(note) && !html.contains("Nessuna variazione del piano") && !html.contains("No change in the plan"))
        }
    }
}
