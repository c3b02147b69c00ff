import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand

extension ExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export one family's plan to share, or every plan as a table for the centre coordinator.",
        discussion: """
        Formats: markdown (case notes), html (one page to print on A4, with the spiral and progress charts), \
        text (plain, 42 columns, for the kiosk's receipt printer), csv (the goals, one row each, for a spreadsheet), \
        json (the whole plan file, without the PIN).
        With --all: one row per plan (csv, or json), for the centre coordinator.
        """)

    @Argument(help: "The family code, e.g. KMT-47R.")
    var code: String?

    @Flag(help: "Every plan in the store, one row each (with --format csv or json).")
    var all = false

    @Option(help: "markdown, html, text, csv or json (default: markdown; csv with --all).")
    var format: ExportFormat?

    @Option(help: "Language for headings (default: the family's language; with --bilingual, the practitioner's: en).")
    var language: String?

    @Flag(help: "Each heading and question in your language (--language) and the family's, side by side.")
    var bilingual = false

    @Flag(name: .customLong("no-names"), help: "With --all: leave out the names families gave.")
    var noNames = false

    @Option(help: "Write to this file (readable by you only) instead of standard output.")
    var output: String?

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var keyOptions: KeyOptions

    func validate() throws {
        if all, code != nil {
            throw ValidationError("Give a family code or --all, not both.")
        }
        if !all, code == nil {
            throw ValidationError("Give a family code (like KMT-47R) to export one plan, or --all for a table of every plan.")
        }
        if all, let format, !format.coversAllPlans {
            throw ValidationError(ExportError.notForAllPlans(format).description)
        }
        if all, bilingual {
            throw ValidationError("--bilingual is for one family's plan: give its family code instead of --all.")
        }
        if !all, noNames {
            throw ValidationError("--no-names is for --all; one family's plan always shows the name they gave.")
        }
    }

    func run() throws {
        let store = try keyOptions.store(storeOptions, config: try content.loadConfig())
        let catalogue = try content.loadCatalogue()
        let config = try content.loadConfig()
        let latin = config.latinDigits ?? false
        let text: String
        if all {
            let tag = catalogue.bestMatch(for: language ?? MessageCatalogue.sourceLanguage) ?? MessageCatalogue.sourceLanguage
            let exporter = PlanExporter(localizer: Localizer(catalogue: catalogue, language: tag, latinDigits: latin),
                                        script: try content.loadScript())
            let overview = PlanOverview.load(from: store)
            for problem in overview.unreadable {
                StandardError.write("Left out: " + problem + "\n")
            }
            text = try exporter.exportAll(overview.rows.map(\.listing), as: format ?? .csv, names: !noNames)
        } else {
            let plan = try PlanLookup.load(code ?? "", from: store)
            let familyTag = catalogue.bestMatch(for: plan.language) ?? MessageCatalogue.sourceLanguage
            let asked = language ?? (bilingual ? MessageCatalogue.sourceLanguage : plan.language)
            let tag = catalogue.bestMatch(for: asked) ?? MessageCatalogue.sourceLanguage
            if let language, catalogue.bestMatch(for: language) == nil {
                StandardError.write("No language file matches \"\(language)\": headings are in \(tag). `spiral languages` lists what is installed.\n")
            }
            let l = Localizer(catalogue: catalogue, language: tag, latinDigits: latin)
            let exporter = PlanExporter(localizer: l, script: try content.loadScript(),
                                        familyLocalizer: bilingual ? l.switched(to: familyTag) : nil)
            text = try exporter.export(plan, as: format ?? .markdown)
        }
        if let output {
            try Self.writePrivately(text, to: output)
        } else {
            print(text, terminator: "")
        }
    }

    /// A plan is private: the file is the owner's only (0600, from creation), written whole or not at all.
    static func writePrivately(_ text: String, to path: String) throws {
        do { try PrivateFile.write(Data(text.utf8), to: path) } catch {
            throw RuntimeFailure("Could not write \(path): \(error.description)", code: .ioError)
        }
    }
}
