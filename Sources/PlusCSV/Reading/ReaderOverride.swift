import Foundation

/// An internal switch that forces the sequential or the parallel reader, for the fuzzer and
/// for comparing the two on small files: not an option anyone needs in use.
///
/// `PLUS_READER=sequential` reads on the calling thread whatever the size; `PLUS_READER=parallel`
/// reads in blocks on worker threads even below ``CSVImporter/parallelThreshold``;
/// `PLUS_READER_BLOCK=BYTES` sets the size of those blocks (small blocks cut small files into
/// many). Any other value leaves the importer's own choice. `PLUS_TOKENIZER=libcsv` has the
/// parallel reader's blocks read by libcsv instead of the tokenizer of `CByteScan`, to compare the two.
///
/// ```sh
/// PLUS_READER=parallel PLUS_READER_BLOCK=64 plus import scheda.csv --format json
/// ```
struct ReaderOverride: Sendable {
    /// Worker threads to use, or `nil` for the importer's choice.
    var parallelism: Int?
    /// The parallel reader's block size, or `nil` for the importer's.
    var blockSize: Int?
    /// Whether blocks are read by the tokenizer (the default) rather than by libcsv.
    var usesTokenizer = true

    init(environment: [String: String]) {
        switch environment["PLUS_READER"] {
        case "sequential": parallelism = 1
        // Two workers at least, so that blocks really are parsed out of order.
        case "parallel": parallelism = max(2, min(4, ProcessInfo.processInfo.activeProcessorCount))
        default: parallelism = nil
        }
        if let text = environment["PLUS_READER_BLOCK"], let bytes = Int(text), bytes > 0, bytes <= 1 << 26 {
            blockSize = bytes
        }
        usesTokenizer = environment["PLUS_TOKENIZER"]?.lowercased() != "libcsv"
    }

    /// The switch as this process was started with.
    static let environment = ReaderOverride(environment: ProcessInfo.processInfo.environment)
}
