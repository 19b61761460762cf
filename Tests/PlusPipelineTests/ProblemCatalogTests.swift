import Foundation
import Testing
import PlusModel
@testable import PlusPipeline

/// A stored warning code is shown with its title: the catalog holds every problem an import declares.
@Suite("Problems named by their title")
struct ProblemCatalogTests {
    /// Every code the importers' problem files declare (`code: "CSV044"`, `personalData("CSV301", …)`).
    static func declaredCodes() throws -> Set<String> {
        let files = [
            "Sources/PlusCSV/Import/CSVProblems.swift", "Sources/PlusWorkbook/Problems/WorkbookProblem.swift",
            "Sources/PlusXML/Diagnostics/XMLProblems.swift", "Sources/PlusStore/SQLite/ComuneCodeTranslation.swift",
        ]
        let pattern = try NSRegularExpression(pattern: "\"((?:CSV|WBK|XML|IST)[0-9]{3})\"")
        var codes = Set<String>()
        for file in files {
            let text = try String(contentsOf: Workbench.repository.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                codes.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return codes
    }

    @Test func everyProblemAnImportDeclaresHasItsTitle() throws {
        let declared = try Self.declaredCodes()
        #expect(declared.count > 60)
        // A problem added to a module and left out of its list would be shown as a bare code.
        #expect(declared.subtracting(ProblemCatalog.imports.codes).sorted() == [])
        for code in declared {
            let problem = try #require(ProblemCatalog.imports[code])
            #expect(!problem.title.it.isEmpty && !problem.title.en.isEmpty && problem.title.it != code, "\(code)")
        }
    }

    /// `--lang en` gives English through and through: a template half translated from the
    /// Italian (CSV207 ended "Riga scartata.") reads as a mistake, and English quotes are '…'.
    @Test func englishMessagesKeepNoItalianWords() throws {
        let italian = ["Riga ", "scartat", "atteso", "attesa", " non è ", " della ", "«", "»"]
        let declared = try Self.declaredCodes()
        for code in declared.sorted() {
            let problem = try #require(ProblemCatalog.imports[code])
            for text in [problem.title.en, problem.template.en] {
                #expect(!italian.contains { text.contains($0) }, "\(code): \(text)")
            }
            // The Italian side is checked the other way: it is not left in English.
            #expect(!problem.template.it.contains("Row rejected") && !problem.template.it.contains("expected "), "\(code): \(problem.template.it)")
        }
    }

    /// A count of one reads in the singular: "1 righe scartate superano", "1 cells hold" read as
    /// mistakes in a receipt about one row, the commonest case.
    @Test func aCountOfOneAgreesWithItsWords() throws {
        let plurals = ["1 righe", "1 celle", "1 Comuni", "1 rows", "1 cells", "1 rejected rows", "1 merged title rows"]
        for code in try Self.declaredCodes().sorted() {
            let problem = try #require(ProblemCatalog.imports[code])
            let message = problem.at(SourceLocation(file: "a.csv", line: 2), found: "1", expected: "7").message
            for text in [message.it, message.en] {
                #expect(!plurals.contains { text.contains($0) } && !text.contains("{found"), "\(code): \(text)")
            }
        }
    }

    @Test func aCodeIsNamedByItsTitleInEitherLanguage() {
        #expect(ProblemCatalog.imports.named("CSV044", in: .it) == "Riga di sezione (CSV044)")
        #expect(ProblemCatalog.imports.named("WBK023", in: .en) == "Hidden rows read (WBK023)")
        // A code the catalog does not hold (one a later version stored) stays as it is.
        #expect(ProblemCatalog.imports.named("ZZZ999", in: .it) == "ZZZ999")
    }

    @Test func theFirstProblemUnderACodeIsKept() {
        let first = Problem(code: "T001", severity: .warning, title: .init(it: "Primo", en: "First"), template: .init(it: "", en: ""))
        let second = Problem(code: "T001", severity: .error, title: .init(it: "Secondo", en: "Second"), template: .init(it: "", en: ""))
        #expect(ProblemCatalog([first, second]).named("T001", in: .it) == "Primo (T001)")
    }
}
