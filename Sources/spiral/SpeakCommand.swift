import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralTerminal

struct SpeakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speak",
        abstract: "Say (or write to a WAV file) exactly what the kiosk reads aloud for a screen, to check a language's voice and recordings.")

    @OptionGroup var content: ContentOptions

    @Option(help: "The language (a BCP 47 tag such as ar, zh-Hans, vi).")
    var language: String

    @Option(help: "The screen: \(ScreenName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var screen: ScreenName

    @Option(help: "Write the speech to this WAV file instead of playing it.")
    var output: String?

    enum ScreenName: String, CaseIterable, ExpressibleByArgument {
        case language, welcome, consent, pin, name, children, needs
    }

    func run() throws {
        let catalogue = try content.loadCatalogue()
        let config = try content.loadConfig()
        guard let tag = catalogue.bestMatch(for: language) else {
            throw ValidationError("No language file matches \"\(language)\". Installed: \(catalogue.tags.joined(separator: ", ")).")
        }
        let speaker = Speaker(settings: config.speech, catalogue: catalogue,
                              recordings: (try content.localizationsDirectory() as NSString).deletingLastPathComponent + "/Audio",
                              log: { StandardError.write("reading aloud: \($0)\n") })
        if let problem = speaker.problem(for: tag) {
            throw RuntimeFailure("Cannot read \(tag) aloud here: \(problem).", code: .noInput)
        }
        let shown = try screenValue(tag: tag, catalogue: catalogue, config: config)
        let segments = ScreenSpeech(catalogue: catalogue).segments(for: shown)
        for s in segments {
            let source = s.messageKeys.lazy.compactMap { speaker.recording(for: $0, in: s.language) }.first.map { " (recording \($0))" } ?? ""
            print("[\(s.language), \(speaker.voice(for: s.language) ?? "?")]\(source) \(s.text)")
        }
        if let output {
            do { try speaker.render(segments, to: output) } catch {
                throw RuntimeFailure("Could not write \(output): \(error)", code: .ioError)
            }
            print("Wrote \(output).")
        } else {
            speaker.speak(segments)
            while speaker.isSpeaking { Thread.sleep(forTimeInterval: 0.05) }
            if let failure = speaker.takeFailure() { throw RuntimeFailure("Reading aloud did not work: \(failure).", code: .ioError) }
        }
    }

    /// The screen as the kiosk draws it at a terminal, reached by going through the kiosk's own
    /// flow (nothing is saved: the plans are in memory).
    func screenValue(tag: String, catalogue: MessageCatalogue, config: CentreConfig) throws -> Screen {
        var settings = KioskSettings(language: screen == .language ? nil : tag, idleTimeout: nil, interactive: true)
        settings.readAloudOffered = true
        settings.staffPassphrase = .set(hash: "")
        let flow = KioskFlow(script: try content.loadScript(), catalogue: catalogue, config: config,
                             repository: InMemoryPlanRepository(), log: StaffLog(path: nil), settings: settings)
        flow.pause = { _ in }
        var shown = flow.start()
        func answer(_ line: String) {
            if case let .show(s) = flow.handle(.line(line)) { shown = s }
        }
        switch screen {
        case .language, .welcome: break
        case .consent: answer("")
        case .pin: answer(""); answer("1")
        case .name: answer(""); answer("1"); answer("")
        case .children: answer(""); answer("1"); answer(""); answer("")
        case .needs: answer(""); answer("1"); answer(""); answer(""); answer("")
        }
        return shown
    }
}
