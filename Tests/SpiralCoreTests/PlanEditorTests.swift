import Foundation
import Testing
@testable import SpiralCore

@Suite("Co-planning edits: goals, ratings, praise, steps, contacts, history")
struct PlanEditorTests {
    let editor = PlanEditor(who: "Jo", now: Date(timeIntervalSince1970: 1_790_000_000))

    func planWithKioskGoal() -> Plan {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "goal_what#1")
        e.text("calmer mornings")
        var plan = Plan(code: "KMT-47R", language: "en")
        PlanBuilder.apply(e, to: &plan)
        return plan
    }

    @Test func statusMovesAndEveryChangeIsInTheHistory() throws {
        var plan = planWithKioskGoal()
        try editor.apply(.setGoalStatus(goalId: "kiosk-1", status: .agreed), to: &plan)
        try editor.apply(.setGoalStatus(goalId: "kiosk-1", status: .inProgress), to: &plan)
        try editor.apply(.setGoalStatus(goalId: "kiosk-1", status: .achieved), to: &plan)
        #expect(plan.goals[0].status == .achieved)
        #expect(plan.history.map { "\($0.old ?? "")>\($0.new ?? "")" } == ["proposed>agreed", "agreed>in-progress", "in-progress>achieved"])
        #expect(plan.history.allSatisfy { $0.who == "Jo" })
    }

    @Test func bothRatingsAreKeptEvenWhenTheyDiffer() throws {
        var plan = planWithKioskGoal()
        try editor.apply(.rateGoal(goalId: "kiosk-1", date: "2026-11-01", parent: 3, practitioner: 5), to: &plan)
        try editor.apply(.rateGoal(goalId: "kiosk-1", date: "1/12/2026", parent: 7, practitioner: 6), to: &plan)
        #expect(plan.goals[0].ratings.map(\.parent) == [3, 7])
        #expect(plan.goals[0].ratings.map(\.practitioner) == [5, 6])
        #expect(plan.goals[0].ratings[1].date == "2026-12-01")
    }

    @Test func badInputIsRefusedWithWhatIsExpected() {
        var plan = planWithKioskGoal()
        #expect(throws: PlanEditError.ratingOutOfRange(11)) {
            try editor.apply(.rateGoal(goalId: "kiosk-1", date: "today", parent: 11, practitioner: nil), to: &plan)
        }
        #expect(throws: PlanEditError.badDate("31/02/2026")) {
            try editor.apply(.setReviewDate(goalId: "kiosk-1", date: "31/02/2026"), to: &plan)
        }
        #expect(throws: PlanEditError.emptyWhat) {
            try editor.apply(.addGoal(what: "  ", why: nil, when: nil, how: nil, whoWith: nil), to: &plan)
        }
        #expect(plan.history.isEmpty)
    }

    @Test func aRemovedGoalIsMarkedNotDeleted() throws {
        var plan = planWithKioskGoal()
        try editor.apply(.removeGoal(goalId: "kiosk-1"), to: &plan)
        #expect(plan.goals.count == 1 && plan.goals[0].removed)
        #expect(plan.history.last?.old == "calmer mornings")
    }

    @Test func aKioskSaveAfterTheSessionKeepsTheAgreedGoal() throws {
        var plan = planWithKioskGoal()
        try editor.apply(.setGoalField(goalId: "kiosk-1", field: .what, value: "mornings without shouting"), to: &plan)
        try editor.apply(.setGoalStatus(goalId: "kiosk-1", status: .agreed), to: &plan)
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "goal_what#1")
        e.text("calmer mornings")
        PlanBuilder.apply(e, to: &plan)
        #expect(plan.goals.map(\.what) == ["mornings without shouting"])
        #expect(plan.goals[0].status == .agreed)
    }

    @Test func praiseStepsAndContactsAreRecordedWithTheirStage() throws {
        var plan = planWithKioskGoal()
        try editor.apply(.addPraise(text: "You read to Mia every night — that calms her", language: "en"), to: &plan)
        try editor.apply(.addStep(kind: .ruptureAcknowledged, note: "came late twice; talked it through"), to: &plan)
        try editor.apply(.addContact(kind: .missed, date: "2026-11-18", note: nil), to: &plan)
        #expect(plan.praise.last?.source == .practitioner("Jo"))
        #expect(plan.partnershipSteps[0].stage == .repair)
        #expect(plan.contacts[0].kind == .missed && plan.contacts[0].date == "2026-11-18")
    }

    @Test func praiseCoachSpotsVagueAndReasonlessPraise() {
        let l = Localizer(catalogue: Fixtures.catalogue, language: "en")
        let vague = l("coach.vague_words").split(separator: "|").map(String.init)
        let reasons = l("coach.reason_words").split(separator: "|").map(String.init)
        #expect(PraiseCoach.assess("Good job!", vagueWords: vague, reasonWords: reasons) == [.vague])
        #expect(PraiseCoach.assess("You did great today", vagueWords: vague, reasonWords: reasons) == [.vague])
        #expect(PraiseCoach.assess("You were patient with Sam when he was upset", vagueWords: vague, reasonWords: reasons) == [.noReason])
        #expect(PraiseCoach.assess("You read to Mia every night this week — that gives her a calm end to the day",
                                   vagueWords: vague, reasonWords: reasons) == [])
    }
}
