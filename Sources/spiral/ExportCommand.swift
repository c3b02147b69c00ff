import ArgumentParser
import Foundation
import SpiralCore

extension ExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export one family's plan to share.")

    @Argument(help: "The family code, e.g. KMT-47R.")
    var code: String

    @Option(help: "json or markdown.")
    var format: ExportFormat = .markdown

    @Option(help: "Language for headings (default: the family's language).")
    var language: String?

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = storeOptions.planStore
        let plan = try PlanLookup.load(code, from: store)
        let catalogue = try content.loadCatalogue()
        let config = try content.loadConfig()
        let tag = catalogue.bestMatch(for: language ?? plan.language) ?? MessageCatalogue.sourceLanguage
        let exporter = PlanExporter(localizer: Localizer(catalogue: catalogue, language: tag, latinDigits: config.latinDigits ?? false),
                                    script: try content.loadScript())
        let text = try exporter.export(plan, as: format)
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("Could not write \(output): check the folder exists and can be written.")
            }
        } else {
            print(text, terminator: "")
        }
    }
}
