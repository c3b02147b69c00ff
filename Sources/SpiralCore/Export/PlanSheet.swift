#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// A plan as every readable export shows it, before any markup: the headings and labels in the
/// export language (or two), the family's words exactly as written, in the order a practitioner
/// and a family read a plan together. Markdown, plain text and HTML each lay this out; only they
/// escape.
struct PlanSheet {
    struct Fact {
        var label: ExportLabel
        var value: String
        /// True when `value` is the family's own words (a name), so HTML marks its direction.
        var isFamilyText = false
        /// The family code, shown as code.
        var isCode = false
        /// When the value is itself a catalogue message (the plan's status), in one or two languages.
        var valueLabel: ExportLabel? = nil
    }

    struct NeedItem {
        /// The need in the reader's language (and the family's when bilingual), from its choice id.
        var name: ExportLabel?
        /// As the family saw it, when the choice is not in the script any more.
        var familyLabel: String
        var urgent: Bool
        var detail: String?
        var label: String { name?.joined ?? familyLabel }
    }

    struct PraiseItem {
        var kind: Plan.Praise.Kind
        var kindLabel: ExportLabel
        var text: String
        var language: String
    }

    struct GoalField {
        var key: String
        var label: ExportLabel
        var value: String
    }

    struct RatingRow {
        var day: String
        var date: String
        var parent: Int?
        var practitioner: Int?
    }

    struct GoalItem {
        var number: Int
        var id: String
        var what: String
        var language: String
        var status: Plan.Goal.Status
        var statusLabel: ExportLabel
        var fields: [GoalField]
        /// The review date in the export language.
        var reviewDate: String?
        /// In date order (stable for the same date).
        var ratings: [RatingRow]
        var removed: Bool
    }

    struct StepItem {
        var kind: ExportLabel
        var stage: SpiralStage
        var date: String
        var note: String
        var by: String
    }

    struct ContactItem {
        var kind: Plan.Contact.Kind
        var kindLabel: ExportLabel
        var date: String
        var note: String?
        var by: String
    }

    struct SaidItem {
        /// In the export language when the script could re-word it, else as the family saw it;
        /// in a bilingual export, as the family saw it beside.
        var question: ExportLabel
        var questionLanguage: String
        var answer: String
        var language: String
    }

    struct StageBlock {
        var stage: SpiralStage
        var heading: ExportLabel
        var items: [SaidItem]
    }

    /// What the plan holds at one stage of the spiral, for the drawing.
    struct StageCount {
        var stage: SpiralStage
        var name: ExportLabel
        var summary: String
        var total: Int
    }

    let plan: Plan
    let words: ExportWords
    var title: ExportLabel
    /// What the parent would like to be called.
    var name: String?
    var facts: [Fact]
    var flags: [ExportLabel]
    var needs: [NeedItem]
    var praise: [PraiseItem]
    var goals: [GoalItem]
    var steps: [StepItem]
    var contacts: [ContactItem]
    var said: [StageBlock]
    var stages: [StageCount]

    init(plan: Plan, words w: ExportWords, script: PromptScript?) {
        self.plan = plan
        self.words = w
        title = w.label("export.title")

        name = plan.profile.name.flatMap { $0.isEmpty ? nil : $0 }
        facts = [Fact(label: w.label("export.code"), value: plan.code, isCode: true)]
        facts.append(Fact(label: w.label("export.language"), value: w.l.nativeName(of: plan.language) + " (" + plan.language + ")"))
        facts.append(Fact(label: w.label("export.updated"), value: w.date(plan.updatedAt)))
        let status = w.label("export.status." + plan.status.rawValue)
        facts.append(Fact(label: w.label("export.status"), value: status.joined, valueLabel: status))
        if !plan.profile.children.isEmpty {
            let kids = plan.profile.children.map { c in c.name + (c.age.map { " (" + w.number($0) + ")" } ?? "") }
            facts.append(Fact(label: w.label("export.children"), value: kids.joined(separator: ListSeparator.comma(for: plan.language)),
                              isFamilyText: true))
        }

        flags = []
        if plan.urgent { flags.append(w.label("export.urgent")) }
        if plan.repairFlag { flags.append(w.label("export.repair_flag")) }

        // A fixed choice is stored as its id and shown in whatever language the reader asked for;
        // only the family's own words stay as they wrote them.
        let needChoices = script?.needChoices ?? []
        needs = plan.needs.map { need in
            NeedItem(name: needChoices.first { $0.id == need.need }.map { w.label($0.label) }, familyLabel: need.label,
                     urgent: need.urgent, detail: need.detail.flatMap { $0.isEmpty ? nil : $0 })
        }
        praise = plan.praise.map {
            PraiseItem(kind: $0.kind, kindLabel: w.label("export.praise." + $0.kind.rawValue), text: $0.text, language: $0.language)
        }

        goals = plan.goals.enumerated().map { i, g in
            let fields: [GoalField] = [("why", g.why), ("when", g.when), ("how", g.how), ("whoWith", g.whoWith)].compactMap { key, value in
                guard let value, !value.isEmpty else { return nil }
                return GoalField(key: key, label: w.label("export.goal." + key), value: value)
            }
            let ratings = g.ratings.enumerated()
                .sorted { a, b in a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset }
                .map { RatingRow(day: $0.element.date, date: w.day($0.element.date), parent: $0.element.parent, practitioner: $0.element.practitioner) }
            return GoalItem(number: i + 1, id: g.id, what: g.what, language: g.language, status: g.status,
                            statusLabel: w.label("export.goal.status." + g.status.rawValue), fields: fields,
                            reviewDate: g.reviewDate.map(w.day), ratings: ratings, removed: g.removed)
        }

        steps = plan.partnershipSteps.map {
            StepItem(kind: w.label("export.step." + $0.kind.rawValue), stage: $0.stage, date: w.date($0.at), note: $0.note, by: $0.by)
        }
        contacts = plan.contacts.map {
            ContactItem(kind: $0.kind, kindLabel: w.label("export.contact." + $0.kind.rawValue), date: w.day($0.date),
                        note: $0.note.flatMap { $0.isEmpty ? nil : $0 }, by: $0.by)
        }

        let reading = PlanReading(plan: plan, practitioner: w.l, script: script)
        said = SpiralStage.allCases.compactMap { stage in
            let items = plan.answers.filter { a in
                if case .shown = a.value { return false }
                return a.stage == stage && !a.skipped && !a.answer.isEmpty
            }.map { a in
                let question = reading.question(for: a)
                return SaidItem(question: ExportLabel(question, second: w.isBilingual ? a.question : nil, secondLanguage: a.language),
                                questionLanguage: question == a.question ? a.language : w.language,
                                answer: a.answer, language: a.language)
            }
            return items.isEmpty ? nil : StageBlock(stage: stage, heading: w.label("export.stage." + stage.rawValue), items: items)
        }

        stages = Self.counts(plan, words: w, said: said)
    }

    static func counts(_ plan: Plan, words w: ExportWords, said: [StageBlock]) -> [StageCount] {
        func steps(_ stage: SpiralStage) -> Int { plan.partnershipSteps.filter { $0.stage == stage }.count }
        func answers(_ stage: SpiralStage) -> Int { said.first { $0.stage == stage }?.items.count ?? 0 }
        let live = plan.goals.filter { !$0.removed }
        return SpiralStage.allCases.map { stage in
            let summary: String
            let total: Int
            switch stage {
            case .acceptance:
                let n = plan.needs.count, s = steps(.acceptance)
                summary = w.text("export.spiral.count.acceptance", ["needs": .number(n), "steps": .number(s)])
                total = n + s
            case .valuing:
                let p = plan.praise.filter { $0.stage == .valuing }.count, s = steps(.valuing)
                summary = w.text("export.spiral.count.valuing", ["praise": .number(p), "steps": .number(s)])
                total = p + s
            case .subtle:
                let n = answers(.subtle) + steps(.subtle)
                summary = w.text("export.spiral.count.subtle", ["count": .number(n)])
                total = n
            case .obvious:
                let achieved = live.filter { $0.status == .achieved }.count
                summary = w.text("export.spiral.count.obvious", ["goals": .number(live.count), "achieved": .number(achieved)])
                total = live.count
            case .repair:
                let n = steps(.repair)
                summary = w.text("export.spiral.count.repair", ["notes": .number(n)])
                total = n
            }
            return StageCount(stage: stage, name: w.label("export.spiral.stage." + stage.rawValue), summary: summary, total: total)
        }
    }

    /// The rating with a value for this side, latest by date.
    static func latest(_ ratings: [Plan.Rating], _ side: KeyPath<Plan.Rating, Int?>) -> Int? {
        ratings.enumerated()
            .sorted { a, b in a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset }
            .last { $0.element[keyPath: side] != nil }?.element[keyPath: side]
    }

    /// "Mar 1, 2026, by Jo" for a step or contact.
    func logged(_ date: String, by name: String) -> String {
        words.text("export.logged", ["date": .string(date), "name": .string(name)])
    }

    /// "parent 7, practitioner 6" for one review, with "–" for a reading not given.
    func ratingLine(_ r: RatingRow) -> String {
        words.text("export.goal.rating.line", ["date": .string(r.date),
                                              "parent": .string(r.parent.map(words.number) ?? "–"),
                                              "practitioner": .string(r.practitioner.map(words.number) ?? "–")])
    }
}
