import Foundation
import PlusExport
import PlusModel
import Testing
import ZIPFoundation

/// The Region's side of the round trip: the Ambiti's exports, sent to the Region's own inbox,
/// give back the plan, the validation and the datasets their raw files gave. Through the binary.
@Suite("An Ambito's export as the Region's submission")
struct RegionalSubmissionTests {
    /// A temporary folder with the raw run of an inbox, and what the Region's runs need.
    struct RoundTrip {
        let root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("plus-regione-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        func folder(_ name: String) throws -> URL {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }

        /// `plus run` over `inbox` into `out`; its JSON summary and exit status.
        func run(inbox: URL, out: String, store: String, formats: [String] = ["csv"]) throws -> (status: Int32, summary: [String: Any]) {
            let result = try CommandLineTests.run(
                ["run", "--settle", "0", "--format", "json", "--inbox", inbox.path, "--out", root.appendingPathComponent(out).path,
                 "--store", root.appendingPathComponent(store).path] + formats.flatMap { ["--dataset-format", $0] })
            let line = try #require(result.output.split(separator: "\n").last { $0.hasPrefix("{") }, "\(result.output)")
            return (result.status, try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }

        /// The Ambito-year folders a run wrote (`OR-2019`...).
        func ambitoYears(in out: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(out).path)
                .filter { $0.contains("-") && !$0.hasSuffix(".html") && !$0.hasPrefix(".") }.sorted()
        }

        /// An inbox with the Region's own reference data and deliberation (the raw inbox's, now archived).
        func regionalInbox(_ name: String, referenceFrom archive: URL) throws -> URL {
            let inbox = try folder(name)
            for file in try FileManager.default.contentsOfDirectory(atPath: archive.path) where Self.isRegional(file) {
                try FileManager.default.copyItem(at: archive.appendingPathComponent(file), to: inbox.appendingPathComponent(file))
            }
            return inbox
        }

        static func isRegional(_ file: String) -> Bool {
            (file.hasPrefix("ambiti-") || file.hasPrefix("enti-") || file.hasPrefix("dgr-")) && !file.contains(".ricevuta.")
        }

        /// Each Ambito-year's export as the Ambito sends it: `plus-export.xml` renamed, or its Data Package zipped.
        func sendExports(from out: String, as form: String, to inbox: URL) throws {
            for ambitoYear in try ambitoYears(in: out) {
                let folder = root.appendingPathComponent(out).appendingPathComponent(ambitoYear)
                if form == "xml" {
                    try FileManager.default.copyItem(
                        at: folder.appendingPathComponent("xml/plus-export.xml"), to: inbox.appendingPathComponent("\(ambitoYear).xml"))
                } else {
                    try FileManager.default.zipItem(
                        at: folder.appendingPathComponent("datapackage"), to: inbox.appendingPathComponent("\(ambitoYear).zip"))
                }
            }
        }

        /// Every CSV dataset of `ambitoYear` in `out`, by file name (the manifest aside).
        func datasets(_ out: String, _ ambitoYear: String) throws -> [String: Data] {
            let folder = root.appendingPathComponent(out).appendingPathComponent(ambitoYear).appendingPathComponent("csv")
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
                files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
            return files
        }

        /// The validation of `ambitoYear` as counts and the (code, ente, service) of every finding.
        func validation(_ out: String, _ ambitoYear: String) throws -> (counts: [String: Int], findings: [String]) {
            let url = root.appendingPathComponent(out).appendingPathComponent(ambitoYear).appendingPathComponent("validazione.json")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let findings = (report["findings"] as? [[String: Any]] ?? []).map { finding in
                let code = (finding["diagnostic"] as? [String: Any])?["code"] as? String ?? "?"
                return "\(code) \(finding["ente"] as? String ?? "-") \(finding["service"] as? String ?? "-")"
            }
            return (report["counts"] as? [String: Int] ?? [:], findings.sorted())
        }

        /// `plus status --region --year 2019` per Ambito: enti submitted and expected, errors, warnings, total cost.
        func rollup(_ store: String) throws -> [String] {
            let result = try CommandLineTests.run(
                ["status", "--region", "--year", "2019", "--format", "json", "--store", root.appendingPathComponent(store).path])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.output)")
            let lines = try #require(json["lines"] as? [[String: Any]], "\(json.keys)")
            return lines.map { line in
                ["ambito", "entiSubmitted", "entiExpected", "errors", "warnings", "totalCost"].map { "\(line[$0] ?? "-")" }.joined(separator: " ")
            }
        }

        /// Asserts that the Region's run gave every Ambito-year the raw run gave, with the same datasets and validation.
        func expectSame(raw: String, regional: String) throws {
            let ambitoYears = try self.ambitoYears(in: raw)
            #expect(!ambitoYears.isEmpty)
            #expect(try self.ambitoYears(in: regional) == ambitoYears)
            for ambitoYear in ambitoYears {
                let rawData = try datasets(raw, ambitoYear)
                #expect(rawData.count == DatasetCatalog.all.count, "\(ambitoYear)")
                #expect(try datasets(regional, ambitoYear) == rawData, "\(ambitoYear): datasets differ")
                let (rawCounts, rawFindings) = try validation(raw, ambitoYear)
                let (counts, findings) = try validation(regional, ambitoYear)
                #expect(counts == rawCounts, "\(ambitoYear)")
                #expect(findings == rawFindings, "\(ambitoYear)")
            }
        }
    }

    static func verdicts(_ summary: [String: Any]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (summary["perFile"] as? [[String: Any]] ?? []).map {
            ($0["file"] as? String ?? "", $0["verdict"] as? String ?? "")
        })
    }

    /// Runs the sample's raw files once, with the three export forms the tests send.
    static func sampleRawRun(_ trip: RoundTrip) throws -> URL {
        let inbox = try trip.folder("grezzi")
        let sample = Workbench.repository.appendingPathComponent("SampleData")
        for path in ["riferimento/ambiti-sardegna.csv", "riferimento/enti-sardegna.csv", "deliberazioni/dgr-2019.xml"] {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(path), to: inbox.appendingPathComponent((path as NSString).lastPathComponent))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: sample.appendingPathComponent("oristano").path) where name.hasSuffix(".csv") {
            try FileManager.default.copyItem(at: sample.appendingPathComponent("oristano/\(name)"), to: inbox.appendingPathComponent(name))
        }
        let raw = try trip.run(inbox: inbox, out: "out", store: "ambito.sqlite", formats: ["csv", "xml", "datapackage"])
        #expect(raw.status == 0, "\(raw.summary)")
        return inbox.appendingPathComponent("archive")
    }

    @Test(arguments: ["xml", "datapackage"])
    func theSampleRoundTripsThroughItsExports(form: String) throws {
        let trip = try RoundTrip()
        let archive = try Self.sampleRawRun(trip)
        let inbox = try trip.regionalInbox("regione", referenceFrom: archive)
        try trip.sendExports(from: "out", as: form, to: inbox)
        let regional = try trip.run(inbox: inbox, out: "regione-out", store: "regione.sqlite")
        #expect(regional.status == 0, "\(regional.summary)")
        let verdicts = Self.verdicts(regional.summary)
        #expect(verdicts.count == 3 + 25, "\(verdicts)")
        #expect(verdicts.values.allSatisfy { $0 == "accepted" }, "\(verdicts)")
        try trip.expectSame(raw: "out", regional: "regione-out")
        // The Region's roll-up counts as submitted the enti that declared in an export, as the Ambito counted them.
        #expect(try trip.rollup("regione.sqlite") == trip.rollup("ambito.sqlite"))
        // Each export states its own validation, in all three forms.
        let oristano = trip.root.appendingPathComponent("out/OR-2019")
        let xml = try String(contentsOf: oristano.appendingPathComponent("xml/plus-export.xml"), encoding: .utf8)
        #expect(xml.contains("<validazione esito=\"valido\" errori=\"0\""))
        for file in ["datapackage/datapackage.json", "csv/manifest.json"] {
            let json = try String(contentsOf: oristano.appendingPathComponent(file), encoding: .utf8)
            #expect(json.contains("\"outcome\" : \"valido\""), "\(file)")
            #expect(json.contains("\"ambito\" : \"OR\""), "\(file)")
        }
    }

    /// Emilia-Romagna's district: its FRNA statement and its services' co-payment rules reach the
    /// Region, which finds what the district found. Without them the Region saw every FRNA service
    /// without a co-payment rule (R123) and the statement not presented (R124, an error once closed).
    @Test(arguments: ["xml", "datapackage"])
    func theEmiliaRomagnaDistrictRoundTripsWithItsFundStatement(form: String) throws {
        let trip = try RoundTrip()
        let inbox = try trip.folder("grezzi")
        let sample = Workbench.repository.appendingPathComponent("SampleData/emilia-romagna")
        for name in try FileManager.default.contentsOfDirectory(atPath: sample.path) where name.hasSuffix(".csv") {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(name), to: inbox.appendingPathComponent(name))
        }
        let raw = try trip.run(inbox: inbox, out: "out", store: "ambito.sqlite", formats: ["csv", "xml", "datapackage"])
        #expect(raw.status == 0, "\(raw.summary)")
        let statement = try #require(try trip.datasets("out", "CFE-2019")["rendiconti_fondi.csv"])
        #expect(String(decoding: statement, as: UTF8.self).contains(",frna,"), "\(String(decoding: statement, as: UTF8.self))")
        let regionalInbox = try trip.regionalInbox("regione", referenceFrom: inbox.appendingPathComponent("archive"))
        try trip.sendExports(from: "out", as: form, to: regionalInbox)
        let regional = try trip.run(inbox: regionalInbox, out: "regione-out", store: "regione.sqlite")
        #expect(regional.status == 0, "\(regional.summary)")
        try trip.expectSame(raw: "out", regional: "regione-out")
        let (counts, findings) = try trip.validation("regione-out", "CFE-2019")
        #expect(!findings.contains { $0.hasPrefix("R123") || $0.hasPrefix("R124") }, "\(findings)")
        #expect(counts["errors"] == 0 && counts["warnings"] == 0, "\(counts) \(findings)")
        // Both reports show the statement, in the district and at the Region.
        for out in ["out", "regione-out"] {
            let html = try String(contentsOf: trip.root.appendingPathComponent("\(out)/CFE-2019/report.html"), encoding: .utf8)
            #expect(html.contains("<h2>Rendiconti dei fondi</h2>"), "\(out)")
            let start = try #require(html.firstRange(of: #"<tr data-fund="frna">"#), "\(out)")
            let row = String(html[start.lowerBound...]).components(separatedBy: "</tr>")[0]
            for shown in ["<td>FRNA</td>", "3.312.456,78", "245.678,90", "3.430.123,45", "128.012,23", #"<span class="badge good">sì</span>"#, "Rendiconto FRNA approvato dal Comitato di Distretto"] {
                #expect(row.contains(shown), "\(out): \(shown) not in \(row)")
            }
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Workbench.repository.appendingPathComponent("../shared/data/comuni-istat-2011.csv").path)))
    func theGeneratedRegionRoundTripsThroughItsExports() throws {
        let trip = try RoundTrip()
        let generated = trip.root.appendingPathComponent("generato")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Workbench.repository.appendingPathComponent("Benchmarks/generate.py").path, "region", "--services", "4", "--out", generated.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let raw = try trip.run(inbox: generated.appendingPathComponent("inbox"), out: "out", store: "ambito.sqlite", formats: ["csv", "xml"])
        #expect(raw.status == 0)
        let inbox = try trip.folder("regione")
        let archive = generated.appendingPathComponent("inbox/archive")
        for file in try FileManager.default.contentsOfDirectory(atPath: archive.path)
        where (file.hasPrefix("ambiti-") || file.hasPrefix("enti-") || file.hasPrefix("deliberazione") || file.hasPrefix("dgr")) && !file.contains(".ricevuta.") {
            try FileManager.default.copyItem(at: archive.appendingPathComponent(file), to: inbox.appendingPathComponent(file))
        }
        try trip.sendExports(from: "out", as: "xml", to: inbox)
        let regional = try trip.run(inbox: inbox, out: "regione-out", store: "regione.sqlite")
        #expect(regional.status == 0, "\(regional.summary)")
        try trip.expectSame(raw: "out", regional: "regione-out")
    }

    @Test func aSecondExportSupersedesTheFirstAndTheSameBytesAreADuplicate() throws {
        let trip = try RoundTrip()
        let archive = try Self.sampleRawRun(trip)
        let inbox = try trip.regionalInbox("regione", referenceFrom: archive)
        let export = trip.root.appendingPathComponent("out/OR-2019/xml/plus-export.xml")
        try FileManager.default.copyItem(at: export, to: inbox.appendingPathComponent("OR-2019.xml"))
        let first = try trip.run(inbox: inbox, out: "regione-out", store: "regione.sqlite")
        #expect(Self.verdicts(first.summary)["OR-2019.xml"] == "accepted")

        // The same bytes under another name: a duplicate, and the plan does not change.
        try FileManager.default.copyItem(at: export, to: inbox.appendingPathComponent("OR-2019-di-nuovo.xml"))
        let again = try trip.run(inbox: inbox, out: "regione-out", store: "regione.sqlite")
        #expect(Self.verdicts(again.summary) == ["OR-2019-di-nuovo.xml": "duplicate"])
        #expect(again.status == 0)
        let receipt = try String(contentsOf: inbox.appendingPathComponent("archive/OR-2019-di-nuovo.xml.ricevuta.json"), encoding: .utf8)
        #expect(receipt.contains("duplicate"))

        // A corrected export: Cabras now declares 1.00 more for one service; it replaces the first.
        var text = try String(contentsOf: export, encoding: .utf8)
        let original = try #require(text.firstMatch(of: /<confronto ente="comune:095018" servizio="([^"]+)" pianificato="([0-9.]+)" dichiarato="([0-9]+)\.([0-9]{2})"/))
        let raised = "<confronto ente=\"comune:095018\" servizio=\"\(original.1)\" pianificato=\"\(original.2)\" dichiarato=\"\(Int(original.3)! + 1).\(original.4)\""
        text.replaceSubrange(original.range, with: raised)
        try text.write(to: inbox.appendingPathComponent("OR-2019-v2.xml"), atomically: true, encoding: .utf8)
        let second = try trip.run(inbox: inbox, out: "regione-out", store: "regione.sqlite")
        let outcome = try #require((second.summary["perFile"] as? [[String: Any]])?.first)
        #expect(outcome["verdict"] as? String == "accepted")
        let supersedes = try #require(outcome["supersedes"] as? [[String: Any]])
        #expect(supersedes.map { $0["file"] as? String } == ["OR-2019.xml"])
        let comparison = try String(
            contentsOf: trip.root.appendingPathComponent("regione-out/OR-2019/csv/dichiarato_vs_pianificato.csv"), encoding: .utf8)
        #expect(comparison.contains("comune:095018,\(original.1),\(original.2),\(Int(original.3)! + 1).\(original.4),1.00,difforme"))
        // The export claims a valid plan; the Region now finds a difference: both are said.
        let findings = try trip.validation("regione-out", "OR-2019").findings
        #expect(findings.contains { $0.hasPrefix("EXP110") })
        let report = try CommandLineTests.run(
            ["report", "--ambito", "OR", "--year", "2019", "--format", "json", "--store", trip.root.appendingPathComponent("regione.sqlite").path])
        #expect(report.output.contains("EXP110"))
        let validate = try CommandLineTests.run(
            ["validate", "--ambito", "OR", "--year", "2019", "--lang", "en", "--store", trip.root.appendingPathComponent("regione.sqlite").path])
        #expect(validate.output.contains("EXP110"))
        #expect(validate.output.contains("the Region's validation gives"))
    }

    @Test func aTamperedExportIsRefusedWithItsReceiptAndCode() throws {
        let trip = try RoundTrip()
        let archive = try Self.sampleRawRun(trip)
        let inbox = try trip.regionalInbox("regione", referenceFrom: archive)
        var text = try String(contentsOf: trip.root.appendingPathComponent("out/OR-2019/xml/plus-export.xml"), encoding: .utf8)
        let cost = try #require(text.firstMatch(of: /costo_totale="([0-9]+)\.([0-9]{2})"/))
        text.replaceSubrange(cost.range, with: "costo_totale=\"\(cost.1),\(cost.2)\"")
        try text.write(to: inbox.appendingPathComponent("OR-2019.xml"), atomically: true, encoding: .utf8)
        // A Data Package whose CSV was changed after the export: its hash no longer matches.
        let package = trip.root.appendingPathComponent("out/TER-2019/datapackage")
        let servizi = package.appendingPathComponent("servizi.csv")
        try (try String(contentsOf: servizi, encoding: .utf8) + "\n").write(to: servizi, atomically: true, encoding: .utf8)
        try FileManager.default.zipItem(at: package, to: inbox.appendingPathComponent("TER-2019.zip"))

        // The whole region's export is no Ambito's submission.
        let whole = trip.root.appendingPathComponent("regione-intera")
        let exported = try CommandLineTests.run(
            ["export", "--region", "--year", "2019", "--dataset-format", "xml", "--out", whole.path,
             "--store", trip.root.appendingPathComponent("ambito.sqlite").path])
        #expect(exported.status == 0, "\(exported.output)")
        try FileManager.default.copyItem(at: whole.appendingPathComponent("plus-export.xml"), to: inbox.appendingPathComponent("regione-2019.xml"))

        let result = try trip.run(inbox: inbox, out: "regione-out", store: "regione.sqlite")
        #expect(result.status == 2)
        #expect(Self.verdicts(result.summary)["regione-2019.xml"] == "rejected")
        let wholeReceipt = try String(contentsOf: inbox.appendingPathComponent("rejected/regione-2019.xml.ricevuta.json"), encoding: .utf8)
        #expect(wholeReceipt.contains("EXP102"))
        let verdicts = Self.verdicts(result.summary)
        #expect(verdicts["OR-2019.xml"] == "rejected")
        #expect(verdicts["TER-2019.zip"] == "rejected")
        let receipt = try String(contentsOf: inbox.appendingPathComponent("rejected/OR-2019.xml.ricevuta.json"), encoding: .utf8)
        #expect(receipt.contains("EXP101"))
        #expect(receipt.contains("costo_totale"))
        let text2 = try String(contentsOf: inbox.appendingPathComponent("rejected/OR-2019.xml.ricevuta.txt"), encoding: .utf8)
        #expect(text2.contains("EXP101"))
        let packageReceipt = try String(contentsOf: inbox.appendingPathComponent("rejected/TER-2019.zip.ricevuta.json"), encoding: .utf8)
        #expect(packageReceipt.contains("EXP103"))
        #expect(packageReceipt.contains("servizi.csv"))
        // Nothing of either reached the plan.
        let orServizi = trip.root.appendingPathComponent("regione-out/OR-2019/csv/servizi.csv")
        let planned = FileManager.default.fileExists(atPath: orServizi.path) ? try String(contentsOf: orServizi, encoding: .utf8) : ""
        #expect(planned.split(separator: "\n").count <= 1)
    }

    @Test func aPackageWhoseValueItsColumnCannotHoldIsRefusedEvenWithItsHashesMended() throws {
        let trip = try RoundTrip()
        let archive = try Self.sampleRawRun(trip)
        let inbox = try trip.regionalInbox("regione", referenceFrom: archive)
        // The CSV changed and the descriptor's size and hash changed with it: only the value tells.
        let package = trip.root.appendingPathComponent("out/OR-2019/datapackage")
        let servizi = package.appendingPathComponent("servizi.csv")
        let changed = Data(try String(contentsOf: servizi, encoding: .utf8).replacingOccurrences(of: ",sociale,", with: ",ricreativo,").utf8)
        try changed.write(to: servizi)
        let descriptorURL = package.appendingPathComponent("datapackage.json")
        var descriptor = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: descriptorURL)) as? [String: Any])
        descriptor["resources"] = (descriptor["resources"] as? [[String: Any]] ?? []).map { resource in
            guard resource["path"] as? String == "servizi.csv" else { return resource }
            var mended = resource
            mended["hash"] = "sha256:" + Checksum.sha256(changed)
            mended["bytes"] = changed.count
            return mended
        }
        try JSONSerialization.data(withJSONObject: descriptor).write(to: descriptorURL)
        try FileManager.default.zipItem(at: package, to: inbox.appendingPathComponent("OR-2019.zip"))

        let result = try trip.run(inbox: inbox, out: "regione-out", store: "regione.sqlite")
        #expect(result.status == 2)
        #expect(Self.verdicts(result.summary)["OR-2019.zip"] == "rejected")
        let receipt = try String(contentsOf: inbox.appendingPathComponent("rejected/OR-2019.zip.ricevuta.json"), encoding: .utf8)
        #expect(receipt.contains("EXP104"))
        #expect(receipt.contains("tipologia"))
        #expect(receipt.contains("ricreativo"))
    }
}
