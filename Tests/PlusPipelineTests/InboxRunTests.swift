import Foundation
import Testing
import PlusCSV
import PlusExport
import PlusModel
import PlusStore
import PlusValidation
@testable import PlusPipeline

/// The inbox job end to end on the shipped sample data, in a fresh folder each time.
struct Workbench {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    let inbox: URL
    let out: URL
    let store: SQLiteStore
    let library: MappingLibrary
    let validator: Validator

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("plus-run-\(UUID().uuidString)")
        inbox = root.appendingPathComponent("inbox")
        out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        store = try SQLiteStore(path: root.appendingPathComponent("plus.sqlite").path)
        library = MappingLibrary(directory: Self.repository.appendingPathComponent("Mappings"))
        validator = Validator(ruleSet: try RuleSet.load(contentsOf: library.directory.appendingPathComponent("rules/sardegna-plus-v1.yaml")))
    }

    /// Copies sample files into the inbox, optionally under another name.
    func drop(_ path: String, as name: String? = nil) throws {
        let source = Self.repository.appendingPathComponent("SampleData/\(path)")
        try FileManager.default.copyItem(at: source, to: inbox.appendingPathComponent(name ?? source.lastPathComponent))
    }

    func dropOristanoYear() throws {
        try drop("riferimento/ambiti-sardegna.csv")
        try drop("riferimento/enti-sardegna.csv")
        try drop("deliberazioni/dgr-2019.xml")
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("SampleData/oristano").path) where name.hasSuffix(".csv") {
            try drop("oristano/\(name)")
        }
    }

    func job(out: URL? = nil) throws -> InboxRun {
        let consolidation = Consolidation(
            store: store, validator: validator, outputDirectory: out ?? self.out, formats: [.dataPackage], language: .it)
        return InboxRun(inbox: InboxFolder(url: inbox), fileImport: try FileImport(library: library), store: store, consolidation: consolidation)
    }

    func report(_ ambito: String, _ year: Int) throws -> ValidationReport {
        validator.validate(try #require(try store.ambitoYear(ambito: ambito, year: year)))
    }

    func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: inbox.appendingPathComponent(folder).path).sorted()
    }
}

@Suite("plus run: the inbox job on the sample data", .serialized)
struct InboxRunTests {
    @Test func theSampleAmbitoGoesThroughClean() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let summary = try bench.job().run()
        #expect(summary.files == 32)
        #expect(summary.accepted == 32)
        #expect(summary.rejected == 0)
        #expect(summary.validated.contains("OR 2019"))
        #expect(summary.withErrors.isEmpty)
        #expect(summary.exitCode == 0)
        #expect(try InboxFolder(url: bench.inbox).pendingFiles().isEmpty)
        #expect(try bench.files(in: "archive").filter { !$0.contains(".ricevuta.") }.count == 32)
        #expect(try bench.files(in: "archive").filter { $0.hasSuffix(".ricevuta.json") }.count == 32)
        let report = try bench.report("OR", 2019)
        #expect(!report.hasErrors)
        #expect(report.counts.warnings == 0)
        let folder = bench.out.appendingPathComponent("OR-2019")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("datapackage/datapackage.json").path))
        let written = try JSONDecoder().decode(ValidationReport.self, from: Data(contentsOf: folder.appendingPathComponent("validazione.json")))
        #expect(written.hasErrors == false && written.ambito == "OR")

        // Nothing new: nothing imported, nothing re-validated.
        let idle = try bench.job().run()
        #expect(idle.files == 0 && idle.validated.isEmpty && idle.exitCode == 0)

        // The same bytes again: recognised, archived beside the first copy, nothing changes.
        try bench.drop("oristano/comune-cabras-scheda-2019.csv")
        let again = try bench.job().run()
        #expect(again.duplicates == 1 && again.accepted == 0 && again.validated.isEmpty)
        #expect(try bench.files(in: "archive").filter { !$0.contains(".ricevuta.") }.count == 33)
    }

    /// A capofila's split that names its enti instead of giving their codes replaces the coded one
    /// and stores the same shares, each name told in the receipt's reasons (CSV211).
    @Test(arguments: [false, true])
    func aSplitNamingItsEntiIsReadThroughTheStoredReference(asWorkbook: Bool) throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        #expect(try bench.job().run().withErrors.isEmpty)
        let before = try #require(try bench.store.ambitoYear(ambito: "OR", year: 2019))
        // The same split with the name column's text where the code was: `Cabras`, `ASL 5 Oristano`.
        let file = try Self.dropNamedSplit(in: bench, asWorkbook: asWorkbook)
        let summary = try bench.job().run()
        let outcome = try #require(summary.perFile.first { $0.file == file })
        #expect(outcome.verdict == .accepted && outcome.rowsRejected == 0 && outcome.supersedes.count == 1, "\(outcome)")
        #expect(outcome.reasons.first?.it.contains("CSV211") == true, "\(outcome)")
        let after = try #require(try bench.store.ambitoYear(ambito: "OR", year: 2019))
        let shares = { (year: AmbitoYear) in year.costShares.map { "\($0.service) \($0.ente) \($0.amount.cents)" }.sorted() }
        #expect(shares(after) == shares(before))
        #expect(shares(after).count == 123)
        #expect(summary.withErrors.isEmpty)
    }

    /// The split's names are read through the reference files sent in the same run, whether the
    /// split is read ahead beside them or streamed after them: on a first run every file comes
    /// together, and the split was refused whole (CSV031, each row CSV209) until sent again.
    @Test(arguments: zip([false, true, false, true], [false, false, true, true]))
    func aSplitNamingItsEntiIsReadThroughTheReferenceOfTheSameRun(asWorkbook: Bool, streamed: Bool) throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try FileManager.default.removeItem(at: bench.inbox.appendingPathComponent("capofila-riparto-2019.csv"))
        let file = try Self.dropNamedSplit(in: bench, asWorkbook: asWorkbook)
        var job = try bench.job()
        if streamed { (job.streamingThreshold, job.workbookStreamingThreshold) = (0, 0) }
        let summary = try job.run()
        let outcome = try #require(summary.perFile.first { $0.file == file })
        #expect(outcome.verdict == .accepted && outcome.rowsRejected == 0 && outcome.rowsAccepted == 123, "\(outcome)")
        #expect(outcome.reasons.first?.it.contains("CSV211") == true, "\(outcome)")
        let year = try #require(try bench.store.ambitoYear(ambito: "OR", year: 2019))
        #expect(year.costShares.count == 123)
        #expect(year.costShares.contains { $0.ente == EnteRef(comune: "095018") })
        #expect(summary.withErrors.isEmpty && summary.rejected == 0, "\(summary.perFile.filter { $0.verdict != .accepted })")
    }

    /// Drops the Oristano capofila's split with each ente's name where its code was (`Cabras`,
    /// `ASL 5 Oristano`), as a CSV or a workbook; the file's name.
    static func dropNamedSplit(in bench: Workbench, asWorkbook: Bool) throws -> String {
        let named = try namedSplit()
        let file = "capofila-riparto-2019-nomi." + (asWorkbook ? "xlsx" : "csv")
        if asWorkbook {
            let csv = bench.root.appendingPathComponent("nomi.csv")
            try Data(named.utf8).write(to: csv)
            try StreamingRunTests.workbook(of: csv, at: bench.inbox.appendingPathComponent(file))
        } else {
            try Data(named.utf8).write(to: bench.inbox.appendingPathComponent(file))
        }
        return file
    }

    /// The Oristano capofila's split, 123 shares, with each ente's name where its code was.
    static func namedSplit() throws -> String {
        let coded = try String(contentsOf: sample("oristano/capofila-riparto-2019.csv"), encoding: .utf8)
        // Its lines end in CR LF, one `Character`: split on the bytes' line feeds.
        return coded.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").enumerated().map { index, line -> String in
            var cells = line.split(separator: ";", omittingEmptySubsequences: false)
            if index > 0 { cells[2] = cells[3] }
            return cells.joined(separator: ";")
        }.joined(separator: "\n") + "\n"
    }

    /// A sheet is read with its own Ambito's names: its mapping's default Ambito, else the run's
    /// (`plus run --ambito`), else none.
    @Test func aSheetIsReadWithItsOwnAmbitosNames() throws {
        let bench = try Workbench()
        var files = try FileImport(library: bench.library)
        files.enteNames = EnteNames.byAmbito([
            Ambito(code: "OR", name: "Oristano", capofila: "095018", comuni: [MemberComune(istatCode: "095018", name: "Cabras", population: 1)]),
            Ambito(code: "CAG", name: "Cagliari", capofila: "092009", comuni: [MemberComune(istatCode: "092009", name: "Cagliari", population: 1)]),
        ])
        let fields = "fields: { anno: { headers: [Anno] }, servizio: { headers: [Servizio] }, ente: { headers: [Ente] }, importo: { headers: [Importo] } }"
        let open = try CSVMapping.parse("name: t\nversion: 1\ntarget: riparto\n" + fields)
        let oristano = try CSVMapping.parse("name: t\nversion: 1\ntarget: riparto\ndefaults: { ambito: OR }\n" + fields)
        #expect(files.enteNames(for: open) == nil)
        #expect(files.enteNames(for: oristano)?.ente(named: "Cabras") == EnteRef(comune: "095018"))
        files.ambito = "CAG"
        #expect(files.enteNames(for: open)?.ente(named: "Cagliari") == EnteRef(comune: "092009"))
        #expect(files.enteNames(for: open)?.ente(named: "Cabras") == nil)
        #expect(files.enteNames(for: oristano)?.ambito == "OR")
    }

    static func sample(_ path: String) -> URL { Workbench.repository.appendingPathComponent("SampleData/\(path)") }

    @Test func aBrokenSheetSupersedesTheGoodOneAndTheFindingsSaySo() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        _ = try bench.job().run()
        try bench.drop("errati/comune-cabras-scheda-2019-errata.csv")
        let summary = try bench.job().run()
        #expect(summary.accepted == 1)
        #expect(summary.validated == ["OR 2019"])
        #expect(summary.withErrors == ["OR 2019"])
        #expect(summary.exitCode == 1)
        let cabras = EnteRef(comune: "095018")
        let history = try bench.store.history(ente: cabras, year: 2019)
        #expect(history.map(\.status) == [.accepted, .superseded])
        #expect(history.first?.rowsRejected == 2)
        let declared = try bench.report("OR", 2019).findings(code: "R104").filter { $0.ente == cabras }
        let sad = try #require(declared.first { $0.service == "SAD" })
        #expect(sad.difference == Money(euros: 100))
        #expect(sad.found == (sad.expected ?? .zero) + Money(euros: 100))
        // The UDP row rejected at import leaves the Comune declaring nothing for it; the second,
        // empty TRASP row was rejected too, but the first TRASP row declares the right amount.
        #expect(Set(declared.compactMap(\.service)) == ["SAD", "UDP"])
    }

    @Test func theBrokenDeliberationIsCaught() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        _ = try bench.job().run()
        try bench.drop("deliberazioni/dgr-2019-errata.xml")
        let summary = try bench.job().run()
        #expect(summary.withErrors.contains("OR 2019"))
        let report = try bench.report("OR", 2019)
        #expect(!report.findings(code: "R202").isEmpty)
        let parts = try #require(report.findings(code: "R203").first { $0.ambito == "OR" })
        #expect(parts.difference?.magnitude == Money(euros: 100))
    }

    @Test func unrecognisedFilesAreRejectedWithAReason() throws {
        let bench = try Workbench()
        try Data("colonna;altra\n1;2\n".utf8).write(to: bench.inbox.appendingPathComponent("sconosciuto.csv"))
        try Data("Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n095018;2019;SAD;\"aperta\n".utf8)
            .write(to: bench.inbox.appendingPathComponent("comune-rotto.csv"))
        let summary = try bench.job().run()
        #expect(summary.rejected == 2)
        #expect(summary.exitCode == 2)
        #expect(try bench.files(in: "rejected") == [
            "comune-rotto.csv", "comune-rotto.csv.reason", "comune-rotto.csv.ricevuta.json", "comune-rotto.csv.ricevuta.txt",
            "sconosciuto.csv", "sconosciuto.csv.reason", "sconosciuto.csv.ricevuta.json", "sconosciuto.csv.ricevuta.txt",
        ])
        let reason = try String(contentsOf: bench.inbox.appendingPathComponent("rejected/comune-rotto.csv.reason"), encoding: .utf8)
        #expect(reason.contains("CSV011"))
        let unknown = try String(contentsOf: bench.inbox.appendingPathComponent("rejected/sconosciuto.csv.reason"), encoding: .utf8)
        #expect(unknown.contains("nessuna mappatura") && unknown.contains("no mapping"))
    }

    @Test func anInterruptedConsolidationIsRedoneByTheNextRun() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        // Something in the way of OR-2019's output folder makes the first run fail after importing.
        try FileManager.default.createDirectory(at: bench.out, withIntermediateDirectories: true)
        let blocker = bench.out.appendingPathComponent("OR-2019")
        try Data().write(to: blocker)
        #expect(throws: (any Error).self) { try bench.job().run() }
        #expect(try InboxFolder(url: bench.inbox).pendingFiles().isEmpty)
        try FileManager.default.removeItem(at: blocker)
        let resumed = try bench.job().run()
        #expect(resumed.files == 0)
        #expect(resumed.validated.contains("OR 2019"))
        #expect(FileManager.default.fileExists(atPath: blocker.appendingPathComponent("validazione.json").path))
    }

    /// Writes a text file into the inbox.
    private func put(_ text: String, _ name: String, in bench: Workbench) throws {
        try Data(text.utf8).write(to: bench.inbox.appendingPathComponent(name))
    }

    @Test func severalAmbitiInOneInboxAreFiledApart() throws {
        // Two Ambiti sharing an ASL and a Provincia, each with a service S001, in the layouts a
        // Region collects (Benchmarks/generate.py writes them at scale): plan tables naming their
        // Ambito, and a Provincia's database export told from a cost split by its file name.
        let bench = try Workbench()
        try put("""
            ambito;nome_ambito;codice_istat;denominazione;popolazione;sigla_provincia;capofila
            AA;Alfa;001001;Uno;100;XX;no
            AA;Alfa;001002;Due;300;XX;si
            BB;Beta;001003;Tre;200;XX;si
            BB;Beta;001004;Quattro;200;XX;no

            """, "ambiti-prova.csv", in: bench)
        try put("""
            ambito;nome_ambito;asl;nome_asl;provincia;nome_provincia
            AA;Alfa;asl:ASLX;ASL X;provincia:XX;Provincia X
            BB;Beta;asl:ASLX;ASL X;provincia:XX;Provincia X

            """, "enti-prova.csv", in: bench)
        let header = "Anno;Ambito;Codice servizio;Denominazione servizio;Tipologia;Costo totale;Quota Comuni;Quota ASL;Quota Provincia;Criterio di riparto\n"
        try put(header + "2019;AA;S001;Servizio;socio_sanitario;1.000,00;400,00;600,00;;residenti\n", "piano-servizi-aa-2019.csv", in: bench)
        try put(header + "2019;BB;S001;Servizio;sociale;500,00;400,00;;100,00;parti_uguali\n", "piano-servizi-bb-2019.csv", in: bench)
        try put("""
            Anno;Ambito;Codice servizio;Ente;Importo
            2019;AA;S001;001001;100,00
            2019;AA;S001;001002;300,00
            2019;AA;S001;asl:ASLX;600,00

            """, "piano-riparto-aa-2019.csv", in: bench)
        try put("""
            Anno;Ambito;Codice servizio;Ente;Importo
            2019;BB;S001;001003;200,00
            2019;BB;S001;001004;200,00
            2019;BB;S001;provincia:XX;100,00

            """, "piano-riparto-bb-2019.csv", in: bench)
        for (istat, amount) in [("001001", "100,00"), ("001002", "300,00"), ("001003", "200,00"), ("001004", "200,00")] {
            try put("Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n\(istat);2019;S001;\(amount)\n", "comune-\(istat)-scheda-2019.csv", in: bench)
        }
        let declaration = "anno,ente,ambito,codice_servizio,descrizione,importo\n"
        try put(declaration + "2019,asl:ASLX,AA,S001,Servizio,600.00\n", "asl-aslx-aa-2019.csv", in: bench)
        try put(declaration + "2019,provincia:XX,BB,S001,Servizio,100.00\n", "provincia-xx-bb-2019.csv", in: bench)

        let summary = try bench.job().run()
        #expect(summary.accepted == 12 && summary.rejected == 0)
        #expect(summary.validated == ["AA 2019", "BB 2019"])
        #expect(summary.withErrors.isEmpty)
        let mappings = try bench.store.submissions(ambito: nil, year: 2019, includeHistory: false).map(\.mapping)
        #expect(Set(mappings).isSuperset(of: ["piano-servizi", "piano-riparto", "asl-dichiarazione", "provincia-export"]))
        for (ambito, cost) in [("AA", Money(euros: 1_000)), ("BB", Money(euros: 500))] {
            let plan = try #require(try bench.store.ambitoYear(ambito: ambito, year: 2019))
            #expect(plan.services.map(\.totalCost) == [cost])
            let report = try bench.report(ambito, 2019)
            #expect(report.counts.errors == 0 && report.counts.warnings == 0, "\(report.findings)")
        }
    }
}
