import Testing
import PlusModel
@testable import PlusExport

@Suite("Datasets are checked before they are written: required cells, patterns, keys")
struct DatasetIntegrityTests {
    static func dataset(_ codes: [String]) -> ExportDataset {
        ExportDataset(
            name: "membri", title: .init(it: "Membri", en: "Members"),
            columns: [
                ExportColumn("riga", .integer, description: .init(it: "Riga", en: "Row")),
                ExportColumn("istat", .string, pattern: "[0-9]{6}", description: .init(it: "Codice ISTAT", en: "ISTAT code")),
            ],
            primaryKey: ["riga"], rows: codes.enumerated().map { [.integer($0.offset), .text($0.element)] })
    }

    @Test func everyCellOfAPatternColumnIsChecked() throws {
        // Valid codes repeat, as down a real column; the one bad value comes after them.
        try DatasetIntegrity.check([Self.dataset(["095018", "095018", "095001", "095018"])])
        let error = #expect(throws: ExportError.self) {
            try DatasetIntegrity.check([Self.dataset(["095018", "095001", "095018", "95018", "095001"])])
        }
        #expect(error?.diagnostic.code == Problem.exportConstraint.code)
        #expect(error?.diagnostic.found == "95018")
    }
}
