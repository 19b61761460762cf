import ArgumentParser
import PlusModel

/// Options every subcommand shares: language, output format, where the mappings are.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: Help.argument(
        it: "Lingua dei messaggi: it (predefinita) o en.",
        en: "Language of messages: it (default) or en."))
    var lang: Language = .it

    @Option(name: .long, help: Help.argument(
        it: "Formato dell'output: text (predefinito) o json.",
        en: "Output: text (default) or json."))
    var format: OutputFormat = .text

    @Option(name: .long, help: Help.argument(
        it: "Cartella dei file di mappatura (predefinita: $PLUS_MAPPINGS, altrimenti ./Mappings).",
        en: "Folder of the mapping files (default: $PLUS_MAPPINGS, then ./Mappings)."))
    var mappings: String?

    /// Read before parsing, by ``ClockZone/apply(arguments:)``: logs start before any command runs.
    @Flag(name: .long, help: Help.argument(
        it: "Orari dell'output testuale e dei log in UTC (predefinito: ora italiana, Europe/Rome). Gli orari in JSON riportano sempre il proprio scostamento.",
        en: "Times in text output and logs in UTC (default: Italian time, Europe/Rome). JSON times always carry their offset."))
    var utc = false
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

extension Language: ExpressibleByArgument {}
