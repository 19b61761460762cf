import ArgumentParser
import Foundation
import PlusModel
import PlusStore
import PlusValidation

/// Where the store and the rule set are, as options.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: Help.argument(
        it: "Il registro SQLite (predefinito: plus.sqlite nella cartella di lavoro).",
        en: "The SQLite store (default: plus.sqlite in the working folder)."))
    var store: String = SQLiteStore.defaultFileName

    @Option(name: .long, help: Help.argument(
        it: "Un file di regole da applicare a ogni anno (predefinito: le regole in rules/ della cartella delle mappature per la regione dell'Ambito e l'anno).",
        en: "A rule set file to apply to every year (default: the rule set in rules/ of the mappings folder for the Ambito's region and the year)."))
    var rules: String?
}

/// The settings a job needs, whether they came from options or from `plus demo`.
struct Settings {
    var store: String = SQLiteStore.defaultFileName
    var rules: String?
    var mappings: String?
    var language: Language = .it

    init(store: StoreOptions, common: CommonOptions) {
        self.store = store.store
        self.rules = store.rules
        self.mappings = common.mappings
        self.language = common.lang
    }

    init(store: String, rules: String?, mappings: String?, language: Language) {
        self.store = store
        self.rules = rules
        self.mappings = mappings
        self.language = language
    }
}
