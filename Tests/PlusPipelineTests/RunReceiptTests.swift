import Foundation
import PlusModel
import Testing
@testable import PlusPipeline

/// `plus run` through the real binary: nothing a Comune sent is dropped or replaced without a word.
@Suite("plus run tells the truth", .serialized)
struct RunReceiptTests {
    /// Cabras's sheet re-saved by a spreadsheet in English: dot decimals, and the one amount
    /// without decimals still reads. A formula in a description travels into the scarti file.
    static let dotDecimalCabras = """
        Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note
        095018;2019;SAD;Servizio di assistenza domiciliare;18226.71;
        095018;2019;SET-MIN;=1+2;4120.86;
        095018;2019;CDD;Centro diurno disabili;11485.16;
        095018;2019;UDP;Ufficio di Piano;916.67;
        095018;2019;TRASP;Trasporto sociale disabili;1500;

        """

    static func json(_ output: String) throws -> [String: Any] {
        let line = try #require(output.split(separator: "\n").last { $0.hasPrefix("{") })
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func perFile(_ summary: [String: Any], _ name: String) throws -> [String: Any] {
        let files = try #require(summary["perFile"] as? [[String: Any]])
        return try #require(files.first { $0["file"] as? String == name })
    }

    static func put(_ text: String, _ name: String, in bench: Workbench, modified: Date? = nil) throws {
        let url = bench.inbox.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path) }
    }

    func run(_ bench: Workbench, _ extra: [String] = []) throws -> (status: Int32, output: String) {
        try CommandLineTests.run(
            ["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", bench.root.appendingPathComponent("plus.sqlite").path,
             "--out", bench.out.path, "--export-format", "json"] + extra)
    }

    @Test func rejectedRowsShowInExitCodeSummaryLogStatusValidationAndScarti() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let name = "comune-cabras-scheda-2019.csv"
        try FileManager.default.removeItem(at: bench.inbox.appendingPathComponent(name))
        try Self.put(Self.dotDecimalCabras, name, in: bench)
        let result = try run(bench)
        #expect(result.status == 1)
        let summary = try Self.json(result.output)
        #expect(summary["exitCode"] as? Int == 1)
        #expect(summary["rowsRejected"] as? Int == 4)
        let cabras = try Self.perFile(summary, name)
        #expect(cabras["mapping"] as? String == "comune-scheda")
        #expect(cabras["rowsRead"] as? Int == 5 && cabras["rowsAccepted"] as? Int == 1 && cabras["rowsRejected"] as? Int == 4)
        #expect(cabras["verdict"] as? String == "accepted-with-rejections")
        #expect(try Self.perFile(summary, "comune-allai-scheda-2019.csv")["verdict"] as? String == "accepted")
        // The log line says how many rows and why.
        #expect(result.output.contains("importato «\(name)» (comune-scheda): 4 righe scartate su 5"), "\(result.output)")
        #expect(result.output.contains("CSV2"))

        // The scarti file: Italian dialect, original cells, line, column letter, reason.
        let scarti = try Data(contentsOf: bench.inbox.appendingPathComponent("archive/\(name).scarti.csv"))
        #expect(Array(scarti.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: scarti.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note;riga;colonna;motivo"))
        // csv-it quotes every text cell (README, Exports): the sheet's cells stay text, 095018 keeps its zero.
        #expect(lines[1].hasPrefix("\"095018\";\"2019\";\"SAD\";\"Servizio di assistenza domiciliare\";\"18226.71\";\"\";2;\"E\";"))
        // A cell from outside that a spreadsheet would run is written as text.
        #expect(lines[2].contains(";\"'=1+2\";") && !lines[2].contains("\"=1+2\""))

        // Validation, then status, say the plan is missing rows.
        let store = bench.root.appendingPathComponent("plus.sqlite").path
        let validate = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(validate.status == 1)
        #expect(validate.output.contains("R304") && validate.output.contains(name) && validate.output.contains("4 righe scartate"))
        let status = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(status.output.contains("\(name)") && status.output.contains("4 righe scartate"))
        #expect(!status.output.contains("in regola"))
        let statusJSON = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "json"])
        let reports = try #require((try JSONSerialization.jsonObject(with: Data(statusJSON.output.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        let enti = try #require(reports.first?["enti"] as? [[String: Any]])
        #expect(enti.first { $0["ente"] as? String == "comune:095018" }?["rowsRejected"] as? Int == 4)
        #expect(enti.first { $0["ente"] as? String == "comune:095005" }?["rowsRejected"] as? Int == 0)

        // The corrected sheet replaces it: nothing missing any more, the Ambito is in order again.
        try bench.drop("oristano/\(name)", as: "comune-cabras-scheda-2019-corretta.csv")
        let corrected = try run(bench)
        #expect(corrected.status == 0, "\(corrected.output)")
        #expect(try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store]).status == 0)
        let after = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(after.output.contains("in regola") && !after.output.contains("righe scartate"))
    }

    @Test func everyFileGetsAReceiptBesideItWrittenBeforeItMoves() throws {
        let bench = try Workbench()
        try bench.drop("riferimento/ambiti-sardegna.csv")
        try bench.drop("oristano/comune-cabras-scheda-2019.csv")
        try Self.put("colonna;altra\n1;2\n", "sconosciuto.csv", in: bench)
        let result = try run(bench)
        #expect(result.status == 2)
        let archived = bench.inbox.appendingPathComponent("archive/comune-cabras-scheda-2019.csv")
        let receipt = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Receipt.urls(beside: archived).json)) as? [String: Any])
        #expect(receipt["sha256"] as? String == (try Checksum.sha256(fileAt: archived)))
        #expect(receipt["mapping"] as? String == "comune-scheda")
        #expect(receipt["verdict"] as? String == "accepted")
        #expect(receipt["rowsRead"] as? Int == 5)
        let time = try #require(receipt["receivedAt"] as? String)
        #expect(time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"#, options: .regularExpression) != nil)
        let text = try String(contentsOf: Receipt.urls(beside: archived).text, encoding: .utf8)
        #expect(text.contains("Ricevuta di «comune-cabras-scheda-2019.csv»: accettato"))
        #expect(text.contains("Righe lette 5, accettate 5, scartate 0"))
        // No rows rejected: no scarti file.
        #expect(!FileManager.default.fileExists(atPath: Receipt.urls(beside: archived).rejectedRows.path))
        // A refused file keeps its .reason and gets a receipt too.
        let refused = bench.inbox.appendingPathComponent("rejected/sconosciuto.csv")
        #expect(FileManager.default.fileExists(atPath: refused.path + ".reason"))
        let refusal = try String(contentsOf: Receipt.urls(beside: refused).text, encoding: .utf8)
        #expect(refusal.contains("non riconosciuto") && refusal.contains("nessuna mappatura"))

        // A run killed after the receipts but before the move: the next run writes them again.
        try bench.drop("oristano/comune-allai-scheda-2019.csv")
        let waiting = bench.inbox.appendingPathComponent("comune-allai-scheda-2019.csv")
        let planned = InboxFolder(url: bench.inbox).destination(of: waiting, rejected: false, sha256: try Checksum.sha256(fileAt: waiting))
        try Data("{}".utf8).write(to: Receipt.urls(beside: planned).json)
        #expect(try run(bench).status != 2)
        let rewritten = try String(contentsOf: Receipt.urls(beside: planned).json, encoding: .utf8)
        #expect(rewritten.contains("\"verdict\" : \"accepted\""))
    }

    /// Milis's officer sends the sheet made from Cabras's template, with Cabras's code still in its
    /// rows: the file is recorded as Cabras's (the rows say so), and its receipt says whose sheet
    /// it was recorded as, by name, and warns that its name says Milis (`RUN012`), where before it
    /// said only "accettato". The sample's other sheets, named after their own Comuni, are not warned.
    @Test func theReceiptSaysWhoseSheetTheFileWasRecordedAs() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try FileManager.default.removeItem(at: bench.inbox.appendingPathComponent("comune-milis-scheda-2019.csv"))
        try Self.put(Self.dotDecimalCabras.replacingOccurrences(of: "=1+2", with: "Educativa"), "comune-milis-scheda-2019.csv", in: bench)
        let result = try run(bench)
        #expect(result.status <= 1, "\(result.output.suffix(1_000))")
        let text = try String(
            contentsOf: Receipt.urls(beside: bench.inbox.appendingPathComponent("archive/comune-milis-scheda-2019.csv")).text, encoding: .utf8)
        #expect(text.contains("Scheda di Cabras (comune:095018) per il 2019."), "\(text)")
        let own = try String(
            contentsOf: Receipt.urls(beside: bench.inbox.appendingPathComponent("archive/comune-allai-scheda-2019.csv")).text, encoding: .utf8)
        #expect(own.contains("Scheda di Allai (comune:095005) per il 2019."), "\(own)")
        let summary = try Self.json(result.output)
        let line = try Self.perFile(summary, "comune-milis-scheda-2019.csv")
        #expect(line["enteName"] as? String == "Cabras" && line["ente"] as? String == "comune:095018")
        // Named after Milis, holding Cabras's rows: RUN012 in the receipt and the summary, and only there.
        #expect(text.contains("Avviso RUN012: il nome del file indica il Comune di Milis, le righe sono del Comune di Cabras (comune:095018)"), "\(text)")
        let codes = (line["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("RUN012"), "\(line)")
        let warned = (summary["perFile"] as? [[String: Any]] ?? []).filter {
            (($0["warnings"] as? [[String: Any]]) ?? []).contains { $0["code"] as? String == "RUN012" }
        }
        #expect(warned.compactMap { $0["file"] as? String } == ["comune-milis-scheda-2019.csv"])
        #expect(result.output.contains("RUN012"))
        // An act has no ente: its receipt names none.
        let act = try String(contentsOf: Receipt.urls(beside: bench.inbox.appendingPathComponent("archive/dgr-2019.xml")).text, encoding: .utf8)
        #expect(!act.contains("Scheda di"))
    }

    /// The log of `plus run` is where the person running the nightly job looks: every line in the
    /// run's language, Italian unless `--lang en`, the same events in both.
    @Test(arguments: [Language.it, .en])
    func theRunsLogSpeaksTheRunsLanguage(language: Language) throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let name = "comune-cabras-scheda-2019.csv"
        try FileManager.default.removeItem(at: bench.inbox.appendingPathComponent(name))
        try Self.put(Self.dotDecimalCabras, name, in: bench)
        try Self.put("colonna;altra\n1;2\n", "sconosciuto.csv", in: bench)
        let result = try run(bench, ["--log-level", "info", "--lang", language.rawValue])
        let log = result.output.split(separator: "\n").filter { !$0.hasPrefix("{") }.joined(separator: "\n")
        let expected: [String] = switch language {
        case .it: [
            "importato «\(name)» (comune-scheda): 4 righe scartate su 5: ",
            "«sconosciuto.csv» rifiutato: ",
            "importato «comune-allai-scheda-2019.csv» (comune-scheda)",
            "validato OR 2019: ",
        ]
        case .en: [
            "imported \(name) (comune-scheda): 4 of 5 rows rejected: ",
            "rejected sconosciuto.csv: ",
            "imported comune-allai-scheda-2019.csv (comune-scheda)",
            "validated OR 2019: ",
        ]
        }
        for line in expected { #expect(log.contains(line), "\(line) in\n\(log)") }
        // No line in the other language's words.
        let other: [String] = language == .it ? ["imported ", "rejected ", "validated ", " rows "] : ["importato ", "rifiutato", "validato ", " righe "]
        for word in other { #expect(!log.contains(word), "\(word) in\n\(log)") }
    }

    @Test func aReceiptThatCannotBeWrittenIsLoggedAndTheFileStillMoves() throws {
        let bench = try Workbench()
        // 245 bytes: the name and its .reason fit in a file name of 255 bytes, the receipt's
        // longer suffixes (.ricevuta.json, .ricevuta.txt) do not.
        let name = String(repeating: "x", count: 241) + ".csv"
        try Self.put("colonna;altra\n1;2\n", name, in: bench)
        let result = try run(bench)
        #expect(result.status == 2)
        #expect(result.output.contains("impossibile scrivere la ricevuta di «\(name)»"), "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: bench.inbox.appendingPathComponent("rejected/\(name)").path))
    }

    @Test func aGuttedNewVersionIsStoredButReportedAndTheHistoryShowsEveryVersion() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        #expect(try run(bench).status == 0)
        // The new version drops three services and most of the money.
        try Self.put("""
            Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note
            095018;2019;UDP;Ufficio di Piano;916,67;
            095018;2019;TRASP;Trasporto sociale disabili;1.500,00;

            """, "comune-cabras-scheda-2019-v2.csv", in: bench)
        let result = try run(bench)
        let summary = try Self.json(result.output)
        let version = try Self.perFile(summary, "comune-cabras-scheda-2019-v2.csv")
        let warnings = try #require(version["warnings"] as? [[String: Any]])
        let shrink = try #require(warnings.first { $0["code"] as? String == "RUN010" })
        let message = try #require((shrink["message"] as? [String: String])?["it"])
        #expect(message.contains("SAD") && message.contains("SET-MIN") && message.contains("CDD"))
        #expect(message.contains("comune-cabras-scheda-2019.csv"))
        #expect(summary["warnings"] as? Int == 1)
        let replaced = try #require(version["supersedes"] as? [[String: Any]])
        #expect(replaced.first?["file"] as? String == "comune-cabras-scheda-2019.csv")
        #expect(result.output.contains("RUN010"))
        let receipt = try String(contentsOf: Receipt.urls(beside: bench.inbox.appendingPathComponent("archive/comune-cabras-scheda-2019-v2.csv")).text, encoding: .utf8)
        #expect(receipt.contains("Avviso RUN010") && receipt.contains("Sostituisce «comune-cabras-scheda-2019.csv»"))

        // Only a drop in the total, beyond the share allowed.
        try Self.put("""
            Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note
            095018;2019;UDP;Ufficio di Piano;916,67;
            095018;2019;TRASP;Trasporto sociale disabili;100,00;

            """, "comune-cabras-scheda-2019-v3.csv", in: bench)
        let lenient = try Self.json(try run(bench, ["--max-shrink", "95"]).output)
        #expect((try Self.perFile(lenient, "comune-cabras-scheda-2019-v3.csv")["warnings"] as? [Any])?.isEmpty == true)

        let history = try CommandLineTests.run(
            ["status", "--ambito", "OR", "--year", "2019", "--history", "--store", bench.root.appendingPathComponent("plus.sqlite").path])
        for file in ["comune-cabras-scheda-2019.csv", "comune-cabras-scheda-2019-v2.csv", "comune-cabras-scheda-2019-v3.csv"] {
            #expect(history.output.contains(" \(file) ["), "\(history.output)")
        }
        #expect(history.output.contains("[sostituita]") && history.output.contains("[accettata]"))
    }

    @Test func aCorrectionThatArrivedLaterWinsWhateverItsName() throws {
        let bench = try Workbench()
        try bench.drop("riferimento/ambiti-sardegna.csv")
        let original = try String(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/comune-cabras-scheda-2019.csv"), encoding: .utf8)
        try Self.put(original, "comune-cabras-scheda-2019.csv", in: bench, modified: Date(timeIntervalSinceNow: -3_600))
        // Sorts before the original by name, but arrived an hour later.
        try Self.put(original.replacingOccurrences(of: "18.226,71", with: "18.300,00"), "comune-cabras-2019-rettifica.csv", in: bench)
        let result = try run(bench)
        let summary = try Self.json(result.output)
        #expect(try Self.perFile(summary, "comune-cabras-scheda-2019.csv")["verdict"] as? String == "superseded")
        let correction = try Self.perFile(summary, "comune-cabras-2019-rettifica.csv")
        #expect(correction["verdict"] as? String == "accepted")
        let notice = try #require((correction["warnings"] as? [[String: Any]])?.first { $0["code"] as? String == "RUN011" })
        let message = try #require((notice["message"] as? [String: String])?["it"])
        #expect(message.contains("comune-cabras-scheda-2019.csv") && message.contains("comune-cabras-2019-rettifica.csv"))
        #expect(result.output.contains("RUN011"))
        let status = try CommandLineTests.run(
            ["status", "--ambito", "OR", "--year", "2019", "--store", bench.root.appendingPathComponent("plus.sqlite").path, "--format", "json"])
        let reports = try #require((try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        let enti = try #require(reports.first?["enti"] as? [[String: Any]])
        #expect(enti.first { $0["ente"] as? String == "comune:095018" }?["file"] as? String == "comune-cabras-2019-rettifica.csv")
    }

    @Test func anInboxOfOneAmbitoRefusesAnotherAmbitosSheet() throws {
        let bench = try Workbench()
        try bench.drop("riferimento/ambiti-sardegna.csv")
        try bench.drop("oristano/comune-cabras-scheda-2019.csv")
        try Self.put("Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n092009;2019;SAD;1.000,00\n", "comune-cagliari-scheda-2019.csv", in: bench)
        let result = try run(bench, ["--ambito", "OR"])
        #expect(result.status == 2)
        let summary = try Self.json(result.output)
        #expect(try Self.perFile(summary, "comune-cabras-scheda-2019.csv")["verdict"] as? String == "accepted")
        let cagliari = try Self.perFile(summary, "comune-cagliari-scheda-2019.csv")
        #expect(cagliari["verdict"] as? String == "rejected")
        let refused = bench.inbox.appendingPathComponent("rejected/comune-cagliari-scheda-2019.csv")
        let reason = try String(contentsOf: URL(fileURLWithPath: refused.path + ".reason"), encoding: .utf8)
        #expect(reason.contains("RUN020") && reason.contains("comune:092009") && reason.contains("OR"))
        #expect(FileManager.default.fileExists(atPath: Receipt.urls(beside: refused).json.path))
        #expect(result.output.contains("RUN020"))
        // Not filed in any Ambito: the store holds no submission of it.
        let store = bench.root.appendingPathComponent("plus.sqlite").path
        let status = try CommandLineTests.run(["status", "--ambito", "CAG", "--year", "2019", "--store", store])
        #expect(!status.output.contains("comune-cagliari-scheda-2019.csv"))
    }
}

@Suite("Receipt pieces: column letters, times, what a new version lost")
struct ReceiptPieceTests {
    @Test(arguments: [(0, "A"), (4, "E"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
    func columnLetters(index: Int, letters: String) {
        #expect(SpreadsheetColumn.letters(index) == letters)
    }

    @Test func timesCarryTheirOffset() {
        let date = Date(timeIntervalSince1970: 1_551_737_405)   // 2019-03-04 22:10:05 UTC
        #expect(ReceiptTime.string(date, timeZone: TimeZone(identifier: "Europe/Rome")!) == "2019-03-04T23:10:05+01:00")
        #expect(ReceiptTime.string(date, timeZone: TimeZone(identifier: "UTC")!) == "2019-03-04T22:10:05+00:00")
    }

    static func declaration(_ service: String, _ euros: Int64) -> CanonicalRecord {
        .declaration(Declaration(ente: EnteRef(comune: "095018"), year: 2019, service: service, amount: Money(euros: euros)))
    }

    @Test func aNewVersionThatDropsServicesOrShrinksIsALoss() {
        let previous = [Self.declaration("SAD", 1_000), Self.declaration("UDP", 1_000)]
        let dropped = VersionComparison(previous: previous, current: [Self.declaration("UDP", 1_500)], maxShrinkPercent: 50)
        #expect(dropped.disappeared == ["SAD"] && !dropped.shrank)
        #expect(dropped.notice(previousFile: "a.csv")?.code == "RUN010")
        let halved = VersionComparison(previous: previous, current: [Self.declaration("SAD", 500), Self.declaration("UDP", 499)], maxShrinkPercent: 50)
        #expect(halved.disappeared.isEmpty && halved.shrank)
        let exactlyHalf = VersionComparison(previous: previous, current: [Self.declaration("SAD", 500), Self.declaration("UDP", 500)], maxShrinkPercent: 50)
        #expect(!exactlyHalf.isLoss && exactlyHalf.notice(previousFile: "a.csv") == nil)
    }
}
