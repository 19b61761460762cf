import Foundation
import Testing
@testable import PlusPipeline

/// The language asked for with `--lang` reaches every word and every number the CLI writes:
/// amounts inside findings, and ArgumentParser's own headings and errors.
@Suite("plus in Italian and in English")
struct LanguageCommandLineTests {
    /// The Oristano 2019 sample with Cabras's broken sheet (`SampleData/errati`), run into a store.
    static func flawedStore() throws -> (bench: Workbench, store: String) {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try FileManager.default.removeItem(at: bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv"))
        try bench.drop("errati/comune-cabras-scheda-2019-errata.csv", as: "comune-cabras-scheda-2019.csv")
        let store = bench.root.appendingPathComponent("lingue.sqlite").path
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path, "--store", store])
        #expect(run.status == 1, "\(run.output.prefix(400))")
        return (bench, store)
    }

    @Test func amountsInFindingsAreWrittenTheWayTheLanguageWritesThem() throws {
        let (bench, store) = try Self.flawedStore()
        defer { try? FileManager.default.removeItem(at: bench.root) }
        let validate = ["validate", "--ambito", "OR", "--year", "2019", "--store", store]

        // Cabras declared 18.326,71 for SAD against a share of 18.226,71 (R104).
        let english = try CommandLineTests.run(validate + ["--lang", "en"]).output
        #expect(english.contains("declared 18,326.71, its share in the plan is 18,226.71 (difference 100.00)"), "\(english)")
        #expect(!english.contains("18.326,71") && !english.contains("18.226,71"), "\(english)")
        let italian = try CommandLineTests.run(validate).output
        #expect(italian.contains("ha dichiarato 18.326,71, la sua quota nel piano è 18.226,71 (differenza 100,00)"), "\(italian)")
        #expect(!italian.contains("18,326.71"), "\(italian)")

        // JSON: each language's message in its own convention, the amounts themselves in cents.
        let json = try ConventionTests.object(CommandLineTests.run(validate + ["--format", "json", "--lang", "en"]).output)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let sad = try #require(findings.first { ($0["service"] as? String) == "SAD" })
        #expect(sad["expected"] as? Int == 1_822_671 && sad["found"] as? Int == 1_832_671 && sad["difference"] as? Int == 10_000)
        let diagnostic = try #require(sad["diagnostic"] as? [String: Any])
        let message = try #require(diagnostic["message"] as? [String: String])
        #expect(message["en"]?.contains("18,326.71") == true && message["it"]?.contains("18.326,71") == true, "\(message)")
        #expect(diagnostic["found"] as? String == "18326.71")

        // The HTML report: the findings' messages and the amounts of its tables.
        let page = bench.root.appendingPathComponent("report-en.html")
        let report = try CommandLineTests.run(["report", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en", "--out", page.path])
        #expect(report.status == 0, "\(report.output)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("declared 18,326.71") && html.contains("€18,610,000.00"), "\(html.prefix(600))")
        #expect(!html.contains("18.610.000,00"))
        let italianPage = bench.root.appendingPathComponent("report-it.html")
        _ = try CommandLineTests.run(["report", "--ambito", "OR", "--year", "2019", "--store", store, "--out", italianPage.path])
        let italianHTML = try String(contentsOf: italianPage, encoding: .utf8)
        #expect(italianHTML.contains("ha dichiarato 18.326,71") && italianHTML.contains("18.610.000,00\u{00A0}€"))
    }

    @Test func argumentParsersOwnWordsAreItalianByDefaultAndEnglishWithLangEn() throws {
        let italian = try CommandLineTests.run(["help", "export"])
        #expect(italian.status == 0)
        for heading in ["IN BREVE: ", "USO:   plus export", "OPZIONI:", "(predefinito: plus.sqlite)", "Mostra questo aiuto."] {
            #expect(italian.output.contains(heading), "\(heading): \(italian.output)")
        }
        for english in ["OVERVIEW:", "USAGE:", "OPTIONS:", "default:", "values:", "Show help information."] {
            #expect(!italian.output.contains(english), "\(english): \(italian.output)")
        }
        let root = try CommandLineTests.run(["--help"])
        #expect(root.output.contains("SOTTOCOMANDI:") && root.output.contains("'plus help <sottocomando>'"), "\(root.output)")
        #expect(!root.output.contains("SUBCOMMANDS:") && !root.output.contains("for detailed help"))

        let englishHelp = try CommandLineTests.run(["export", "--help", "--lang", "en"])
        #expect(englishHelp.status == 0)
        for heading in ["OVERVIEW: ", "USAGE: plus export", "OPTIONS:", "(default: plus.sqlite)", "Show help information."] {
            #expect(englishHelp.output.contains(heading), "\(heading): \(englishHelp.output)")
        }
        #expect(!englishHelp.output.contains("OPZIONI:") && !englishHelp.output.contains("predefinito:"))

        // Usage errors: the same exit code, the library's words in the language asked for.
        let missing = try CommandLineTests.run(["validate", "--year", "2019"])
        #expect(missing.status == 64)
        #expect(missing.output.contains("Errore: manca l'argomento richiesto '--ambito <ambito>'"), "\(missing.output)")
        #expect(missing.output.contains("Uso:   plus validate") && missing.output.contains("Per saperne di più: 'plus validate --help'."))
        #expect(!missing.output.contains("Missing expected argument") && !missing.output.contains("Usage:"))
        let missingEnglish = try CommandLineTests.run(["validate", "--year", "2019", "--lang", "en"])
        #expect(missingEnglish.status == 64)
        #expect(missingEnglish.output.contains("Error: Missing expected argument '--ambito <ambito>'"), "\(missingEnglish.output)")

        let unknown = try CommandLineTests.run(["status", "--bogus"])
        #expect(unknown.status == 64)
        #expect(unknown.output.contains("opzione sconosciuta '--bogus'"), "\(unknown.output)")
        let unknownEnglish = try CommandLineTests.run(["status", "--bogus", "--lang", "en"])
        #expect(unknownEnglish.output.contains("Unknown option '--bogus'"), "\(unknownEnglish.output)")

        let invalid = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--dataset-format", "zzz", "--out", "x"])
        #expect(invalid.status == 64)
        #expect(invalid.output.contains("il valore 'zzz' non è valido per '--dataset-format <format>'. Valori ammessi:"), "\(invalid.output)")
        let notAYear = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "x"])
        #expect(notAYear.output.contains("Errore: il valore 'x' non è valido per '--year <year>'") && notAYear.output.contains("Aiuto: "),
                "\(notAYear.output)")
    }

    @Test func aCSVOrReportThatCannotBeWrittenIsNamedWithItsCause() throws {
        let (bench, store) = try ConventionTests.filledStore()
        defer { try? FileManager.default.removeItem(at: bench.root) }
        let nowhere = bench.root.appendingPathComponent("manca/regione.csv").path
        let csv = try CommandLineTests.run(["status", "--region", "--year", "2019", "--store", store, "--csv", nowhere])
        #expect(csv.status == 70, "\(csv.output)")
        #expect(csv.output.contains("plus: impossibile scrivere «\(nowhere)»: il percorso non esiste."), "\(csv.output)")
        let page = bench.root.appendingPathComponent("manca/rapporto.html").path
        let report = try CommandLineTests.run(["report", "--region", "--year", "2019", "--store", store, "--out", page, "--lang", "en"])
        #expect(report.status == 70, "\(report.output)")
        #expect(report.output.contains("plus: cannot write “\(page)”: the path does not exist."), "\(report.output)")
        #expect(!report.output.contains(".plus-tmp-") && !report.output.contains("Error Domain"))
    }
}
