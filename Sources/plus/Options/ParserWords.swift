import Foundation
import PlusModel

/// ArgumentParser's own words (help headings, `(default: …)`, usage errors) in the language asked for.
///
/// The library writes them in English and offers no hook to change them, so `main` takes the
/// text it would print (`fullMessage(for:)`) and passes it through this one table before printing.
/// Our own words (abstracts, option help, validation messages) are already in the language asked
/// for (see ``Help``); only the library's fixed phrases are translated here. A phrase the table
/// does not know stays English: the meaning is never lost.
///
/// ```swift
/// ParserWords.translate("Error: Missing expected argument '--year <year>'", to: .it)
/// // "Errore: manca l'argomento richiesto '--year <year>'"
/// ```
enum ParserWords {
    /// Each English phrase (a regular expression) with its Italian wording; `$1`, `$2` are the
    /// names and values the library put in the phrase. Headings keep their width, so the columns
    /// and hanging indents the library laid out stay aligned.
    static let italian: [(english: String, italian: String)] = [
        // Help headings.
        (#"(?m)^OVERVIEW: "#, "IN BREVE: "),
        (#"(?m)^USAGE: "#, "USO:   "),
        (#"(?m)^ARGUMENTS:$"#, "ARGOMENTI:"),
        (#"(?m)^OPTIONS:$"#, "OPZIONI:"),
        (#"(?m)^SUBCOMMANDS:$"#, "SOTTOCOMANDI:"),
        (#"See '([^']*) <subcommand>' for detailed help\."#, "Aiuto di un sottocomando: '$1 <sottocomando>'."),
        (#"Show the version\."#, "Mostra la versione."),
        (#"Show help information\."#, "Mostra questo aiuto."),
        // An option's values and default, possibly wrapped over two lines.
        (#"\(values:(\s+)"#, "(valori:$1"),
        (#"(\(|;\s+)default as flag:(\s+)"#, "$1predefinito come flag:$2"),
        (#"(\(|;\s+)default:(\s+)"#, "$1predefinito:$2"),
        // Usage errors.
        (#"(?m)^Error: "#, "Errore: "),
        (#"(?m)^Help:  "#, "Aiuto: "),
        (#"(?m)^Usage: "#, "Uso:   "),
        (#"See '([^']*)' for more information\."#, "Per saperne di più: '$1'."),
        (#"Missing expected argument '([^']*)'"#, "manca l'argomento richiesto '$1'"),
        (#"Missing one of: "#, "manca uno tra: "),
        (#"Missing value for '([^']*)'"#, "manca il valore di '$1'"),
        (#"Missing required subcommand\."#, "manca il sottocomando."),
        (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "opzione sconosciuta '$1'. Forse '$2'?"),
        (#"Unknown option '([^']*)'"#, "opzione sconosciuta '$1'"),
        (#"Invalid option: "#, "opzione non valida: "),
        (#"Unexpected argument '([^']*)'"#, "argomento inatteso '$1'"),
        (#"(\d+) unexpected arguments: "#, "$1 argomenti inattesi: "),
        (#"The option '([^']*)' does not take any value, but '([^']*)' was specified\."#,
         "l'opzione '$1' non accetta valori, ma è stato dato '$2'."),
        (#"Value to be set with (.*) had already been set with (.*)"#, "$1 ripete un valore già dato con $2"),
        (#"The value '([^']*)' is invalid for '([^']*)'"#, "il valore '$1' non è valido per '$2'"),
        (#"The value '([^']*)' is invalid\."#, "il valore '$1' non è valido."),
        (#"\. Please provide one of the following:"#, ". Valori ammessi:"),
        (#"\. Please provide one of (.*) and ('[^']*')\."#, ". Valori ammessi: $1 e $2."),
        (#"\. Please provide one of (.*) or ('[^']*')\."#, ". Valori ammessi: $1 o $2."),
        (#"\. Please provide one of ('[^']*')\."#, ". Valore ammesso: $1."),
    ]

    private static let compiled: [(NSRegularExpression, String)] = italian.compactMap { english, italian in
        // Fixed patterns written above; the CLI tests would show one that did not compile staying English.
        (try? NSRegularExpression(pattern: english)).map { ($0, italian) }
    }

    /// `text` with ArgumentParser's phrases in `language`.
    static func translate(_ text: String, to language: Language) -> String {
        guard language == .it else { return text }
        var result = text
        for (expression, replacement) in compiled {
            let range = NSRange(result.startIndex..., in: result)
            result = expression.stringByReplacingMatches(in: result, range: range, withTemplate: replacement)
        }
        return result
    }
}
