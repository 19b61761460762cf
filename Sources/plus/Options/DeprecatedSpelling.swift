import Foundation
import PlusModel

/// Warns on standard error when a command line uses an option's old spelling, which still works
/// for one version: cron lines keep running while their owners are told what to change.
///
/// ```swift
/// DeprecatedSpelling.warn(old: "--export-format", new: "--dataset-format", language: .en)
/// // plus: --export-format is deprecated and goes in the next version: write --dataset-format
/// ```
enum DeprecatedSpelling {
    static func warn(old: String, new: String, language: Language, arguments: [String] = CommandLine.arguments) {
        guard arguments.contains(where: { $0 == old || $0.hasPrefix(old + "=") }) else { return }
        let text = LocalizedText(
            it: "plus: \(old) è superato e sparirà nella prossima versione: scrivere \(new)",
            en: "plus: \(old) is deprecated and goes in the next version: write \(new)")
        FileHandle.standardError.write(Data((text[language] + "\n").utf8))
    }
}
