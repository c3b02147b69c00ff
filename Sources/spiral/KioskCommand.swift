import ArgumentParser
import Foundation
import SpiralCore
import SpiralTerminal

struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Run the parents' dialogue. Without --once, the kiosk returns to a clean start screen for the next family.")

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Start in this language (a BCP 47 tag such as ar, zh-Hans, vi) and skip the language screen.")
    var language: String?

    @Flag(help: "One family's session, then exit.")
    var once = false

    @Option(help: "Seconds without a key before \"Are you still there?\" (default: the centre config, else 180).")
    var idleTimeout: Int?

    @Option(help: "Where answers are kept for staff when the store cannot take them (default: $XDG_STATE_HOME/spiral/held).")
    var held: String?

    func validate() throws {
        if let idleTimeout, idleTimeout < 10 {
            throw ValidationError("--idle-timeout must be at least 10 seconds (got \(idleTimeout)).")
        }
    }

    func run() throws {
        let interactive = Terminal.isInteractive
        guard interactive && !once else { return try runFamilies(interactive: interactive) }
        FamilyProcesses.disableCrashHandler()
        // Nothing is loaded here: each family's process loads the content itself, so this process
        // never holds a family's words (FamilyProcesses).
        Signals.ignoreJobControl()
        let exit = FamilyProcesses.supervise(
            abnormal: { status in
                StaffLog(path: storeOptions.directory + "/.kiosk.log", fallback: StaffLog.defaultFallback())
                    .record(.familySessionEndedAbnormally(status: status))
            },
            between: { Terminal.write(Terminal.clearScreenAndScrollback) },
            session: {
                do { return try runOneFamily() } catch {
                    // A broken prompt or language file: said once, and the kiosk stops.
                    Terminal.restore()
                    FileHandle.standardError.write(Data(("Error: " + KioskCommand.message(for: error) + "\n").utf8))
                    return .failed
                }
            })
        Terminal.restore()
        if exit == .failed { throw ExitCode(1) }
    }

    /// A family's process: one family, then what the kiosk should do next.
    func runOneFamily() throws -> FamilyProcesses.Exit {
        let kiosk = try load(interactive: true)
        defer { Terminal.restore() }
        let outcome = kiosk.driver.runFamily()
        Terminal.write(Terminal.clearScreenAndScrollback)
        switch outcome {
        case .closeKiosk: return .closeKiosk
        case .terminated: return .terminated
        default: return .nextFamily
        }
    }

    /// In this process: `--once`, or piped input (scripts, tests).
    func runFamilies(interactive: Bool) throws {
        Signals.ignoreJobControl()
        let kiosk = try load(interactive: interactive)
        defer { Terminal.restore() }
        while true {
            let outcome = kiosk.driver.runFamily()
            kiosk.reader.forgetSession()
            if interactive { Terminal.write(Terminal.clearScreenAndScrollback) }
            switch outcome {
            case .closeKiosk, .terminated, .inputEnded: return
            default: if once { return }
            }
        }
    }

    struct Loaded {
        var driver: KioskDriver
        var reader: LineReader
    }

    func load(interactive: Bool) throws -> Loaded {
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
        let log = StaffLog(path: storeOptions.directory + "/.kiosk.log", fallback: StaffLog.defaultFallback(),
                           alsoToStandardError: !interactive)
        var store = storeOptions.planStore
        store.log = log
        do {
            for event in try store.prepare() { log.record(event) }
        } catch {
            // A store that cannot be prepared (read-only, deleted, full): the kiosk still serves
            // families, saving is retried after every answer, and staff are told.
            log.record(.saveFailed(reason: error.description))
        }
        for problem in catalogue.problems { log.record(.languageFileLeftOut(problem: "\(problem)")) }
        var settings = KioskSettings(language: language, idleTimeout: .seconds(Int64(idleTimeout ?? config.idleTimeoutSeconds ?? 180)),
                                     interactive: interactive)
        let passphrase = content.staffPassphrase(store: store)
        settings.staffPassphrase = passphrase.state()
        if !once, case .notSet = settings.staffPassphrase { log.record(.noStaffPassphrase) }
        let flow = KioskFlow(script: script, catalogue: catalogue, config: config, repository: store, log: log, settings: settings)
        flow.held = HeldAnswers(directory: held ?? HeldAnswers.defaultDirectory())
        let reader: LineReader = interactive ? ReadlineReader() : PlainLineReader()
        let driver = KioskDriver(flow: flow, reader: reader, interactive: interactive, colour: Terminal.colourEnabled,
                                 reorderRightToLeft: config.reorderRightToLeft ?? true)
        return Loaded(driver: driver, reader: reader)
    }
}
