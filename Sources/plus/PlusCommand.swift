import ArgumentParser
import Foundation
import PlusModel

/// `plus`: import, validate, store and export the data of local social-services plans.
@main
struct PlusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plus",
        abstract: Help.text(
            it: "Importa, verifica e consolida i dati dei PLUS e dei Piani di Zona.",
            en: "Imports, checks and consolidates the data of the PLUS and the Piani di Zona."),
        discussion: Help.text(it: """
            Importa le schede dei Comuni (CSV) e le deliberazioni regionali (XML) con le mappature di \
            Mappings/, controlla che le quote di costo tornino ed esporta i dati consolidati. \
            I messaggi sono in italiano; con --lang en sono in inglese.
            """, en: """
            Imports Comune sheets (CSV) and regional deliberations (XML) through the mappings in \
            Mappings/, checks that the cost shares add up, and exports consolidated datasets. \
            Messages are in Italian; add --lang en for English.
            """),
        version: PlusVersion.configured(),
        subcommands: [ImportCommand.self, RunCommand.self, ValidateCommand.self, StatusCommand.self, ReportCommand.self, ExportCommand.self, CloseCommand.self, DemoCommand.self, ReferenceCommand.self])

    /// Runs the command; a fault (full disk, read-only folder, damaged store) ends with its own
    /// exit code and a message naming the path, never with a raw error dump and exit code 1.
    static func main() {
        ClockZone.apply()
        var command: any ParsableCommand
        do {
            command = try ManyFiles.parse(withoutHelpLanguage(Array(CommandLine.arguments.dropFirst())))
        } catch {
            // Usage errors and help: ArgumentParser's own messages and exit codes.
            exitWithMessage(for: error)
        }
        do {
            try command.run()
        } catch {
            if let fault = FaultReport(error) { fault.exit(language: requestedLanguage) }
            exitWithMessage(for: error)
        }
    }

    /// Ends as ArgumentParser's `exit(withError:)` does (help on standard output with exit code 0,
    /// errors on standard error with theirs), with the library's own words in the language asked for.
    static func exitWithMessage(for error: any Error) -> Never {
        let text = ParserWords.translate(fullMessage(for: error), to: requestedLanguage)
        let code = exitCode(for: error)
        if !text.isEmpty {
            if code == .success {
                print(text)
            } else {
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
        }
        Foundation.exit(code.rawValue)
    }

    /// `plus help run --lang en`: ArgumentParser's `help` takes only subcommand names, so the
    /// language every other command accepts is taken out before it parses them.
    static func withoutHelpLanguage(_ arguments: [String]) -> [String] {
        guard arguments.first == "help" else { return arguments }
        var kept: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if argument == "--lang" { skipNext = true; continue }
            if argument.hasPrefix("--lang=") { continue }
            kept.append(argument)
        }
        return kept
    }

    /// The language asked for with `--lang`, read from the arguments themselves: a fault may come
    /// before or after any subcommand has parsed them.
    static var requestedLanguage: Language {
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { return Language(rawValue: arguments[index + 1]) ?? .it }
            if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst(7))) ?? .it }
        }
        return .it
    }
}
