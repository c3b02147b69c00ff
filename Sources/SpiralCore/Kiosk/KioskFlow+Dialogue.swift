#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// The family's dialogue: each step, the PIN they choose, "Are you still there?" and "Stop here?".
extension KioskFlow {
    func inDialogue(_ event: KioskEvent) -> KioskNext {
        switch family.engine.position {
        case .step: return atStep(event)
        case .summary: return atSummary(event)
        case .finished: return atClosing(event)
        }
    }

    var presenter: StepPresenter { StepPresenter(engine: family.engine, localizer: family.l, config: config) }
    var reader: AnswerReader { AnswerReader(localizer: family.l, defaultLimit: settings.maxAnswerLength) }

    func atStep(_ event: KioskEvent) -> KioskNext {
        guard let v = family.engine.current else { family.engine.finish(); return show() }
        let view = presenter.view(of: v)
        if case let .tooLong(kept, typed) = event,
           case let .refuse(notice, keep) = reader.tooLong(InputCleaner.clean(kept), typed: typed, at: v.step) {
            family.notice = notice
            family.keep = keep
            return show()
        }
        if family.hasStarted, let next = sessionEvent(event) { return next }
        if !family.hasStarted, let next = startEvent(event) { return next }
        guard case let .line(raw) = event else { return show() }
        var typed = InputCleaner.clean(raw)
        // Piped input has no edit line to hold a suggestion: Enter keeps it.
        if !settings.interactive, typed.isEmpty, view.expectsAnswer, !view.prefill.isEmpty { typed = view.prefill }
        switch TypedCommand.parse(typed) {
        case .back:
            if !family.engine.back() { family.notice = family.l("ui.at_start") }
        case .help:
            family.notice = family.l("ui.help")
        case .readAloud:
            toggleReadAloud()
        case .language:
            family.languageReturn = .dialogue
            family.place = .language(first: false)
        case .skip:
            if !view.expectsAnswer {
                record(v, .shown(view.question), display: view.question, question: view.question)
            } else if let existing = family.engine.answer(v.ref), !view.marked.isEmpty {
                // Changing a choice from the summary: Enter keeps what was chosen.
                record(v, existing.value, display: existing.display, question: view.question)
            } else if v.step.isSkippable {
                record(v, .skipped, display: "", question: view.question)
            } else {
                family.notice = family.l("ui.need_answer")
            }
        case let .answer(text):
            switch view.expectsAnswer ? reader.read(text, at: v.step, view: view) : .record(.shown(view.question), display: view.question) {
            case let .record(value, display):
                record(v, value, display: display, question: view.question)
            case let .refuse(notice, keep):
                family.notice = notice
                family.keep = keep
            }
        }
        return show()
    }

    /// `!`: every screen read aloud from now on in this session, or no longer.
    func toggleReadAloud() {
        guard settings.readAloudOffered else {
            family.notice = family.l("ui.read_aloud.unavailable")
            return
        }
        family.readAloud.toggle()
        family.notice = family.l(family.readAloud ? "ui.read_aloud.on" : "ui.read_aloud.off")
    }

    func record(_ v: VisibleStep, _ value: AnswerValue, display: String, question: String) {
        let answer = Answer(value: value, question: question, display: display, language: family.l.language, answeredAt: now())
        family.engine.record(answer)
        let isConsent = v.step.role == .consent
        if isConsent, value != .choice(v.step.choiceList.first?.id ?? "") {
            // No: nothing is saved, and the session ends kindly.
            family.engine.finish()
            family.place = .goodbye(.declined)
            return
        }
        if family.code == nil {
            guard isConsent else { return }   // nothing is kept before the family agrees
            family.code = newCode()
            family.place = .pinChoose
        }
        family.unsaved[v.ref] = answer
        save()
    }

    func stepScreen() -> Screen? {
        guard let v = family.engine.current else { return nil }
        let view = presenter.view(of: v)
        let l = family.l
        var blocks: [Screen.Block] = []
        if let intro = view.intro { blocks.append(Screen.Block(intro)) }
        blocks.append(Screen.Block(view.question, style: .question))
        blocks += view.lines.map { Screen.Block($0, style: .indented) }
        if let hint = view.hint { blocks.append(Screen.Block(hint, style: .hint)) }
        let numbers = (0..<view.choices.count).map { LocaleFormat.number($0 + 1, locale: l.formattingLocale) }
        let items = view.choices.indices.map { Screen.Item(number: numbers[$0], label: view.choices[$0], marked: view.marked.contains($0)) }
        var prefill = family.keep ?? (view.expectsAnswer ? view.prefill : "")
        family.keep = nil
        var notice = family.notice
        if !settings.interactive, !prefill.isEmpty {
            notice = [notice, l("ui.keeps", ["text": .string(prefill)])].compactMap { $0 }.joined(separator: " ")
            prefill = ""
        }
        let limit = v.step.kind == .text ? reader.limit(for: v.step) : 400
        return Screen(kind: .step, language: l.language, direction: l.direction, title: view.progress, blocks: blocks, list: items,
                      notice: notice, footer: view.keys, input: .line(prefill: prefill, completions: view.choices, limit: limit),
                      idleTimeout: settings.idleTimeout)
    }

    // MARK: The family's PIN

    func atPinChoice(_ event: KioskEvent) -> KioskNext {
        if let next = sessionEvent(event) { return next }
        guard case let .line(raw) = event else { return show() }
        let typed = InputCleaner.clean(raw)
        switch family.place {
        case .pinChoose:
            if typed.isEmpty {
                family.notice = family.l("ui.pin.skipped")
                family.place = .dialogue
            } else if let pin = PinRules.digits(typed), PinRules.isAcceptable(pin) {
                family.place = .pinConfirm(first: pin)
            } else {
                family.notice = family.l("ui.pin.rules")
            }
        case let .pinConfirm(first):
            if PinRules.digits(typed) != first {
                family.notice = family.l("ui.pin.mismatch")
                family.place = .pinChoose
            } else {
                family.pendingPinHash = SecretHash.make(first, cost: SecretHash.pinCost)
                save()
                if !family.saveFailing { family.notice = family.l("ui.pin.saved") }
                family.place = .dialogue
            }
        default:
            break
        }
        return show()
    }

    func pinChoiceScreen(again: Bool) -> Screen {
        let l = family.l
        return Screen(kind: again ? .pinConfirm : .pinChoose, language: l.language, direction: l.direction, title: l("ui.pin.title"),
                      blocks: [Screen.Block(l(again ? "ui.pin.again" : "ui.pin.choose"))], notice: family.notice,
                      footer: l("ui.pin.keys.choose"), input: .secret, idleTimeout: settings.idleTimeout)
    }

    // MARK: Are you still there? Stop here?

    func atStillThere(_ event: KioskEvent, then: Place) -> KioskNext {
        switch event {
        case .timedOut:
            log.record(.idleSessionEnded, code: family.code)
            return end(.idle(code: family.code))
        case .endOfInput where !settings.interactive:
            return end(.inputEnded(code: family.code))
        default:
            family.place = then
            return show()
        }
    }

    func stillThereScreen() -> Screen {
        let l = family.l
        let seconds = Int((settings.idleTimeout ?? .seconds(60)).components.seconds)
        return Screen(kind: .stillThere, language: l.language, direction: l.direction, title: l("ui.idle.title"),
                      blocks: [Screen.Block(l("ui.idle.text", ["seconds": .number(min(60, seconds))]))],
                      input: .enter, idleTimeout: .seconds(Int64(min(60, max(10, seconds)))))
    }

    func atConfirmStop(_ event: KioskEvent, then: Place) -> KioskNext {
        switch event {
        case .timedOut:
            log.record(.idleSessionEnded, code: family.code)
            return end(.idle(code: family.code))
        case .endOfInput:
            return stopNow()
        case let .line(raw):
            let typed = InputCleaner.clean(raw)
            if ChoiceMatcher.number(typed) == 1 || ChoiceMatcher.match(typed, labels: stopChoices, multiple: false) == .chosen([0]) {
                return stopNow()
            }
            family.place = then
            return show()
        default:
            family.place = then
            return show()
        }
    }

    var stopChoices: [String] { [family.l("ui.stop.yes"), family.l("ui.stop.no")] }

    /// The family chose to stop: saved (or kept for staff) first, then a goodbye that says which.
    func stopNow() -> KioskNext {
        settle()
        family.place = .goodbye(.stopped(code: family.code))
        return show()
    }

    func confirmStopScreen() -> Screen {
        let l = family.l
        let saved = !family.saveFailing && family.unsaved.isEmpty
        let items = stopChoices.enumerated().map { Screen.Item(number: LocaleFormat.number($0.offset + 1, locale: l.formattingLocale), label: $0.element) }
        return Screen(kind: .confirmStop, language: l.language, direction: l.direction, title: l("ui.stop.title"),
                      blocks: [Screen.Block(l(saved ? "ui.stop.saved" : "ui.stop.unsaved"))], list: items,
                      footer: l("ui.stop.keys"), input: .line(prefill: "", completions: stopChoices, limit: 40),
                      idleTimeout: settings.idleTimeout)
    }
}
