import Foundation
import SpiralCore
import SpiralText

/// `spiral plan`: what the family said and the history of changes, a screen at a time.
extension PlanningSession {
    /// Everything the family said, grouped by stage: the question in the practitioner's language
    /// beside the family's own words.
    func answers() -> Bool {
        var lines = both("plan.answers.title", style: .question)
        let review = PlanReading(plan: plan, practitioner: practitioner, script: script)
        for block in review.blocks() {
            lines.append("")
            lines += renderer(for: practitioner).paragraph(block.heading, style: .title)
            for item in block.items {
                lines += renderer(for: practitioner).paragraph(item.question, style: .dim)
                if bilingual, item.familyQuestion != item.question {
                    lines += renderer(for: family).paragraph(item.familyQuestion, style: .dim)
                }
                lines += renderer(for: family).paragraph(item.answer, indent: 2)
            }
        }
        return paged(lines)
    }

    func history() -> Bool {
        var lines = both("plan.history.title", style: .question)
        if plan.history.isEmpty { lines += renderer(for: practitioner).paragraph(practitioner("plan.history.none")) }
        let stamp = ISO8601DateFormatter()
        for change in plan.history {
            let text = "\(stamp.string(from: change.at))  \(change.who): \(change.what)"
                + (change.old.map { "  «\($0)»" } ?? "") + (change.new.map { " → «\($0)»" } ?? "")
            lines += renderer(for: practitioner).paragraph(text)
        }
        return paged(lines)
    }

    /// Long content a screen at a time: Enter shows the next page, and on the last it goes back.
    func paged(_ lines: [String]) -> Bool {
        let room = interactive ? max(6, Terminal.height() - 8) : Int.max
        var start = 0
        while true {
            let end = min(lines.count, start + room)
            let last = end == lines.count
            let footer = last ? practitioner("plan.back") : practitioner("plan.more")
            switch ask(Array(lines[start..<end]) + [""] + renderer(for: practitioner).paragraph(footer, style: .dim)) {
            case .ended: return false
            case .back, .text:
                if last { return true }
                start = end
            }
        }
    }
}
