import SpiralText

/// Everything one screen of the dialogue shows, in words, ready for the terminal to lay out.
/// Built here, without a terminal, so each screen can be checked in tests.
public struct StepView: Sendable, Equatable {
    public var progress: String
    public var intro: String?
    public var question: String
    public var hint: String?
    public var choices: [String]
    public var multiple: Bool
    /// Extra lines shown under the question (crisis contacts).
    public var lines: [String]
    public var keys: String
    /// Text placed in the edit buffer for the person to change (never a choice: a chosen
    /// number pre-typed would be appended to, and then refused).
    public var prefill: String
    public var expectsAnswer: Bool
    /// The choices already chosen (when changing an answer), shown marked.
    public var marked: Set<Int> = []
}

public struct StepPresenter: Sendable {
    public let engine: DialogueEngine
    public let l: Localizer
    public let config: CentreConfig

    public init(engine: DialogueEngine, localizer: Localizer, config: CentreConfig) {
        self.engine = engine
        self.l = localizer
        self.config = config
    }

    public func view(of v: VisibleStep) -> StepView {
        let args = resolve(v.step.args, round: v.ref.round, section: v.section)
        let step = v.step
        let progress = l("ui.progress", ["part": .number(v.sectionNumber), "parts": .number(engine.sectionCount),
                                         "title": .string(l(v.section.title))])
        let choices = step.choiceList.map { l($0.label) }
        var lines: [String] = []
        if step.kind == .crisisContacts { lines = crisisLines() }
        let marked = Set(engine.answer(v.ref)?.value.choiceIds.compactMap { id in step.choiceList.firstIndex { $0.id == id } } ?? [])
        let keys: String
        switch step.kind {
        case .info, .crisisContacts: keys = l("ui.keys.info")
        default: keys = !marked.isEmpty ? l("ui.keys.keep") : step.isSkippable ? l("ui.keys") : l("ui.keys.noskip")
        }
        var hint = step.hint.map { l($0) }
        // Sentences follow one another with a space, except in scripts written without spaces.
        let gap = ["zh", "ja"].contains(l.language.split(separator: "-").first.map(String.init) ?? "") ? "" : " "
        if step.kind == .choice { hint = [hint, l("ui.choose_one")].compactMap { $0 }.joined(separator: gap) }
        if step.kind == .multiChoice { hint = [hint, l("ui.choose_many")].compactMap { $0 }.joined(separator: gap) }
        return StepView(
            progress: progress,
            intro: step.intro.map { l($0, args) },
            question: l(step.text, args),
            hint: hint,
            choices: choices,
            multiple: step.kind == .multiChoice,
            lines: lines,
            keys: keys,
            prefill: prefill(for: v),
            expectsAnswer: step.kind.isQuestion,
            marked: marked)
    }

    /// The question as it will be stored beside the answer.
    public func questionText(of v: VisibleStep) -> String {
        l(v.step.text, resolve(v.step.args, round: v.ref.round, section: v.section))
    }

    public func crisisLines() -> [String] {
        config.crisisContacts.map { c in
            let about = c.aboutKey.map { l($0) } ?? c.about.flatMap { $0[l.language] ?? $0["en"] } ?? "none"
            // In right-to-left text a phone number is isolated, so its digit groups keep their order.
            let rtl = l.direction == .rightToLeft
            let name = c.nameKey.map { l($0) } ?? c.name
            return l("crisis.contact", ["name": .string(rtl ? BidiText.isolate(name) : name),
                                        "phone": .string(rtl ? BidiText.isolate(c.phone) : c.phone),
                                        "about": .string(about)])
        }
    }

    /// A text step's starting text: the earlier answer when going back or changing, else a
    /// suggestion built from earlier answers (a labelled-praise sentence to edit).
    public func prefill(for v: VisibleStep) -> String {
        if let existing = engine.answer(v.ref) {
            if case let .text(t) = existing.value { return t }
            if case .skipped = existing.value { return "" }
            if v.step.kind == .choice || v.step.kind == .multiChoice { return "" }
        }
        if let p = v.step.prefill {
            let args = resolve(p.args, round: v.ref.round, section: v.section)
            return l(p.message, args)
        }
        if v.step.prefillCurrentLanguageName == true { return l.nativeName(of: l.language) }
        return ""
    }

    /// Message arguments from earlier answers.
    public func resolve(_ sources: [String: PromptScript.ArgumentSource]?, round: Int,
                        section: PromptScript.Section) -> [String: MessageArgument] {
        var out: [String: MessageArgument] = [:]
        for (name, source) in sources ?? [:] {
            if source.builtin == "goalCount" { out[name] = .number(engine.goalCount); continue }
            var value: String?
            if let stepId = source.step, let step = engine.script.step(stepId) {
                let ref = engine.resolve(stepId, round: round, in: section)
                if let answer = engine.answer(ref), !answer.value.isSkipped {
                    switch source.use {
                    case "detail":
                        let details = step.choiceList.filter { answer.value.choiceIds.contains($0.id) }.compactMap(\.detail)
                        value = details.first.map { l($0) }
                    case "firstChild":
                        value = ChildrenParser.parse(answer.value.text ?? "").first?.name
                    default:
                        if let t = answer.value.text { value = t } else {
                            let labels = step.choiceList.filter { answer.value.choiceIds.contains($0.id) }.map { l($0.label) }
                            value = labels.joined(separator: ListSeparator.display(for: l.language))
                        }
                    }
                }
            }
            if value == nil || value!.isEmpty, let f = source.fallback { value = l(f) }
            out[name] = .string(value ?? "")
        }
        return out
    }
}
