import Foundation
import Testing
@testable import PlusCSV

@Suite("Choosing the mapping of an inbox file")
struct MappingMatcherTests {
    static let all: [CSVMapping] = {
        let names = ["capofila-servizi", "capofila-riparto", "comune-scheda", "asl-dichiarazione", "provincia-dichiarazione", "ambiti-membri", "istat-comuni"]
        return names.map { try! Support.mapping($0) }
    }()

    @Test(arguments: [
        ("capofila-servizi-2019.csv", "capofila-servizi"), ("capofila-riparto-2019.csv", "capofila-riparto"),
        ("comune-siamaggiore-scheda-2019.csv", "comune-scheda"), ("comune-zeddiani-scheda-2019.csv", "comune-scheda"),
        ("asl5-dichiarazione-2019.csv", "asl-dichiarazione"), ("provincia-or-dichiarazione-2019.csv", "provincia-dichiarazione"),
    ])
    func everySampleFindsItsMapping(file: String, expected: String) throws {
        let url = Support.repository.appendingPathComponent("SampleData/oristano/\(file)")
        let candidates = try MappingMatcher(mappings: Self.all).candidates(for: url)
        #expect(candidates.first?.mapping.name == expected)
        #expect(candidates.count < 2 || candidates[0].score > candidates[1].score)
    }

    @Test func aRenamedSheetIsStillKnownByItsHeader() throws {
        let source = Support.repository.appendingPathComponent("SampleData/oristano/comune-cabras-scheda-2019.csv")
        let renamed = FileManager.default.temporaryDirectory.appendingPathComponent("Scheda Cabras definitiva (2).csv")
        try? FileManager.default.removeItem(at: renamed)
        try FileManager.default.copyItem(at: source, to: renamed)
        #expect(try MappingMatcher(mappings: Self.all).candidates(for: renamed).first?.mapping.name == "comune-scheda")
    }

    @Test func anUnknownLayoutHasNoCandidate() throws {
        let url = try TemporaryFile.write(Array("colonna1;colonna2\n1;2\n".utf8))
        #expect(try MappingMatcher(mappings: Self.all).candidates(for: url).isEmpty)
    }
}
