import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralTerminal

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate Prompts/ and Localizations/ (and the centre config): every problem, with the file, key and how to fix it.")

    @OptionGroup var content: ContentOptions

    @Flag(help: "Treat warnings (missing translations) as failures.")
    var strict = false

    func run() throws {
        var problems: [ContentProblem] = []
        var script: PromptScript?
        switch ScriptLoader.load(directory: try content.promptsDirectory()) {
        case let .success(s): script = s
        case let .failure(f): problems += f.problems
        }
        let catalogue = try content.loadCatalogue()
        if let script { problems += ContentValidator.checkAll(script: script, catalogue: catalogue) }
        do { _ = try content.loadConfig() } catch { problems.append(ContentProblem(.error, file: "centre config", "\(error)")) }
        if let config = try? content.loadConfig() { problems += DisplayReport.problems(catalogue: catalogue, config: config) }
        let errors = problems.filter { $0.severity == .error }
        let warnings = problems.filter { $0.severity == .warning }
        for p in errors + warnings { print(p) }
        let config = (try? content.loadConfig()) ?? .australianDefaults
        for line in DisplayReport.lines(catalogue: catalogue, config: config) { print(line) }
        for line in SpeechReport.lines(catalogue: catalogue, config: config, localizations: try content.localizationsDirectory()) { print(line) }
        print("Checked \(catalogue.languages.count) language file(s) and the prompt script: \(errors.count) error(s), \(warnings.count) warning(s).")
        if !errors.isEmpty || (strict && !warnings.isEmpty) { throw ExitCode(1) }
    }
}
