import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralText

struct LanguagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "languages",
        abstract: "List installed languages: name, direction, review status, and how complete each is against English.")

    @OptionGroup var content: ContentOptions

    func run() throws {
        let catalogue = try content.loadCatalogue()
        let source = catalogue.languages[MessageCatalogue.sourceLanguage]?.messages ?? [:]
        for tag in catalogue.tags {
            let file = catalogue.languages[tag]!
            let sourceFile = catalogue.languages[MessageCatalogue.sourceLanguage]!
            let (translated, missing, untranslated) = file.translation(against: sourceFile)
            let extra = Set(file.messages.keys).subtracting(source.keys).count
            let done = source.isEmpty ? 100 : 100 * translated / source.count
            let columns = [UnicodeText.pad(tag, toWidth: 8), UnicodeText.pad(file.name, toWidth: 14),
                           UnicodeText.pad(file.englishName ?? "", toWidth: 22), file.direction.rawValue,
                           UnicodeText.pad(file.status.rawValue, toWidth: 8),
                           "\(done)% complete", "\(missing) missing", "\(untranslated.count) still English", "\(extra) extra"]
            print(columns.joined(separator: "  "))
        }
        for problem in catalogue.problems { print("left out: \(problem)") }
        let config = (try? content.loadConfig()) ?? .australianDefaults
        for line in SpeechReport.lines(catalogue: catalogue, config: config, localizations: try content.localizationsDirectory()) { print(line) }
    }
}
