import Foundation
import Testing
import PlusModel
@_spi(Testing) @testable import PlusCSV

/// A check that keeps no record replays the cell checks learnt from a clean row with the same
/// cells filled (``CheckPrograms``): the verdict, the counts and every diagnostic stay those of
/// the general path, whatever the later rows hold.
@Suite("Check programs learnt from clean rows give the general path's verdict")
struct CheckProgramTests {
    /// Rows of `cells` for `header`, through the plan's `subject` with one cache, as a reading thread reads a block.
    static func subjects(
        mapping: CSVMapping, header: [String], rows: [[String]], encoding: SourceEncoding = .utf8
    ) -> (subjects: [SheetSubject?], programs: CheckPrograms.Cache?) {
        var collector = DiagnosticCollector(limitPerCode: 10)
        let binding = ColumnBinding(mapping: mapping, header: header, file: "t.csv", line: 1, diagnostics: &collector)
        let plan = BytePlan(mapping: mapping, binding: binding)
        var cache = plan.programs?.cache()
        let subjects = rows.map { cells in
            CSVRow.withCells(cells, line: 2) { plan.subject($0, decoder: CellDecoder(encoding: encoding), cache: &cache) }
        }
        return (subjects, cache)
    }

    static let sheetHeader = ["Cod. ISTAT Comune", "Esercizio", "Codice servizio", "Servizio", "Importo a carico del Comune", "Note"]

    /// The first clean row of the region's collection teaches the checks of its typed cells (the
    /// code, the year, the amount; text that is only kept needs none); a later row with the same
    /// cells filled passes them, and one with a bad amount or a padded code does not.
    @Test func aCleanRowTeachesTheChecksOfItsTypedCells() throws {
        let mapping = try Support.mapping("dichiarazioni-regione")
        let clean = ["095038", "2019", "S1", "Assistenza", "1.234,56", "Spesa impegnata"]
        let (subjects, cache) = Self.subjects(mapping: mapping, header: Self.sheetHeader, rows: [
            clean,
            ["095039", "2020", "S2", "Centro diurno", "12,00", "Quota provvisoria"],
            ["095039", "2020", "S2", "Centro diurno", "12,345", "Quota provvisoria"],
            ["95039", "2020", "S2", "Centro diurno", "12,00", "Quota provvisoria"],
            ["095039", "20", "S2", "Centro diurno", "12,00", "Quota provvisoria"],
        ])
        #expect(subjects.map { $0 != nil } == [true, true, false, false, false])
        var programs = try #require(cache)
        let learntSteps = programs.withProgram(for: 0b111111) { steps in
            steps.map { step -> String in
                switch step.rule {
                case .bytes(let rule): "\(step.column):\(rule)"
                case .text: "\(step.column):text"
                }
            }
        }
        let learnt = try #require(learntSteps)
        // Bound fields are sorted by name: anno, descrizione, ente_istat, importo, note, servizio.
        #expect(Set(learnt) == ["0:istat", "1:year", "4:money"], "\(learnt)")
    }

    /// A single-subject sheet of declarations takes each row's ente from its record: no programs there.
    @Test func aComunesOwnSheetLearnsNoProgram() throws {
        let mapping = try Support.mapping("comune-scheda")
        let header = ["Cod. ISTAT Comune", "Esercizio", "Codice servizio", "Servizio", "Importo a carico del Comune", "Note"]
        var collector = DiagnosticCollector(limitPerCode: 10)
        let binding = ColumnBinding(mapping: mapping, header: header, file: "t.csv", line: 1, diagnostics: &collector)
        #expect(mapping.singleSubject && BytePlan(mapping: mapping, binding: binding).programs == nil)
    }

    /// Cells that a program's checks must refuse, each after clean rows with the same cells
    /// filled; every value a type could be tripped by, and text the plan cannot keep on it.
    static let hostile: [String: [String]] = [
        "money": ["12,345", "1.234.56", "--", "€ 5", "+5", "1e3", "100.000.000.000.000.000.000,00", "1,2,3", "0x1F"],
        "year": ["19", "20190", "2.0.1.9", "anno", "1999", "2101", "-2019"],
        "istat": ["95038", "0950381", "09503A", "９５０３８"],
        // Each set has a cell as long as the clean one, which a check that compared lengths alone would pass.
        "kind": ["boh", "sociale-sanitario", "so ciale", "sociali"],
        "management": ["strana", "comune:", "comune:12", "associati", "ASSOCIATO"],
        "criterion": ["a caso", "residenti!", "residente"],
        "text": ["tel. 333 1234567", "RSSMRA80A01H501U", " Spazio", "Spazio\u{00A0}"],
    ]

    /// The region's collection and the capofila's plan table, checked with the plan and without:
    /// after each clean block of rows comes a row with one hostile cell, its other cells as clean
    /// as the rows before. Verdicts, counts, diagnostics and rejected rows are the same.
    @Test(arguments: [1, 2])
    func hostileCellsAfterCleanRowsGetTheGeneralVerdict(threads: Int) throws {
        let sheet = Self.lines(
            header: Self.sheetHeader.joined(separator: ";"),
            clean: "095038;2019;S1;Assistenza domiciliare;1.234,56;Spesa impegnata",
            hostile: [("istat", 0), ("year", 1), ("money", 4), ("text", 5)])
        try Self.expectSameVerdict(sheet, mapping: try Support.mapping("dichiarazioni-regione"), threads: threads)
        let plan = Self.lines(
            header: "Anno;Codice servizio;Denominazione servizio;Tipologia;Gestione;Costo totale;FNPS;Criterio di riparto;Note",
            clean: "2019;S1;Servizio n. 1 per la comunità;sociale;associata;121.881,67;42.934,80;residenti;gestione associata",
            hostile: [("year", 0), ("kind", 3), ("management", 4), ("money", 5), ("money", 6), ("criterion", 7), ("text", 2)])
        try Self.expectSameVerdict(plan, mapping: try Support.mapping("capofila-servizi"), threads: threads)
    }

    /// The header, then for each hostile cell of each (kind, column): three clean rows and the
    /// clean row with that cell in the column.
    static func lines(header: String, clean: String, hostile: [(kind: String, column: Int)]) -> [String] {
        var lines = [header]
        for (kind, column) in hostile {
            for cell in Self.hostile[kind]! {
                lines += Array(repeating: clean, count: 3)
                var cells = clean.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                cells[column] = cell
                lines.append(cells.joined(separator: ";"))
            }
        }
        return lines
    }

    /// Checks `lines` with the byte plan (and so its programs) and through the general path alone:
    /// the two results must be equal, and rows must have been rejected for the programs' checks to matter.
    static func expectSameVerdict(
        _ lines: [String], mapping: CSVMapping, threads: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let url = try TemporaryFile.write(Array((lines.joined(separator: "\n") + "\n").utf8))
        var results: [ImportResult] = []
        for usesPlan in [true, false] {
            var checker = CSVImporter(mapping: mapping)
            checker.usesBytePlan = usesPlan
            checker.parallelism = threads
            checker.blockSize = 256
            checker.maxRejected = 10_000
            results.append(try CheckingTests.checked(checker, url))
        }
        #expect(results[0] == results[1], sourceLocation: sourceLocation)
        #expect(results[0].rowsRejected > 0 && results[0].rowsAccepted > results[0].rowsRejected, sourceLocation: sourceLocation)
    }
}
