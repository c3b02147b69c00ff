import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralTerminal

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Practitioner and parent together: agree and review goals, record labelled praise, partnership steps and contact.")

    @Argument(help: "The family code, e.g. KMT-47R.")
    var code: String

    @Option(help: "Your name, as it will appear in the plan's history.")
    var practitioner: String = ProcessInfo.processInfo.environment["SPIRAL_PRACTITIONER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "practitioner"

    @Option(help: "Your language for headings and questions (default en). The family's language is shown beside it.")
    var language: String = "en"

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var keyOptions: KeyOptions

    func run() throws {
        let store = try keyOptions.store(storeOptions, config: try content.loadConfig())
        let plan = try PlanLookup.load(code, from: store)
        let catalogue = try content.loadCatalogue()
        let config = try content.loadConfig()
        let script = try? content.loadScript()
        let tag = catalogue.bestMatch(for: language) ?? MessageCatalogue.sourceLanguage
        let interactive = Terminal.isInteractive
        let session = PlanningSession(store: store, script: script, plan: plan, catalogue: catalogue, practitionerLanguage: tag,
                                      practitionerName: practitioner, reader: Terminal.makeLineReader(),
                                      interactive: interactive, colour: Terminal.colourEnabled,
                                      latinDigits: config.latinDigits ?? false,
                                      reorderRightToLeft: config.reorderRightToLeft ?? true)
        defer { Terminal.restore() }
        session.run()
        if session.unsavedChangeCount > 0 {
            Terminal.restore()
            throw RuntimeFailure("\(session.unsavedChangeCount) change(s) to \(plan.code) could not be saved (the store cannot be written). Nothing else was lost; fix the store and make them again.", code: .ioError)
        }
    }
}

/// Finds a plan by the code a practitioner typed, with a clear message and the closest codes.
enum PlanLookup {
    static func load(_ code: String, from store: any PlanRepository) throws -> Plan {
        guard let normalised = FamilyCode.normalise(code) else {
            let near = store.closestCodes(to: code.uppercased())
            throw ValidationError("\"\(code)\" is not a family code: \(FamilyCode.problem(with: code))." + (near.isEmpty ? "" : " Did you mean \(near.joined(separator: " or "))?"))
        }
        do { return try store.load(normalised) } catch { throw RuntimeFailure(error) }
    }
}
