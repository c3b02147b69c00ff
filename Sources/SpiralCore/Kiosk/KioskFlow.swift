#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// What can happen at a kiosk screen, as the front end saw it.
public enum KioskEvent: Sendable, Equatable {
    /// A line typed and Enter pressed (raw: the flow cleans it), or a secret at a secret screen.
    case line(String)
    /// More was typed or pasted than the answer may hold: the line editor refused the rest and
    /// kept this much.
    case tooLong(kept: String, typed: Int)
    /// No key for the screen's idle timeout.
    case timedOut
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
    /// Ctrl-C: the line was cleared.
    case interrupted
    /// SIGTERM or SIGHUP: save and exit.
    case terminated
}

/// What the front end does next.
public enum KioskNext: Sendable, Equatable {
    case show(Screen)
    /// Waits (a slowed-down retry), then shows the screen.
    case wait(Duration, then: Screen)
    /// The family's session is over.
    case end(FamilyOutcome)
}

/// How one family's session ended.
public enum FamilyOutcome: Equatable, Sendable {
    case finished(code: String)
    case declined
    /// The family chose to stop (Ctrl-D, then confirmed).
    case stopped(code: String?)
    /// Nobody answered "Are you still there?".
    case idle(code: String?)
    /// SIGTERM or SIGHUP: the kiosk should exit.
    case terminated(code: String?)
    /// Piped input ended.
    case inputEnded(code: String?)
    /// Staff closed the kiosk (passphrase checked, or none set).
    case closeKiosk
}

/// Settings for one kiosk.
public struct KioskSettings: Sendable {
    /// Start in this language and skip the language screen.
    public var language: String?
    public var idleTimeout: Duration?
    /// A person at a terminal. Piped input (tests, scripts): end of input ends everything, and a
    /// suggestion cannot sit in an edit line, so Enter keeps it.
    public var interactive: Bool
    public var maxAnswerLength: Int = 2000
    /// The kiosk can read aloud (speech is set up and turned on): the key hints say how.
    public var readAloudOffered = false
    public var staffPassphrase: StaffPassphrase.State = .notSet
    /// Wrong PINs in a row before a code is locked until a practitioner unlocks it.
    public var pinLockAfter: Int = 5
    /// Every PIN check takes at least this long, so neither a code's existence nor its plan's size
    /// shows in the time a refusal takes.
    public var pinCheckFloor: Duration = .milliseconds(600)

    public init(language: String? = nil, idleTimeout: Duration? = nil, interactive: Bool) {
        self.language = language
        self.idleTimeout = idleTimeout
        self.interactive = interactive
    }
}

/// The kiosk's whole dialogue with a family, with no terminal in it: events in, the next screen
/// (as a value) out. Saving goes through the repository after every answer; problems go to the
/// staff log. A front end only draws screens and reads lines (`SpiralTerminal.KioskDriver`), so
/// the same flow can be driven by a test, a terminal or a speaking presenter.
public final class KioskFlow {
    /// `PromptScript.stillLoading` until `scriptArrived`, when the kiosk drew its first screen
    /// while the script loaded.
    public private(set) var script: PromptScript
    public let catalogue: MessageCatalogue
    public let config: CentreConfig
    public let repository: any PlanRepository
    public let log: StaffLog
    public let settings: KioskSettings
    /// Where answers go when a session must end unsaved; nil: nowhere (they are logged as lost).
    public var held: HeldAnswers?
    /// Lines the summary may use, and how many lines one entry takes: set by the presenter, so
    /// the summary is paged to the screen. Unset: one page.
    public var linesAvailable = Int.max
    public var measure: (String) -> Int = { _ in 1 }
    /// Waits between save retries (a test passes one that does not sleep).
    public var pause: (Duration) -> Void = { Pause.sleep($0) }
    public var now: () -> Date = Date.init

    /// Everything about the family at the kiosk now: a new family is one assignment.
    var family: FamilyState

    public init(script: PromptScript, catalogue: MessageCatalogue, config: CentreConfig, repository: any PlanRepository,
                log: StaffLog, settings: KioskSettings) {
        self.script = script
        self.catalogue = catalogue
        self.config = config
        self.repository = repository
        self.log = log
        self.settings = settings
        (offeredLanguages, languagesLeftOut) = config.languageOffer(catalogue)
        self.family = FamilyState(localizer: Localizer(catalogue: catalogue, language: MessageCatalogue.sourceLanguage), script: script)
        self.family = freshFamily()
    }

    /// Languages offered: the centre's list (those installed), else all installed, less those the
    /// centre's display cannot draw. Worked out once: the config and catalogue never change.
    public let offeredLanguages: [String]

    /// Languages the centre would offer but its display cannot draw (said to staff).
    public let languagesLeftOut: [String]

    /// The language staff started the kiosk in, if it is offered: one the display cannot draw is
    /// not used, and the family chooses from the rest.
    var startLanguage: String? {
        settings.language.flatMap { catalogue.bestMatch(for: $0) }.flatMap { offeredLanguages.contains($0) ? $0 : nil }
    }

    func freshFamily() -> FamilyState {
        let chosen = startLanguage
        let start = chosen ?? MessageCatalogue.sourceLanguage
        var state = FamilyState(localizer: Localizer(catalogue: catalogue, language: start, latinDigits: config.latinDigits ?? false),
                                script: script)
        state.place = chosen == nil && offeredLanguages.count > 1 ? .language(first: true) : .welcome
        state.readAloud = settings.readAloudOffered && config.speech?.autoRead == true
        return state
    }

    /// Whether a family's first screen asks nothing of the prompt script: the language choice
    /// (the languages and the centre's config make it). A kiosk can draw it while the script is
    /// still loading on the other core, and hand the script over before reading a key.
    public var firstScreenNeedsNoScript: Bool { freshFamily().place == .language(first: true) }

    /// The prompt script, once loaded, for a flow made with `PromptScript.stillLoading`: before
    /// the first event, while the family is on its first screen and has begun nothing.
    public func scriptArrived(_ script: PromptScript) {
        precondition(family.place == freshFamily().place && !family.hasStarted, "the script arrives before the first event")
        self.script = script
        family.engine = DialogueEngine(script: script)
    }

    /// A clean start screen for the next family.
    @discardableResult
    public func start() -> Screen {
        family = freshFamily()
        return screen()
    }

    /// A message in the family's language now (for a presenter's own notices).
    public func message(_ key: String) -> String { family.l(key) }

    /// The language the family is using now.
    public var language: String { family.l.language }
    /// The family's code, once they have one.
    public var code: String? { family.code }

    /// What happens after `event` at the screen now showing.
    public func handle(_ event: KioskEvent) -> KioskNext {
        for key in catalogue.takeBrokenMessages() { log.record(.messageFellBack(key: key)) }
        if case .terminated = event { return end(.terminated(code: family.code)) }
        switch (event, family.place) {
        case (_, .pinEntry), (_, .pinChoose), (_, .pinConfirm), (_, .staffClose): family.lastTyped = nil   // never keep a secret
        case let (.line(raw), _): family.lastTyped = InputCleaner.clean(raw)
        case let (.tooLong(kept, _), _): family.lastTyped = InputCleaner.clean(kept)
        default: break
        }
        switch family.place {
        case let .language(first): return atLanguage(event, first: first)
        case .welcome: return atWelcome(event)
        case let .pinEntry(code): return atPinEntry(event, code: code)
        case .pinChoose, .pinConfirm: return atPinChoice(event)
        case .dialogue: return inDialogue(event)
        case let .stillThere(then): return atStillThere(event, then: then)
        case let .confirmStop(then): return atConfirmStop(event, then: then)
        case let .goodbye(outcome): return .end(outcome)
        case let .staffClose(failures): return atStaffClose(event, failures: failures)
        }
    }

    /// The screen for where the family is now.
    public func screen() -> Screen {
        var s = build(family.place)
        family.notice = nil
        s.familyWords = familyWords(on: s)
        s.readAloud = family.readAloud
        if settings.interactive, settings.readAloudOffered, let footer = s.footer {
            s.footer = footer + " · " + family.l("ui.keys.speech")
        }
        return s
    }

    /// The family's own words shown on `screen`: their free-text answers, their name and their
    /// children's names, wherever they appear (a greeting, a question that names a child, a
    /// quoted answer, the summary).
    func familyWords(on screen: Screen) -> [String] {
        var words: Set<String> = []
        for (v, a) in family.engine.visibleAnswers() {
            guard let text = a.value.text?.trimmingSpaces, !text.isEmpty else { continue }
            guard case .text = a.value else { continue }
            words.insert(text)
            if v.step.target == .profileChildren { for child in ChildrenParser.parse(text) { words.insert(child.name) } }
        }
        // What was just typed, quoted back in a refusal ("“…” is not one of the choices"), maybe
        // shortened: it may be anything the parent wanted to say.
        if let typed = family.lastTyped {
            words.insert(typed)
            words.insert(String(typed.prefix(10)))
        }
        // The name and children a returning family's plan holds (a greeting uses them), and the
        // family's code, which with the PIN opens their plan.
        words.formUnion(family.profileWords)
        if let code = family.code { words.insert(code) }
        let shown = screen.allText
        // One character is enough for a name in Chinese; a single Latin letter is not a name.
        return words.filter { w in (w.count >= 2 || w.unicodeScalars.contains { $0.value > 0x2E7F }) && shown.contains(w) }.sorted()
    }

    func show() -> KioskNext { .show(screen()) }

    // MARK: Events every screen of a family's session treats alike

    /// Idle, Ctrl-D, Ctrl-C and piped end of input, once a family has started: nothing they said
    /// is lost, and nobody's session ends by accident.
    func sessionEvent(_ event: KioskEvent) -> KioskNext? {
        switch event {
        case .interrupted:
            return show()   // Ctrl-C at a kiosk is usually a mistake: the line is cleared, the question stays
        case .timedOut:
            family.place = .stillThere(then: family.place)
            return show()
        case .endOfInput:
            if !settings.interactive { return end(.inputEnded(code: family.code)) }
            family.place = .confirmStop(then: family.place)
            return show()
        default:
            return nil
        }
    }

    /// Before a family has started (language and welcome screens): idle only redraws a clean
    /// start; Ctrl-D is staff closing the kiosk.
    func startEvent(_ event: KioskEvent) -> KioskNext? {
        switch event {
        case .interrupted:
            return show()
        case .timedOut:
            return .show(start())
        case .endOfInput:
            if !settings.interactive { return .end(.inputEnded(code: nil)) }
            // Only on the very first screen is Ctrl-D staff closing the kiosk; anywhere a parent
            // has begun (a language chosen, consent on screen) it only starts afresh, so a child
            // leaning on the keyboard never closes the kiosk.
            return family.place == freshFamily().place ? staffClose() : .show(start())
        default:
            return nil
        }
    }

    // MARK: Ending

    /// Ends the session: everything the family said is saved, or kept for staff, first.
    func end(_ outcome: FamilyOutcome) -> KioskNext {
        settle()
        return .end(outcome)
    }
}

/// Where in the kiosk the family is.
indirect enum Place: Equatable, Sendable {
    case language(first: Bool)
    case welcome
    /// A returning family's code typed; their PIN next.
    case pinEntry(code: String)
    case pinChoose
    case pinConfirm(first: String)
    /// The dialogue engine's position decides: a step, the summary, or the closing screen.
    case dialogue
    case stillThere(then: Place)
    case confirmStop(then: Place)
    /// A last screen, then the session ends with this outcome.
    case goodbye(FamilyOutcome)
    case staffClose(failures: Int)
}

/// One family's state, all in one value.
struct FamilyState: Sendable {
    var l: Localizer
    var engine: DialogueEngine
    var place: Place = .welcome
    /// Where `*` (change language) came from.
    var languageReturn: Place?
    var code: String?
    var notice: String?
    /// Text put back in the edit line on the next draw of the same step (an over-long answer).
    var keep: String?
    /// Answers not yet in the store, by step: saved (merged into the plan on disk) at the next save.
    var unsaved: [StepRef: Answer] = [:]
    var pendingPinHash: String?
    var visitRecorded = false
    var finished = false
    var saveFailing = false
    /// How the end went: nil until the session settles.
    var settled: SaveState?
    var summaryPage = 0
    var wrongPins = 0
    /// "Read every question to me": asked for with `!`, for this family's session only.
    var readAloud = false
    /// The line typed last (cleaned), so a screen that quotes it back does not read it aloud.
    var lastTyped: String?
    /// A returning family's name and children's names, from their plan.
    var profileWords: Set<String> = []

    init(localizer: Localizer, script: PromptScript) {
        self.l = localizer
        self.engine = DialogueEngine(script: script)
    }

    var hasStarted: Bool { code != nil }
}

/// Where a family's answers are at the end of a session.
enum SaveState: Equatable, Sendable {
    case saved
    case held(file: String)
    case lost
}

/// Used from one thread only (it drives the terminal or one family's session).
@available(*, unavailable) extension KioskFlow: Sendable {}
