import BenchmarkInputs
import Foundation
import PlusModel
import PlusPipeline
import PlusStore
import PlusValidation

/// The sample Ambito-year, Oristano 2019, as `plus demo` builds it: the shipped reference data,
/// the 2019 deliberation and the 28 sheets of `SampleData/oristano/` through `plus run`.
enum OristanoYear {
    static let ruleSet = try! RuleSet.load(contentsOf: Repository.url("Mappings/rules/sardegna-plus-v1.yaml"))

    static let year: AmbitoYear = {
        let fileManager = FileManager.default
        let work = fileManager.temporaryDirectory
            .appendingPathComponent("plus-benchmarks-rules-\(ProcessInfo.processInfo.processIdentifier)")
        let inbox = work.appendingPathComponent("inbox")
        defer { try? fileManager.removeItem(at: work) }
        do {
            try fileManager.createDirectory(at: inbox, withIntermediateDirectories: true)
            let samples = [
                "riferimento/ambiti-sardegna.csv", "riferimento/enti-sardegna.csv", "deliberazioni/dgr-2019.xml",
            ] + (try fileManager.contentsOfDirectory(atPath: Repository.url("SampleData/oristano").path))
                .filter { $0.hasSuffix(".csv") }.map { "oristano/\($0)" }
            for sample in samples {
                let source = Repository.url("SampleData/\(sample)")
                try fileManager.copyItem(at: source, to: inbox.appendingPathComponent(source.lastPathComponent))
            }
            let store = try SQLiteStore.inMemory()
            let consolidation = Consolidation(
                store: store, validator: Validator(ruleSet: ruleSet), outputDirectory: work.appendingPathComponent("out"),
                formats: [], language: .it)
            var run = InboxRun(
                inbox: InboxFolder(url: inbox), fileImport: try FileImport(library: MappingLibrary(directory: Repository.url("Mappings"))),
                store: store, consolidation: consolidation)
            // The job validates all 25 Ambiti of the reference data; their notes are not the benchmark's output.
            run.logger.logLevel = .error
            let summary = try run.run()
            precondition(summary.accepted == samples.count, "every sample accepted: \(summary)")
            guard let year = try store.ambitoYear(ambito: "OR", year: 2019) else { fatalError("no Oristano 2019 in the store") }
            return year
        } catch {
            fatalError("cannot build the Oristano year: \(error)")
        }
    }()
}
