#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore
import SpiralText

/// `spiral plan`: the family's goals, agreed, reworded, reviewed and rated together.
extension PlanningSession {
    enum GoalAction: Hashable, Sendable {
        case agree, status, reword(PlanEdit.GoalField), reviewDate, rate, remove
    }

    func goalSummary(_ g: Plan.Goal) -> String {
        var parts = [g.what, "[" + practitioner("export.goal.status." + g.status.rawValue) + "]"]
        if g.removed { parts.append("(" + practitioner("plan.goal.removed") + ")") }
        if let d = g.reviewDate { parts.append(practitioner("plan.goal.review", ["date": .string(d)])) }
        if !g.ratings.isEmpty {
            // Each reading named, never "3/4", which reads like a fraction.
            let parent = practitioner("export.goal.rating.parent"), worker = practitioner("export.goal.rating.practitioner")
            let r = g.ratings.map { "\(parent) \($0.parent.map(String.init) ?? "–") · \(worker) \($0.practitioner.map(String.init) ?? "–")" }
            parts.append(practitioner("plan.goal.ratings", ["ratings": .string(r.joined(separator: " → "))]))
        }
        return parts.joined(separator: "  ")
    }

    /// Returns false when input ended.
    func goals() -> Bool {
        while true {
            var blocks = both("plan.goals.title", style: .question)
            if plan.goals.isEmpty { blocks.append(Screen.Block(practitioner("plan.goals.none"))) }
            switch ask(screen(blocks, list: plan.goals.map(goalSummary),
                              extra: [Screen.Item(number: "a", label: practitioner("plan.goals.add"))],
                              footer: practitioner("plan.goals.question"), kind: .menu)) {
            case .back: return true
            case .ended: return false
            case let .text(t):
                if t.lowercased() == "a" {
                    if !addGoal() { return false }
                } else if let n = ChoiceMatcher.number(t), (1...max(1, plan.goals.count)).contains(n), n <= plan.goals.count {
                    if !goal(plan.goals[n - 1].id) { return false }
                } else {
                    notice = practitioner("plan.not_a_choice")
                }
            }
        }
    }

    /// Asks for one field, re-asking with the reason when it is refused.
    /// One field. "Press Enter to go back" is shown only when the question does not already say
    /// what Enter does here ("Enter for today", "Enter to skip"): never two meanings at once.
    func askField(_ key: String, prefill: String = "", enterGoesBack: Bool = true) -> Input {
        let saysEnter = practitioner(key).contains("Enter")
        let footer = saysEnter || !enterGoesBack ? nil : practitioner("plan.back")
        return ask(screen(both(key, style: .question), footer: footer), prefill: prefill)
    }

    func addGoal() -> Bool {
        var values: [PlanEdit.GoalField: String] = [:]
        for field in PlanEdit.GoalField.allCases {
            // Enter here leaves the field empty and moves on: no "go back" hint to contradict it.
            switch askField("plan.goal.ask." + field.rawValue, enterGoesBack: false) {
            case .ended: return false
            case .back:
                if field == .what { return true }
            case let .text(t): values[field] = t
            }
        }
        apply(.addGoal(what: values[.what] ?? "", why: values[.why], when: values[.when], how: values[.how], whoWith: values[.whoWith]))
        return true
    }

    func goal(_ id: String) -> Bool {
        while let g = plan.goals.first(where: { $0.id == id }) {
            var detail = [Screen.Block(goalSummary(g), style: .question)]
            for (field, value) in [("why", g.why), ("when", g.when), ("how", g.how), ("whoWith", g.whoWith)] {
                if let value { detail.append(Screen.Block(practitioner("export.goal." + field) + ": " + value, style: .indented)) }
            }
            var items: [Menu<GoalAction>.Item] = []
            if g.status != .agreed { items.append(.init(.agree, practitioner("plan.goal.agree"))) }
            items.append(.init(.status, practitioner("plan.goal.status")))
            for f in PlanEdit.GoalField.allCases {
                let name = f == .what ? practitioner("plan.goal.ask.what") : practitioner("export.goal." + f.rawValue)
                items.append(.init(.reword(f), practitioner("plan.goal.reword", ["field": .string(name)])))
            }
            items += [.init(.reviewDate, practitioner("plan.goal.review_date")), .init(.rate, practitioner("plan.goal.rate")),
                      .init(.remove, practitioner("plan.goal.remove"))]
            let menu = Menu(items)
            switch ask(screen(detail + both("plan.goal.actions"), list: menu.labels, footer: practitioner("plan.back"), kind: .menu)) {
            case .back: return true
            case .ended: return false
            case let .text(t):
                guard let action = menu.choose(t) else { notice = practitioner("plan.not_a_choice"); continue }
                switch action {
                case .agree: apply(.setGoalStatus(goalId: id, status: .agreed))
                case .status: if !chooseStatus(id) { return false }
                case let .reword(field):
                    let current: String? = [g.what, g.why, g.when, g.how, g.whoWith][PlanEdit.GoalField.allCases.firstIndex(of: field)!]
                    switch askField("plan.goal.ask." + field.rawValue, prefill: current ?? "") {
                    case .ended: return false
                    case .back: break
                    case let .text(v): apply(.setGoalField(goalId: id, field: field, value: v))
                    }
                case .reviewDate:
                    if !askUntilValid({ [self] in askField("plan.goal.ask.date", prefill: g.reviewDate ?? "") },
                                      { .setReviewDate(goalId: id, date: $0) }) { return false }
                case .rate: if !rate(id) { return false }
                case .remove:
                    let yesNo = Menu([.init(true, practitioner("common.yes")), .init(false, practitioner("common.no"))])
                    switch askField("plan.goal.confirm_remove") {
                    case .ended: return false
                    case let .text(t) where yesNo.choose(t) == true: apply(.removeGoal(goalId: id))
                    default: break
                    }
                }
            }
        }
        return true
    }

    /// Keeps asking while the answer is refused (a date that doesn't parse), so nothing typed is lost.
    func askUntilValid(_ read: () -> Input, _ make: (String) -> PlanEdit) -> Bool {
        while true {
            switch read() {
            case .ended: return false
            case .back: return true
            case let .text(t): if apply(make(t)) { return true }
            }
        }
    }

    func chooseStatus(_ id: String) -> Bool {
        let statuses = Plan.Goal.Status.allCases
        let labels = statuses.map { practitioner("export.goal.status." + $0.rawValue) }
        while true {
            switch ask(screen(both("plan.goal.ask.status", style: .question), list: labels, kind: .menu), completions: labels) {
            case .back: return true
            case .ended: return false
            case let .text(t):
                if case let .chosen(i) = ChoiceMatcher.match(t, labels: labels, multiple: false) {
                    apply(.setGoalStatus(goalId: id, status: statuses[i[0]]))
                    return true
                }
                notice = practitioner("plan.not_a_choice")
            }
        }
    }

    /// One review: the parent's and the practitioner's own 0–10 readings, both kept.
    func rate(_ id: String) -> Bool {
        func askRating(_ key: String) -> Int?? {
            while true {
                switch askField(key) {
                case .ended: return nil
                case .back: return .some(nil)
                case let .text(t):
                    if let n = ChoiceMatcher.number(t), (0...10).contains(n) { return .some(n) }
                    notice = practitioner("plan.error.rating")
                }
            }
        }
        guard let parent = askRating("plan.goal.ask.rating_parent"),
              let mine = askRating("plan.goal.ask.rating_practitioner") else { return false }
        if parent == nil && mine == nil { return true }
        return askUntilValid({ [self] in
            switch askField("plan.goal.ask.rating_date") {
            case .back: return .text("today")
            case let other: return other
            }
        }, { .rateGoal(goalId: id, date: $0, parent: parent, practitioner: mine) })
    }
}
