import Foundation
import Testing
import ZIPFoundation
@testable import PlusPipeline

/// What `plus import` and `plus run` say of sheets that are empty, gutted, full of errors,
/// written with English settings or holding personal data: the same verdict from both.
@Suite("Import verdicts through the plus command line")
struct ImportVerdictCommandLineTests {
    static let header = "Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note\n"

    /// A Comune sheet: `good` rows, then `bad` rows whose amount is not a number, then `extra` lines.
    static func sheet(good: Int, bad: Int, extra: [String] = []) -> String {
        var text = header
        for index in 0..<good { text += "095018;2019;S\(index);Servizio;\(index + 1),00;\n" }
        for index in 0..<bad { text += "095018;2019;B\(index);Servizio;x\(index);\n" }
        return text + extra.map { $0 + "\n" }.joined()
    }

    static func write(_ text: String, named name: String, in folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    static func json(_ output: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    /// Runs the inbox holding only reference data and `sheet`; the run's status and whether the sheet went to `rejected/`.
    static func run(_ sheet: String, named name: String = "comune-cabras-scheda-2019.csv", extra: [String] = []) throws -> (bench: Workbench, status: Int32, output: String, rejected: Bool) {
        let bench = try Workbench()
        try bench.drop("riferimento/ambiti-sardegna.csv")
        try bench.drop("riferimento/enti-sardegna.csv")
        _ = try write(sheet, named: name, in: bench.inbox)
        let store = bench.root.appendingPathComponent("cli.sqlite").path
        let result = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path] + extra)
        let rejectedFolder = bench.inbox.appendingPathComponent("rejected").path
        let rejected = ((try? FileManager.default.contentsOfDirectory(atPath: rejectedFolder)) ?? []).contains { $0.hasPrefix(name.replacingOccurrences(of: ".csv", with: "")) }
        return (bench, result.status, result.output, rejected)
    }

    /// A store holding Sardinia's reference data alone, made by `plus run`, with its workbench.
    static func referenceStore() throws -> (bench: Workbench, store: String) {
        let bench = try Workbench()
        try bench.drop("riferimento/ambiti-sardegna.csv")
        try bench.drop("riferimento/enti-sardegna.csv")
        let store = bench.root.appendingPathComponent("cli.sqlite").path
        let made = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path])
        #expect(made.status == 0, "\(made.output)")
        return (bench, store)
    }

    /// `plus import` reads a split's enti by name through a store's reference data (`--store`,
    /// `--ambito`), so that it gives the verdict `plus run` gives; without one it says where names
    /// are read, and with one it says that no ente of the Ambito has a name it does not know.
    @Test func importReadsEntiByNameThroughAStore() throws {
        let (bench, store) = try Self.referenceStore()
        let named = try InboxRunTests.namedSplit()
        let split = try Self.write(named, named: "capofila-riparto-2019.csv", in: bench.root.appendingPathComponent("sent")).path

        let alone = try CommandLineTests.run(["import", split])
        #expect(alone.status == 2 && alone.output.contains("CSV209") && alone.output.contains("plus import --store"), "\(alone.output)")
        for extra in [[], ["--mapping", "capofila-riparto"], ["--ambito", "OR"]] {
            let read = try CommandLineTests.run(["import", split, "--store", store, "--format", "json"] + extra)
            #expect(read.status == 0, "\(extra): \(read.output)")
            let counts = try Self.json(read.output)
            #expect(counts["rowsAccepted"] as? Int == 123 && counts["rowsRejected"] as? Int == 0, "\(extra)")
            #expect(read.output.contains("CSV211"))
        }
        // One name misspelt: its rows alone are rejected, and the message says the Ambito has no such ente.
        let misspelt = try Self.write(named.replacingOccurrences(of: ";Cabras;", with: ";Cabrass;"), named: "capofila-riparto-2019.csv", in: bench.root.appendingPathComponent("misspelt")).path
        let one = try CommandLineTests.run(["import", misspelt, "--store", store, "--lang", "en"])
        #expect(one.status == 1 && one.output.contains("'Cabrass' in Ente does not identify an ente") && one.output.contains("none is called that"), "\(one.output)")
        // --ambito needs the store, and the store must know it.
        #expect(try CommandLineTests.run(["import", split, "--ambito", "OR"]).status == 64)
        let unknown = try CommandLineTests.run(["import", split, "--store", store, "--ambito", "XX"])
        #expect(unknown.status == 64 && unknown.output.contains("XX"))
        // Nothing is stored: the store holds the two reference files and no split.
        let status = try CommandLineTests.run(["status", "--store", store, "--format", "json"])
        #expect(status.status == 0 && !status.output.contains("capofila-riparto"), "\(status.output)")
    }

    @Test func countsAreExactAndALongListIsCapped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-counts-\(UUID().uuidString)")
        let file = try Self.write(Self.sheet(good: 7, bad: 1_500), named: "comune-cabras-scheda-2019.csv", in: folder).path
        let tolerated = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda", "--max-rejected", "2000", "--format", "json"])
        #expect(tolerated.status == 1)
        let counts = try Self.json(tolerated.output)
        #expect(counts["rowsRead"] as? Int == 1_507)
        #expect(counts["rowsAccepted"] as? Int == 7)
        #expect(counts["rowsRejected"] as? Int == 1_500)
        #expect((counts["rejectedRows"] as? [Any])?.count == 1_500)

        let limited = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda", "--lang", "en"])
        #expect(limited.status == 2)
        #expect(limited.output.contains("REJECTED"))
        #expect(limited.output.contains("CSV032: 1500 rejected rows exceed the limit of 1000"))
        #expect(limited.output.contains("507 rejected rows are not listed (the first 1000 are)"))
        // The diagnostics of one code are capped too, and the text says how many more there were.
        #expect(limited.output.contains("CSV090"))
        let limitedJSON = try Self.json(try CommandLineTests.run(["import", file, "--mapping", "comune-scheda", "--format", "json"]).output)
        #expect(limitedJSON["rowsRejected"] as? Int == 1_507)
        #expect(limitedJSON["rejectedRowsNotListed"] as? Int == 507)
        #expect((limitedJSON["rejectedRows"] as? [Any])?.count == 1_000)

        let negative = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda", "--max-rejected", "-1"])
        #expect(negative.status == 64)
    }

    @Test func runRejectsAFilePastTheLimitWhole() throws {
        let sheet = Self.sheet(good: 5, bad: 20)
        let tolerated = try Self.run(sheet)
        #expect(!tolerated.rejected)
        let limited = try Self.run(sheet, extra: ["--max-rejected", "10"])
        #expect(limited.status == 2)
        #expect(limited.rejected)
    }

    @Test(arguments: [
        ("header-only", ImportVerdictCommandLineTests.header, "CSV030", "nessuna riga di dati", "no data row"),
        ("blank-rows", ImportVerdictCommandLineTests.header + ";;;;;\n\n", "CSV030", "nessuna riga di dati", "no data row"),
        ("all-bad", ImportVerdictCommandLineTests.sheet(good: 0, bad: 3), "CSV031", "Nessuna riga di dati è stata accettata (righe lette: 3;", "No data row was accepted (rows read: 3;"),
    ])
    func anEmptyOrGuttedSheetIsRejectedByImportAndRun(name: String, text: String, code: String, italian: String, english: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-empty-\(UUID().uuidString)")
        let file = try Self.write(text, named: "comune-cabras-scheda-2019.csv", in: folder).path
        let it = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda"])
        #expect(it.status == 2, "\(name)")
        #expect(it.output.contains(code) && it.output.contains(italian), "\(name): \(it.output)")
        let en = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda", "--lang", "en"])
        #expect(en.status == 2)
        #expect(en.output.contains(english), "\(name): \(en.output)")
        let run = try Self.run(text)
        #expect(run.status == 2, "\(name): \(run.output)")
        #expect(run.rejected, "\(name)")
    }

    @Test func personalDataIsRefusedAndNeverKept() throws {
        let secrets = ["RSSMRA80A01H501U", "IT60X0542811101000000123456", "mario.rossi@comune.cabras.or.it", "333 1234567"]
        let sheet = Self.sheet(good: 3, bad: 0, extra: [
            "095018;2019;P1;Servizio;10,00;beneficiario RSSMRA80A01H501U",
            "095018;2019;P2;Servizio;10,00;IBAN IT60X0542811101000000123456",
            "095018;2019;P3;Referente mario.rossi@comune.cabras.or.it;10,00;",
            "095018;2019;P4;Servizio;10,00;cell. 333 1234567",
        ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-privacy-\(UUID().uuidString)")
        let file = try Self.write(sheet, named: "comune-cabras-scheda-2019.csv", in: folder).path
        let text = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda", "--lang", "en"])
        #expect(text.status == 1)
        for code in ["CSV301", "CSV302", "CSV303", "CSV304"] { #expect(text.output.contains(code), "\(code)") }
        #expect(text.output.contains("[Note] error CSV301: Cell Note holds a codice fiscale (check character verified) ('RSS************U')"))
        let json = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda", "--format", "json"])
        for secret in secrets {
            #expect(!text.output.contains(secret) && !json.output.contains(secret), "\(secret) echoed")
        }

        let run = try Self.run(sheet)
        #expect(run.status == 1, "\(run.output)")
        for secret in secrets { #expect(!run.output.contains(secret), "\(secret) logged") }
        // Nothing of the values reached the store, its journal or the archived receipt folder but the file itself.
        let stored = try FileManager.default.contentsOfDirectory(at: run.bench.root, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("cli.sqlite") }
        #expect(!stored.isEmpty)
        for url in stored {
            let bytes = try Data(contentsOf: url)
            for secret in secrets { #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in \(url.lastPathComponent)") }
        }
    }

    @Test func aSheetResavedInEnglishIsNamedWithTheFix() throws {
        let english = [
            "Codice ISTAT,Anno,Cod. servizio,Descrizione intervento,Quota comunale (€),Note",
            "095018,2019,SAD,Servizio di assistenza domiciliare,18226.71,",
            "095018,2019,SET-MIN,Servizio educativo territoriale minori,4120.86,",
            "095018,2019,CDD,\"Centro diurno disabili \"\"Il Girasole\"\"\",11485.16,",
            "095018,2019,UDP,Ufficio di Piano,916.67,",
            "095018,2019,TRASP,Trasporto sociale disabili,1500,",
        ].map { $0 + "\n" }.joined()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-english-\(UUID().uuidString)")
        let file = try Self.write(english, named: "comune-cabras-scheda-2019.csv", in: folder).path
        let it = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda"])
        #expect(it.status == 1)
        #expect(it.output.contains("righe lette 5, accettate 1, scartate 4"))
        #expect(it.output.contains("CSV040: Gli importi sembrano scritti con il punto decimale"))
        #expect(it.output.contains("`decimal: dot`"))
        let en = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda", "--lang", "en"])
        #expect(en.output.contains("the amounts look written with a dot decimal, e.g. 1234.56") || en.output.contains("The amounts look written with a dot decimal, e.g. 1234.56"))
    }

    @Test func aSheetWithTitleRowsIsRecognisedAndReadWithAWarning() throws {
        let titled = "PIANO LOCALE UNITARIO DEI SERVIZI - SCHEDA COMUNE;;;;;\n;;;;;\n" + Self.sheet(good: 2, bad: 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-title-\(UUID().uuidString)")
        let file = try Self.write(titled, named: "comune-cabras-scheda-2019.csv", in: folder).path
        // Recognised as `plus run` recognises it (the title row alone fits no mapping), and with the mapping named.
        for extra in [[], ["--mapping", "comune-scheda"]] {
            let result = try CommandLineTests.run(["import", file, "--lang", "en"] + extra)
            #expect(result.status == 0, "\(extra): \(result.output)")
            #expect(result.output.contains("accepted (comune-scheda v1)"))
            #expect(result.output.contains("rows read 2, accepted 2, rejected 0"))
            #expect(result.output.contains("warning CSV041: The header is on line 3 (row 3 of the sheet) instead of row 1"))
        }
        // The nightly job takes it too, and tells the sender in the receipt.
        let run = try Self.run(titled)
        #expect(!run.rejected, "\(run.output)")
        let receipt = try String(contentsOf: run.bench.inbox.appendingPathComponent("archive/comune-cabras-scheda-2019.csv.ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("CSV041"), "\(receipt)")
        #expect(receipt.contains("le righe sopra sono lette come titolo e non importate"))
        // And in the run's log, at warning level, though every row was taken.
        #expect(run.output.contains("warning plus.run: [PlusPipeline] importato «comune-cabras-scheda-2019.csv» (comune-scheda), con avvisi: "), "\(run.output)")
        // And where the person looks afterwards: the Ambito-year's report and `plus status`.
        let report = try String(contentsOf: run.bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        // Each warning named by its title: a person reads what happened, not a code to look up.
        #expect(report.contains("<span class=\"badge warn\">accettato, con avvisi: Intestazione sotto un titolo (CSV041)</span>"), "\(report)")
        let store = run.bench.root.appendingPathComponent("cli.sqlite").path
        let status = try CommandLineTests.run(["status", "--store", store, "--ambito", "OR", "--year", "2019"])
        #expect(status.output.contains("comune-cabras-scheda-2019.csv") && status.output.contains("— avvisi: Intestazione sotto un titolo (CSV041)"), "\(status.output)")
        let english = try CommandLineTests.run(["status", "--store", store, "--ambito", "OR", "--year", "2019", "--lang", "en"])
        #expect(english.output.contains("— warnings: Header below a title (CSV041)"), "\(english.output)")
        let json = try Self.json(try CommandLineTests.run(["status", "--store", store, "--ambito", "OR", "--year", "2019", "--format", "json"]).output)
        let enti = try #require(((json["items"] as? [[String: Any]])?.first ?? json)["enti"] as? [[String: Any]])
        #expect(enti.first { $0["file"] as? String == "comune-cabras-scheda-2019.csv" }?["warnings"] as? [String] == ["CSV041"])
        #expect(enti.filter { $0["warnings"] != nil }.count == 1)
    }

    @Test func aSheetTwoMappingsFitEquallyNamesEachWithTheFileNameItAsks() throws {
        // A sheet saved under its sender's own name whose rows name no Comune by code: its columns
        // fit the Comune's sheet and the regional collection, and its rows do not tell which.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-ambiguous-\(UUID().uuidString)")
        let unknown = Self.sheet(good: 2, bad: 0).replacingOccurrences(of: "095018;", with: "Cabras;")
        let file = try Self.write(unknown, named: "Scheda PLUS Cabras 2019.csv", in: folder).path
        let it = try CommandLineTests.run(["import", file])
        #expect(it.status == 2)
        #expect(it.output.contains("il file corrisponde ugualmente a più mappature: comune-scheda («Scheda finanziaria del Comune», file comune-*.csv); dichiarazioni-regione («"))
        #expect(it.output.contains("file dichiarazioni-*.csv)") && it.output.contains("Rinominarlo come chiede la mappatura giusta"))
        let en = try CommandLineTests.run(["import", file, "--lang", "en"])
        #expect(en.output.contains("the file fits several mappings equally well: comune-scheda («Scheda finanziaria del Comune», files comune-*.csv)"))
        #expect(en.output.contains("Rename it as the right mapping asks"))
    }

    @Test func aSheetUnderItsSendersOwnNameIsToldByItsRows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-byrows-\(UUID().uuidString)")
        // One Comune's rows: the Comune's sheet, whatever the name or the case of its letters.
        for name in ["Scheda PLUS Cabras 2019.csv", "COMUNE-CABRAS-SCHEDA-2019.CSV", "comune-cabras-scheda-2019.txt"] {
            let file = try Self.write(Self.sheet(good: 2, bad: 0), named: name, in: folder).path
            let it = try CommandLineTests.run(["import", file, "--format", "json"])
            #expect(it.status == 0, "\(name): \(it.output)")
            #expect(try Self.json(it.output)["mapping"] as? String == "comune-scheda", "\(name): \(it.output)")
        }
        // Rows of several Comuni: the regional collection.
        let rows = Self.sheet(good: 2, bad: 0) + "095038;2019;S9;Servizio;3,00;\n"
        let collection = try Self.write(rows, named: "raccolta 2019.csv", in: folder).path
        let it = try CommandLineTests.run(["import", collection, "--format", "json"])
        #expect(it.status == 0, "\(it.output)")
        #expect(try Self.json(it.output)["mapping"] as? String == "dichiarazioni-regione", "\(it.output)")
    }

    @Test(arguments: [
        ("PDF", Array("%PDF-1.4\n%\u{E2}\u{E3}\n1 0 obj\n<<>>\nendobj\n".utf8)),
        ("JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]),
        ("PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]),
    ] as [(String, [UInt8])])
    func aPrintOrScanOfTheSheetIsToldForWhatItIs(format: String, bytes: [UInt8]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("comune-cabras-scheda-2019.\(format.lowercased())")
        try Data(bytes).write(to: file)
        // Recognised or read with the mapping named: the same verdict.
        for extra in [[], ["--mapping", "comune-scheda"]] {
            let it = try CommandLineTests.run(["import", file.path] + extra)
            #expect(it.status == 2, "\(it.output)")
            #expect(it.output.contains("CSV019") && it.output.contains("Il file è in formato \(format), non un foglio di dati"), "\(it.output)")
        }
        let en = try CommandLineTests.run(["import", file.path, "--lang", "en"])
        #expect(en.output.contains("The file is in \(format) format, not a data sheet"), "\(en.output)")
    }

    @Test func aZipOfSheetsIsToldToBeExtracted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-zipped-\(UUID().uuidString)")
        let sheets = folder.appendingPathComponent("fogli")
        _ = try Self.write(Self.sheet(good: 2, bad: 0), named: "comune-cabras-scheda-2019.csv", in: sheets)
        let zip = folder.appendingPathComponent("comune-cabras-scheda-2019.zip")
        try FileManager.default.zipItem(at: sheets, to: zip)
        let it = try CommandLineTests.run(["import", zip.path])
        #expect(it.status == 2, "\(it.output)")
        #expect(it.output.contains("EXP105"), "\(it.output)")
        #expect(it.output.contains("non è l'esportazione di un Ambito; contiene: «fogli/comune-cabras-scheda-2019.csv»"), "\(it.output)")
        #expect(it.output.contains("estrarli e metterli nella cartella di arrivo"), "\(it.output)")
    }

    @Test func aSheetNamedForAMappingButWithAnotherHeaderIsToldWhichColumnIsMissing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-nearest-\(UUID().uuidString)")
        let file = try Self.write("Comune;Anno;Cod. servizio;Quota comunale (€)\nCabras;2019;SAD;1,00\n", named: "comune-cabras-scheda-2019.csv", in: folder).path
        let it = try CommandLineTests.run(["import", file])
        #expect(it.status == 2)
        #expect(it.output.contains("il nome è quello di comune-scheda («Scheda finanziaria del Comune»), ma l'intestazione (Comune | Anno | Cod. servizio | Quota comunale (€)) non ha una colonna fra «Codice ISTAT | COD_ISTAT | Codice Istat Comune"))
        let en = try CommandLineTests.run(["import", file, "--lang", "en"])
        #expect(en.output.contains("its name is that of comune-scheda («Scheda finanziaria del Comune»), but its header"))
        #expect(en.output.contains("add the one used to the mapping's aliases"))
    }

    @Test func aSheetEndingInATotalsRowIsAcceptedWhole() throws {
        let run = try Self.run(Self.sheet(good: 3, bad: 0, extra: [";;;TOTALE;6,00;"]))
        #expect(!run.rejected, "\(run.output)")
        let receipt = try String(contentsOf: run.bench.inbox.appendingPathComponent("archive/comune-cabras-scheda-2019.csv.ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("CSV042"), "\(receipt)")
        let summary = try Self.json(try #require(run.output.split(separator: "\n").last.map(String.init)))
        let file = try #require((summary["perFile"] as? [[String: Any]])?.first { $0["file"] as? String == "comune-cabras-scheda-2019.csv" })
        #expect(file["verdict"] as? String == "accepted")
        #expect(file["rowsRejected"] as? Int == 0)
    }

    @Test func anAmountTooLargeAndAYearWithADotAreRefusedByImport() throws {
        let sheet = Self.sheet(good: 2, bad: 0, extra: [
            "095018;2019;BIG;Servizio;100.000.000.000.000.000;",
            "095018;2.020;Y;Servizio;10,00;",
        ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-parsers-\(UUID().uuidString)")
        let file = try Self.write(sheet, named: "comune-cabras-scheda-2019.csv", in: folder).path
        let result = try CommandLineTests.run(["import", file, "--mapping", "comune-scheda"])
        #expect(result.status == 1)
        #expect(result.output.contains("righe lette 4, accettate 2, scartate 2"))
        #expect(result.output.contains("comune-cabras-scheda-2019.csv:4 [Quota comunale (€)] errore CSV202: «100.000.000.000.000.000» in Quota comunale (€) non è un importo: troppo grande."))
        #expect(result.output.contains("comune-cabras-scheda-2019.csv:5 [Anno] errore CSV104: La riga è dell'anno 2020, il foglio dell'anno 2019"))
    }
}
