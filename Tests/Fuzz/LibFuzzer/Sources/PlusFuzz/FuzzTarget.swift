import Foundation
import PlusCSV
import PlusModel
import PlusXML

/// One fuzzing input (libFuzzer's `LLVMFuzzerTestOneInput`): random bytes through the CSV importer, read sequentially and in
/// parallel on small blocks, and through the XML importer.
///
/// The first byte chooses what the rest is: an even byte makes it a deliberation for one of the
/// XML mappings, an odd one a sheet for one of the CSV mappings, read in parallel with blocks of
/// `1 + byte / 2` bytes. Any crash is libFuzzer's finding; so is any difference between the
/// two readers, which stops the process with both results on standard error.
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
        compareReaders(body, mapping: Corpus.csv[(selector / 2) % Corpus.csv.count], blockSize: 1 + selector / 2)
    }
    return 0
}

/// The two readers must agree on everything: status, counts, records, rejected rows, diagnostics.
private func compareReaders(_ body: Data, mapping: CSVMapping, blockSize: Int) {
    do {
        try body.write(to: Corpus.scratch)
        var sequential = CSVImporter(mapping: mapping)
        sequential.parallelism = 1
        var parallel = CSVImporter(mapping: mapping)
        parallel.parallelism = 2
        parallel.blockSize = blockSize
        let one = try sequential.importFile(at: Corpus.scratch, displayName: "fuzz.csv")
        let other = try parallel.importFile(at: Corpus.scratch, displayName: "fuzz.csv")
        guard one == other else {
            FileHandle.standardError.write(Data("""
                sequential and parallel readers differ (mapping \(mapping.name), block \(blockSize))
                sequential: \(one)
                parallel:   \(other)

                """.utf8))
            abort()
        }
    } catch {
        // Reading a regular file we just wrote does not fail; if it does, both readers would.
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

    static let csv: [CSVMapping] = [
        "comune-scheda", "capofila-servizi", "capofila-riparto", "asl-dichiarazione", "provincia-dichiarazione",
        "ambiti-membri", "enti-ambiti", "piano-servizi", "piano-riparto", "dichiarazioni-regione",
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
