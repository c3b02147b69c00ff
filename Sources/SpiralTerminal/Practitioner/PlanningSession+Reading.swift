#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore
import SpiralText

/// `spiral plan`: what the family said and the history of changes, a screen at a time.
extension PlanningSession {
    /// Everything the family said, grouped by stage: the question in the practitioner's language
    /// beside the family's own words.
    func answers() -> Bool {
        paged(both("plan.answers.title", style: .question) + words.reading(plan))
    }

    func history() -> Bool {
        var blocks = both("plan.history.title", style: .question)
        if plan.history.isEmpty { blocks.append(Screen.Block(practitioner("plan.history.none"))) }
        for change in plan.history {
            let text = "\(change.at.formatted(.iso8601))  \(change.who): \(change.what)"
                + (change.old.map { "  «\($0)»" } ?? "") + (change.new.map { " → «\($0)»" } ?? "")
            blocks.append(Screen.Block(text, style: .indented, direction: BidiText.containsRightToLeft(text) ? family.direction : nil))
        }
        return paged(blocks)
    }

    /// Long content a screen at a time: Enter shows the next page, and on the last it goes back.
    func paged(_ blocks: [Screen.Block]) -> Bool {
        let room = interactive ? max(6, Terminal.height() - 7) : Int.max
        let r = renderer(for: practitioner)
        let pages = PractitionerWords.pages(blocks, room: room) { r.height(of: $0) }
        for (i, page) in pages.enumerated() {
            let last = i == pages.count - 1
            switch ask(screen(page, footer: practitioner(last ? "plan.back" : "plan.more"), kind: .planReading)) {
            case .ended: return false
            case .back, .text: if last { return true }
            }
        }
        return true
    }
}
