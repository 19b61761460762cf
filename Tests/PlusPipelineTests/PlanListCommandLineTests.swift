import Foundation
import Testing
@testable import PlusPipeline

/// Reference data listing each Ambito's plans (issue 16 item 1), through the binary.
@Suite("plus run: the reference list of plans", .serialized)
struct PlanListCommandLineTests {
    @Test func theSampleListIsRecognisedAndStatusNamesThePlanOfTheYear() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try bench.drop("riferimento/piani-ambiti-sardegna.csv")
        let store = bench.root.appendingPathComponent("piani.sqlite").path
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])
        #expect(run.status == 0)
        #expect(run.output.contains(#""file":"piani-ambiti-sardegna.csv","filedAs":"archive/piani-ambiti-sardegna.csv","mapping":"piani-ambito""#))
        let status = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(status.output.contains("Piano elencato: PLUS 2018–2020, versione 1, approvato con Conferenza di servizi del 12/03/2018"))
        let english = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(english.output.contains("Listed plan: PLUS 2018–2020, version 1, approved by Conferenza di servizi del 12/03/2018"))
        let validation = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(validation.status == 0)
    }

    @Test func aYearOutsideTheListedTrienniumIsReportedOnceAsExactlyThat() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let list = "ambito;tipo_piano;triennio;versione;atto_approvazione\nOR;PLUS;2015-2017;2;Conferenza di servizi del 3/04/2015\n"
        try Data(list.utf8).write(to: bench.inbox.appendingPathComponent("piani-ambiti.csv"))
        let store = bench.root.appendingPathComponent("fuori.sqlite").path
        _ = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])
        let validation = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(validation.status == 1)
        #expect(validation.output.components(separatedBy: "R110").count == 2)
        #expect(validation.output.contains("Riepilogo: 1 errore, 0 avvisi"))
        #expect(validation.output.contains("errore R110: Il 2019 è fuori dal triennio 2015–2017 del piano dell'Ambito OR elencato nei dati di riferimento (PLUS 2015–2017, versione 2, approvato con Conferenza di servizi del 3/04/2015); le 123 dichiarazioni dell'anno non sono confrontate con il piano."))
        let english = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(english.output.contains("error R110: 2019 lies outside the triennium 2015–2017 of Ambito OR's plan listed in the reference data (PLUS 2015–2017, version 2, approved by Conferenza di servizi del 3/04/2015)"))
        let page = bench.root.appendingPathComponent("rapporto.html")
        _ = try CommandLineTests.run(["report", "--ambito", "OR", "--year", "2019", "--store", store, "--out", page.path])
        #expect(try String(contentsOf: page, encoding: .utf8).contains(
            #"<span class="listed-plan">Nessun piano elencato copre il 2019 (elencati: PLUS 2015–2017, versione 2, approvato con Conferenza di servizi del 3/04/2015)</span>"#))
    }
}
