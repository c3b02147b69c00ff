#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns the dialogue's answers into the plan's structured parts (needs, praise, goals, flags),
/// following each step's `record` tag in the prompt script. Recomputed from the answers on every
/// save, so going back and changing an answer always leaves a consistent plan.
public enum PlanBuilder: Sendable {
    public static func apply(_ engine: DialogueEngine, to plan: inout Plan, now: Date = Date()) {
        let visible = engine.visibleAnswers()
        plan.answers = visible.map { v, a in
            PlanAnswer(key: v.ref.key, promptId: v.step.id, round: v.ref.round == 0 ? nil : v.ref.round,
                       section: v.section.id, stage: v.section.stage, question: a.question,
                       answer: a.value.isSkipped ? "" : a.display, value: a.value,
                       skipped: a.value.isSkipped, language: a.language, answeredAt: a.answeredAt)
        }

        var urgent = false
        var repair = false
        var needs: [Plan.Need] = []
        var kioskPraise: [Plan.Praise] = []
        var kioskGoals: [Int: Plan.Goal] = [:]
        var profile = plan.profile

        for (v, a) in visible {
            let chosen = v.step.choiceList.filter { a.value.choiceIds.contains($0.id) }
            if chosen.contains(where: { $0.urgent == true }) {
                if v.step.isRepair { repair = true } else { urgent = true }
            }
            guard let target = v.step.target, !a.value.isSkipped else { continue }
            let text = a.value.text ?? ""
            switch target {
            case .profileName:
                profile.name = text.isEmpty ? nil : text
            case .profileChildren:
                profile.children = ChildrenParser.parse(text)
            case .needs:
                let labels = labelsByChoice(a.display, chosen, language: a.language)
                needs = chosen.filter { $0.exclusive != true }.map {
                    Plan.Need(need: $0.id, label: labels[$0.id] ?? $0.id, urgent: $0.urgent == true)
                }
            case .needsOther:
                if let i = needs.firstIndex(where: { $0.need == "other" }) { needs[i].detail = text }
            case .praiseToParent, .praiseForChild:
                guard !text.isEmpty else { continue }
                kioskPraise.append(Plan.Praise(kind: target == .praiseToParent ? .toParent : .forChild,
                                               text: text, source: .family, language: a.language,
                                               recordedAt: a.answeredAt))
            case .goalWhat, .goalWhy, .goalWhen, .goalHow, .goalWhoWith:
                let round = max(v.ref.round, 1)
                var goal = kioskGoals[round] ?? Plan.Goal(id: "kiosk-\(round)", what: "", status: .proposed,
                                                          proposedBy: "family", language: a.language)
                switch target {
                case .goalWhat: goal.what = text
                case .goalWhy: goal.why = text
                case .goalWhen: goal.when = text
                case .goalHow: goal.how = text
                default: goal.whoWith = text
                }
                kioskGoals[round] = goal
            case .repairDetail:
                if !text.isEmpty { repair = true }
            default:
                break   // kept in the plan's answers only
            }
        }

        plan.profile = profile
        plan.needs = needs
        plan.urgent = urgent
        plan.repairFlag = repair
        // The family's own entries are rebuilt from their answers; a practitioner's are kept, whatever their name.
        plan.praise = plan.praise.filter { $0.source != .family } + kioskPraise
        let newGoals = kioskGoals.keys.sorted().compactMap { kioskGoals[$0] }.filter { !$0.what.isEmpty }
        var merged = plan.goals.filter { !$0.id.hasPrefix("kiosk-") }
        for var goal in newGoals {
            if let old = plan.goals.first(where: { $0.id == goal.id }) {
                // What was agreed in session stays as agreed; the family's new words go to history.
                if old.editedInSession { merged.append(old); continue }
                goal.status = old.status
                goal.reviewDate = old.reviewDate
                goal.ratings = old.ratings
                goal.removed = old.removed
            }
            merged.append(goal)
        }
        // A kiosk goal whose answer was emptied is kept if the practitioner already worked on it.
        for old in plan.goals where old.id.hasPrefix("kiosk-") && !merged.contains(where: { $0.id == old.id }) {
            if old.editedInSession || old.status != .proposed || !old.ratings.isEmpty { merged.append(old) }
        }
        plan.goals = merged
        if let last = visible.last { plan.language = last.1.language }
        plan.updatedAt = now
    }

    /// Maps each chosen choice to the label shown, from the display string built by the session
    /// ("Housing, Safety"): falls back to the id.
    private static func labelsByChoice(_ display: String, _ chosen: [PromptScript.Choice], language: String) -> [String: String] {
        let parts = display.components(separatedBy: ListSeparator.display(for: language))
        guard parts.count == chosen.count else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(chosen.map(\.id), parts))
    }
}

/// The separator between chosen labels in an answer's display string, as each language writes a
/// list: "Housing; Safety", "住屋、安全", "سكن؛ أمان".
public enum ListSeparator: Sendable {
    /// Between names in a list ("Mia, Sam", "مريم، يوسف", "小明、小红").
    public static func comma(for language: String) -> String {
        switch language.split(separator: "-").first.map({ $0.lowercased() }) ?? "" {
        case "zh", "ja": return "、"
        case "ar", "fa", "ur": return "، "
        default: return ", "
        }
    }

    public static func display(for language: String) -> String {
        switch language.split(separator: "-").first.map({ $0.lowercased() }) ?? "" {
        case "zh", "ja": return "、"
        case "ar", "fa", "ur": return "؛ "
        default: return "; "
        }
    }
}

/// Reads "Mia 4, Sam 7" (or "Mia (4) and Sam, 7") into children. Digits in any script count.
public enum ChildrenParser: Sendable {
    public static func parse(_ text: String) -> [Plan.Child] {
        let separators: Set<Character> = [",", ";", "،", "、", "，", "\n", "/"]
        var pieces = text.split(whereSeparator: { separators.contains($0) }).map(String.init)
        if pieces.count == 1 { pieces = splitOnAnd(pieces[0]) }
        return pieces.compactMap { piece in
            var name = ""
            var digits = ""
            // Words after the age are its unit in some language ("4 years", "4歲", "5살", "4 tuổi",
            // "٤ سنوات"), not part of the name; unless the age came first ("4 year old Mia").
            let nameBeforeAge = piece.prefix { !($0.isNumber && $0.wholeNumberValue != nil) }.contains(where: \.isLetter)
            for ch in piece {
                let isDigit = ch.isNumber && ch.wholeNumberValue != nil
                if nameBeforeAge, !digits.isEmpty, !isDigit { continue }
                if let d = ch.wholeNumberValue, ch.isNumber { digits.append(String(d)) }
                else if ch.isLetter || ch == "-" || ch == "'" || ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .nonspacingMark || $0.properties.generalCategory == .spacingMark }) {
                    name.append(ch)
                } else if ch == " ", !name.isEmpty, !name.hasSuffix(" ") { name.append(" ") }
            }
            name = name.trimmingSpaces
            for filler in [" and", " aged", " age", " years", " yrs", " y"] where name.lowercased().hasSuffix(filler) {
                name = String(name.dropLast(filler.count)).trimmingSpaces
            }
            guard !name.isEmpty else { return nil }
            return Plan.Child(name: name, age: Int(digits).flatMap { $0 <= 30 ? $0 : nil })
        }
    }

    private static func splitOnAnd(_ s: String) -> [String] {
        s.components(separatedBy: " and ").filter { !$0.trimmingSpaces.isEmpty }
    }
}

extension Plan {
    /// The plan's answers as the dialogue engine holds them, by step.
    public var answersByStep: [StepRef: Answer] {
        var answers: [StepRef: Answer] = [:]
        for a in self.answers {
            guard let ref = StepRef(key: a.key) else { continue }
            answers[ref] = Answer(value: a.value, question: a.question, display: a.answer, language: a.language, answeredAt: a.answeredAt)
        }
        return answers
    }
}

extension PlanBuilder {
    /// One kiosk session's answers re-applied to the plan as it is on disk now: `changes` (what this
    /// session answered since its last save) win, every other answer stays as another kiosk or
    /// an earlier visit left it, and the structured parts are rebuilt from the merged answers. So
    /// two sessions on one code, or a session that resumed and went idle, never write back an old
    /// copy of answers they did not touch.
    public static func merge(_ changes: [StepRef: Answer], session: DialogueEngine, into plan: inout Plan, now: Date = Date()) {
        var answers = plan.answersByStep
        // Answers this session shows but the plan lost (hidden by an earlier change, then shown again).
        for (v, a) in session.visibleAnswers() where answers[v.ref] == nil { answers[v.ref] = a }
        for (ref, a) in changes {
            // A skip of a question this session never saw answered does not erase an answer
            // given meanwhile elsewhere (another kiosk, on the same code): the parent here did
            // not see it, so did not mean to take it back.
            if a.value.isSkipped, let stored = answers[ref], !stored.value.isSkipped, !session.seenAnswered.contains(ref) { continue }
            answers[ref] = a
        }
        let merged = DialogueEngine(script: session.script, isReturning: session.isReturning, answers: answers)
        apply(merged, to: &plan, now: now)
    }
}
