import Foundation
import Testing
@testable import PlusExport

@Suite struct DocumentationTests {
    /// The documented datasets are the exported ones: regenerate Datasets.md from `DatasetCatalog.markdown()`.
    @Test func datasetsDocumentMatchesTheCatalogue() throws {
        let document = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PlusExport/PlusExport.docc/Datasets.md")
        let written = (try? String(contentsOf: document, encoding: .utf8)) ?? ""
        if written != DatasetCatalog.markdown() {
            let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("Datasets.md")
            try DatasetCatalog.markdown().write(to: fresh, atomically: true, encoding: .utf8)
            Issue.record("Datasets.md is out of date; the current text is in \(fresh.path)")
        }
    }
}
