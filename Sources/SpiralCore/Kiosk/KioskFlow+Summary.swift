#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// The family checks every answer, may change any, and is thanked.
extension KioskFlow {
    /// Answers the family can change: questions that go into the plan (`showsInSummary`).
    func summaryItems() -> [(VisibleStep, Answer)] {
        family.engine.visibleAnswers().filter { $0.0.step.showsInSummary }
    }

    /// A long answer is shortened in the list (it shows whole when changed), so no entry can push
    /// the title and question off the screen.
    static let summaryAnswerLength = 240

    func summaryEntries() -> [Screen.Item] {
        let l = family.l
        return summaryItems().enumerated().map { i, item in
            let (v, a) = item
            var shown = a.value.isSkipped ? l("ui.skipped") : a.display
            if shown.count > Self.summaryAnswerLength { shown = String(shown.prefix(Self.summaryAnswerLength)) + "…" }
            return Screen.Item(number: LocaleFormat.number(i + 1, locale: l.formattingLocale),
                               label: presenter.questionText(of: v) + "\n→ " + shown)
        }
    }

    func summaryPages(_ entries: [Screen.Item]) -> [Range<Int>] {
        SummaryPager.pages(entries.map { measure($0.label) }, available: linesAvailable)
    }

    func atSummary(_ event: KioskEvent) -> KioskNext {
        if let next = sessionEvent(event) { return next }
        guard case let .line(raw) = event else { return show() }
        let items = summaryItems()
        let pages = summaryPages(summaryEntries())
        family.summaryPage = min(family.summaryPage, pages.count - 1)
        let last = family.summaryPage == pages.count - 1
        switch TypedCommand.parse(InputCleaner.clean(raw)) {
        case .skip:
            if last {
                family.summaryPage = 0
                family.engine.finish()
                family.finished = true
                save()
                settle()
            } else {
                family.summaryPage += 1
            }
        case .back:
            if family.summaryPage > 0 { family.summaryPage -= 1 } else { family.engine.back() }
        case .help: family.notice = family.l("ui.help")
        case .readAloud: toggleReadAloud()
        case .language:
            family.languageReturn = .dialogue
            family.place = .language(first: false)
        case let .answer(text):
            if let n = ChoiceMatcher.number(text), n >= 1, n <= items.count {
                family.engine.change(items[n - 1].0.ref)
            } else {
                family.notice = family.l("ui.summary.not_a_number", ["count": .number(items.count)])
            }
        }
        return show()
    }

    func summaryScreen() -> Screen {
        let l = family.l
        let entries = summaryEntries()
        let pages = summaryPages(entries)
        family.summaryPage = min(family.summaryPage, pages.count - 1)
        let last = family.summaryPage == pages.count - 1
        return Screen(kind: .summary, language: l.language, direction: l.direction, title: l("ui.summary.title"),
                      blocks: [Screen.Block(l("ui.summary.intro"))], list: Array(entries[pages[family.summaryPage]]),
                      notice: family.notice, footer: l(last ? "ui.summary.question" : "ui.summary.more"),
                      input: .line(prefill: "", completions: [], limit: 40), idleTimeout: settings.idleTimeout,
                      holdsFamilyWords: true)
    }

    // MARK: Closing

    func atClosing(_ event: KioskEvent) -> KioskNext {
        end(.finished(code: family.code ?? ""))
    }

    func closingScreen() -> Screen {
        let l = family.l
        let code = family.code ?? ""
        let plan = try? repository.load(code)
        let strength = script.step(withRole: .firstStrength).flatMap { step in
            family.engine.visibleAnswers().first { $0.0.step.id == step.id }?.1.value.text
        } ?? ""
        let goals = plan?.goals.filter { !$0.removed }.count ?? family.engine.goalCount
        let agreed = plan?.goals.contains { !$0.removed && $0.status != .proposed } ?? false
        var paragraphs = [
            l("ui.finish.strengths", ["hasStrength": .string(strength.isEmpty ? "no" : "yes"), "firstStrength": .string(strength)]),
            l(agreed ? "ui.finish.goals.agreed" : "ui.finish.goals", ["goalCount": .number(goals)]),
        ]
        paragraphs += savedParagraphs(code: code)
        if plan?.urgent == true || urgentInSession { paragraphs.append(l("ui.finish.urgent")) }
        return Screen(kind: .closing, language: l.language, direction: l.direction, title: l("ui.finish.title"),
                      blocks: paragraphs.map { Screen.Block($0) }, footer: l("ui.finish.press"), input: .enter,
                      idleTimeout: .seconds(120))
    }

    /// An urgent choice among this session's answers, for when the plan could not be read back.
    var urgentInSession: Bool {
        family.engine.visibleAnswers().contains { v, a in
            !v.step.isRepair && v.step.choiceList.contains { $0.urgent == true && a.value.choiceIds.contains($0.id) }
        }
    }

    /// The family code, and whether the answers are saved: said only when it is true.
    func savedParagraphs(code: String) -> [String] {
        let l = family.l
        switch family.settled ?? .saved {
        case .saved: return [l("ui.finish.code", ["code": .string(code)])]
        case .held: return [l("ui.goodbye.held", ["code": .string(code)])]
        case .lost: return [l("ui.goodbye.lost", ["code": .string(code)])]
        }
    }

    func goodbyeScreen(_ outcome: FamilyOutcome) -> Screen {
        let l = family.l
        var paragraphs: [String]
        if case .declined = outcome {
            paragraphs = [l("ui.goodbye.declined")]
        } else if let code = family.code {
            switch family.settled ?? .saved {
            case .saved: paragraphs = [l("ui.goodbye.eof", ["code": .string(code)])]
            case .held: paragraphs = [l("ui.goodbye.held", ["code": .string(code)])]
            case .lost: paragraphs = [l("ui.goodbye.lost", ["code": .string(code)])]
            }
        } else {
            paragraphs = [l("ui.goodbye.nothing")]
        }
        return Screen(kind: .goodbye, language: l.language, direction: l.direction, title: l("ui.finish.title"),
                      blocks: paragraphs.map { Screen.Block($0) }, footer: l("ui.finish.press"), input: .enter,
                      idleTimeout: .seconds(60))
    }
}
