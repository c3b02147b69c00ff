import SpiralText

/// The words of the practitioner's screens (`spiral review`, `spiral plan`) as screen blocks: every
/// label in the practitioner's language, with the family's beside it when they differ, and the
/// family's own words in their own language and direction.
public struct PractitionerWords: Sendable {
    public let practitioner: Localizer
    public let family: Localizer
    public let script: PromptScript?

    public init(practitioner: Localizer, family: Localizer, script: PromptScript?) {
        self.practitioner = practitioner
        self.family = family
        self.script = script
    }

    public var bilingual: Bool { practitioner.language != family.language }

    /// A message in the practitioner's language, and under it the family's when they differ.
    public func both(_ key: String, _ args: [String: MessageArgument] = [:], style: Screen.Block.Style = .plain) -> [Screen.Block] {
        var blocks = [Screen.Block(practitioner(key, args), style: style, direction: practitioner.direction)]
        if bilingual { blocks.append(Screen.Block(family(key, args), style: .dim, direction: family.direction)) }
        return blocks
    }

    /// The family's own words, in their language's direction.
    public func familyWords(_ text: String, style: Screen.Block.Style = .indented) -> Screen.Block {
        Screen.Block(text, style: style, direction: family.direction)
    }

    public func header(_ plan: Plan) -> String {
        practitioner("plan.header", ["code": .string(plan.code), "name": .string(plan.profile.name ?? "-"),
                                     "language": .string(family.nativeName(of: plan.language))])
    }

    /// Urgent and "not felt right", first on every screen of a plan.
    public func flags(_ plan: Plan) -> [Screen.Block] {
        var blocks: [Screen.Block] = []
        if plan.urgent { blocks.append(Screen.Block(practitioner("plan.flag.urgent"), style: .notice)) }
        if plan.repairFlag { blocks.append(Screen.Block(practitioner("plan.flag.repair"), style: .notice)) }
        return blocks
    }

    /// A chosen need in the practitioner's words, from its id (the family saw it in theirs).
    public func needName(_ need: Plan.Need) -> String {
        return (script?.needChoices ?? []).first { $0.id == need.need }.map { practitioner($0.label) } ?? need.label
    }

    /// A plan to read: urgent needs and what has not felt right first, the goals, then what the
    /// family said grouped by spiral stage, each question in the practitioner's language.
    public func reading(_ plan: Plan) -> [Screen.Block] {
        var blocks: [Screen.Block] = []
        if plan.needs.contains(where: \.urgent) {
            let names = plan.needs.map { needName($0) + ($0.urgent ? " (!)" : "") }
            blocks.append(Screen.Block(practitioner("export.needs") + ": " + names.joined(separator: ", "), style: .notice))
        }
        let repairStep = script?.step(withRole: .repairDetail)?.id
        if let repairStep, let repair = plan.answers.first(where: { $0.promptId == repairStep && !$0.skipped }) {
            blocks.append(Screen.Block(practitioner("plan.flag.repair"), style: .notice))
            blocks.append(familyWords(repair.answer))
        }
        if !plan.goals.isEmpty {
            blocks.append(Screen.Block(practitioner("export.goals"), style: .heading))
            for g in plan.goals {
                blocks.append(Screen.Block("[" + practitioner("export.goal.status." + g.status.rawValue) + "]" + (g.removed ? " ✗" : ""), style: .hint))
                blocks.append(familyWords(g.what))
            }
        }
        for block in PlanReading(plan: plan, practitioner: practitioner, script: script).blocks() {
            blocks.append(Screen.Block(block.heading, style: .heading))
            for item in block.items {
                blocks.append(Screen.Block(item.question, style: .hint))
                if item.familyQuestion != item.question { blocks.append(Screen.Block(item.familyQuestion, style: .hint, direction: family.direction)) }
                blocks.append(familyWords(item.answer))
            }
        }
        return blocks
    }

    /// Blocks split into pages of at most `room` lines, as `height` measures them.
    public static func pages(_ blocks: [Screen.Block], room: Int, height: (Screen.Block) -> Int) -> [[Screen.Block]] {
        var pages: [[Screen.Block]] = [[]]
        var used = 0
        for block in blocks {
            let h = height(block)
            if used + h > room, !pages[pages.count - 1].isEmpty {
                // A heading or a question goes over with the answer it belongs to.
                var carried: [Screen.Block] = []
                while let last = pages[pages.count - 1].last, [.heading, .hint].contains(last.style), pages[pages.count - 1].count > 1 {
                    carried.insert(pages[pages.count - 1].removeLast(), at: 0)
                }
                pages.append(carried)
                used = carried.reduce(0) { $0 + height($1) }
            }
            pages[pages.count - 1].append(block)
            used += h
        }
        return pages
    }
}
