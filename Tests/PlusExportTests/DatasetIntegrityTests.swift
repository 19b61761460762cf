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

    @Test func aRowOfAnotherLengthStopsTheCheckWithItsShape() throws {
        // One cell short, then one too many: each is told, not read past its end.
        for (cells, expected) in [(1, "ha 1 cella, il dataset ha 2 colonne"), (3, "ha 3 celle, il dataset ha 2 colonne")] {
            var dataset = Self.dataset(["095018", "095001"])
            dataset.rows[1] = Array(([.integer(1), .text("095001"), .text("x")] as [ExportCell]).prefix(cells))
            let error = try #require(throws: ExportError.self) { try DatasetIntegrity.check([dataset]) }
            #expect(error.diagnostic.code == Problem.exportRowShape.code)
            #expect(error.diagnostic.found == "2")
            #expect(error.diagnostic.message.it == "membri: la riga 2 \(expected). L'esportazione si ferma: i file non sarebbero leggibili.")
            #expect(error.diagnostic.message.en.contains("row 2 has \(cells) cell"))
        }
    }

    @Test func aMissingRequiredValueIsToldInWordsInBothLanguages() throws {
        var keyless = Self.dataset(["095018", "095001"])
        keyless.rows[1][0] = .null
        let error = try #require(throws: ExportError.self) { try DatasetIntegrity.check([keyless]) }
        #expect(error.diagnostic.code == Problem.exportConstraint.code)
        #expect(error.diagnostic.message.it.hasPrefix("membri.riga: manca il valore, che la colonna richiede."))
        #expect(error.diagnostic.message.en.hasPrefix("membri.riga: the value is missing, and the column requires one."))
        // An empty text is as missing as no value; any other value is not.
        keyless.rows[1][0] = .text("")
        let empty = try #require(throws: ExportError.self) { try DatasetIntegrity.check([keyless]) }
        #expect(empty.diagnostic.message.en.hasPrefix("membri.riga: the value is missing"))
        keyless.rows[1][0] = .integer(7)
        try DatasetIntegrity.check([keyless])
        let pattern = try #require(throws: ExportError.self) { try DatasetIntegrity.check([Self.dataset(["95018"])]) }
        #expect(pattern.diagnostic.message.en.hasPrefix("membri.istat: the value '95018' does not have the form the column requires ([0-9]{6})."))
        #expect(!pattern.diagnostic.message.en.contains("«"))
    }
}
