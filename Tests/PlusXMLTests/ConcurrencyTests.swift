import Foundation
import PlusModel
import Testing
@testable import PlusXML

@Suite("Concurrent imports")
struct ConcurrencyTests {
    @Test("Imports on many threads keep their own libxml2 errors: none leaks into another's result")
    func parallel() async throws {
        let importer = DeliberationImporter(mapping: try Paths.mapping("deliberazione-akn"))
        let good = try Data(contentsOf: Paths.deliberations.appendingPathComponent("dgr-2019.xml"))
        let broken = try Data(contentsOf: Paths.fixture("truncated.xml"))
        let results = await withTaskGroup(of: (Bool, ImportResult).self) { group in
            for index in 0..<24 {
                let isGood = index.isMultiple(of: 2)
                group.addTask { (isGood, importer.importData(isGood ? good : broken, displayName: "\(index).xml")) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 24)
        for (isGood, result) in results {
            if isGood {
                #expect(result.status == .accepted)
                #expect(result.diagnostics.isEmpty)
                #expect(result.allocations.count == 25)
            } else {
                #expect(result.status == .rejected)
                #expect(result.codes == ["XML001"])
                #expect(result.diagnostics.allSatisfy { $0.location.file == result.file })
            }
        }
    }
}
