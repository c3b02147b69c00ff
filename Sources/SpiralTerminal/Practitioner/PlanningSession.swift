#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore
import SpiralText

/// `spiral plan CODE`: the practitioner and the parent together at one screen. Goals are agreed,
/// reworded, reviewed and rated; labelled praise, partnership steps and contacts are recorded.
/// Every heading and question is shown in the practitioner's language and, when it differs, in
/// the family's. Each change is saved at once, re-applied to the freshly read plan under the
/// store's lock, so a kiosk writing the same plan loses nothing.
public final class PlanningSession {
    let store: any PlanRepository
    let script: PromptScript?
    let code: String
    let reader: any LineReader
    let practitioner: Localizer
    let family: Localizer
    let editor: PlanEditor
    let interactive: Bool
    let colour: Bool
    /// The centre's `reorderRightToLeft` (false for a terminal that does its own bidi).
    let reorderRightToLeft: Bool
    let write: (String) -> Void
    var plan: Plan
    var notice: String?

    public init(store: any PlanRepository, script: PromptScript?, plan: Plan, catalogue: MessageCatalogue, practitionerLanguage: String,
                practitionerName: String, reader: any LineReader, interactive: Bool, colour: Bool,
                latinDigits: Bool, reorderRightToLeft: Bool = true, write: @escaping (String) -> Void = Terminal.write) {
        self.store = store
        self.script = script
        self.code = plan.code
        self.plan = plan
        self.reader = reader
        self.practitioner = Localizer(catalogue: catalogue, language: practitionerLanguage, latinDigits: latinDigits)
        let familyTag = catalogue.bestMatch(for: plan.language) ?? practitionerLanguage
        self.family = Localizer(catalogue: catalogue, language: familyTag, latinDigits: latinDigits)
        self.editor = PlanEditor(who: practitionerName)
        self.interactive = interactive
        self.colour = colour
        self.reorderRightToLeft = reorderRightToLeft && interactive
        self.write = write
    }

    var bilingual: Bool { practitioner.language != family.language }

    var words: PractitionerWords { PractitionerWords(practitioner: practitioner, family: family, script: script) }

    // MARK: Screens

    func renderer(for l: Localizer) -> ScreenRenderer {
        ScreenRenderer(width: interactive ? Terminal.width() : 80, direction: l.direction, locale: l.formattingLocale,
                       colour: colour, reorderRightToLeft: reorderRightToLeft)
    }

    /// A message in the practitioner's language, and under it the family's when they differ.
    func both(_ key: String, _ args: [String: MessageArgument] = [:], style: Screen.Block.Style = .plain) -> [Screen.Block] {
        words.both(key, args, style: style)
    }

    /// One screen of the session, as a value: the plan's header and flags first, then `blocks`, a
    /// numbered `list`, the notice, and the key hint.
    func screen(_ blocks: [Screen.Block], list: [String] = [], extra: [Screen.Item] = [], footer: String? = nil,
                kind: Screen.Kind = .page) -> Screen {
        let items = list.enumerated().map { Screen.Item(number: String($0.offset + 1), label: $0.element) } + extra
        return Screen(kind: kind, language: practitioner.language, direction: practitioner.direction, title: words.header(plan),
                      blocks: words.flags(plan) + blocks, list: items, notice: notice, footer: footer)
    }

    func show(_ screen: Screen) {
        write(ScreenFrame.bytes(renderer(for: practitioner).lines(for: screen), interactive: interactive))
    }

    enum Input { case text(String), back, ended }

    /// Shows the screen and reads a line; Enter on an empty line is `back`, end of input ends the session.
    func ask(_ build: @autoclosure () -> Screen, prefill: String = "", completions: [String] = []) -> Input {
        var prefill = prefill
        while true {
            let shown = build()
            notice = nil
            show(shown)
            if reorderRightToLeft {
                reader.setMixedDirectionInput(promptColumns: 2)   // a family's Arabic, typed in session
            }
            switch reader.readLine(prompt: "› ", prefill: prefill, completions: completions, idleTimeout: nil,
                                   limit: PlanEditor.maxLength, onResize: { [weak self] in self?.show(shown) }) {
            case let .line(raw):
                let text = InputCleaner.clean(raw)
                if !text.isEmpty { reader.remember(text) }
                return text.isEmpty ? .back : .text(text)
            case .interrupted: continue
            case let .tooLong(kept, _):
                // Refused as it was typed or pasted: said, and kept in the line to shorten.
                notice = practitioner("plan.error.too_long", ["max": .number(PlanEditor.maxLength)])
                prefill = kept
            case .endOfInput, .terminated, .timedOut: return .ended
            }
        }
    }

    /// Edits checked and shown but not yet saved (the store could not be written): each is
    /// re-applied to the plan on disk with the next change, and before the session ends.
    var unsavedEdits: [PlanEdit] = []

    /// Applies one edit: checked on the copy on screen, then re-applied to the plan as it is on
    /// disk now, under the lock, and saved, together with any edit that could not be saved before.
    @discardableResult
    func apply(_ edit: PlanEdit) -> Bool {
        var trial = plan
        do { try editor.apply(edit, to: &trial) } catch {
            notice = message(for: error)
            return false
        }
        unsavedEdits.append(edit)
        if saveUnsavedEdits() {
            notice = practitioner("plan.saved")
        } else {
            plan = trial
        }
        return true
    }

    /// Saves every edit not yet saved; on failure says so and keeps them for the next try.
    @discardableResult
    func saveUnsavedEdits() -> Bool {
        guard !unsavedEdits.isEmpty else { return true }
        let edits = unsavedEdits
        do {
            plan = try store.update(code, creating: plan) { fresh in
                for edit in edits { try? editor.apply(edit, to: &fresh) }
            }
            unsavedEdits.removeAll()
            return true
        } catch {
            notice = practitioner("plan.error.save", ["reason": .string(String(describing: error)), "count": .number(edits.count)])
            return false
        }
    }

    /// Changes that are still not saved as the session ends, said plainly (never "saved").
    public var unsavedChangeCount: Int { unsavedEdits.count }

    func message(for error: PlanEditError) -> String {
        switch error {
        case .badDate: return practitioner("plan.error.date")
        case .ratingOutOfRange: return practitioner("plan.error.rating")
        case .emptyWhat: return practitioner("plan.error.empty_what")
        case .emptyText, .noSuchGoal: return error.description
        case let .tooLong(max): return practitioner("plan.error.too_long", ["max": .number(max)])
        }
    }

    // MARK: Screens

    enum Section: Sendable { case goals, praise, steps, contacts, answers, history }

    public func run() {
        defer { saveUnsavedEdits() }
        while true {
            saveUnsavedEdits()
            let live = plan.goals.filter { !$0.removed }.count
            let menu = Menu<Section>([
                .init(.goals, practitioner("plan.menu.goals", ["count": .number(live)])), .init(.praise, practitioner("plan.menu.praise")),
                .init(.steps, practitioner("plan.menu.steps")), .init(.contacts, practitioner("plan.menu.contact")),
                .init(.answers, practitioner("plan.menu.answers")), .init(.history, practitioner("plan.menu.history")),
            ])
            switch ask(screen(both("plan.menu.title", style: .question), list: menu.labels,
                              footer: practitioner("plan.menu.question"), kind: .menu)) {
            case .back, .ended: return
            case let .text(t):
                let carryOn: Bool
                switch menu.choose(t) {
                case .goals: carryOn = goals()
                case .praise: carryOn = praise()
                case .steps: carryOn = steps()
                case .contacts: carryOn = contacts()
                case .answers: carryOn = answers()
                case .history: carryOn = history()
                case nil: notice = practitioner("plan.not_a_choice"); carryOn = true
                }
                if !carryOn { return }
            }
        }
    }

}

/// Used from one thread only (it drives the terminal or one family's session).
@available(*, unavailable) extension PlanningSession: Sendable {}
