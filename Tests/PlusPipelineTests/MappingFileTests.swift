import Foundation
import Testing
import PlusCSV
import PlusModel
import PlusXML
@testable import PlusPipeline

/// A mapping file is parsed once and read as the kind its `target` names; a broken one still says
/// what is wrong with it as either kind.
@Suite("Mapping files read once")
struct MappingFileTests {
    static let library = MappingLibrary(directory: Workbench.repository.appendingPathComponent("Mappings"))

    @Test func everyShippedMappingIsReadAsItsKindWithTheValueOfItsOwnLoader() throws {
        var csv = 0, xml = 0
        for name in Self.library.names() {
            let url = try Self.library.url(named: name)
            switch try MappingFile.load(from: url) {
            case .csv(let mapping):
                #expect(mapping == (try CSVMapping.load(from: url)), "\(name)")
                csv += 1
            case .xml(let mapping):
                #expect(mapping == (try XMLMapping.load(from: url)), "\(name)")
                #expect((try? CSVMapping.load(from: url)) == nil, "\(name)")
                xml += 1
            }
        }
        #expect(csv == 20 && xml == 3)
    }

    static func unreadable(_ text: String) throws -> MappingFile.Unreadable? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mapping-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("rotta.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try MappingFile.load(from: url)
            return nil
        } catch {
            // The whole library refuses to start with it, naming both readings.
            #expect(throws: PipelineError.self) { try FileImport(library: MappingLibrary(directory: folder)) }
            return error
        }
    }

    @Test func aFileOfNeitherKindSaysWhatEachReadingFound() throws {
        let error = try #require(try Self.unreadable("name: x\nversion: 2\n"))
        #expect(error.file == "rotta.yaml")
        #expect(error.asCSV.message.en == "invalid mapping: line 1, field 'target': required field missing")
        #expect(error.asXML.reason == "line 1, field 'deliberation': required field missing")
        #expect(error.brokenMapping.message.it.hasPrefix(
            "la mappatura rotta.yaml non si legge (come CSV: mappatura non valida: riga 1, campo «target»: campo obbligatorio mancante; come XML: riga 1, campo «deliberation»"))
    }

    @Test func aCSVMappingThatFailsItsChecksIsToldAsACSVMapping() throws {
        let error = try #require(try Self.unreadable("name: x\ntarget: dichiarazione\nfields:\n  importo: {headers: [a]}\n"))
        #expect(error.asCSV.message.it.contains("obbligatorio"))
    }

    @Test func aSyntaxErrorIsToldOnceForBothKinds() throws {
        let error = try #require(try Self.unreadable("name: [x\n"))
        #expect(error.asCSV.message.en.hasPrefix("invalid mapping: line 2: invalid YAML syntax"))
        #expect(error.asXML.reason.hasPrefix("line 2: invalid YAML syntax"))
    }
}
