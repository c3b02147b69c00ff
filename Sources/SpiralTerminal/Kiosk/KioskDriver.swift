import Foundation
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
        while true {
            draw(screen)
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
                Thread.sleep(forTimeInterval: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
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
                                     limit: 400, onResize: redraw)
        case let .line(prefill, completions, limit):
            reader.setVisualOrderInput(screen.direction == .rightToLeft && reorderRightToLeft,
                                       promptColumns: UnicodeText.displayWidth(prompt))
            result = reader.readLine(prompt: prompt, prefill: prefill, completions: completions,
                                     idleTimeout: screen.idleTimeout, limit: limit, onResize: redraw)
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

/// Used from one thread only (it drives the terminal or one family's session).
@available(*, unavailable) extension KioskDriver: Sendable {}
