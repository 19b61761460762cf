import Foundation
import Synchronization
import Testing
import PlusModel
@testable import PlusPipeline

/// `plus run` files the run's files (receipts, a flush, the moves) while it consolidates, and a
/// file archived under another name than its own is in place before anything is consolidated.
@Suite("plus run: the files filed while the Ambito-years are consolidated", .serialized)
struct FilingAlongsideTests {
    /// What the hook saw: whether a consolidated output was published, and what `archive/` held then.
    final class Watch: @unchecked Sendable {
        let published = DispatchSemaphore(value: 0)
        let state = Mutex<(first: Bool, taggedInPlace: Bool?, publishedDuringFiling: Bool?)>((true, nil, nil))
    }

    /// The second run brings Milis' sheet, new, and a corrected Cabras sheet under the name of
    /// the one archived the night before, which the archive tags with its checksum. Milis'
    /// receipt waits (up to 60 s) for the consolidation to publish an output: a run that filed
    /// everything before consolidating would still be waiting. When the first output is
    /// published, Cabras' tagged copy, the one the reports' links look for, is already archived.
    @Test func theConsolidationPublishesWhileTheFilesAreFiled() throws {
        let bench = try Workbench()
        let milis = "comune-milis-scheda-2019.csv"
        try bench.drop("riferimento/ambiti-sardegna.csv")
        try bench.drop("riferimento/enti-sardegna.csv")
        try bench.drop("deliberazioni/dgr-2019.xml")
        for name in try FileManager.default.contentsOfDirectory(atPath: Workbench.repository.appendingPathComponent("SampleData/oristano").path)
        where name.hasSuffix(".csv") && name != milis {
            try bench.drop("oristano/\(name)")
        }
        _ = try bench.job().run()
        #expect(try bench.files(in: "archive").contains("comune-cabras-scheda-2019.csv"))

        try bench.drop("oristano/\(milis)")
        try bench.drop("errati/comune-cabras-scheda-2019-errata.csv", as: "comune-cabras-scheda-2019.csv")
        let tagged = InboxFolder.taggedName(
            "comune-cabras-scheda-2019.csv",
            tag: InboxFolder.tag(sha256: try Checksum.sha256(fileAt: bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv"))))
        let watch = Watch()
        let archive = bench.inbox.appendingPathComponent("archive")
        let summary = try FaultInjection.$hook.withValue({ point in
            if point.hasPrefix("export.published:") {
                let first = watch.state.withLock { state in
                    defer { state.first = false }
                    return state.first
                }
                guard first else { return }
                let inPlace = FileManager.default.fileExists(atPath: archive.appendingPathComponent(tagged).path)
                watch.state.withLock { $0.taggedInPlace = inPlace }
                watch.published.signal()
            } else if point == "file.renamed:\(milis).ricevuta.json" {
                let seen = watch.published.wait(timeout: .now() + 60) == .success
                if seen { watch.published.signal() }
                watch.state.withLock { $0.publishedDuringFiling = seen }
            }
        }) { try bench.job().run() }

        let state = watch.state.withLock { $0 }
        #expect(state.publishedDuringFiling == true)
        #expect(state.taggedInPlace == true)
        // And the run is the run it was: both files filed, their receipts written, OR 2019 exported.
        let archived = try bench.files(in: "archive")
        #expect(archived.contains(milis) && archived.contains("\(milis).ricevuta.json"))
        #expect(archived.contains(tagged) && archived.contains("\(tagged).ricevuta.json"))
        #expect(!FileManager.default.fileExists(atPath: bench.inbox.appendingPathComponent(milis).path))
        #expect(summary.validated.contains("OR 2019"))
        #expect(summary.perFile.allSatisfy { $0.filedAs != nil })
    }
}
