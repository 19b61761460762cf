import Foundation
import Testing
import PlusModel
@testable import PlusReport

@Suite("The report page: self-contained, escaped, every figure of the model")
struct ReportPageTests {
    /// A model whose every text is hostile.
    static func hostileModel() -> ReportModel {
        let evil = "\"><script>alert(1)</script><img src=x onerror=alert(2)>"
        let finding = ReportFinding(
            code: "R104", severity: .error, message: "Servizio \(evil)", ente: "Comune \(evil)",
            expected: Money(cents: 100), found: Money(cents: 200), difference: Money(cents: 100),
            file: "scheda\(evil).csv", line: 3, xpath: nil, link: "../../inbox/archive/" + Markup.pathSegment("scheda\(evil).csv"))
        let ambito = AmbitoSection(
            code: "OR", name: "Oristano \(evil)", validates: false, errors: 1, warnings: 0, infos: 0, isClosed: false,
            enti: [EnteSubmission(ente: "comune:1", name: "Ente \(evil)", file: nil, receivedAt: nil, rowsRejected: nil)],
            services: [ServiceFunding(code: "SAD", name: "S \(evil)", totalCost: Money(cents: 100),
                                      funding: [.init(source: .comuni, amount: Money(cents: 100))])],
            declaredVsPlanned: [EnteAmounts(ente: "comune:1", name: "E \(evil)", planned: Money(cents: 1), declared: Money(cents: 2))],
            findingGroups: [FindingGroup(title: "Servizio \(evil)", findings: [finding])],
            totalCost: Money(cents: 100), fundAllocated: nil, fundPlanned: .zero)
        return ReportModel(
            scope: .ambito, year: 2019, language: .it, generatedAt: Date(timeIntervalSince1970: 0), ruleSet: "r \(evil)",
            deliberation: DeliberationSummary(number: "n \(evil)", date: "2019-01-01", fundTotal: Money(cents: 1), file: nil),
            deliberationFindings: [finding], ambiti: [ambito],
            allocations: [AllocationBar(ambito: "OR", name: evil, equalShare: Money(cents: 1), populationShare: Money(cents: 1),
                                        udpShare: Money(cents: 1), total: Money(cents: 3))],
            totals: Totals(ambiti: 1, entiExpected: 1, entiSubmitted: 0, errors: 1, warnings: 0,
                           totalCost: Money(cents: 100), fundAllocated: .zero, fundPlanned: .zero))
    }

    @Test func noTextOrAttributeCanOpenAnElement() {
        let html = ReportPage(model: Self.hostileModel()).html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;"))
    }

    @Test func nothingIsFetchedFromAnywhere() {
        let html = ReportPage(model: Self.hostileModel()).html()
        #expect(html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""))
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<link"))
        #expect(html.contains("<svg"))
    }

    @Test func theEnglishReportSpeaksEnglish() {
        var model = Self.hostileModel()
        model.language = .en
        let html = ReportPage(model: model).html()
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("Findings"))
        #expect(!html.contains("Rilievi"))
    }

    /// A region's page where one Ambito sent nothing (three missing enti) and one sent its sheets but one.
    static func regionWithAnAmbitoThatSentNothing() -> ReportModel {
        func missing(_ ente: String) -> ReportFinding {
            ReportFinding(
                code: "R302", severity: .warning, message: "Manca la scheda di \(ente)", ente: ente, expected: nil, found: nil,
                difference: nil, file: "-", line: nil, xpath: nil, link: nil)
        }
        func ambito(_ code: String, sent: Bool, missingEnti: [String]) -> AmbitoSection {
            AmbitoSection(
                code: code, name: "Ambito \(code)", validates: true, errors: 0, warnings: missingEnti.count, infos: 0, isClosed: false,
                enti: missingEnti.map { EnteSubmission(ente: $0, name: $0, file: nil, receivedAt: nil, rowsRejected: nil) }
                    + (sent ? [EnteSubmission(ente: "comune:9", name: "Nove", file: "nove.csv", receivedAt: nil, rowsRejected: nil)] : []),
                services: [], declaredVsPlanned: [],
                findingGroups: [FindingGroup(title: "Ambito \(code)", findings: missingEnti.map(missing))],
                totalCost: .zero, fundAllocated: nil, fundPlanned: .zero)
        }
        return ReportModel(
            scope: .regione, year: 2019, language: .it, generatedAt: Date(timeIntervalSince1970: 0), ruleSet: "r",
            deliberation: nil, deliberationFindings: [],
            ambiti: [ambito("NUO", sent: false, missingEnti: ["comune:1", "comune:2", "comune:3"]), ambito("OR", sent: true, missingEnti: ["comune:4"])],
            allocations: [],
            totals: Totals(ambiti: 2, entiExpected: 5, entiSubmitted: 1, errors: 0, warnings: 4, totalCost: .zero, fundAllocated: .zero, fundPlanned: .zero))
    }

    @Test func theRegionGroupsTheMissingEntiOfAnAmbitoThatSentNothing() throws {
        let model = Self.regionWithAnAmbitoThatSentNothing()
        let html = ReportPage(model: model).html()
        // One collapsed line for the Ambito that sent nothing, its three findings still inside it.
        #expect(html.components(separatedBy: "<details").count - 1 == 1)
        #expect(html.contains("<details class=\"missing-group\" data-missing-count=\"3\"><summary>3 enti mancanti</summary>"))
        #expect(html.components(separatedBy: "data-finding=\"R302\"").count - 1 == 4)
        // The Ambito that sent sheets keeps its missing ente as a finding row of its own, outside any details.
        let details = try #require(html.range(of: "</details>"))
        #expect(html[details.upperBound...].contains("Manca la scheda di comune:4"))
        // The JSON is the whole model: every finding is there.
        let json = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        #expect(json.components(separatedBy: "\"R302\"").count - 1 == 4)
    }
}

@Suite("A chart of amounts out of range")
struct BarChartOutOfRangeTests {
    /// A stacked row whose parts do not add up within 64 bits shows its total as out of range,
    /// in the page's language, and its bars are still drawn; a row that fits shows its total.
    @Test func aTotalThatDoesNotFitIsSaidToBeOutOfRange() {
        let half = Money(cents: 5_000_000_000_000_000_000)
        for (language, words) in [(Language.it, "fuori scala"), (.en, "out of range")] {
            let chart = BarChart(
                title: "Riparto", series: [.init(label: "A", color: "#06c"), .init(label: "B", color: "#999")],
                rows: [.init(label: "Fuori", values: [half, half]), .init(label: "Dentro", values: [Money(cents: 150), Money(cents: 50)])],
                layout: .stacked, language: language)
            var text = MarkupText()
            text.append(chart.node())
            let svg = String(decoding: text.bytes, as: UTF8.self)
            #expect(svg.components(separatedBy: ">\(words)</text>").count == 2, "\(svg)")
            #expect(svg.contains(ReportFormat.amount(Money(cents: 200), in: language)))
            #expect(svg.components(separatedBy: "<rect").count - 1 == 4)
        }
    }
}

/// A file's name in a link is percent-encoded by hand, as Foundation encodes it.
@Suite("A file name as a link's segment")
struct PathSegmentTests {
    @Test("every byte but letters, digits and -._~ encoded, as Foundation's addingPercentEncoding, on seeded names of every kind")
    func pathSegmentIsFoundationsEncoding() {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let pieces = ["a", "Z", "0", "-", ".", "_", "~", " ", "%", "/", "?", "#", "[", "]", "&", "\"", "<", "'", "è", "€", "😀",
                      "\u{0}", "\u{1F}", "\u{7F}", "e\u{301}", "ß", "中", "+", "=", "\\", ":"]
        var seeded = UInt64(20_261_207)
        func next(_ bound: Int) -> Int {
            seeded = seeded &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seeded >> 33) % UInt64(bound))
        }
        var names = pieces + ["", "comune-cabras-scheda-2019.csv", "scheda [v2] (copia).csv", "=HYPERLINK(\"x\").csv"]
        for _ in 0..<2_000 {
            names.append((0..<(1 + next(12))).map { _ in pieces[next(pieces.count)] }.joined())
        }
        for name in names {
            #expect(Markup.pathSegment(name) == name.addingPercentEncoding(withAllowedCharacters: allowed), "\(name.debugDescription)")
        }
    }
}
