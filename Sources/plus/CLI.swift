import ArgumentParser
import Foundation
import Logging
import PlusModel
import PlusPipeline
import PlusStore
import PlusValidation

/// Set-up shared by the subcommands: mappings, store and rule set, each failing with a clear message.
enum CLI {
    static func library(_ settings: Settings) throws -> MappingLibrary {
        do {
            return try MappingLibrary.locate(explicit: settings.mappings)
        } catch let error as PipelineError {
            fail(error.message[settings.language], code: ExitCodes.usage)
        }
    }

    static func open(_ settings: Settings) throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: settings.store)
        } catch let error as StoreError {
            fail(error.message[settings.language], code: ExitCodes.failure)
        }
    }

    /// The rule set: `--rules FILE`, else `rules/sardegna-plus-v1.yaml` in the mappings folder.
    static func validator(_ settings: Settings, _ library: MappingLibrary) throws -> Validator {
        let url = settings.rules.map { URL(fileURLWithPath: $0) }
            ?? library.directory.appendingPathComponent("rules/sardegna-plus-v1.yaml")
        do {
            return Validator(ruleSet: try RuleSet.load(contentsOf: url))
        } catch {
            fail(error.message[settings.language], code: ExitCodes.usage)
        }
    }

    /// The mappings, the store and the validator a job works with.
    static func workspace(_ settings: Settings) throws -> (library: MappingLibrary, store: SQLiteStore, validator: Validator) {
        let library = try library(settings)
        return (library, try open(settings), try validator(settings, library))
    }

    /// Log lines go to standard error, so standard output carries only results (the JSON summary).
    static let bootstrapLogging: Void = LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }

    static func fail(_ message: String, code: ExitCode) -> Never {
        FileHandle.standardError.write(Data(("plus: " + message + "\n").utf8))
        Foundation.exit(code.rawValue)
    }
}
