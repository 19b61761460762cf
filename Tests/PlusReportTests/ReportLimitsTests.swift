import Foundation
import PlusModel
import PlusStore
import PlusValidation
import Testing
@testable import PlusReport

/// A plan of many thousands of services: the page shows a bounded part and says how much it leaves out.
@Suite struct ReportLimitsTests {
    @Test func thePageSaysHowManyServicesAndFindingsItLeavesOut() {
        var model = ReportPageTests.hostileModel()
        model.ambiti[0].servicesNotShown = 289_500
        model.ambiti[0].findingsNotListed = [OmittedFindings(code: "R402", severity: .error, count: 1_234)]
        let italian = ReportPage(model: model).html()
        #expect(italian.contains("E altri 289.500 servizi, non mostrati (i totali li comprendono)."))
        #expect(italian.contains("R402: e altri 1.234 come questo, non elencati (contati nel riepilogo)."))
        model.language = .en
        let english = ReportPage(model: model).html()
        #expect(english.contains("And 289,500 more services, not shown (the totals include them)."))
        #expect(english.contains("R402: and 1,234 more like this, not listed (counted in the summary)."))
    }

    @Test func aPageWithEverythingShownSaysNothingOfIt() {
        let html = ReportPage(model: ReportPageTests.hostileModel()).html()
        #expect(!html.contains("non mostrati"))
        #expect(!html.contains("non elencati"))
    }
}

extension ReportLimitsTests {
    @Test func theServicesShownAreTheFirstByCodeAsASortGivesThem() {
        // Codes out of order and repeated: ties must keep the plan's order, as the sort does.
        let services = (0..<300).map { index in
            PlannedService(code: "S\((index * 37) % 120)", name: "n\(index)", totalCost: Money(cents: Int64(index)), funding: [:])
        }
        let sorted = services.sorted { $0.code < $1.code }
        for count in [0, 1, 7, 50, 299, 300, 400] {
            for batch in [1, 13, 300] {
                let summary = ServiceSummary(services, shown: count, naming: [], batchSize: batch)
                #expect(summary.firstByCode == Array(sorted.prefix(count)), "count \(count), batches of \(batch)")
                #expect(summary.count == 300 && summary.totalCost == services.map(\.totalCost).sum())
            }
        }
    }
}

/// The page's summary reads the services as the validation reads them: one pass over the plan for both.
extension ReportLimitsTests {
    /// A source that counts the passes over it.
    struct CountedPasses<Base: ServiceSource>: ServiceSource {
        final class Count: @unchecked Sendable { var passes = 0 }
        let base: Base
        let count = Count()
        var serviceCount: Int { base.serviceCount }
        func forEachBatch(of size: Int, _ body: ([PlannedService]) -> Void) throws(Base.Failure) {
            count.passes += 1
            try base.forEachBatch(of: size, body)
        }
        func firstServices(coded codes: Set<String>) throws(Base.Failure) -> [PlannedService] {
            try base.firstServices(coded: codes)
        }
    }

    @Test func theSummaryReadWithTheValidationIsThatOfAPassOfItsOwnWithoutOne() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        try bench.run()
        let (year, stored) = try #require(try bench.store.ambitoYearInBatches(ambito: "OR", year: 2019))
        let services = CountedPasses(base: stored)
        for shown in [0, 2, 500] {
            let passes = services.count.passes
            let summary = ServiceSummary(shown: shown)
            let report = try bench.validator.validate(year, services: ServicesReadAlongside(services, by: summary))
            let validation = services.count.passes - passes
            let named = Set(report.findings.compactMap(\.service))
            try summary.complete(from: services, naming: named)
            #expect(validation >= 1)
            #expect(services.count.passes - passes == validation, "no pass of the summary's own")
            let own = try ServiceSummary(stored, shown: shown, naming: named)
            #expect(summary.count == own.count && summary.count == stored.serviceCount && summary.count > 0)
            #expect(summary.firstByCode == own.firstByCode && summary.names == own.names)
            #expect(summary.totalCost == own.totalCost && summary.fundPlanned == own.fundPlanned)
        }
    }

    @Test func aSummaryNotReadWithAValidationReadsThePlanItself() throws {
        let services = (0..<20).map { PlannedService(code: "S\($0 % 7)", name: "n\($0)", totalCost: Money(cents: Int64($0)), funding: [:]) }
        let summary = ServiceSummary(shown: 5)
        // Nothing read the source alongside it: the pass is its own.
        _ = ServicesReadAlongside(services, by: summary)
        summary.complete(from: services, naming: ["S3", "S9"])
        #expect(summary.count == 20 && summary.firstByCode.map(\.name) == ["n0", "n7", "n14", "n1", "n8"])
        #expect(summary.names == ["S3": "n3"])
    }
}

/// An Ambito's page charts a bounded neighbourhood of the region's allocations, not all of them.
extension ReportLimitsTests {
    /// Oristano's part, its deliberation swapped for one allocating to `count` Ambiti (Oristano among them).
    static func oristanoAmong(_ count: Int, bench: ReportBench) throws -> ReportBuilder.Part {
        try bench.dropFlawedOristano()
        try bench.run()
        var part = try #require(try bench.builder.section(AmbitoYearRef(ambito: "OR", year: 2019)))
        var deliberation = try #require(part.deliberation)
        deliberation.allocations = (0..<count).map { index in
            let code = index == count / 3 ? "OR" : "X\(index)"
            // Totals that are not in the deliberation's order, some equal.
            let cents = Int64((index * 7_919) % 997) * 100
            return RegionalAllocation(
                year: 2019, ambito: code, ambitoName: "Sintetico \(code)", population: 1_000, equalShare: Money(cents: cents),
                populationShare: Money(cents: 50), udpShare: .zero, total: Money(cents: cents + 50))
        }
        part.deliberation = deliberation
        return part
    }

    /// The allocation chart's rows drawn: one label each.
    static func allocationRows(in html: String) -> Int {
        html.components(separatedBy: "class=\"label\">").dropFirst().count { $0.prefix { $0 != "<" }.contains(" — Sintetico ") }
    }

    @Test func anAmbitosPageChartsABoundedNeighbourhoodAndSaysHowManyItLeavesOut() throws {
        let bench = try ReportBench()
        let part = try Self.oristanoAmong(601, bench: bench)
        let model = bench.builder.model(scope: .ambito, year: 2019, parts: [part])
        #expect(model.allocations.count == ReportBuilder.allocationsShown)
        #expect(model.allocationsNotShown == 601 - ReportBuilder.allocationsShown)
        #expect(model.allocations.contains { $0.ambito == "OR" })
        let html = ReportPage(model: model).html()
        // One bar a shown Ambito: the rows drawn do not grow with the region.
        #expect(Self.allocationRows(in: html) == ReportBuilder.allocationsShown)
        #expect(html.contains("data-allocations-not-shown=\"561\""))
        #expect(html.contains("E altri 561 Ambiti, non mostrati (sono nel report della regione)."))
        var english = model
        english.language = .en
        #expect(ReportPage(model: english).html().contains("And 561 more Ambiti, not shown (the region's report has them)."))
        // The region's page keeps every allocation.
        let region = bench.builder.model(scope: .regione, year: 2019, parts: [part])
        #expect(region.allocations.count == 601)
        #expect(region.allocationsNotShown == nil)
        #expect(Self.allocationRows(in: ReportPage(model: region).html()) == 601)
    }

    @Test func aRegionOfFortyAmbitiIsShownWholeOnEveryPage() throws {
        let bench = try ReportBench()
        let part = try Self.oristanoAmong(ReportBuilder.allocationsShown, bench: bench)
        let model = bench.builder.model(scope: .ambito, year: 2019, parts: [part])
        #expect(ReportBuilder.allocationsShown >= 40)
        #expect(model.allocations.map(\.ambito) == part.deliberation?.allocations.map(\.ambito))
        #expect(model.allocationsNotShown == nil)
        #expect(!ReportPage(model: model).html().contains("data-allocations-not-shown"))
    }

    /// The ranking kept between pages is the ranking of the page's own deliberation: pages of two
    /// deliberations (the same Ambiti, totals turned around) in turn each chart their own neighbours.
    @Test func pagesOfTwoDeliberationsInTurnEachRankTheirOwn() throws {
        let bench = try ReportBench()
        let first = try Self.oristanoAmong(601, bench: bench)
        var second = first
        second.deliberation?.allocations = (first.deliberation?.allocations ?? []).map { allocation in
            var turned = allocation
            turned.total = Money(cents: 1_000_000 - allocation.total.cents)
            return turned
        }
        var windows: [[String]] = []
        for part in [first, second, first, second] {
            let model = bench.builder.model(scope: .ambito, year: 2019, parts: [part])
            let bars = (part.deliberation?.allocations ?? []).map {
                AllocationBar(ambito: $0.ambito, name: "", equalShare: .zero, populationShare: .zero, udpShare: .zero, total: $0.total)
            }
            let expected = ReportBuilder.allocationsAround("OR", of: bars, count: ReportBuilder.allocationsShown).map(\.ambito)
            #expect(model.allocations.map(\.ambito) == expected)
            #expect(model.allocations.map(\.total) == expected.map { code in bars.first { $0.ambito == code }!.total })
            windows.append(expected)
        }
        #expect(windows[0] != windows[1])
    }

    @Test func theNeighbourhoodIsTheAmbitosRankWindowClampedAtTheEnds() {
        // Totals 100, 99, … 1 in reverse order of code: rank r is "A\(99 - r)".
        let bars = (0..<100).map { index in
            AllocationBar(ambito: "A\(index)", name: "", equalShare: .zero, populationShare: .zero, udpShare: .zero,
                          total: Money(cents: Int64(index + 1)))
        }
        let ranked = bars.reversed().map(\.ambito)
        #expect(ReportBuilder.allocationsAround("A50", of: bars, count: 10).map(\.ambito) == Array(ranked[44..<54]))
        #expect(ReportBuilder.allocationsAround("A99", of: bars, count: 10).map(\.ambito) == Array(ranked[0..<10]))
        #expect(ReportBuilder.allocationsAround("A0", of: bars, count: 10).map(\.ambito) == Array(ranked[90..<100]))
        // Equal totals keep the deliberation's order.
        let ties = (0..<5).map { AllocationBar(ambito: "T\($0)", name: "", equalShare: .zero, populationShare: .zero, udpShare: .zero, total: .zero) }
        #expect(ReportBuilder.allocationsAround("T4", of: ties, count: 3).map(\.ambito) == ["T2", "T3", "T4"])
    }
}

/// The region's page draws each Ambito's own charts up to 40 Ambiti, and links their pages beyond.
extension ReportLimitsTests {
    /// A region-year of `count` Ambiti, each Oristano's part under another code (services and declarations included).
    static func regionOf(_ count: Int, bench: ReportBench) throws -> ReportModel {
        let oristano = try oristanoAmong(count, bench: bench)
        #expect(!oristano.section.services.isEmpty && !oristano.section.declaredVsPlanned.isEmpty)
        let parts = (0..<count).map { index in
            var part = oristano
            part.section.code = index == count / 3 ? "OR" : "X\(index)"
            part.ambitoNames = [part.section.code: "Sintetico \(part.section.code)"]
            return part
        }
        return bench.builder.model(scope: .regione, year: 2019, parts: parts)
    }

    /// How many charts of each kind a page draws: the allocation, the services' funding, the declarations.
    static func charts(in html: String) -> (allocations: Int, funding: Int, declared: Int) {
        let count = { (title: String) in html.components(separatedBy: "aria-label=\"\(title)").count - 1 }
        return (count("Riparto del Fondo regionale per Ambito"), count("Fonti di finanziamento per servizio"), count("Dichiarato e previsto per ente"))
    }

    @Test func aRegionOfFortyAmbitiDrawsEachAmbitosCharts() throws {
        let model = try Self.regionOf(ReportPage.ambitoChartsOnRegionPage, bench: ReportBench())
        let html = ReportPage(model: model).html()
        #expect(ReportPage.ambitoChartsOnRegionPage == 40)
        let drawn = Self.charts(in: html)
        #expect(drawn.allocations == 1 && drawn.funding == 40 && drawn.declared == 40)
        #expect(!html.contains("data-ambito-charts-not-shown"))
    }

    @Test func aLargerRegionKeepsItsOwnTablesAndChartAndLinksEachAmbitosPage() throws {
        let model = try Self.regionOf(ReportPage.ambitoChartsOnRegionPage + 1, bench: ReportBench())
        // Written alone (`plus report`): no links, the note says how to get an Ambito's page.
        let alone = ReportPage(model: model).html()
        let drawn = Self.charts(in: alone)
        #expect(drawn.allocations == 1 && drawn.funding == 0 && drawn.declared == 0)
        #expect(alone.contains("data-ambito-charts-not-shown=\"41\""))
        #expect(alone.contains("sono nella pagina dell'Ambito (plus report --ambito CODICE)."))
        #expect(!alone.contains("report.html"))
        // One summary row per Ambito either way.
        #expect(alone.components(separatedBy: "<tr data-ambito=").count - 1 == 41)
        // Written beside the Ambiti's pages (`plus run`): each row links its page, but one that has none.
        let linked = ReportPage(model: model) { $0 == "X1" ? nil : "\($0)-2019/report.html" }.html()
        #expect(linked.components(separatedBy: "-2019/report.html\">").count - 1 == 40)
        #expect(linked.contains("<a href=\"OR-2019/report.html\">OR — "))
        #expect(!linked.contains("X1-2019/report.html"))
        #expect(linked.contains("sono nella pagina dell'Ambito, collegata dalla tabella degli Ambiti."))
        var english = model
        english.language = .en
        #expect(ReportPage(model: english) { "\($0)-2019/report.html" }.html()
            .contains("Each Ambito's service and declaration charts are on the Ambito's own page, linked from the table of Ambiti."))
        #expect(ReportPage(model: english).html()
            .contains("Each Ambito's service and declaration charts are on the Ambito's own page (plus report --ambito CODE)."))
        // An Ambito's own page draws its charts whatever the region's size.
        let own = Self.charts(in: ReportPage(model: Self.ownPage(of: model)).html())
        #expect(own.funding == 1 && own.declared == 1)
    }

    /// The first Ambito of a region's model as its own page's model.
    static func ownPage(of region: ReportModel) -> ReportModel {
        var model = region
        model.scope = .ambito
        model.ambiti = [region.ambiti[0]]
        return model
    }
}
