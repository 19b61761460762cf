import Foundation
import PlusModel
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
