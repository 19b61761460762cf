import Foundation
import Testing
import PlusModel
import PlusStore
@testable import PlusPipeline

/// ISTAT's published files through `plus run`: the lists of Comuni of 2019 and 2024, a census's
/// populations, the administrative changes, and sheets that use a code of their own year.
@Suite("ISTAT reference data through time", .serialized)
struct IstatReferenceTests {
    static let istat = Workbench.repository.appendingPathComponent("SampleData/istat")

    /// The data rows of an excerpt, counted from its bytes: each starts with the region's code.
    static func excerptRows(_ name: String) throws -> [String] {
        let text = try #require(String(data: try Data(contentsOf: istat.appendingPathComponent(name)), encoding: .windowsCP1252))
        return text.components(separatedBy: "\r\n").filter { $0.range(of: #"^\d{2};"#, options: .regularExpression) != nil }
    }

    /// Runs `plus run` on the bench's inbox and returns the store it wrote.
    static func run(_ bench: Workbench, _ store: String, output: ((String) -> Void)? = nil) throws -> SQLiteStore {
        let result = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--lang", "en"])
        #expect(result.status == 0, "\(result.output)")
        output?(result.output)
        return try SQLiteStore(path: store)
    }

    /// The records of the current submission of `file`.
    static func records(of file: String, in store: SQLiteStore) throws -> [CanonicalRecord] {
        let submission = try #require(try store.submissions(ambito: nil, year: nil, includeHistory: false).first { $0.file == file })
        return try store.records(submission: submission.id).map(\.record)
    }

    static func comuni(_ records: [CanonicalRecord]) -> [String: MemberComune] {
        Dictionary(uniqueKeysWithValues: records.compactMap { record -> (String, MemberComune)? in
            if case .comune(let comune, nil) = record { return (comune.istatCode, comune) }
            return nil
        })
    }

    @Test func theListOf2019LoadsWithEveryRowItsAccentsAndLegalPopulation() throws {
        let bench = try Workbench()
        try bench.drop("istat/Elenco-comuni-italiani-2019.csv")
        let store = try Self.run(bench, bench.root.appendingPathComponent("istat.sqlite").path)
        let comuni = Self.comuni(try Self.records(of: "Elenco-comuni-italiani-2019.csv", in: store))
        let rows = try Self.excerptRows("Elenco-comuni-italiani-2019.csv")
        #expect(rows.count == 16)
        #expect(comuni.count == rows.count)
        // Every row of the excerpt, by its alphanumeric code (the fifth cell).
        #expect(Set(comuni.keys) == Set(rows.map { $0.split(separator: ";", omittingEmptySubsequences: false)[4].description }))
        #expect(comuni["040012"]?.name == "Forlì")
        #expect(comuni["082027"]?.name == "Cefalù")
        // `31.155` is the legal population of 2011, kept as its own vintage with its source.
        #expect(comuni["095038"]?.population == 31_155)
        #expect(comuni["095038"]?.vintage == "censimento-2011")
        #expect(try store.populations(vintage: "censimento-2011")["095038"]?.population == 31_155)
        #expect(try store.populations(vintage: "censimento-2011")["095038"]?.source?.contains("ISTAT") == true)
        #expect(comuni["111009"]?.codes == [
            ComuneCode(code: "092012", from: 1995, through: 2005), ComuneCode(code: "107003", from: 2006, through: 2016),
            ComuneCode(code: "111009", from: 2017),
        ])
        #expect(comuni["095079"]?.codes == [ComuneCode(code: "091013", from: 1995, through: 2005), ComuneCode(code: "095079", from: 2006)])
    }

    /// ISTAT's lists as published, whole (SampleData/istat/pubblicati, gzip of the files as downloaded):
    /// the April 2019 edition with the 2011 population, and the November 2023 edition without it.
    @Test(arguments: [
        ("Elenco-comuni-italiani-2019-04.csv.gz", 7_915, "istat-comuni-2019"),
        ("Elenco-comuni-italiani-2023-11.csv.gz", 7_901, "istat-comuni-2024"),
    ])
    func aPublishedListLoadsWhole(file: String, rows: Int, mapping: String) throws {
        let bench = try Workbench()
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-dc", Self.istat.appendingPathComponent("pubblicati/\(file)").path]
        let list = bench.inbox.appendingPathComponent("Elenco-comuni-italiani.csv")
        FileManager.default.createFile(atPath: list.path, contents: nil)
        let output = try FileHandle(forWritingTo: list)
        gzip.standardOutput = output
        try gzip.run()
        gzip.waitUntilExit()
        // Closed before the run: `plus run` waits for a file someone still holds open for writing.
        try output.close()
        #expect(gzip.terminationStatus == 0)

        let store = try Self.run(bench, bench.root.appendingPathComponent("istat.sqlite").path)
        let submission = try #require(try store.submissions(ambito: nil, year: nil, includeHistory: false).first)
        #expect(submission.mapping == mapping)
        #expect(submission.rowsRead == rows && submission.rowsRejected == 0)
        let comuni = Self.comuni(try Self.records(of: "Elenco-comuni-italiani.csv", in: store))
        #expect(comuni.count == rows)
        // Names with accents intact, from Windows-1252.
        #expect(comuni["040012"]?.name == "Forlì")
        #expect(comuni["082027"]?.name == "Cefalù")
        // Carbonia's codes of the earlier sets of provinces, from the list's own columns.
        #expect(comuni["111009"]?.codes?.map(\.code) == ["092012", "107003", "111009"])
        if mapping == "istat-comuni-2019" {
            // `31.155` in the published file is Oristano's legal population of 2011.
            #expect(comuni["095038"]?.population == 31_155 && comuni["095038"]?.vintage == "censimento-2011")
        }
    }

    @Test func theXlsxEditionOf2019LoadsThroughTheSameMappingAsTheCSV() throws {
        let workbook = try Workbench()
        try workbook.drop("istat/Elenco-comuni-italiani-2019.xlsx")
        let fromWorkbook = try Self.run(workbook, workbook.root.appendingPathComponent("xlsx.sqlite").path)
        let submission = try #require(try fromWorkbook.submissions(ambito: nil, year: nil, includeHistory: false).first)
        #expect(submission.mapping == "istat-comuni-2019")
        let comuni = Self.comuni(try Self.records(of: "Elenco-comuni-italiani-2019.xlsx", in: fromWorkbook))
        #expect(comuni.count == 16)
        #expect(comuni["040012"]?.name == "Forlì")
        // The population is a number in the workbook (shown 31.155), read as 31155 of the same vintage.
        #expect(comuni["095038"]?.population == 31_155 && comuni["095038"]?.vintage == "censimento-2011")
        #expect(comuni["111009"]?.codes?.first == ComuneCode(code: "092012", from: 1995, through: 2005))
        // Every Comune as the CSV edition gives it (the source cell of each record aside).
        let csv = try Workbench()
        try csv.drop("istat/Elenco-comuni-italiani-2019.csv")
        let fromCSV = Self.comuni(try Self.records(
            of: "Elenco-comuni-italiani-2019.csv", in: try Self.run(csv, csv.root.appendingPathComponent("csv.sqlite").path)))
        #expect(comuni == fromCSV)
    }

    @Test func theListOf2024HasNoPopulationAndTakesItFromTheCensusFile() throws {
        let bench = try Workbench()
        try bench.drop("istat/Elenco-comuni-italiani-2024.csv")
        try bench.drop("istat/popolazione-censimento-2011.csv")
        let store = try Self.run(bench, bench.root.appendingPathComponent("istat.sqlite").path)
        let comuni = Self.comuni(try Self.records(of: "Elenco-comuni-italiani-2024.csv", in: store))
        let rows = try Self.excerptRows("Elenco-comuni-italiani-2024.csv")
        #expect(rows.count == 16 && comuni.count == rows.count)
        #expect(comuni["040012"]?.name == "Forlì")
        // No population in the list: none invented, no vintage claimed.
        #expect(comuni["095038"]?.population == 0 && comuni["095038"]?.vintage == nil)
        // Olbia's code came back in 2017, after 104017 in the province of Olbia-Tempio.
        #expect(comuni["090047"]?.codes == [
            ComuneCode(code: "090047", from: 1995, through: 2005), ComuneCode(code: "104017", from: 2006, through: 2016),
            ComuneCode(code: "090047", from: 2017),
        ])
        #expect(try store.comuneCodeHistory("090047").map(\.code.years.en) == ["1995–2005", "from 2017"])
        let census = try store.populations(vintage: "censimento-2011")
        #expect(census.count == rows.count)
        #expect(census["095038"]?.population == 31_155)
        #expect(census["111009"]?.population == 28_882)
        #expect(try store.populationVintages() == ["censimento-2011"])
    }

    /// A Comune's sheet of `year` declaring under `code`.
    static func sheet(_ bench: Workbench, _ name: String, code: String, year: Int) throws {
        try Data("Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n\(code);\(year);SAD;1.000,00\n".utf8)
            .write(to: bench.inbox.appendingPathComponent(name))
    }

    /// The ente of the sheet's declaration (the submission is filed under the same), and its diagnostics as stored.
    static func declaration(of file: String, in store: SQLiteStore) throws -> (ente: EnteRef, diagnostics: [Diagnostic]) {
        let submission = try #require(try store.submissions(ambito: nil, year: nil, includeHistory: false).first { $0.file == file })
        let records = try store.records(submission: submission.id).map(\.record)
        guard case .declaration(let declaration) = try #require(records.first) else { throw CancellationError() }
        #expect(submission.subject.ente == declaration.ente, "\(file)")
        return (declaration.ente, try store.diagnostics(submission: submission.id))
    }

    @Test func aSheetUsingTheCodeOfItsYearIsTheSameComuneAndSaysBothCodes() throws {
        let bench = try Workbench()
        try bench.drop("istat/Elenco-comuni-italiani-2019.csv")
        try bench.drop("istat/variazioni-amministrative.csv")
        let path = bench.root.appendingPathComponent("istat.sqlite").path
        _ = try Self.run(bench, path)
        try Self.sheet(bench, "comune-carbonia-scheda-2014.csv", code: "107003", year: 2014)
        try Self.sheet(bench, "comune-carbonia-scheda-2019.csv", code: "111009", year: 2019)
        try Self.sheet(bench, "comune-bosa-scheda-2004.csv", code: "091013", year: 2004)
        try Self.sheet(bench, "comune-carbonia-scheda-2015.csv", code: "092012", year: 2015)
        try Self.sheet(bench, "comune-bazzano-scheda-2013.csv", code: "037004", year: 2013)
        try Self.sheet(bench, "comune-bazzano-scheda-2015.csv", code: "037004", year: 2015)
        var summary = ""
        let store = try Self.run(bench, path) { summary = $0 }
        // The run's summary and the receipt say what the store read the code as.
        #expect(summary.contains("IST001") && summary.contains("IST002") && summary.contains("IST003"))
        let receipt = try String(
            contentsOf: bench.inbox.appendingPathComponent("archive/comune-carbonia-scheda-2014.csv.ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("107003") && receipt.contains("111009"))

        // Carbonia's 2010–2016 code in a 2014 sheet is Carbonia, and the diagnostic names both codes.
        let carbonia = try Self.declaration(of: "comune-carbonia-scheda-2014.csv", in: store)
        #expect(carbonia.ente == EnteRef(comune: "111009"))
        let renumbered = try #require(carbonia.diagnostics.first { $0.code == "IST001" })
        #expect(renumbered.severity == .warning)
        #expect(renumbered.message.en.contains("107003") && renumbered.message.en.contains("111009") && renumbered.message.en.contains("Carbonia"))
        #expect(renumbered.message.it.contains("2006–2016"))
        #expect(renumbered.location.line == 2)
        // Today's code is Carbonia in its own years, with nothing to say.
        let today = try Self.declaration(of: "comune-carbonia-scheda-2019.csv", in: store)
        #expect(today.ente == EnteRef(comune: "111009") && !today.diagnostics.contains { $0.code.hasPrefix("IST") })
        #expect(try Self.declaration(of: "comune-bosa-scheda-2004.csv", in: store).ente == EnteRef(comune: "095079"))

        // A code never valid in the sheet's year is an error that says when it was.
        let stale = try Self.declaration(of: "comune-carbonia-scheda-2015.csv", in: store)
        let notValid = try #require(stale.diagnostics.first { $0.code == "IST003" })
        #expect(notValid.severity == .error)
        #expect(notValid.message.en.contains("not valid in 2015") && notValid.message.en.contains("1995–2005"))
        #expect(stale.ente == EnteRef(comune: "092012"))

        // A merger maps the old Comune to the new one from its date of effect, not before.
        #expect(try Self.declaration(of: "comune-bazzano-scheda-2013.csv", in: store).ente == EnteRef(comune: "037004"))
        let merged = try Self.declaration(of: "comune-bazzano-scheda-2015.csv", in: store)
        #expect(merged.ente == EnteRef(comune: "037061"))
        let notice = try #require(merged.diagnostics.first { $0.code == "IST002" })
        #expect(notice.message.it.contains("Bazzano") && notice.message.it.contains("Valsamoggia") && notice.message.it.contains("2014"))
    }

    /// An excerpt rewritten as another edition would be: same bytes' encoding, some rows changed.
    static func edited(_ name: String, to target: URL, _ edit: (inout [String]) -> Void) throws {
        let text = try #require(String(data: try Data(contentsOf: istat.appendingPathComponent(name)), encoding: .windowsCP1252))
        var lines = text.components(separatedBy: "\r\n")
        edit(&lines)
        try #require(lines.joined(separator: "\r\n").data(using: .windowsCP1252)).write(to: target)
    }

    @Test func aNewerListSaysWhichComuniAreNewRenamedAndGone() throws {
        let bench = try Workbench()
        let path = bench.root.appendingPathComponent("istat.sqlite").path
        try Self.edited("Elenco-comuni-italiani-2019.csv", to: bench.inbox.appendingPathComponent("Elenco-comuni-italiani-2019.csv")) { lines in
            lines.removeAll { $0.contains(";Valsamoggia;") }
        }
        _ = try Self.run(bench, path)
        try Self.edited("Elenco-comuni-italiani-2024.csv", to: bench.inbox.appendingPathComponent("Elenco-comuni-italiani-2024.csv")) { lines in
            lines.removeAll { $0.contains(";Agliè;") }
            lines = lines.map { $0.replacingOccurrences(of: ";Airasca;Airasca;", with: ";Airasca Nuova;Airasca Nuova;") }
        }
        var summary = ""
        _ = try Self.run(bench, path) { summary = $0 }
        #expect(summary.contains("IST010"))
        let receipt = try String(
            contentsOf: bench.inbox.appendingPathComponent("archive/Elenco-comuni-italiani-2024.csv.ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("1 nuovo (037061 Valsamoggia)"))
        #expect(receipt.contains("1 rinominato (001002 Airasca → Airasca Nuova)"))
        #expect(receipt.contains("1 non più presente (001001 Agliè)"))
    }

    @Test func aMergerAndAMoveBetweenListsAreToldAsSuch() {
        let bazzano = MemberComune(istatCode: "037004", name: "Bazzano", population: 0, province: "BO")
        let bosa = MemberComune(istatCode: "091013", name: "Bosa", population: 0, province: "NU")
        let valsamoggia = MemberComune(
            istatCode: "037061", name: "Valsamoggia", population: 0, province: "BO",
            codes: [ComuneCode(code: "037004", name: "Bazzano", through: 2013, isMerged: true)])
        let bosaToday = MemberComune(
            istatCode: "095079", name: "Bosa", population: 0, province: "OR",
            codes: [ComuneCode(code: "091013", from: 1995, through: 2005), ComuneCode(code: "095079", from: 2006)])
        let changes = IstatListChanges(
            previous: [.comune(bazzano, ambito: nil), .comune(bosa, ambito: nil)],
            current: [.comune(valsamoggia, ambito: nil), .comune(bosaToday, ambito: nil)])
        #expect(changes.merged.map(\.before.istatCode) == ["037004"])
        #expect(changes.moved.map(\.after.istatCode) == ["095079"])
        #expect(changes.added.map(\.istatCode) == ["037061"])
        #expect(changes.removed.isEmpty)
        let text = changes.notice(previousFile: "vecchio.csv")?.message.en ?? ""
        #expect(text.contains("091013 Bosa NU → 095079 OR") && text.contains("037004 Bazzano → 037061 Valsamoggia"))
    }
}
