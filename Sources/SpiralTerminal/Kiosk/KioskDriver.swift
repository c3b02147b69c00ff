#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore
import SpiralText

/// Presents the kiosk's flow on a terminal: draws each screen value, reads a line or a secret as
/// the screen asks, and hands what happened back to the flow. It interprets nothing itself.
public final class KioskDriver {
    public let flow: KioskFlow
    let reader: any LineReader
    let interactive: Bool
    let colour: Bool
    let reorderRightToLeft: Bool
    let write: (String) -> Void
    /// Reading aloud, when the kiosk offers it.
    public var speaker: Speaker?
    var speech: ScreenSpeech { ScreenSpeech(catalogue: flow.catalogue) }
    /// Presses of the read-aloud key on the screen now showing.
    var speakPresses = 0
    /// Why reading aloud did not work, as already told to staff in this family's session.
    var speechProblemsLogged: Set<String> = []

    public init(flow: KioskFlow, reader: any LineReader, interactive: Bool, colour: Bool, reorderRightToLeft: Bool,
                write: @escaping (String) -> Void = Terminal.write) {
        self.flow = flow
        self.reader = reader
        self.interactive = interactive
        self.colour = colour
        self.reorderRightToLeft = reorderRightToLeft && interactive
        self.write = write
    }

    func renderer(for screen: Screen) -> ScreenRenderer {
        ScreenRenderer(width: interactive ? Terminal.width() : 80, direction: screen.direction, locale: screen.language,
                       colour: colour, reorderRightToLeft: reorderRightToLeft)
    }

    func draw(_ screen: Screen) {
        var lines = renderer(for: screen).lines(for: screen)
        // A screen taller than the terminal (eleven choices and a notice on 24 rows) loses its blank
        // lines before its title scrolls out of sight.
        if interactive, lines.count > Terminal.height() - 2 { lines = lines.filter { !$0.isEmpty } }
        write(ScreenFrame.bytes(lines, interactive: interactive))
    }

    /// The summary is paged to the terminal's height.
    func measureForPaging() {
        let sample = ScreenRenderer(width: interactive ? Terminal.width() : 80, direction: .leftToRight, locale: flow.language,
                                    colour: false, reorderRightToLeft: false)
        flow.measure = { sample.height(ofItem: $0) }
        flow.linesAvailable = interactive ? Terminal.height() - 12 : Int.max
    }

    /// One family's session, from a clean start screen to its end.
    public func runFamily() -> FamilyOutcome {
        measureForPaging()
        var screen = flow.start()
        speechProblemsLogged = []
        defer { speaker?.shutdown() }
        while true {
            draw(screen)
            startSpeech(for: screen)
            let event = read(screen) { [self] in
                measureForPaging()
                draw(screen)
            }
            switch flow.handle(event) {
            case let .show(next):
                screen = next
            case let .wait(duration, next):
                // A long wait (a slowed-down PIN) shows why while it lasts; a short one (every
                // refusal takes the same time) just holds the screen, so the answer appears when
                // the kiosk is ready to take keys again.
                if duration > .seconds(1) { draw(next) }
                Pause.sleep(duration)
                // Keys typed while the kiosk waited (a slowed-down PIN) are not taken as answers
                // to the next screen.
                Terminal.discardPendingInput()
                screen = next
            case let .end(outcome):
                return outcome
            }
        }
    }

    func promptMark(_ screen: Screen) -> String { screen.direction == .rightToLeft ? "‹ " : "› " }

    func read(_ screen: Screen, redraw: @escaping () -> Void) -> KioskEvent {
        let prompt = promptMark(screen)
        let result: LineReadResult
        switch screen.input {
        case .secret:
            result = reader.readSecret(prompt: prompt, idleTimeout: screen.idleTimeout)
        case .enter:
            result = reader.readLine(prompt: prompt, prefill: "", completions: [], idleTimeout: screen.idleTimeout,
                                     limit: 400, onResize: redraw, onSpeak: { [self] in speakKey(screen) })
        case let .line(prefill, completions, limit):
            reader.setVisualOrderInput(screen.direction == .rightToLeft && reorderRightToLeft,
                                       promptColumns: UnicodeText.displayWidth(prompt))
            result = reader.readLine(prompt: prompt, prefill: prefill, completions: completions,
                                     idleTimeout: screen.idleTimeout, limit: limit, onResize: redraw,
                                     onSpeak: { [self] in speakKey(screen) })
            if case let .line(raw) = result, screen.kind == .step {
                let cleaned = InputCleaner.clean(raw)
                if !cleaned.isEmpty { reader.remember(cleaned) }
            }
        }
        switch result {
        case let .line(text): return .line(text)
        case let .tooLong(kept, typed): return .tooLong(kept: kept, typed: typed)
        case .endOfInput: return .endOfInput
        case .interrupted: return .interrupted
        case .timedOut: return .timedOut
        case .terminated: return .terminated
        }
    }
}

extension KioskDriver {
    /// A new screen: what was being said stops; with "read every question" on, the new screen is
    /// read (never the family's own words: those need the key, twice, on that screen).
    func startSpeech(for screen: Screen) {
        speakPresses = 0
        guard let speaker else { return }
        speaker.stop()
        if screen.readAloud, speaker.problem(for: screen.language) == nil {
            speaker.speak(speech.segments(for: screen))
        }
        logSpeechProblem(speaker.takeFailure())
    }

    /// Tells staff why reading aloud did not work, once for each reason in a family's session (a
    /// player that failed is noticed when it fails and again at every press after).
    func logSpeechProblem(_ reason: String?) {
        guard let reason, speechProblemsLogged.insert(reason).inserted else { return }
        flow.log.record(.readAloudFailed(reason: reason))
    }

    /// The read-aloud key: reads the screen; again, stops (or, on a screen with the family's own
    /// words, reads those too, as the first reading said). Returns true when it redrew the screen
    /// (to say calmly that reading aloud is not available here).
    func speakKey(_ screen: Screen) -> Bool {
        logSpeechProblem(speaker?.takeFailure())
        let problem = speaker.map { $0.problem(for: screen.language) } ?? "reading aloud is not set up on this kiosk"
        guard let speaker, problem == nil else {
            logSpeechProblem(problem)
            var shown = screen
            shown.notice = [screen.notice, flow.message("ui.read_aloud.unavailable")].compactMap { $0 }.joined(separator: " ")
            draw(shown)
            return true
        }
        speakPresses += 1
        let confirmsFamilyWords = speakPresses == 2 && speech.hasFamilyWords(screen)
        if speaker.isSpeaking && !confirmsFamilyWords {
            speaker.stop()
            return false
        }
        speaker.speak(speech.segments(for: screen, withFamilyWords: speakPresses >= 2))
        return false
    }
}

/// Used from one thread only (it drives the terminal or one family's session).
@available(*, unavailable) extension KioskDriver: Sendable {}
