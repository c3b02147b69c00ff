import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralTerminal
import SpiralText

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Practitioner: read the plans in the store, urgent and repair-flagged first.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var keyOptions: KeyOptions
    @OptionGroup var content: ContentOptions

    @Flag(help: "One plain line per plan, its code first (for scripts).")
    var list = false

    @Option(help: "Only plans whose name or code matches, ignoring case and accents (\"nguyen\" finds \"Nguyễn\").")
    var search: String?

    @Option(help: "Your language for headings and questions (default en).")
    var language: String = "en"

    func run() throws {
        let store = try keyOptions.store(storeOptions, config: try content.loadConfig())
        if list {
            let overview = PlanOverview.load(from: store)
            var rows = overview.rows
            if let search { rows = rows.filter { $0.matches(search) } }
            for problem in overview.unreadable {
                StandardError.write("warning: \(problem)\n")
            }
            if rows.isEmpty {
                StandardError.write(search == nil ? "No plans in \(store.location) yet.\n" : "No plan matches \"\(search!)\".\n")
                return
            }
            print(rows.map(\.line).joined(separator: "\n"))
            return
        }
        let catalogue = try content.loadCatalogue()
        let config = try content.loadConfig()
        let tag = catalogue.bestMatch(for: language) ?? MessageCatalogue.sourceLanguage
        let session = ReviewSession(store: store, script: try? content.loadScript(), catalogue: catalogue,
                                    practitionerLanguage: tag, reader: Terminal.makeLineReader(),
                                    interactive: Terminal.isInteractive, colour: Terminal.colourEnabled,
                                    latinDigits: config.latinDigits ?? false, reorderRightToLeft: config.reorderRightToLeft ?? true)
        defer { Terminal.restore() }
        session.run()
    }
}
