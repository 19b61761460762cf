import Foundation
import Testing
import PlusModel
@testable import PlusReport

/// Headless Chromium, if installed.
enum Browser {
    static let chromium = Command.find("chromium") ?? Command.find("chromium-browser")
}

/// The report as a browser shows it: headless Chromium loads the file, prints the DOM and takes a screenshot.
///
/// CI installs Debian's `chromium` (`.ci/run`); where it is missing the suite is skipped, and says why.
@Suite(
    "The report in a real browser", .serialized,
    .enabled(if: Browser.chromium != nil, "chromium is not installed (apt-get install chromium): the browser test is skipped"))
struct BrowserTests {
    /// Screenshots stay as CI artefacts, never committed.
    static let artefacts = ReportBench.repository.appendingPathComponent(".build/report-screenshots", isDirectory: true)

    @Test func theAmbitoReportShowsWhatItsModelHolds() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        try bench.run()
        let model = try writeReport(bench, ["--ambito", "OR"], name: "OR-2019-errato")
        let dom = try dumpDOM(bench.root.appendingPathComponent("OR-2019-errato.html"))
        try expectFigures(of: model, in: dom)
        try expectPicture(of: bench.root.appendingPathComponent("OR-2019-errato.html"), named: "OR-2019-errato")
    }

    @Test func theRegionReportShowsWhatItsModelHolds() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        try bench.run()
        let model = try writeReport(bench, ["--region"], name: "regione-2019-errato")
        let dom = try dumpDOM(bench.root.appendingPathComponent("regione-2019-errato.html"))
        try expectFigures(of: model, in: dom)
        #expect(Self.matches(#"data-ambito="([^"]+)""#, in: dom) == model.ambiti.map(\.code))
        try expectPicture(of: bench.root.appendingPathComponent("regione-2019-errato.html"), named: "regione-2019-errato")
    }

    @Test func theSampleReportIsClean() throws {
        let bench = try ReportBench()
        try bench.dropOristano()
        try bench.run()
        let model = try writeReport(bench, ["--ambito", "OR"], name: "OR-2019")
        let dom = try dumpDOM(bench.root.appendingPathComponent("OR-2019.html"))
        try expectFigures(of: model, in: dom)
        #expect(model.ambiti[0].missing.isEmpty)
        try expectPicture(of: bench.root.appendingPathComponent("OR-2019.html"), named: "OR-2019")
    }

    // MARK: - Helpers

    /// Writes the page and the JSON model with the real binary; returns the model.
    private func writeReport(_ bench: ReportBench, _ scope: [String], name: String) throws -> ReportModel {
        let common = scope + ["--year", "2019", "--store", bench.storePath]
        let html = try PlusBinary.run(["report"] + common + ["--out", bench.root.appendingPathComponent("\(name).html").path])
        #expect(html.status == 0, "\(html.output)")
        let json = try PlusBinary.run(["report"] + common + ["--format", "json", "--out", bench.root.appendingPathComponent("\(name).json").path])
        #expect(json.status == 0, "\(json.output)")
        return try ReportModel.decode(Data(contentsOf: bench.root.appendingPathComponent("\(name).json")))
    }

    private func dumpDOM(_ page: URL) throws -> String {
        let result = try Command.run(
            try #require(Browser.chromium), ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.absoluteString],
            in: page.deletingLastPathComponent(), keepingErrors: false)
        #expect(result.status == 0)
        #expect(result.output.contains("</html>"))
        return result.output
    }

    /// The same totals, findings and missing enti as the model; nothing that would leave the machine.
    private func expectFigures(of model: ReportModel, in dom: String) throws {
        let totals = model.totals
        let cards = Dictionary(
            zip(Self.matches(#"data-total="([^"]+)""#, in: dom), Self.matches(#"class="card-value">([^<]*)<"#, in: dom)),
            uniquingKeysWith: { first, _ in first })
        #expect(cards["enti"] == "\(totals.entiSubmitted)/\(totals.entiExpected)")
        #expect(cards["errori"] == "\(totals.errors)")
        #expect(cards["avvisi"] == "\(totals.warnings)")
        #expect(cards["costo"] == Self.escaped(ReportFormat.amount(totals.totalCost)))
        #expect(cards["assegnato"] == Self.escaped(ReportFormat.amount(totals.fundAllocated)))
        #expect(cards["fondo-piano"] == Self.escaped(ReportFormat.amount(totals.fundPlanned)))
        let findings = model.deliberationFindings + model.ambiti.flatMap { $0.findingGroups.flatMap(\.findings) }
        #expect(Self.matches(#"data-finding="([^"]+)""#, in: dom) == findings.map(\.code))
        for finding in findings {
            #expect(dom.contains(Self.escaped(finding.message)), "\(finding.code): \(finding.message)")
            if let difference = finding.difference { #expect(dom.contains(Self.escaped(ReportFormat.amount(difference)))) }
        }
        if model.scope == .ambito {
            let missing = Self.matches(#"data-missing="[^"]+">([^<]*)<"#, in: dom)
            #expect(missing == model.ambiti[0].missing.map { Self.escaped($0.name) })
        }
        #expect(Self.matches(#"(?:src|href)="\s*(https?:[^"]*)""#, in: dom).isEmpty)
        #expect(!dom.contains("<script"))
        #expect(dom.contains("content=\"\(ReportPage.contentSecurityPolicy)\""))
    }

    /// A screenshot, kept under `.build/`, with a real share of pixels that are not white.
    private func expectPicture(of page: URL, named name: String) throws {
        try FileManager.default.createDirectory(at: Self.artefacts, withIntermediateDirectories: true)
        let png = Self.artefacts.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: png)
        let shot = try Command.run(
            try #require(Browser.chromium),
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,1200",
             "--screenshot=\(png.path)", page.absoluteString],
            in: page.deletingLastPathComponent(), keepingErrors: false)
        #expect(shot.status == 0)
        let share = try Self.nonWhiteShare(png)
        #expect(share > 0.05, "only \(share) of the screenshot's pixels are not white")
    }

    /// The share of non-white pixels in a PNG, decoded by python3's zlib (8-bit RGB or RGBA).
    static func nonWhiteShare(_ png: URL) throws -> Double {
        let script = """
            import sys, zlib, struct
            data = open(sys.argv[1], 'rb').read()
            assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
            pos, idat = 8, b''
            while pos < len(data):
                length, kind = struct.unpack('>I4s', data[pos:pos + 8])
                body = data[pos + 8:pos + 8 + length]
                if kind == b'IHDR': width, height, depth, color = struct.unpack('>IIBB', body[:10])
                if kind == b'IDAT': idat += body
                pos += 12 + length
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
            raw, stride = zlib.decompress(idat), width * bpp
            previous, count, i = bytearray(stride), 0, 0
            for _ in range(height):
                kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
                for x in range(stride):
                    a = line[x - bpp] if x >= bpp else 0; b = previous[x]; c = previous[x - bpp] if x >= bpp else 0
                    if kind == 1: line[x] = (line[x] + a) & 255
                    elif kind == 2: line[x] = (line[x] + b) & 255
                    elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
                    elif kind == 4:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                count += sum(1 for x in range(0, stride, bpp) if line[x] < 245 or line[x + 1] < 245 or line[x + 2] < 245)
                previous = line
            print(count / (width * height))
            """
        let python = try #require(Command.find("python3"))
        let result = try Command.run(python, ["-c", script, png.path], in: png.deletingLastPathComponent())
        #expect(result.status == 0, "\(result.output)")
        return Double(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Text as the serialised DOM writes it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\u{00A0}", with: "&nbsp;")
    }
}
