import ArgumentParser
import PlusModel

/// What a command covers: one Ambito-year (`--ambito CODE --year YYYY`) or a whole region-year
/// (`--region --year YYYY`), as `plus report` and `plus export` take it.
///
/// ```swift
/// @OptionGroup var scope: ScopeOptions
/// let codes = scope.region ? allCodes : [scope.ambito!]
/// ```
struct ScopeOptions: ParsableArguments {
    @Option(name: .long, help: Help.argument(
        it: "Il codice dell'Ambito (oppure --region).",
        en: "The Ambito's code (or --region)."))
    var ambito: String?

    @Flag(name: .long, help: Help.argument(
        it: "Tutti gli Ambiti dell'anno.",
        en: "Every Ambito of the year."))
    var region = false

    @Option(name: .long, help: Help.argument(
        it: "L'anno.",
        en: "The year."))
    var year: Int

    func validate() throws {
        guard (ambito == nil) == region else {
            throw ValidationError(Help.text(
                it: "serve --ambito CODICE oppure --region (uno dei due)",
                en: "either --ambito CODE or --region is expected (one of them)"))
        }
    }
}
