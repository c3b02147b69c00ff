import Foundation
import Testing
@testable import SpiralCore

@Suite("Merging a kiosk's offline copy onto the shared plan")
struct PlanMergeTests {
    typealias F = ExportFixtures

    /// The practitioner agreed and rated the kiosk goal and added a step on the server; the
    /// kiosk, offline, recorded the family's next visit. Both survive, whichever came last.
    @Test func neitherSideLosesTheOthersWork() throws {
        var base = Plan(code: "K7M2PQ", language: "en", now: F.day("2026-03-01"))
        base.answers = [F.answer("need_detail", section: "needs", stage: .acceptance, question: "Q", answer: "housing", language: "en")]
        base.goals = [Plan.Goal(id: "kiosk-1", what: "calmer mornings", status: .proposed, proposedBy: "family", language: "en")]

        var practitioner = base
        try PlanEditor(who: "Jo Smith", now: F.day("2026-03-02")).apply(.setGoalStatus(goalId: "kiosk-1", status: .agreed), to: &practitioner)
        try PlanEditor(who: "Jo Smith", now: F.day("2026-03-02")).apply(.addStep(kind: .quickWin, note: "rang the school"), to: &practitioner)

        var kiosk = base
        kiosk.answers.append(F.answer("anything_else", section: "closing", stage: .valuing, question: "Q2", answer: "thank you",
                                      language: "en", at: "2026-03-03"))
        kiosk.goals[0].what = "calm mornings"
        kiosk.urgent = true
        kiosk.visits.append(Plan.Visit(startedAt: F.day("2026-03-03"), language: "en", returning: true))

        let merged = PlanMerge.family(kiosk, onto: practitioner)
        #expect(merged.answers.map(\.key) == ["need_detail", "anything_else"])
        #expect(merged.goals.count == 1)
        #expect(merged.goals[0].status == .agreed)              // the practitioner's agreement stands
        #expect(merged.goals[0].what == "calmer mornings")      // a goal the practitioner touched keeps its copy
        #expect(merged.partnershipSteps.count == 1)
        #expect(merged.urgent)
        #expect(merged.visits.count == 1)
        #expect(merged.history.count == practitioner.history.count)
    }

    /// A later answer to the same question wins; an untouched family goal takes the new wording.
    @Test func theLaterFamilyAnswerWins() {
        var head = Plan(code: "K7M2PQ", language: "en", now: F.day("2026-03-01"))
        head.answers = [F.answer("name", section: "about", stage: .obvious, question: "Q", answer: "Ami", language: "en", at: "2026-03-01")]
        head.goals = [Plan.Goal(id: "kiosk-1", what: "sleep", status: .proposed, proposedBy: "family", language: "en")]
        var kiosk = head
        kiosk.answers = [F.answer("name", section: "about", stage: .obvious, question: "Q", answer: "Amira", language: "en", at: "2026-03-04")]
        kiosk.goals[0].what = "sleep through"
        let merged = PlanMerge.family(kiosk, onto: head)
        #expect(merged.answers.map(\.answer) == ["Amira"])
        #expect(merged.goals[0].what == "sleep through")
        // Laid on again (a retry), nothing doubles.
        #expect(PlanMerge.family(kiosk, onto: merged) == merged)
    }
}
