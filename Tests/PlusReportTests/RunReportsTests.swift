import Foundation
import Testing
import PlusModel
import PlusStore
import PlusValidation
@testable import PlusPipeline
@testable import PlusReport
import PlusTestSupport

/// `plus run`'s HTML reports, written by the workers that consolidate, from the years they hold.
@Suite struct RunReportsTests {
    /// A rule that finds nothing and counts the Ambito-years it was asked to check.
    final class CountingRule: ValidationRule, @unchecked Sendable {
        static let problem = Problem(
            code: "T900", severity: .info, title: .init(it: "conta", en: "counts"), template: .init(it: "", en: ""))
        static let description = LocalizedText(it: "conta le validazioni", en: "counts validations")
        private let lock = NSLock()
        private var counted: [String: Int] = [:]

        func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
            lock.withLock { counted["\(year.ambito.code)-\(year.year)", default: 0] += 1 }
            return []
        }

        var validations: [String: Int] { lock.withLock { counted } }
    }

    /// Runs the bench's inbox as `plus run` does, the reports written through ``RunReports``.
    static func run(_ bench: ReportBench, validator: Validator, archive: URL?) throws -> RunSummary {
        let library = MappingLibrary(directory: ReportBench.repository.appendingPathComponent("Mappings"))
        var consolidation = Consolidation(store: bench.store, validator: validator, outputDirectory: bench.out, formats: [.csv], language: .it)
        var writer = ReportWriter(store: bench.store, validator: validator, language: .it, outputDirectory: bench.out, archive: archive)
        writer.synchronizesEachFile = false
        consolidation.observer = RunReports(writer: writer)
        return try InboxRun(
            inbox: InboxFolder(url: bench.inbox, settle: 0), fileImport: try FileImport(library: library), store: bench.store,
            consolidation: consolidation
        ).run()
    }

    static func validator(counting rule: CountingRule) throws -> Validator {
        let rules = ReportBench.repository.appendingPathComponent("Mappings/rules/sardegna-plus-v1.yaml")
        return Validator(ruleSet: try RuleSet.load(contentsOf: rules), rules: Validator.standardRules + [rule])
    }

    static func page(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test func eachAmbitoYearIsLoadedAndValidatedOnceAndItsPagesAreThoseOfPlusReport() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        let counter = CountingRule()
        let validator = try Self.validator(counting: counter)
        let summary = try Self.run(bench, validator: validator, archive: nil)
        // The deliberation touches every Sardinian Ambito: each is validated by consolidation, and
        // its page and the region's page are built from that report, not from a second validation.
        #expect(summary.validated.count == 25)
        #expect(counter.validations.count == 25)
        #expect(counter.validations.values.allSatisfy { $0 == 1 }, "\(counter.validations)")

        let builder = ReportBuilder(store: bench.store, validator: bench.validator, language: .it)
        let ambito = try #require(try builder.ambito("OR", year: 2019))
        let region = try #require(try builder.region(year: 2019))
        #expect(try Self.page(bench.out.appendingPathComponent("OR-2019/report.html")) == ReportPage(model: ambito).html())
        // The region's page links each Ambito's page written beside it: all 25 here.
        let regionPage = try Self.page(bench.out.appendingPathComponent("regione-2019.html"))
        #expect(regionPage == ReportPage(model: region) { "\($0)-2019/report.html" }.html())
        #expect(region.ambiti.count == 25)
        for section in region.ambiti { #expect(regionPage.contains("<a href=\"\(section.code)-2019/report.html\">"), "\(section.code)") }
        #expect(!ambito.ambiti[0].findingGroups.isEmpty, "the flawed sample has findings to show")
    }

    @Test func linksToTheArchiveAreThoseTheWriterMakesFromTheStore() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        let archive = InboxFolder(url: bench.inbox).archiveURL
        _ = try Self.run(bench, validator: bench.validator, archive: archive)
        // The same pages written the way `ReportWriter.write` does, into a folder as deep as `out`.
        let again = bench.root.appendingPathComponent("again")
        try ReportWriter(store: bench.store, validator: bench.validator, language: .it, outputDirectory: again, archive: archive)
            .write(try bench.store.ambitoYears().filter { $0.year == 2019 })
        let ambitoPage = try Self.page(bench.out.appendingPathComponent("OR-2019/report.html"))
        #expect(ambitoPage.contains("href=\"../../inbox/archive/"))
        #expect(ambitoPage == (try Self.page(again.appendingPathComponent("OR-2019/report.html"))))
        let regionPage = try Self.page(bench.out.appendingPathComponent("regione-2019.html"))
        #expect(regionPage.contains("href=\"../inbox/archive/"))
        #expect(regionPage == (try Self.page(again.appendingPathComponent("regione-2019.html"))))
    }

    @Test func chartNumbersAreWrittenAsPrintfWritesThem() {
        var values: [Double] = [
            0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.15, 0.25, 0.35, 0.45, 1.0 / 3, -2.0 / 3, 2.5, 12.25, 12.35, 99.95, 960,
            530.0 / 7, 4 + 24.0 / 2 + 2, 1e6 + 0.05, -123_456_789.96, 9_007_199_254.740_993, 0x1p47 + 0.25, 1e-300,
        ]
        // Bars as BarChart draws them: cents times a scale from the longest row.
        var generator = SplitMix64(seed: 14)
        for _ in 0..<20_000 {
            let extent = Int.random(in: 1...10_000_000_000, using: &generator)
            values.append(Double(Int.random(in: 0...extent, using: &generator)) * (530.0 / Double(extent)))
            values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 20)
        }
        for value in values {
            #expect(BarChart.number(value) == String(format: "%.1f", value), "\(value)")
        }
    }

    @Test func timesAreThoseOfAnItalianDateFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "it_IT")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = ReportFormat.timeZone
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        // Both sides of the summer-time changes of 2019, leap days, before 1970, far ahead.
        var seconds: [Double] = [0, -1, 1_553_994_000 - 1, 1_553_994_000, 1_572_138_000 - 1, 1_572_138_000, 951_782_400, -2_208_988_800, 4_102_444_799.9]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2_000 { seconds.append(Double(Int.random(in: -2_000_000_000...4_000_000_000, using: &generator))) }
        for second in seconds {
            let date = Date(timeIntervalSince1970: second)
            #expect(ReportFormat.time(date) == formatter.string(from: date), "\(second)")
        }
    }
}

/// ``MarkupText`` writes what Plot renders for the same ``Markup`` elements.
@Suite struct MarkupTextTests {
    static let texts = [
        "", "Oristano", "1.234,56\u{00A0}€", "Ambito — Comune di Cabras", "R&D", "a & b", "&amp; already", "&#39;quoted",
        "fish & chips; & more", "<script>", "x > y < z", "\"quotes\" and 'apostrophes'", "&;", "&#;", "àèìòù & ß",
    ]

    @Test func elementsAndTextAreWrittenAsPlotRendersThem() {
        for text in Self.texts {
            var written = MarkupText()
            written.element("text", [("x", "1.0"), ("class", text), ("empty", "")], text: text)
            #expect(written.text == Markup.element("text", [("x", "1.0"), ("class", text), ("empty", "")], text: text).plot.render(), "\(text)")
        }
    }

    @Test func nestedAndEmptyElementsAreWrittenAsPlotRendersThem() {
        for text in Self.texts {
            var written = MarkupText()
            written.open("svg", [("aria-label", text), ("width", "100%")])
            written.empty("rect", [("x", "0"), ("fill", text)])
            written.open("rect", [("y", "2.5")])
            written.element("title", [], text: text)
            written.close("rect")
            written.close("svg")
            let plot = Markup.element("svg", [("aria-label", text), ("width", "100%")], [
                Markup.empty("rect", [("x", "0"), ("fill", text)]),
                Markup.element("rect", [("y", "2.5")], [Markup.element("title", text: text)]),
            ])
            #expect(written.text == plot.plot.render(), "\(text)")
        }
    }
}
