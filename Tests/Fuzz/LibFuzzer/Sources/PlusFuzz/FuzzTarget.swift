import Foundation
@_spi(Testing) import PlusCSV
import PlusModel
import PlusXML

/// One fuzzing input (libFuzzer's `LLVMFuzzerTestOneInput`): random bytes through the CSV importer
/// with the byte plan on and off, read sequentially and in parallel on small blocks, and through
/// the XML importer.
///
/// The first byte chooses what the rest is: an even byte makes it a deliberation for one of the
/// XML mappings, an odd one a sheet for one of the CSV mappings, read in parallel with blocks of
/// `1 + byte / 2` bytes. Any crash is libFuzzer's finding; so is any difference between the byte
/// plan and the general path, or between the two readers, which stops the process with both
/// results on standard error.
///
/// ```sh
/// bash Tests/Fuzz/libfuzzer.sh 300   # five minutes
/// ```
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = Int(bytes[0])
    let body = Data(bytes: bytes + 1, count: size - 1)
    if selector.isMultiple(of: 2) {
        let mapping = Corpus.xml[(selector / 2) % Corpus.xml.count]
        _ = DeliberationImporter(mapping: mapping).importData(body, displayName: "fuzz.xml")
    } else {
        compareImports(body, mapping: Corpus.csv[(selector / 2) % Corpus.csv.count], blockSize: 1 + selector / 2)
    }
    return 0
}

/// Four imports of one sheet must agree on everything (status, counts, records, rejected rows,
/// diagnostics): the byte plan read sequentially, the byte plan read in parallel (blocks read by
/// the tokenizer, and by libcsv), and the general path (`PLUS_BYTE_PLAN=off`) read sequentially.
private func compareImports(_ body: Data, mapping: CSVMapping, blockSize: Int) {
    do {
        try body.write(to: Corpus.scratch)
        func importing(plan: Bool, parallelism: Int, tokenizer: Bool = true) throws -> ImportResult {
            var importer = CSVImporter(mapping: mapping)
            importer.usesBytePlan = plan
            importer.usesTokenizer = tokenizer
            importer.parallelism = parallelism
            importer.blockSize = blockSize
            return try importer.importFile(at: Corpus.scratch, displayName: "fuzz.csv")
        }
        let reference = try importing(plan: true, parallelism: 1)
        let parallel = try importing(plan: true, parallelism: 2)
        let parallelLibcsv = try importing(plan: true, parallelism: 2, tokenizer: false)
        let general = try importing(plan: false, parallelism: 1)
        // A check that keeps no record (what `plus import` runs, with the byte plan's check
        // programs) gives the import's verdict and rejected rows, both ways and both readers.
        func checking(plan: Bool, parallelism: Int) throws -> ImportResult {
            var checker = CSVImporter(mapping: mapping)
            checker.usesBytePlan = plan
            checker.parallelism = parallelism
            checker.blockSize = blockSize
            var rejected: [RejectedRow] = []
            var result = try checker.checkFile(at: Corpus.scratch, displayName: "fuzz.csv") { rejected.append($0) }
            result.rejectedRows = rejected
            return result
        }
        var verdict = reference
        verdict.records = []
        let checks = [
            ("check, byte plan, sequential", try checking(plan: true, parallelism: 1)),
            ("check, byte plan, parallel", try checking(plan: true, parallelism: 2)),
            ("check, general path", try checking(plan: false, parallelism: 1)),
        ]
        for (name, other) in checks where other != verdict {
            FileHandle.standardError.write(Data("""
                the import's verdict and the \(name) differ (mapping \(mapping.name), block \(blockSize))
                import, byte plan, sequential: \(verdict)
                \(name): \(other)

                """.utf8))
            abort()
        }
        for (name, other) in [
            ("parallel reader", parallel), ("parallel reader, blocks read by libcsv", parallelLibcsv),
            ("general path (byte plan off)", general),
        ] where other != reference {
            FileHandle.standardError.write(Data("""
                the byte plan read sequentially and the \(name) differ (mapping \(mapping.name), block \(blockSize))
                byte plan, sequential: \(reference)
                \(name): \(other)

                """.utf8))
            abort()
        }
    } catch {
        // Reading a regular file we just wrote does not fail; if it does, every import would.
        FileHandle.standardError.write(Data("scratch file: \(error)\n".utf8))
        abort()
    }
}

/// The shipped mappings, loaded once, and the scratch file each input is written to.
enum Corpus {
    static let mappings: URL = {
        if let folder = ProcessInfo.processInfo.environment["PLUS_MAPPINGS"] { return URL(fileURLWithPath: folder) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Mappings")
    }()

    /// Every shipped CSV mapping; new ones go at the end, so that a selector byte in the corpus
    /// keeps choosing the mapping it chose.
    static let csv: [CSVMapping] = [
        "comune-scheda", "capofila-servizi", "capofila-riparto", "asl-dichiarazione", "provincia-dichiarazione",
        "ambiti-membri", "enti-ambiti", "piano-servizi", "piano-riparto", "dichiarazioni-regione",
        "istat-comuni", "istat-comuni-2019", "istat-comuni-2024", "istat-popolazione", "istat-variazioni",
        "provincia-export",
    ].map { name in
        do { return try CSVMapping.load(from: mappings.appendingPathComponent("\(name).yaml")) }
        catch { fatalError("mapping \(name): \(error)") }
    }

    static let xml: [XMLMapping] = ["deliberazione-akn", "ripartizione-semplice", "deliberazione-akn-allegato"].map { name in
        do { return try XMLMapping.load(from: mappings.appendingPathComponent("\(name).yaml")) }
        catch { fatalError("mapping \(name): \(error)") }
    }

    static let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("plus-fuzz-\(ProcessInfo.processInfo.processIdentifier).csv")
}
