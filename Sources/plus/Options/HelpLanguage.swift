import ArgumentParser
import PlusModel

/// Help text in the language asked for with `--lang`: Italian by default, English with `--lang en`.
///
/// ArgumentParser reads a command's configuration and its options' help only when it shows or
/// parses them, after `main` has started, so the language can be taken from the arguments then.
///
/// ```swift
/// @Option(help: Help.argument(it: "L'anno.", en: "The year."))
/// var year: Int
/// ```
enum Help {
    /// The text in the requested language.
    static func text(it: String, en: String, language: Language = PlusCommand.requestedLanguage) -> String {
        LocalizedText(it: it, en: en)[language]
    }

    /// An option's help in the requested language, with the name its value is shown under.
    static func argument(it: String, en: String, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp(text(it: it, en: en), valueName: valueName)
    }
}
