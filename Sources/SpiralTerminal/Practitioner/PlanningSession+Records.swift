#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore
import SpiralText

/// `spiral plan`: labelled praise, partnership steps and contacts.
extension PlanningSession {
    /// A spiral stage in the practitioner's words, never its id.
    func stageName(_ stage: SpiralStage) -> String { practitioner("export.stage." + stage.rawValue) }

    func praise() -> Bool {
        let shown = plan.praise.map { words.familyWords("[" + practitioner("export.praise." + $0.kind.rawValue) + "] " + $0.text) }
        let intro = both("plan.praise.title", style: .question) + shown + both("plan.praise.intro")
        guard case let .text(action) = ask(screen(intro + both("plan.praise.ask.action", style: .question))) else { return true }
        guard case let .text(why) = ask(screen(intro + both("plan.praise.ask.why", style: .question))) else { return true }
        var draft = PraiseCoach.compose(action: action, why: why, localizer: practitioner)
        let vague = practitioner("coach.vague_words").split(separator: "|").map(String.init)
        let reasons = practitioner("coach.reason_words").split(separator: "|").map(String.init)
        // The coach speaks before the praise is saved: on the draft, as it is offered to edit.
        let first = PraiseCoach.assess(draft, vagueWords: vague, reasonWords: reasons)
        if !first.isEmpty { notice = practitioner(first.contains(.vague) ? "coach.vague" : "coach.no_reason") }
        var warned = false
        while true {
            switch ask(screen(both("plan.praise.ask.edit", style: .question)), prefill: draft) {
            case .ended: return false
            case .back: return true
            case let .text(t):
                let concerns = PraiseCoach.assess(t, vagueWords: vague, reasonWords: reasons)
                if !concerns.isEmpty && !(warned && t == draft) {
                    notice = practitioner(concerns.contains(.vague) ? "coach.vague" : "coach.no_reason") + " " + practitioner("plan.praise.keep_anyway")
                    draft = t
                    warned = true
                    continue
                }
                apply(.addPraise(text: t, language: practitioner.language))
                return true
            }
        }
    }

    func steps() -> Bool {
        let kinds = Plan.PartnershipStep.Kind.allCases
        let labels = kinds.map { practitioner("plan.step." + $0.rawValue) + "  (" + stageName($0.stage) + ")" }
        let existing = plan.partnershipSteps.map {
            Screen.Block("[" + stageName($0.stage) + "] " + practitioner("plan.step." + $0.kind.rawValue) + ": " + $0.note, style: .indented)
        }
        while true {
            switch ask(screen(both("plan.steps.title", style: .question) + existing + both("plan.steps.ask.kind"), list: labels, kind: .menu)) {
            case .back: return true
            case .ended: return false
            case let .text(t):
                guard case let .chosen(i) = ChoiceMatcher.match(t, labels: labels, multiple: false) else {
                    notice = practitioner("plan.not_a_choice"); continue
                }
                switch askField("plan.steps.ask.note") {
                case .ended: return false
                case .back: continue
                case let .text(note): apply(.addStep(kind: kinds[i[0]], note: note))
                }
                return true
            }
        }
    }

    func contacts() -> Bool {
        let kinds = Plan.Contact.Kind.allCases
        let labels = kinds.map { practitioner("plan.contact." + $0.rawValue) }
        let existing = plan.contacts.map {
            Screen.Block($0.date + "  " + practitioner("plan.contact." + $0.kind.rawValue) + ($0.note.map { ": " + $0 } ?? ""), style: .indented)
        }
        while true {
            switch ask(screen(both("plan.contact.title", style: .question) + existing + both("plan.contact.ask.kind"), list: labels, kind: .menu)) {
            case .back: return true
            case .ended: return false
            case let .text(t):
                guard case let .chosen(i) = ChoiceMatcher.match(t, labels: labels, multiple: false) else {
                    notice = practitioner("plan.not_a_choice"); continue
                }
                let kind = kinds[i[0]]
                var date = "today"
                var dateOK = false
                while !dateOK {
                    switch askField("plan.contact.ask.date", prefill: date == "today" ? "" : date) {
                    case .ended: return false
                    case .back: date = "today"; dateOK = true
                    case let .text(d):
                        if DateInput.parse(d) != nil { date = d; dateOK = true } else { notice = practitioner("plan.error.date"); date = d }
                    }
                }
                var note: String?
                switch askField("plan.contact.ask.note") {
                case .ended: return false
                case .back: note = nil
                case let .text(n): note = n
                }
                apply(.addContact(kind: kind, date: date, note: note))
                if kind == .missed { notice = (notice.map { $0 + " " } ?? "") + practitioner("plan.contact.missed_hint") }
                return true
            }
        }
    }
}
