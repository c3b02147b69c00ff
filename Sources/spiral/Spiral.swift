import ArgumentParser

@main
struct Spiral: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spiral",
        abstract: "The building partnership tool for use with families: a multilingual kiosk, plans and exports.",
        subcommands: [KioskCommand.self, ReviewCommand.self, PlanCommand.self, ExportCommand.self, PassphraseCommand.self, CheckCommand.self, LanguagesCommand.self],
        defaultSubcommand: nil
    )
}
