import Foundation

/// Writes one line about a benchmark's input to standard error.
///
/// The benchmark tool keeps the suites' standard output for itself; standard error reaches
/// the terminal, so sizes and counts of generated inputs show up beside the results.
public func noteInput(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
