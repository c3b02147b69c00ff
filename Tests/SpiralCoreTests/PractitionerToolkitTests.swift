import Foundation
import Testing
@testable import SpiralCore

/// The practitioner's side on the same toolkit: menus by what items are, not where they are;
/// flags first in the list; a history a person reads.
@Suite("Practitioner toolkit: menus, the review list, the history")
struct PractitionerToolkitTests {
    @Test func aMenuChoosesByWhatAnItemIsWhereverItIsShown() {
        let menu = Menu([.init("status", "Change the status"), .init("rate", "Rate progress")])
        #expect(menu.choose("1") == "status")
        #expect(menu.choose("٢") == "rate")
        #expect(menu.choose("rate") == "rate")
        #expect(menu.choose("3") == nil)
    }

    @Test func flagsComeFirstSoAShortenedLineNeverLosesThem() {
        var plan = Plan(code: "KMT-47R", language: "ar")
        plan.urgent = true
        plan.repairFlag = true
        plan.profile.name = "مريم"
        let line = PlanOverview.Row(listing: PlanListing(plan)).line
        #expect(line.hasPrefix("URGENT NOT-FELT-RIGHT  KMT-47R"))
    }

    @Test func eachChangeHasItsOwnTimeAndNamesTheGoalByItsWords() throws {
        let editor = PlanEditor(who: "Jo")
        var plan = Plan(code: "KMT-47R", language: "en")
        try editor.apply(.addGoal(what: "calmer mornings", why: nil, when: nil, how: nil, whoWith: nil), to: &plan)
        Thread.sleep(forTimeInterval: 0.01)
        try editor.apply(.setGoalStatus(goalId: plan.goals[0].id, status: .inProgress), to: &plan)
        #expect(plan.history.count == 2)
        #expect(plan.history[0].at < plan.history[1].at)
        #expect(plan.history[1].what == "goal “calmer mornings” status")
    }

    @Test func aPractitionersFieldIsBoundedBeforeItReachesThePlan() {
        var plan = Plan(code: "KMT-47R", language: "en")
        #expect(throws: PlanEditError.tooLong(max: PlanEditor.maxLength)) {
            try PlanEditor(who: "Jo").apply(.addPraise(text: String(repeating: "a", count: 3000), language: "en"), to: &plan)
        }
    }

    @Test func aChosenNeedReadsInThePractitionersLanguage() {
        var e = DialogueEngine(script: Fixtures.script)
        e.choose("yes")
        var plan = Plan(code: "KMT-47R", language: "ar")
        PlanBuilder.apply(e, to: &plan)
        plan.answers.append(PlanAnswer(key: "needs_now", promptId: "needs_now", round: nil, section: "needs", stage: .acceptance,
                                       question: "س", answer: "السكن", value: .choices(["housing"]), skipped: false,
                                       language: "ar", answeredAt: Date()))
        let english = Localizer(catalogue: Fixtures.catalogue, language: "en")
        let reading = PlanReading(plan: plan, practitioner: english, script: Fixtures.script)
        let answers = reading.blocks().flatMap(\.items).map(\.answer)
        #expect(answers.contains("Housing (السكن)"))
    }

    @Test func aPageNeverEndsOnAHeadingOrAQuestionItsAnswerIsNotOn() {
        let blocks = [Screen.Block("Stage", style: .heading), Screen.Block("Q1", style: .hint), Screen.Block("A1", style: .indented),
                      Screen.Block("Q2", style: .hint), Screen.Block("A2", style: .indented)]
        let pages = PractitionerWords.pages(blocks, room: 4) { _ in 1 }
        #expect(pages.map { $0.map(\.text) } == [["Stage", "Q1", "A1"], ["Q2", "A2"]])
    }
}
