import Foundation
import SpiralCore
import SpiralText

/// `spiral review`: every plan in the store, urgent and "not felt right" first; type to search by
/// name or code (accents, case and script ignored), a number to read a plan. Reading a plan shows
/// urgent needs and repair flags first, then what the family said grouped by spiral stage, each
/// question in the practitioner's language beside the family's own words.
public final class ReviewSession {
    let store: any PlanRepository
    let script: PromptScript?
    let catalogue: MessageCatalogue
    let practitioner: Localizer
    let reader: any LineReader
    let interactive: Bool
    let colour: Bool
    /// The centre's `reorderRightToLeft` (false for a terminal that does its own bidi).
    let reorderRightToLeft: Bool
    let write: (String) -> Void

    public init(store: any PlanRepository, script: PromptScript?, catalogue: MessageCatalogue, practitionerLanguage: String,
                reader: any LineReader, interactive: Bool, colour: Bool, latinDigits: Bool, reorderRightToLeft: Bool = true,
                write: @escaping (String) -> Void = Terminal.write) {
        self.reorderRightToLeft = reorderRightToLeft && interactive
        self.store = store
        self.script = script
        self.catalogue = catalogue
        self.practitioner = Localizer(catalogue: catalogue, language: practitionerLanguage, latinDigits: latinDigits)
        self.reader = reader
        self.interactive = interactive
        self.colour = colour
        self.write = write
    }

    var width: Int { interactive ? Terminal.width() : 100 }
    var height: Int { interactive ? Terminal.height() : Int.max / 2 }

    func renderer(_ l: Localizer) -> ScreenRenderer {
        ScreenRenderer(width: width, direction: l.direction, locale: l.formattingLocale, colour: colour, reorderRightToLeft: reorderRightToLeft)
    }

    func show(_ lines: [String]) {
        write(ScreenFrame.bytes(lines, interactive: interactive))
    }

    func read(_ redraw: @escaping () -> Void) -> String? {
        while true {
            switch reader.readLine(prompt: "› ", prefill: "", completions: [], idleTimeout: nil, onResize: redraw) {
            case let .line(raw): return InputCleaner.clean(raw)
            case .interrupted: continue
            default: return nil
            }
        }
    }

    public func run() {
        var query = ""
        var page = 0
        var notice: String?
        while true {
            let overview = PlanOverview.load(from: store)
            let rows = query.isEmpty ? overview.rows : overview.rows.filter { $0.matches(query) }
            let room = max(3, height - 10)
            let pages = max(1, (rows.count + room - 1) / room)
            page = min(page, pages - 1)
            let shown = Array(rows.dropFirst(page * room).prefix(room))
            let draw = { [self] in
                let r = renderer(practitioner)
                var lines = r.paragraph(practitioner("review.title", ["count": .number(rows.count)]), style: .title)
                if !query.isEmpty { lines += r.paragraph(practitioner("review.searching", ["query": .string(query)]), style: .dim) }
                for problem in overview.unreadable { lines += r.paragraph(practitioner("review.unreadable") + " " + problem, style: .notice) }
                lines.append("")
                if rows.isEmpty { lines += r.paragraph(practitioner("review.none")) }
                let numbers = shown.indices.map { String(page * room + $0 + 1) }
                let cut = max(20, width - 10)
                lines += r.choiceList(shown.map { UnicodeText.truncate($0.line, toWidth: cut) }, numbers: numbers)
                lines.append("")
                if pages > 1 { lines += r.paragraph(practitioner("review.page", ["page": .number(page + 1), "pages": .number(pages)]), style: .dim) }
                if let notice { lines += r.paragraph(notice, style: .notice) }
                lines += r.paragraph(practitioner("review.question"), style: .dim)
                show(lines)
            }
            draw()
            guard let input = read(draw) else { return }
            notice = nil
            if input.isEmpty {
                if page + 1 < pages { page += 1; continue }
                return
            }
            if input == "<" { page = max(0, page - 1); continue }
            if let n = ChoiceMatcher.number(input) {
                if n >= 1, n <= rows.count {
                    // Read afresh: the kiosk may have added to it since the list was drawn.
                    do {
                        if !open(try store.load(rows[n - 1].listing.code)) { return }
                    } catch {
                        notice = practitioner("review.unreadable") + " " + error.description
                    }
                } else {
                    notice = practitioner("plan.not_a_choice")
                }
                continue
            }
            query = input == "/" ? "" : input
            page = 0
        }
    }

    /// Shows one plan, page by page. Returns false when input ended.
    func open(_ plan: Plan) -> Bool {
        let family = Localizer(catalogue: catalogue, language: catalogue.bestMatch(for: plan.language) ?? practitioner.language,
                               latinDigits: practitioner.latinDigits)
        let lines = reading(plan, family: family)
        let room = max(5, height - 3)
        var start = 0
        while true {
            let chunk = Array(lines[start..<min(lines.count, start + room)])
            let last = start + room >= lines.count
            let footer = renderer(practitioner).paragraph(practitioner(last ? "review.plan.end" : "review.plan.more"), style: .dim)
            let draw = { [self] in show(chunk + footer) }
            draw()
            guard let input = read(draw) else { return false }
            if input == "<" { start = max(0, start - room); continue }
            if input.isEmpty && !last { start += room; continue }
            return true
        }
    }

    func reading(_ plan: Plan, family: Localizer) -> [String] {
        let p = renderer(practitioner)
        let f = renderer(family)
        var lines = p.paragraph(practitioner("plan.header", ["code": .string(plan.code), "name": .string(plan.profile.name ?? "-"),
                                                             "language": .string(family.nativeName(of: plan.language))]), style: .title)
        if plan.urgent { lines += p.paragraph(practitioner("plan.flag.urgent"), style: .notice) }
        if plan.repairFlag { lines += p.paragraph(practitioner("plan.flag.repair"), style: .notice) }
        let urgentNeeds = plan.needs.filter(\.urgent)
        if !urgentNeeds.isEmpty {
            // Each need in the practitioner's language, from its id (the family saw it in theirs).
            let choices = script?.sections.flatMap(\.steps).first { $0.target == .needs }?.choiceList ?? []
            let names = plan.needs.map { need in
                (choices.first { $0.id == need.need }.map { practitioner($0.label) } ?? need.label) + (need.urgent ? " (!)" : "")
            }
            lines += p.paragraph(practitioner("export.needs") + ": " + names.joined(separator: ", "), style: .notice)
        }
        let repairStep = script?.step(withRole: .repairDetail)?.id ?? "not_right_detail"
        if let repair = plan.answers.first(where: { $0.promptId == repairStep && !$0.skipped }) {
            lines += p.paragraph(practitioner("plan.flag.repair"), style: .notice)
            lines += f.paragraph(repair.answer, indent: 2)
        }
        if !plan.goals.isEmpty {
            lines.append("")
            lines += p.paragraph(practitioner("export.goals"), style: .title)
            for g in plan.goals {
                lines += p.paragraph("[" + practitioner("export.goal.status." + g.status.rawValue) + "]" + (g.removed ? " ✗" : ""), style: .dim)
                lines += f.paragraph(g.what, indent: 2)
            }
        }
        for block in PlanReading(plan: plan, practitioner: practitioner, script: script).blocks() {
            lines.append("")
            lines += p.paragraph(block.heading, style: .title)
            for item in block.items {
                lines += p.paragraph(item.question, style: .dim)
                if item.familyQuestion != item.question { lines += f.paragraph(item.familyQuestion, style: .dim) }
                lines += f.paragraph(item.answer, indent: 2)
            }
        }
        return lines
    }
}

/// Used from one thread only (it drives the terminal or one family's session).
@available(*, unavailable) extension ReviewSession: Sendable {}
