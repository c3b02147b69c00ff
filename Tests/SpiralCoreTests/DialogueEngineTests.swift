import Testing
@testable import SpiralCore

@Suite("Dialogue engine: order, conditions, skip, back, review and change")
struct DialogueEngineTests {
    @Test func startsWithConsentThenAsksNameAndChildren() {
        var e = DialogueEngine(script: Fixtures.script)
        #expect(e.currentId == "consent")
        e.choose("yes")
        #expect(e.currentId == "name")
        e.text("Amira")
        #expect(e.currentId == "children")
    }

    @Test func sectionsRunInTheOrderOfThePractice() {
        var e = DialogueEngine(script: Fixtures.script)
        var sections: [String] = []
        var guardCount = 0
        while let v = e.current, guardCount < 200 {
            if sections.last != v.section.id { sections.append(v.section.id) }
            if !v.step.isSkippable { e.choose("yes") } else { e.skip() }
            guardCount += 1
        }
        #expect(sections == ["welcome", "needs", "wants", "strengths", "selfcare", "reflect", "goals", "together"])
        #expect(e.position == .summary)
    }

    @Test func choosingSafetyShowsCrisisContactsAndMarksUrgent() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "needs_now")
        e.say(.choices(["food", "safety"]))
        #expect(e.currentId == "safe_now")
        e.choose("yes")
        #expect(e.currentId == "crisis")
        var plan = Plan(code: "KMT-47R", language: "en")
        PlanBuilder.apply(e, to: &plan)
        #expect(plan.urgent)
        #expect(plan.needs.map(\.need) == ["food", "safety"])
        #expect(plan.needs.first { $0.need == "safety" }?.urgent == true)
    }

    @Test func sayingNotSafeShowsCrisisContactsEvenWithoutTheSafetyNeed() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "safe_now")
        e.choose("no")
        #expect(e.currentId == "crisis")
        var plan = Plan(code: "KMT-47R", language: "en")
        PlanBuilder.apply(e, to: &plan)
        #expect(plan.urgent)
    }

    @Test func noCrisisScreenWhenSafe() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "needs_now")
        e.say(.choices(["housing"]))
        e.choose("yes")
        #expect(e.currentId == "needs_detail")
    }

    @Test func somethingElseAsksWhatElse() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "needs_now")
        e.say(.choices(["other"]))
        #expect(e.currentId == "needs_other")
    }

    @Test func skipRecordsSkippedAndMovesOn() {
        var e = DialogueEngine(script: Fixtures.script)
        e.choose("yes")
        e.skip()
        #expect(e.answer(StepRef("name"))?.value == .skipped)
        #expect(e.currentId == "children")
    }

    @Test func backReturnsToThePreviousStepAndKeepsTheAnswer() {
        var e = DialogueEngine(script: Fixtures.script)
        let movedAtStart = e.back()
        #expect(movedAtStart == false)
        e.choose("yes")
        e.text("Amira")
        let moved = e.back()
        #expect(moved)
        #expect(e.currentId == "name")
        #expect(e.answer(StepRef("name"))?.value == .text("Amira"))
        e.text("Ami")
        #expect(e.currentId == "children")
        #expect(e.answer(StepRef("name"))?.value == .text("Ami"))
    }

    @Test func reflectionFollowsAPraiseAnswerAndIsSkippedWithoutOne() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "did_for_child")
        e.text("read her a story every night")
        #expect(e.currentId == "strength_shown")
        e.choose("routine")
        #expect(e.currentId == "praise_reflection")
        var f = DialogueEngine(script: Fixtures.script)
        f.skip(until: "did_for_child")
        f.skip()
        #expect(f.currentId == "child_did")
    }

    @Test func goalsRepeatWhileTheFamilyWantsAnother() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "goal_what#1")
        e.text("calmer mornings")
        for _ in 0..<4 { e.text("x") }
        #expect(e.currentId == "goal_another#1")
        #expect(e.goalCount == 1)
        e.choose("yes")
        #expect(e.currentId == "goal_what#2")
        e.text("more play")
        e.skip(); e.skip(); e.skip(); e.skip()
        e.choose("no")
        #expect(e.currentId == "meet_where")
        var plan = Plan(code: "KMT-47R", language: "en")
        PlanBuilder.apply(e, to: &plan)
        #expect(plan.goals.map(\.what) == ["calmer mornings", "more play"])
        #expect(plan.goals.allSatisfy { $0.status == .proposed })
        #expect(plan.goals[0].why == "x" && plan.goals[0].whoWith == "x")
    }

    @Test func skippingAGoalSkipsItsDetails() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "goal_what#1")
        e.skip()
        #expect(e.currentId == "meet_where")
    }

    @Test func aboriginalWorkerQuestionOnlyFollowsAYesToIdentity() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "atsi")
        e.choose("aboriginal")
        #expect(e.currentId == "aboriginal_worker")
        var f = DialogueEngine(script: Fixtures.script)
        f.skip(until: "atsi")
        f.choose("prefer_not")
        #expect(f.currentId == "keep_in_touch")
    }

    @Test func repairIsAskedOnlyOfAReturningFamily() {
        var e = DialogueEngine(script: Fixtures.script)
        #expect(!e.visibleSteps().contains { $0.section.id == "repair" })
        e.isReturning = true
        #expect(e.visibleSteps().contains { $0.ref.stepId == "not_right" })
    }

    @Test func notFeltRightIsFlaggedForThePractitioner() {
        var e = DialogueEngine(script: Fixtures.script, isReturning: true)
        e.skip(until: "not_right")
        e.choose("yes")
        #expect(e.currentId == "not_right_detail")
        e.text("the visit time changed without notice")
        var plan = Plan(code: "KMT-47R", language: "en")
        PlanBuilder.apply(e, to: &plan)
        #expect(plan.repairFlag)
        #expect(!plan.urgent)
    }

    @Test func changingAnAnswerFromTheSummaryAsksOnlyWhatTheChangeOpensUp() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "<summary>")
        #expect(e.position == .summary)
        e.change(StepRef("needs_now"))
        #expect(e.currentId == "needs_now")
        e.say(.choices(["safety"]))
        #expect(e.currentId == "crisis")
        e.record(Fixtures.answer(.shown("contacts")))
        #expect(e.position == .summary)
    }

    @Test func changingAnAnswerThatOpensNothingReturnsToTheSummary() {
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "<summary>")
        e.change(StepRef("name"))
        e.text("Sam")
        #expect(e.position == .summary)
        let moved = e.back()
        #expect(moved)
        #expect(e.currentId == "name")
    }

    @Test func aReturningFamilyCarriesOnAtTheFirstUnansweredStep() {
        var e = DialogueEngine(script: Fixtures.script)
        e.choose("yes"); e.text("Amira"); e.skip()
        let resumed = DialogueEngine(script: Fixtures.script, isReturning: true, answers: e.answers)
        #expect(resumed.currentId == "needs_now")
    }
}
