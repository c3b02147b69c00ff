import Foundation
import SpiralCore
import SpiralText

/// `spiral plan CODE`: the practitioner and the parent together at one screen. Goals are agreed,
/// reworded, reviewed and rated; labelled praise, partnership steps and contacts are recorded.
/// Every heading and question is shown in the practitioner's language and, when it differs, in
/// the family's. Each change is saved at once, re-applied to the freshly read plan under the
/// store's lock, so a kiosk writing the same plan loses nothing.
public final class PlanningSession {
    let store: any PlanRepository
    let script: PromptScript?
    let code: String
    let reader: LineReader
    let practitioner: Localizer
    let family: Localizer
    let editor: PlanEditor
    let interactive: Bool
    let colour: Bool
    let write: (String) -> Void
    var plan: Plan
    var notice: String?

    public init(store: any PlanRepository, script: PromptScript?, plan: Plan, catalogue: MessageCatalogue, practitionerLanguage: String,
                practitionerName: String, reader: LineReader, interactive: Bool, colour: Bool,
                latinDigits: Bool, write: @escaping (String) -> Void = Terminal.write) {
        self.store = store
        self.script = script
        self.code = plan.code
        self.plan = plan
        self.reader = reader
        self.practitioner = Localizer(catalogue: catalogue, language: practitionerLanguage, latinDigits: latinDigits)
        let familyTag = catalogue.bestMatch(for: plan.language) ?? practitionerLanguage
        self.family = Localizer(catalogue: catalogue, language: familyTag, latinDigits: latinDigits)
        self.editor = PlanEditor(who: practitionerName)
        self.interactive = interactive
        self.colour = colour
        self.write = write
    }

    var bilingual: Bool { practitioner.language != family.language }

    // MARK: Drawing

    func renderer(for l: Localizer) -> ScreenRenderer {
        ScreenRenderer(width: interactive ? Terminal.width() : 80, direction: l.direction, locale: l.formattingLocale,
                       colour: colour, reorderRightToLeft: interactive)
    }

    /// A message in the practitioner's language, and under it the family's when they differ.
    func both(_ key: String, _ args: [String: MessageArgument] = [:], style: ScreenRenderer.Style = .plain) -> [String] {
        var lines = renderer(for: practitioner).paragraph(practitioner(key, args), style: style)
        if bilingual { lines += renderer(for: family).paragraph(family(key, args), style: .dim) }
        return lines
    }

    func list(_ items: [String]) -> [String] {
        renderer(for: practitioner).choiceList(items, numbers: items.indices.map { String($0 + 1) })
    }

    func show(_ lines: [String]) {
        var all = renderer(for: practitioner).paragraph(
            practitioner("plan.header", ["code": .string(plan.code), "name": .string(plan.profile.name ?? "-"),
                                         "language": .string(family.nativeName(of: plan.language))]), style: .title)
        if plan.urgent { all += renderer(for: practitioner).paragraph(practitioner("plan.flag.urgent"), style: .notice) }
        if plan.repairFlag { all += renderer(for: practitioner).paragraph(practitioner("plan.flag.repair"), style: .notice) }
        all.append("")
        all += lines
        if let notice {
            all.append("")
            all += renderer(for: practitioner).paragraph(notice, style: .notice)
            self.notice = nil
        }
        write(ScreenFrame.bytes(all, interactive: interactive))
    }

    enum Input { case text(String), back, ended }

    /// Reads a line; Enter on an empty line is `back`, end of input ends the session.
    func ask(_ lines: [String], prefill: String = "", completions: [String] = []) -> Input {
        while true {
            show(lines)
            switch reader.readLine(prompt: "› ", prefill: prefill, completions: completions, idleTimeout: nil,
                                   onResize: { [weak self] in self?.show(lines) }) {
            case let .line(raw):
                let text = InputCleaner.clean(raw)
                if !text.isEmpty { reader.remember(text) }
                return text.isEmpty ? .back : .text(text)
            case .interrupted: continue
            case let .tooLong(kept): return .text(InputCleaner.clean(kept))
            case .endOfInput, .terminated, .timedOut: return .ended
            }
        }
    }

    /// Edits checked and shown but not yet saved (the store could not be written): each is
    /// re-applied to the plan on disk with the next change, and before the session ends.
    var unsavedEdits: [PlanEdit] = []

    /// Applies one edit: checked on the copy on screen, then re-applied to the plan as it is on
    /// disk now, under the lock, and saved, together with any edit that could not be saved before.
    @discardableResult
    func apply(_ edit: PlanEdit) -> Bool {
        var trial = plan
        do { try editor.apply(edit, to: &trial) } catch {
            notice = message(for: error)
            return false
        }
        unsavedEdits.append(edit)
        if saveUnsavedEdits() {
            notice = practitioner("plan.saved")
        } else {
            plan = trial
        }
        return true
    }

    /// Saves every edit not yet saved; on failure says so and keeps them for the next try.
    @discardableResult
    func saveUnsavedEdits() -> Bool {
        guard !unsavedEdits.isEmpty else { return true }
        let edits = unsavedEdits
        do {
            plan = try store.update(code, creating: plan) { fresh in
                for edit in edits { try? editor.apply(edit, to: &fresh) }
            }
            unsavedEdits.removeAll()
            return true
        } catch {
            notice = practitioner("plan.error.save", ["reason": .string(String(describing: error)), "count": .number(edits.count)])
            return false
        }
    }

    /// Changes that are still not saved as the session ends, said plainly (never "saved").
    public var unsavedChangeCount: Int { unsavedEdits.count }

    func message(for error: PlanEditError) -> String {
        switch error {
        case .badDate: return practitioner("plan.error.date")
        case .ratingOutOfRange: return practitioner("plan.error.rating")
        case .emptyWhat: return practitioner("plan.error.empty_what")
        case .emptyText, .noSuchGoal: return error.description
        }
    }

    // MARK: Screens

    public func run() {
        defer { saveUnsavedEdits() }
        while true {
            saveUnsavedEdits()
            let live = plan.goals.filter { !$0.removed }.count
            let items = [practitioner("plan.menu.goals", ["count": .number(live)]), practitioner("plan.menu.praise"),
                         practitioner("plan.menu.steps"), practitioner("plan.menu.contact"),
                         practitioner("plan.menu.answers"), practitioner("plan.menu.history")]
            let lines = both("plan.menu.title", style: .question) + [""] + list(items) + [""]
                + renderer(for: practitioner).paragraph(practitioner("plan.menu.question"), style: .dim)
            switch ask(lines) {
            case .back, .ended: return
            case let .text(t):
                switch ChoiceMatcher.number(t) {
                case 1: if !goals() { return }
                case 2: if !praise() { return }
                case 3: if !steps() { return }
                case 4: if !contacts() { return }
                case 5: if !answers() { return }
                case 6: if !history() { return }
                default: notice = practitioner("plan.not_a_choice")
                }
            }
        }
    }

    func goalSummary(_ g: Plan.Goal) -> String {
        var parts = [g.what, "[" + practitioner("export.goal.status." + g.status.rawValue) + "]"]
        if g.removed { parts.append("(" + practitioner("plan.goal.removed") + ")") }
        if let d = g.reviewDate { parts.append(practitioner("plan.goal.review", ["date": .string(d)])) }
        if !g.ratings.isEmpty {
            let r = g.ratings.map { "\($0.parent.map(String.init) ?? "–")/\($0.practitioner.map(String.init) ?? "–")" }
            parts.append(practitioner("plan.goal.ratings", ["ratings": .string(r.joined(separator: " → "))]))
        }
        return parts.joined(separator: "  ")
    }

    /// Returns false when input ended.
    func goals() -> Bool {
        while true {
            var lines = both("plan.goals.title", style: .question) + [""]
            if plan.goals.isEmpty { lines += renderer(for: practitioner).paragraph(practitioner("plan.goals.none")) }
            lines += list(plan.goals.map(goalSummary))
            lines += renderer(for: practitioner).choiceList([practitioner("plan.goals.add")], numbers: ["a"])
            lines += [""] + renderer(for: practitioner).paragraph(practitioner("plan.goals.question"), style: .dim)
            switch ask(lines) {
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
    func askField(_ key: String, prefill: String = "") -> Input {
        ask(both(key, style: .question) + [""] + renderer(for: practitioner).paragraph(practitioner("plan.back"), style: .dim),
            prefill: prefill)
    }

    func addGoal() -> Bool {
        var values: [PlanEdit.GoalField: String] = [:]
        for field in PlanEdit.GoalField.allCases {
            switch askField("plan.goal.ask." + field.rawValue) {
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
            var detail: [String] = renderer(for: practitioner).paragraph(goalSummary(g), style: .question)
            for (field, value) in [("why", g.why), ("when", g.when), ("how", g.how), ("whoWith", g.whoWith)] {
                if let value { detail += renderer(for: practitioner).paragraph(practitioner("export.goal." + field) + ": " + value, indent: 2) }
            }
            let fieldNames = PlanEdit.GoalField.allCases.map { f in
                practitioner("plan.goal.reword", ["field": .string(f == .what ? practitioner("plan.goal.ask.what") : practitioner("export.goal." + f.rawValue))])
            }
            let actions = [practitioner("plan.goal.agree"), practitioner("plan.goal.status")] + fieldNames
                + [practitioner("plan.goal.review_date"), practitioner("plan.goal.rate"), practitioner("plan.goal.remove")]
            let lines = detail + [""] + both("plan.goal.actions") + list(actions) + [""]
                + renderer(for: practitioner).paragraph(practitioner("plan.back"), style: .dim)
            switch ask(lines) {
            case .back: return true
            case .ended: return false
            case let .text(t):
                guard let n = ChoiceMatcher.number(t), (1...actions.count).contains(n) else {
                    notice = practitioner("plan.not_a_choice"); continue
                }
                switch n {
                case 1: apply(.setGoalStatus(goalId: id, status: .agreed))
                case 2: if !chooseStatus(id) { return false }
                case 3...7:
                    let field = PlanEdit.GoalField.allCases[n - 3]
                    let current: String? = [g.what, g.why, g.when, g.how, g.whoWith][n - 3]
                    switch askField("plan.goal.ask." + field.rawValue, prefill: current ?? "") {
                    case .ended: return false
                    case .back: break
                    case let .text(v): apply(.setGoalField(goalId: id, field: field, value: v))
                    }
                case 8: if !askUntilValid({ [self] in askField("plan.goal.ask.date", prefill: g.reviewDate ?? "") },
                                          { .setReviewDate(goalId: id, date: $0) }) { return false }
                case 9: if !rate(id) { return false }
                default:
                    switch askField("plan.goal.confirm_remove") {
                    case .ended: return false
                    case let .text(t) where ["yes", "y"].contains(t.lowercased()) || t == practitioner("common.yes"):
                        apply(.removeGoal(goalId: id))
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
            switch ask(both("plan.goal.ask.status", style: .question) + list(labels), completions: labels) {
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

    func praise() -> Bool {
        let shown = plan.praise.map { "[" + practitioner("export.praise." + $0.kind.rawValue) + "] " + $0.text }
        let intro = both("plan.praise.title", style: .question) + list(shown) + [""] + both("plan.praise.intro")
        guard case let .text(action) = ask(intro + [""] + both("plan.praise.ask.action")) else { return true }
        guard case let .text(why) = ask(intro + [""] + both("plan.praise.ask.why")) else { return true }
        var draft = PraiseCoach.compose(action: action, why: why, localizer: practitioner)
        let vague = practitioner("coach.vague_words").split(separator: "|").map(String.init)
        let reasons = practitioner("coach.reason_words").split(separator: "|").map(String.init)
        var warned = false
        while true {
            switch ask(both("plan.praise.ask.edit", style: .question), prefill: draft) {
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
        let labels = kinds.map { practitioner("plan.step." + $0.rawValue) + "  (" + $0.stage.rawValue + ")" }
        let existing = plan.partnershipSteps.map { "[\($0.stage.rawValue)] " + practitioner("plan.step." + $0.kind.rawValue) + ": " + $0.note }
        while true {
            switch ask(both("plan.steps.title", style: .question) + list(existing) + [""] + both("plan.steps.ask.kind") + list(labels)) {
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
        let existing = plan.contacts.map { $0.date + "  " + practitioner("plan.contact." + $0.kind.rawValue) + ($0.note.map { ": " + $0 } ?? "") }
        while true {
            switch ask(both("plan.contact.title", style: .question) + list(existing) + [""] + both("plan.contact.ask.kind") + list(labels)) {
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
        lines += [""] + renderer(for: practitioner).paragraph(practitioner("plan.back"), style: .dim)
        if case .ended = ask(lines) { return false }
        return true
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
        lines += [""] + renderer(for: practitioner).paragraph(practitioner("plan.back"), style: .dim)
        if case .ended = ask(lines) { return false }
        return true
    }
}
