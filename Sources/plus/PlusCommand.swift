import ArgumentParser

/// `plus`: import, validate, store and export the data of local social-services plans.
@main
struct PlusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plus",
        abstract: "Importa, verifica e consolida i dati dei PLUS e dei Piani di Zona.",
        discussion: """
            Imports Comune sheets (CSV) and regional deliberations (XML) through the mappings in \
            Mappings/, checks that the cost shares add up, and exports consolidated datasets. \
            Messages are in Italian; add --lang en for English.
            """,
        subcommands: [ImportCommand.self, RunCommand.self, ValidateCommand.self, StatusCommand.self, ReportCommand.self, ExportCommand.self, CloseCommand.self, DemoCommand.self])
}
