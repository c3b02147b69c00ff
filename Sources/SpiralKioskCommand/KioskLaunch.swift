import ArgumentParser
import Glibc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore
import SpiralTerminal

/// A kiosk to run, as its command line asked: plain values, so a kiosk started the usual way
/// (`KioskQuickArguments`) never builds ArgumentParser's option wrappers, whose first use cost
/// about 900,000 instructions of every start (the runtime instantiating `Option<String?>` and
/// friends by name and checking their conformances). `KioskCommand` converts into this.
package struct KioskLaunch {
    package var content = ContentPaths()
    package var storeOptions = StorePaths()
    /// The kiosk's own store and queue beside a shared store (`--outbox`).
    package var outbox: String?
    package var language: String?
    package var once = false
    package var idleTimeout: Int?
    package var held: String?

    package init() {}

    var box: Outbox { Outbox(directory: outbox ?? Outbox.defaultDirectory()) }

    package func run() throws {
        let interactive = Terminal.isInteractive
        // Settled before any thread starts (ReadlineReader.prepareLocale says why).
        if interactive { ReadlineReader.prepareLocale() }
        let alongside: @Sendable () -> Void = interactive ? Self.prepareFirstScreen : Self.prepareNothing
        guard interactive && !once else {
            Signals.ignoreJobControl()
            let loading = try startLoading(whileTheScriptLoads: alongside)
            noteLanguagesLeftOut(loading.config, loading.catalogue)
            let pusher = try startPusher(loading.config)
            defer { pusher?.stop() }
            // Reading aloud's leftovers are tidied, and its programs looked up, beside the first
            // screen rather than before it (this process forks nothing of its own).
            let speech = loading.config.speech
            let tidying = interactive ? Background(idle: true) { Speaker.prepare(settings: speech) } : nil
            defer { _ = try? tidying?.value() }
            guard interactive else { return try runFamilies(content: loading.finish(), interactive: false) }
            _ = try runFirstFamily(loading)
            return
        }
        FamilyProcesses.disableCrashHandler()
        Signals.ignoreJobControl()
        // Each family's session runs in a process forked from this one, which never reads a
        // family's words. The first family's process loads the content (prompts, languages,
        // config: no family's words) for itself, as a single start does, and reports a broken
        // file before anyone can answer; once its first screen is up, this process loads the
        // same for every later family (FamilyProcesses.supervise says why). The loading
        // threads are joined before the next fork, so forking is safe.
        var loaded: Content?
        var pusher: BackgroundProgram?
        defer { pusher?.stop() }
        let ending = try FamilyProcesses.supervise(
            first: { shown in runFirstFamily(whenShown: shown) },
            load: {
                // Readline's set-up done here too, for each later family's process to inherit.
                // On a thread that runs only when a core is free: the first family's screen is
                // up, and its terminal still has to draw it.
                // Reading aloud's leftovers from a crashed session (they can hold a family's
                // words) are tidied here too, soon after the kiosk starts.
                let launch = self
                let content = try Background(idle: true) {
                    let content = try launch.loadContent(whileTheScriptLoads: Self.prepareFirstScreen)
                    Speaker.prepare(settings: content.config.speech)
                    return content
                }.value()
                noteLanguagesLeftOut(content.config, content.catalogue)
                // The pusher is its own process: this one stays single-threaded.
                pusher = try startPusher(content.config)
                loaded = content
            },
            abnormal: { status in
                guard let loaded else { return }
                StaffLog(path: localDirectory(loaded.config) + "/.kiosk.log", fallback: StaffLog.defaultFallback())
                    .record(.familySessionEndedAbnormally(status: status))
            },
            // While each later family's session runs: reading aloud's leftovers tidied, and its
            // programs looked up for the next family to inherit (the first looks them up itself).
            alongside: { if let loaded { Speaker.prepare(settings: loaded.config.speech) } },
            between: {
                pusher?.keepRunning()
                Terminal.write(Terminal.clearScreenAndScrollback)
            },
            session: { loaded.map { runOneFamily($0) } ?? .failed })
        Terminal.restore()
        switch ending {
        case .exit(.failed): throw ExitCode(1)
        case let .firstCouldNotStart(status): throw ExitCode(status)
        case .exit: return
        }
    }

    /// The first family's process, forked before the kiosk loaded anything: it loads the content
    /// itself (a broken file is reported here, and this process exits with the kiosk's status
    /// for it), then runs the family's session, saying when its first prompt is up.
    func runFirstFamily(whenShown shown: @escaping () -> Void) -> FamilyProcesses.Exit {
        do {
            let loading = try startLoading(whileTheScriptLoads: Self.prepareFirstScreen)
            _ = try checkPusher(loading.config)
            return try runFirstFamily(loading, whenShown: shown)
        } catch {
            Glibc.exit(Self.report(error))
        }
    }

    /// The first family's session at a terminal, begun while the prompt script may still be
    /// loading on the other core. The first screen is usually the language choice, which asks
    /// nothing of the script: it is drawn straight away, and the script is waited for once its
    /// prompt is up, before a key is read (the parent is reading the screen). Files not yet
    /// checked (new content) are checked first, and a first screen that needs the script (one
    /// language offered, or `--language`) waits for it: a broken file then stops the kiosk
    /// before any screen, as it always has.
    func runFirstFamily(_ loading: ContentLoading, whenShown shown: (() -> Void)? = nil) throws -> FamilyProcesses.Exit {
        guard loading.checkedBefore else { return runOneFamily(try loading.finish(), whenShown: shown) }
        let kiosk = makeKiosk(loading.whileTheScriptLoads, interactive: true)
        let flow = kiosk.driver.flow
        guard flow.firstScreenNeedsNoScript else {
            flow.scriptArrived(try loading.finish().script)
            return runOneFamily(kiosk, whenShown: shown)
        }
        return runOneFamily(kiosk) {
            do {
                flow.scriptArrived(try loading.finish().script)
            } catch {
                // Files changed under a started kiosk, and broken: nobody has typed anything yet.
                Terminal.write(Terminal.clearScreenAndScrollback)
                Terminal.restore()
                Glibc.exit(Self.report(error))
            }
            shown?()
        }
    }

    /// Once, when the kiosk starts: the languages its display cannot draw, in the staff log.
    func noteLanguagesLeftOut(_ config: CentreConfig, _ catalogue: MessageCatalogue) {
        guard let display = config.kioskDisplay else { return }
        let leftOut = config.languageOffer(catalogue).leftOut
        guard !leftOut.isEmpty else { return }
        StaffLog(path: localDirectory(config) + "/.kiosk.log", fallback: StaffLog.defaultFallback())
            .record(.languagesNotDrawn(display: display.name, tags: leftOut, reason: display.reason))
    }

    /// A family's process: one family, then what the kiosk should do next.
    package func runOneFamily(_ content: Content, whenShown shown: (() -> Void)? = nil) -> FamilyProcesses.Exit {
        runOneFamily(makeKiosk(content, interactive: true), whenShown: shown)
    }

    func runOneFamily(_ kiosk: Loaded, whenShown shown: (() -> Void)?) -> FamilyProcesses.Exit {
        (kiosk.reader as? ReadlineReader)?.whenPromptShown = shown
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
    package func runFamilies(content: Content, interactive: Bool) throws {
        let kiosk = makeKiosk(content, interactive: interactive)
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

    package struct Content: Sendable {
        var script: PromptScript
        var catalogue: MessageCatalogue
        var config: CentreConfig
    }

    package struct Loaded {
        var driver: KioskDriver
        var reader: any LineReader
    }

    /// The shared store's URL, when this kiosk sends its plans to one.
    package func sharedURL(_ config: CentreConfig) -> SharedStoreURL? { try? storeOptions.sharedURL(config: config) }

    /// This kiosk's own plan folder: its outbox's with a shared store, else the store named.
    package func localDirectory(_ config: CentreConfig) -> String {
        sharedURL(config) == nil ? storeOptions.directory : box.plansDirectory
    }

    /// With a shared store: checks the kiosk can seal (the server takes only sealed plans) and
    /// starts `spiral store push --follow` beside the kiosk. The URL goes in its environment,
    /// not its arguments, so the password is not in the process list.
    package func startPusher(_ config: CentreConfig) throws -> BackgroundProgram? {
        guard let (spiral, latest) = try checkPusher(config) else { return nil }
        setenv("SPIRAL_STORE", storeOptions.named ?? latest.store ?? "", 1)
        var argv = [spiral, "store", "push", "--follow", "--outbox", box.directory]
        if let config = content.configPath { argv += ["--config", config] }
        return BackgroundProgram(argv)
    }

    /// What a shared store's pusher needs, checked (nil without a shared store): the `spiral`
    /// program, and a centre key (the shared store holds only sealed plans). The first family's
    /// process checks too, so a kiosk that cannot push stops before anyone answers.
    func checkPusher(_ config: CentreConfig) throws -> (program: String, config: CentreConfig)? {
        guard try storeOptions.sharedURL(config: config) != nil else { return nil }
        guard let spiral = Self.fullProgram() else {
            throw RuntimeFailure("This kiosk sends plans to a shared store through `spiral store push`, and there is no `spiral` program beside spiral-kiosk. Install both (deploy/install.sh does), then start the kiosk again.", code: .config)
        }
        let latest = (try? content.loadConfig()) ?? config
        guard latest.sealingKey != nil else {
            throw RuntimeFailure("This kiosk sends plans to a shared store, which holds only sealed plans, and the centre config has no centre key. Run `spiral keys init` (docs/sealing.md), then start the kiosk again.", code: .config)
        }
        return (spiral, latest)
    }

    /// The program that has every command: this one, unless this is `spiral-kiosk` (the kiosk
    /// alone), whose `spiral` is installed beside it.
    static func fullProgram() -> String? {
        let own = BackgroundProgram.ownExecutable
        let folder = PathName.directory(own)
        guard PathName.name(own).hasPrefix("spiral-kiosk") else { return own }
        let beside = folder + "/spiral"
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : nil
    }

    /// The store, the staff log and the flow for the next family: the staff passphrase is read
    /// again each time, so setting one takes effect at the next family.
    package func makeKiosk(_ content: Content, interactive: Bool) -> Loaded {
        let log = StaffLog(path: localDirectory(content.config) + "/.kiosk.log", fallback: StaffLog.defaultFallback(),
                           alsoToStandardError: !interactive)
        // The kiosk holds only the centre's public key: it seals, and opens a plan only with the
        // family's code and PIN.
        // The centre key is read again for each family, so `spiral keys init` or `keys rotate`
        // takes effect at the next family without restarting the kiosk.
        let centreKey = (try? self.content.loadConfig())?.sealingKey ?? content.config.sealingKey
        var store = PlanStore(directory: localDirectory(content.config))
        if let centreKey { store = PlanStore(directory: store.directory, codec: SealedPlanCodec(centreKey: centreKey)) }
        store.log = log
        var repository: any PlanRepository = store
        if sharedURL(content.config) != nil {
            let outboxed = OutboxRepository(local: store, outbox: box)
            outboxed.onQueueFailure = { reason in log.record(.versionNotQueued(reason: reason)) }
            repository = outboxed
        }
        do {
            for event in try repository.prepare() { log.record(event) }
        } catch {
            // A store that cannot be prepared (read-only, deleted, full): the kiosk still serves
            // families, saving is retried after every answer, and staff are told.
            log.record(.saveFailed(reason: error.description))
        }
        for problem in content.catalogue.problems { log.record(.languageFileLeftOut(problem: "\(problem)")) }
        let seconds = idleTimeout ?? content.config.idleTimeoutSeconds ?? 180
        var settings = KioskSettings(language: language, idleTimeout: .seconds(Int64(seconds)), interactive: interactive)
        settings.staffPassphrase = self.content.staffPassphrase(store: store).state()
        if !once, case .notSet = settings.staffPassphrase { log.record(.noStaffPassphrase) }
        // Reading aloud, at a terminal only: recordings in Audio/ beside the language files.
        let speaker = interactive ? Speaker(settings: content.config.speech, catalogue: content.catalogue,
                                            recordings: (try? self.content.localizationsDirectory()).map { PathName.directory($0) + "/Audio" },
                                            log: { _ in }) : nil
        settings.readAloudOffered = speaker?.offered ?? false
        let flow = KioskFlow(script: content.script, catalogue: content.catalogue, config: content.config,
                             repository: repository, log: log, settings: settings)
        flow.held = HeldAnswers(directory: held ?? HeldAnswers.defaultDirectory(), sealTo: centreKey)
        let reader: any LineReader = interactive ? ReadlineReader() : PlainLineReader()
        let driver = KioskDriver(flow: flow, reader: reader, interactive: interactive, colour: Terminal.colourEnabled,
                                 reorderRightToLeft: content.config.reorderRightToLeft ?? true)
        driver.speaker = speaker
        return Loaded(driver: driver, reader: reader)
    }
}

extension KioskLaunch {
    /// Runs a parsed kiosk command line and exits: parsing only the kiosk's own arguments (not
    /// every subcommand's, and no shell-completion check) was the largest single cost before a
    /// parent saw the first screen (docs/benchmarks.md). Failures say what went wrong and how to
    /// fix it, without a usage line about subcommands.
    package func runAlone() -> Never {
        do {
            try run()
            Glibc.exit(0)
        } catch {
            Glibc.exit(Self.report(error))
        }
    }

    /// Says on standard error what went wrong and how to fix it; returns the exit status for it.
    static func report(_ error: any Error) -> Int32 {
        // Said already (by the first family's process): only the status is passed on.
        if let code = error as? ExitCode { return code.rawValue }
        if let failure = error as? RuntimeFailure {
            StandardError.write("Error: " + failure.description + "\n")
            return failure.code.rawValue
        }
        let message = KioskCommand.message(for: error)
        let text = message.hasPrefix("error:") ? message : "Error: " + message  // ContentError names each line itself
        StandardError.write(text + "\n")
        return KioskCommand.exitCode(for: error).rawValue
    }

    package static func fail(_ failure: RuntimeFailure) -> Never {
        StandardError.write("Error: " + failure.description + "\n")
        Glibc.exit(failure.code.rawValue)
    }
}
