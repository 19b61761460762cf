import ArgumentParser
import Foundation

/// A command that takes any number of files, as `plus import DIR/*` gives it.
protocol ManyFilesCommand: ParsableCommand {
    /// The files, in the order given.
    var files: [String] { get set }
    /// The command's options that take a value, as written on the line (`--mapping`): the words
    /// after them are their values, not files. `ManyFilesTests` holds it to the options the
    /// command declares (asking ArgumentParser at each run cost more than the parsing it saves).
    static var optionsTakingValue: Set<String> { get }
}

/// The command line of a command that takes many files, parsed in time linear in their number.
///
/// ArgumentParser (1.8) adds each value of a repeated argument by copying the array of the
/// values before it (`ParsedValues.update`), so parsing grows with the square of the files:
/// 0.1 s of a folder's 478 files, seconds for ten thousand. The files after the first are taken
/// out before the parser sees the line and put back, in their order, once it has parsed it. Which
/// words are files is told as the parser tells it: a word that is no option (`-` is one, standard
/// input) and not the value of the option before it (``ManyFilesCommand/optionsTakingValue``).
///
/// ```swift
/// let command = try ManyFiles.parse(["import", "a.csv", "b.csv", "--format", "json"])
/// // (command as! ImportCommand).files == ["a.csv", "b.csv"]
/// ```
enum ManyFiles {
    /// From how many words the files are taken out: below it the parser's own work is small.
    static let threshold = 64

    /// The command the line names, as `PlusCommand.parseAsRoot` gives it.
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        guard arguments.count > threshold, let name = arguments.first,
              let type = PlusCommand.configuration.subcommands.lazy
                .compactMap({ $0 as? any ManyFilesCommand.Type })
                .first(where: { $0.configuration.commandName == name }),
              let (kept, files) = split(Array(arguments.dropFirst()), valueOptions: type.optionsTakingValue)
        else { return try PlusCommand.parseAsRoot(arguments) }
        let command = try PlusCommand.parseAsRoot([name] + kept)
        guard var many = command as? any ManyFilesCommand else { return command }
        many.files += files
        return many
    }

    /// The line without its files after the first, and those files in order; nil when the line
    /// is not one to take apart: it has a `--` (after which every word is a file), standard input
    /// among the files (checked by the command against the others), or a single file.
    static func split(_ arguments: [String], valueOptions: Set<String>) -> (kept: [String], files: [String])? {
        var kept: [String] = []
        var files: [String] = []
        var firstSeen = false
        var takesValue = false
        for argument in arguments {
            if takesValue {
                kept.append(argument)
                takesValue = false
                continue
            }
            if argument == "--" || argument == "-" { return nil }
            if argument.hasPrefix("-") {
                kept.append(argument)
                // `--mapping x` takes the next word; `--mapping=x` does not.
                takesValue = !argument.contains("=") && valueOptions.contains(argument)
                continue
            }
            if firstSeen {
                files.append(argument)
            } else {
                kept.append(argument)
                firstSeen = true
            }
        }
        return files.isEmpty ? nil : (kept, files)
    }
}
