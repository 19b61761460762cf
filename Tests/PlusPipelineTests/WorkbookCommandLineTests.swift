import Foundation
import Testing
@testable import PlusPipeline

/// Workbooks through the `plus` executable: `import` and `run` read an .xlsx, `export` writes one.
@Suite("Workbooks on the command line")
struct WorkbookCommandLineTests {
    static let varie = Workbench.repository.appendingPathComponent("Tests/PlusWorkbookTests/Fixtures/varie.xlsx")

    @Test func importReadsAWorkbookWithOrWithoutAMapping() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("comune-cabras-scheda-2019.xlsx")
        try FileManager.default.copyItem(at: Self.varie, to: url)
        for arguments in [[], ["--mapping", "comune-scheda"]] {
            let result = try CommandLineTests.run(["import", url.path, "--format", "json"] + arguments)
            let decoded = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
            #expect(decoded?["rowsAccepted"] as? Int == 2, "\(arguments)")
            #expect(decoded?["rowsRejected"] as? Int == 1, "\(arguments)")
            #expect(result.output.contains("WBK020"))
            #expect(result.status == 1)
        }
    }

    @Test func anOldExcelFileIsToldAsSuch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-xls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let xls = folder.appendingPathComponent("comune-cabras-scheda-2019.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)).write(to: xls)
        let result = try CommandLineTests.run(["import", xls.path, "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.output.contains("WBK001"))
        #expect(!result.output.contains("CSV013"))
    }

    @Test func runImportsAWorkbookAndExportWritesOne() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let cabras = bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv")
        try FileManager.default.removeItem(at: cabras)
        try FileManager.default.copyItem(at: Self.varie, to: bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.xlsx"))
        let store = bench.root.appendingPathComponent("cli.sqlite").path
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "csv"])
        #expect(run.output.contains("comune-cabras-scheda-2019.xlsx"))
        #expect(!run.output.contains("CSV013"))
        let status = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(status.output.contains("26/26 enti hanno inviato"))
        let out = bench.root.appendingPathComponent("xlsx")
        let export = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--dataset-format", "xlsx", "--out", out.path, "--store", store])
        #expect(export.status == 0)
        let written = try Data(contentsOf: out.appendingPathComponent("plus-export.xlsx"))
        #expect(written.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }
}
