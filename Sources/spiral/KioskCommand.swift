import ArgumentParser
import Foundation
import SpiralCore
import SpiralTerminal

struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Run the parents' dialogue. Without --once, the kiosk returns to the welcome screen for the next family.")

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Start in this language (a BCP 47 tag such as ar, zh-Hans, vi) and skip the language screen.")
    var language: String?

    @Flag(help: "One family's session, then exit.")
    var once = false

    @Option(help: "Seconds without a key before \"Are you still there?\" (default: the centre config, else 180).")
    var idleTimeout: Int?

    func run() throws {
        // The prompt script is read, and the English source checked through ICU, on the other core
        // while the language files and the centre's config load: a parent sees the first screen
        // sooner, and a broken file still stops the kiosk before anyone can answer.
        let content = self.content
        let scriptLoad = Background { try content.loadScript() }
        let catalogue = try content.loadCatalogue(lazily: true)
        let patternCheck = Background { ContentValidator.checkSourcePatterns(catalogue) }
        let config = try content.loadConfig()
        let script = try scriptLoad.value()
        let problems = (ContentValidator.checkSourceKeys(catalogue, script: script) + (try patternCheck.value()))
            .filter { $0.severity == .error }
        if !problems.isEmpty { throw ContentError(problems: problems) }
        if let language, catalogue.bestMatch(for: language) == nil {
            throw ValidationError("No language file matches \"\(language)\". Installed: \(catalogue.tags.joined(separator: ", ")).")
        }
        if let idleTimeout, idleTimeout < 10 {
            throw ValidationError("--idle-timeout must be at least 10 seconds (got \(idleTimeout)).")
        }
        let store = storeOptions.planStore
        do { try store.prepare() } catch { throw ValidationError(error.description) }

        let interactive = Terminal.isInteractive
        let log = StaffLog(path: store.directory + "/.kiosk.log", alsoToStandardError: !interactive)
        for problem in catalogue.problems { log.note("language file left out: \(problem)") }
        let seconds = idleTimeout ?? config.idleTimeoutSeconds ?? 180
        let options = KioskOptions(language: language, idleTimeout: .seconds(seconds),
                                   interactive: interactive, colour: Terminal.colourEnabled)
        let reader: LineReader = interactive ? ReadlineReader() : PlainLineReader()
        let session = KioskSession(script: script, catalogue: catalogue, config: config, store: store,
                                   reader: reader, options: options, log: log)
        defer { Terminal.restore() }
        if !once && store.staffPassphraseHash() == nil {
            log.note("no staff passphrase is set: anyone can close this kiosk with Ctrl-D. Set one with `spiral passphrase`.")
        }
        repeat {
            let outcome = session.runFamily()
            // Between families nothing remains: history, kill ring, undo list, screen, scrollback.
            reader.forgetSession()
            if interactive { Terminal.write(Terminal.clearScreenAndScrollback) }
            if case .terminated = outcome { break }
            if case .leftEarly = outcome, !interactive { break }
            // Ctrl-D before any family has started (language or welcome screen): staff closing
            // the kiosk, which needs the staff passphrase when one is set.
            if case .leftEarly(nil) = outcome {
                if once || session.staffMayClose() { break }
                if interactive { Terminal.write(Terminal.clearScreenAndScrollback) }
            }
        } while !once
    }
}
