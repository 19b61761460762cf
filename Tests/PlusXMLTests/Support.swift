import Foundation
import PlusModel
@testable import PlusXML

/// Paths of the repository's sample data, mappings and this target's fixtures.
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let mappings = repository.appendingPathComponent("Mappings")
    static let deliberations = repository.appendingPathComponent("SampleData/deliberazioni")

    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
    }

    static func mapping(_ name: String) throws -> XMLMapping {
        try XMLMapping.load(named: name, in: mappings)
    }

    static func importSample(_ file: String, mapping: String = "deliberazione-akn") throws -> ImportResult {
        try DeliberationImporter(mapping: try Self.mapping(mapping)).importFile(at: deliberations.appendingPathComponent(file))
    }
}

extension ImportResult {
    var deliberation: Deliberation? {
        records.lazy.compactMap { if case .deliberation(let value) = $0.record { value } else { nil } }.first
    }

    var allocations: [RegionalAllocation] {
        records.compactMap { if case .allocation(let value) = $0.record { value } else { nil } }
    }

    var codes: Set<String> { Set(diagnostics.map(\.code)) }

    /// Every text a person or a store could see, to check that no secret leaked into it.
    var allVisibleText: String {
        let messages = diagnostics.flatMap { [$0.message.it, $0.message.en, $0.found ?? "", $0.expected ?? ""] }
        let cells = rejectedRows.flatMap(\.cells)
        let data = (try? JSONEncoder().encode(records)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        return (messages + cells + [data]).joined(separator: "\n")
    }
}

/// Same allocation, wherever it was read from.
func withoutProvenance(_ allocations: [RegionalAllocation]) -> [RegionalAllocation] {
    allocations.map { var copy = $0; copy.provenance = nil; return copy }
}
