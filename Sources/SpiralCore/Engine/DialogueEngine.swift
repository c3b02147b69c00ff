/// Where the dialogue stands.
public enum DialoguePosition: Hashable, Sendable {
    case step(StepRef)
    /// Everything said, to check and change before finishing.
    case summary
    case finished
}

/// A visible step with the section it belongs to.
public struct VisibleStep: Sendable, Equatable {
    public var ref: StepRef
    public var step: PromptScript.Step
    public var section: PromptScript.Section
    /// 1-based number of the section among the sections shown.
    public var sectionNumber: Int
}

/// Given a script and the answers so far, says what to ask next. Pure: no terminal, no files,
/// so every path (conditions, skip, back, review-and-change) is tested without a screen.
public struct DialogueEngine: Sendable {
    public let script: PromptScript
    public var isReturning: Bool
    public private(set) var answers: [StepRef: Answer]
    public private(set) var position: DialoguePosition
    /// The steps this session has seen answered: at its start, or answered here. A skip of any
    /// other step is the parent passing over a question they saw empty.
    public private(set) var seenAnswered: Set<StepRef>
    /// Positions visited, for "go back".
    private var trail: [DialoguePosition] = []
    /// Set while changing an answer from the summary: afterwards, only unanswered steps are
    /// asked (ones the change made visible) and then the summary returns.
    private var reviewing = false

    public init(script: PromptScript, isReturning: Bool = false, answers: [StepRef: Answer] = [:]) {
        self.script = script
        self.isReturning = isReturning
        self.answers = answers
        self.seenAnswered = Set(answers.filter { !$0.value.value.isSkipped }.keys)
        self.position = .finished
        self.position = firstUnanswered(after: nil) ?? .summary
    }

    // MARK: What is shown

    /// Every step shown for the answers so far, in order.
    public func visibleSteps() -> [VisibleStep] {
        var result: [VisibleStep] = []
        var sectionNumber = 0
        for section in script.sections {
            if let when = section.when, !evaluate(when, round: 0, in: section) { continue }
            sectionNumber += 1
            let rounds = section.repeat.map { roundsShown(of: section, $0) } ?? [0]
            for round in rounds {
                for step in section.steps {
                    if let rep = section.repeat, step.id == rep.another, round >= rep.max { continue }
                    if let when = step.when, !evaluate(when, round: round, in: section) { continue }
                    result.append(VisibleStep(ref: StepRef(step.id, round: round), step: step,
                                              section: section, sectionNumber: sectionNumber))
                }
            }
        }
        return result
    }

    public var sectionCount: Int {
        script.sections.filter { s in s.when.map { evaluate($0, round: 0, in: s) } ?? true }.count
    }

    public var current: VisibleStep? {
        guard case let .step(ref) = position else { return nil }
        return visibleSteps().first { $0.ref == ref }
    }

    public func answer(_ ref: StepRef) -> Answer? { answers[ref] }

    /// Answers to steps that are shown now (an answer to a step hidden by a later change is
    /// kept, in case the change is undone, but does not count).
    public func visibleAnswers() -> [(VisibleStep, Answer)] {
        visibleSteps().compactMap { v in answers[v.ref].map { (v, $0) } }
    }

    /// How many goals have a "what".
    public var goalCount: Int {
        guard let section = script.sections.first(where: { $0.repeat != nil }),
              let first = section.steps.first else { return 0 }
        return visibleSteps().filter { $0.ref.stepId == first.id && hasContent($0.ref) }.count
    }

    // MARK: Moving

    /// Records the answer for the current step and moves on.
    public mutating func record(_ answer: Answer) {
        guard case let .step(ref) = position else { return }
        answers[ref] = answer
        if !answer.value.isSkipped { seenAnswered.insert(ref) }
        trail.append(position)
        advance(from: ref)
    }

    /// Goes back one step. Returns false at the first step.
    @discardableResult
    public mutating func back() -> Bool {
        guard let previous = trail.popLast() else { return false }
        position = previous
        if previous == .summary { reviewing = false }
        return true
    }

    /// From the summary: change one answer, then come back to the summary.
    public mutating func change(_ ref: StepRef) {
        guard visibleSteps().contains(where: { $0.ref == ref }) else { return }
        trail.append(position)
        reviewing = true
        position = .step(ref)
    }

    public mutating func finish() {
        trail.append(position)
        position = .finished
    }

    /// Continuing an earlier plan: carry on at the first step not yet answered.
    public mutating func resume() {
        trail.removeAll()
        reviewing = false
        position = firstUnanswered(after: nil) ?? .summary
    }

    private mutating func advance(from ref: StepRef) {
        if reviewing {
            if let next = firstUnanswered(after: ref) { position = next } else {
                reviewing = false
                position = .summary
            }
            return
        }
        let steps = visibleSteps()
        if let i = steps.firstIndex(where: { $0.ref == ref }), i + 1 < steps.count {
            position = .step(steps[i + 1].ref)
        } else {
            position = .summary
        }
    }

    private func firstUnanswered(after ref: StepRef?) -> DialoguePosition? {
        let steps = visibleSteps()
        var start = 0
        if let ref, let i = steps.firstIndex(where: { $0.ref == ref }) { start = i + 1 }
        return steps[start...].first { answers[$0.ref] == nil }.map { .step($0.ref) }
    }

    // MARK: Conditions

    private func roundsShown(of section: PromptScript.Section, _ rep: PromptScript.Repeat) -> [Int] {
        var rounds = [1]
        while let last = rounds.last, last < rep.max,
              answers[StepRef(rep.another, round: last)]?.value == .choice(rep.continueWith) {
            rounds.append(last + 1)
        }
        return rounds
    }

    /// The answer a condition or argument refers to: a step in the same repeated section means
    /// the same round; anywhere else, the step's only answer.
    public func resolve(_ stepId: String, round: Int, in section: PromptScript.Section) -> StepRef {
        if section.repeat != nil, section.steps.contains(where: { $0.id == stepId }) {
            return StepRef(stepId, round: max(round, 1))
        }
        return StepRef(stepId)
    }

    private func hasContent(_ ref: StepRef) -> Bool {
        guard let value = answers[ref]?.value else { return false }
        switch value {
        case .skipped: return false
        case let .text(t): return !t.isEmpty
        case let .choices(ids): return !ids.isEmpty
        case .choice, .shown: return true
        }
    }

    func evaluate(_ condition: Condition, round: Int, in section: PromptScript.Section) -> Bool {
        func ids(_ step: String) -> [String] { answers[resolve(step, round: round, in: section)]?.value.choiceIds ?? [] }
        switch condition {
        case let .stepIs(step, value): return ids(step) == [value]
        case let .stepIncludes(step, value): return ids(step).contains(value)
        case let .stepIsOnly(step, value): return ids(step) == [value]
        case let .answered(step): return hasContent(resolve(step, round: round, in: section))
        case let .returning(flag): return isReturning == flag
        case let .any(list): return list.contains { evaluate($0, round: round, in: section) }
        case let .all(list): return list.allSatisfy { evaluate($0, round: round, in: section) }
        case let .not(inner): return !evaluate(inner, round: round, in: section)
        }
    }
}
