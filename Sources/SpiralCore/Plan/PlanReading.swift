import SpiralText

/// A plan laid out for a practitioner to read: urgent needs and repair flags first, then what the
/// family said grouped by spiral stage, each answer with its question in the practitioner's
/// language beside the question as the family saw it.
public struct PlanReading: Sendable {
    public struct Item: Sendable, Equatable {
        public var question: String
        public var familyQuestion: String
        public var answer: String
    }

    public struct Block: Sendable, Equatable {
        public var stage: SpiralStage
        public var heading: String
        public var items: [Item]
    }

    public let plan: Plan
    public let practitioner: Localizer
    public let script: PromptScript?

    public init(plan: Plan, practitioner: Localizer, script: PromptScript? = nil) {
        self.plan = plan
        self.practitioner = practitioner
        self.script = script
    }

    public func blocks() -> [Block] {
        SpiralStage.allCases.compactMap { stage in
            let items = plan.answers.filter { a in
                if case .shown = a.value { return false }
                return a.stage == stage && !a.skipped
            }.map { a in
                Item(question: question(for: a), familyQuestion: a.question, answer: answer(for: a))
            }
            return items.isEmpty ? nil : Block(stage: stage, heading: practitioner("export.stage." + stage.rawValue), items: items)
        }
    }

    /// A chosen answer in the practitioner's language (and the family's words beside it when they
    /// differ); the family's own typed words as they wrote them.
    func answer(for a: PlanAnswer) -> String {
        guard !a.value.choiceIds.isEmpty, let step = script?.step(a.promptId) else { return a.answer }
        let labels = a.value.choiceIds.compactMap { id in step.choiceList.first { $0.id == id }.map { practitioner($0.label) } }
        guard labels.count == a.value.choiceIds.count else { return a.answer }
        let mine = labels.joined(separator: ListSeparator.display(for: practitioner.language))
        return mine == a.answer || a.language == practitioner.language ? mine : mine + " (" + a.answer + ")"
    }

    /// The question re-worded in the practitioner's language when the script knows it; else as shown.
    func question(for a: PlanAnswer) -> String {
        guard a.language != practitioner.language, let step = script?.step(a.promptId) else { return a.question }
        let child = plan.profile.children.first?.name ?? practitioner("common.your_child")
        let args: [String: MessageArgument] = ["child": .string(child), "count": .number(plan.goals.count)]
        let text = practitioner(step.text, args)
        return text == "…" ? a.question : text
    }
}
