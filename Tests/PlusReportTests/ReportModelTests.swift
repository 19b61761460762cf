import Foundation
import Testing
import PlusModel
@testable import PlusReport

@Suite("The report's data: who is missing, every finding, the deliberation once", .serialized)
struct ReportModelTests {
    @Test func anAmbitoReportNamesTheMissingEntiAndEveryFinding() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        try bench.run()
        let model = try #require(try bench.builder.ambito("OR", year: 2019))
        let ambito = try #require(model.ambiti.first)
        #expect(model.scope == .ambito)
        #expect(ambito.name == "Oristano")
        // Allai and Zeddiani did not send their sheets: named, not coded.
        #expect(Set(ambito.missing.map(\.name)) == ["Allai", "Zeddiani"])
        #expect(ambito.submittedCount == ambito.enti.count - 2)
        // Every finding of the validation is in the report, once: the deliberation's apart.
        let report = bench.validator.validate(try #require(try bench.store.ambitoYear(ambito: "OR", year: 2019)))
        #expect(ambito.findingCount + model.deliberationFindings.count == report.findings.count)
        #expect(!model.deliberationFindings.isEmpty)
        #expect(model.deliberationFindings.allSatisfy { $0.file == "dgr-2019-errata.xml" })
        #expect(ambito.findingGroups.allSatisfy { $0.findings.allSatisfy { $0.file != "dgr-2019-errata.xml" } })
        // Cabras declared 100,00 more than its share for SAD: the ente's name, the numbers, the line.
        let sad = try #require(ambito.findingGroups.first { $0.title.hasPrefix("Servizio SAD") })
        let cabras = try #require(sad.findings.first { $0.code == "R104" && $0.ente == "Cabras" })
        #expect(cabras.difference == Money(cents: 10_000))
        #expect(cabras.file == "comune-cabras-scheda-2019-errata.csv")
        #expect(cabras.line == 2)
        #expect(!cabras.message.contains("comune:"))
        #expect(cabras.message.contains("Cabras"))
        #expect(ambito.errors == report.counts.errors)
    }

    @Test func aRegionReportShowsTheDeliberationsFindingsOnceAndEveryAmbito() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        try bench.run()
        let region = try #require(try bench.builder.region(year: 2019))
        let oristano = try #require(try bench.builder.ambito("OR", year: 2019))
        #expect(region.scope == .regione)
        #expect(region.ambiti.map(\.code).contains("OR"))
        #expect(region.deliberationFindings == oristano.deliberationFindings)
        // No Ambito repeats the deliberation's findings.
        for ambito in region.ambiti {
            #expect(ambito.findingGroups.allSatisfy { $0.findings.allSatisfy { $0.file != "dgr-2019-errata.xml" } })
        }
        #expect(region.totals.ambiti == region.ambiti.count)
        #expect(region.totals.entiSubmitted == region.ambiti.reduce(0) { $0 + $1.submittedCount })
        #expect(region.totals.totalCost == region.ambiti.map(\.totalCost).sum())
        // The deliberation's errors count once in the region's totals, not once per Ambito.
        let deliberationErrors = region.deliberationFindings.count { $0.severity == .error }
        #expect(region.totals.errors == deliberationErrors + region.ambiti.reduce(0) { $0 + $1.ownCount(.error) })
        #expect(region.totals.errors < region.ambiti.reduce(0) { $0 + $1.errors })
        #expect(region.allocations.count == 25)
        #expect(region.allocations.first { $0.ambito == "OR" }?.name == "Oristano")
    }

    @Test func theModelReadsBackFromItsJSON() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        try bench.run()
        let model = try #require(try bench.builder.ambito("OR", year: 2019))
        #expect(try ReportModel.decode(model.jsonData()) == model)
    }

    @Test func amountsAndTimesAreWrittenTheItalianWay() throws {
        #expect(ReportFormat.amount(Money(cents: 123_456)) == "1.234,56\u{00A0}€")
        #expect(ReportFormat.amount(Money(cents: -5)) == "-0,05\u{00A0}€")
        // 21:10 UTC in March is 22:10 in Rome; 10:00 UTC in July is 12:00 (summer time).
        #expect(ReportFormat.time(Date(timeIntervalSince1970: 1_551_733_805)) == "04/03/2019 22:10")
        #expect(ReportFormat.time(Date(timeIntervalSince1970: 1_561_975_200)) == "01/07/2019 12:00")
    }

    @Test func relativeLinksReachTheArchiveFromTheReportsFolder() {
        let path = ReportWriter.relativePath(
            from: URL(fileURLWithPath: "/srv/plus/out/OR-2019"), to: URL(fileURLWithPath: "/srv/plus/inbox/archive"))
        #expect(path == "../../inbox/archive/")
    }
}
