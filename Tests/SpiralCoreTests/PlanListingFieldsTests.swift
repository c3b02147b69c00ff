import Foundation
import Testing
@testable import SpiralCore

/// `review --list` reads only a plan's listing fields; what it shows must be what the whole plan gives.
@Suite("Plan listing read alone: the same listing as the whole plan gives")
struct PlanListingFieldsTests {
    func busyPlan() -> Plan {
        var plan = Plan(code: "KMT-47R", language: "ar", now: Date(timeIntervalSince1970: 1_780_000_000))
        plan.profile.name = "أمل\u{1B}[2J"  // an escape sequence: cleaned in the listing either way
        plan.urgent = true
        plan.needs = [Plan.Need(need: "housing", label: "Housing", urgent: false),
                      Plan.Need(need: "safety", label: "Safety", urgent: true, detail: "…")]
        plan.goals = [Plan.Goal(id: "g1", what: "Sleep", status: .agreed, proposedBy: "family", language: "ar"),
                      Plan.Goal(id: "g2", what: "Walk", status: .achieved, proposedBy: "Jo", language: "en"),
                      Plan.Goal(id: "g3", what: "Gone", status: .agreed, proposedBy: "Jo", language: "en")]
        plan.goals[2].removed = true
        plan.praise = [Plan.Praise(kind: .toParent, text: "Well done", source: .practitioner("Jo"), language: "en",
                                   recordedAt: Date(timeIntervalSince1970: 1_780_000_100))]
        plan.contacts = [Plan.Contact(kind: .kept, date: "2026-05-15", note: nil, by: "Jo"),
                         Plan.Contact(kind: .missed, date: "2026-06-01", note: nil, by: "Jo"),
                         Plan.Contact(kind: .outreach, date: "not a day", note: "call", by: "Jo")]
        plan.visits = [Plan.Visit(startedAt: Date(timeIntervalSince1970: 1_780_000_000), language: "ar", returning: false),
                       Plan.Visit(startedAt: Date(timeIntervalSince1970: 1_790_000_000), language: "ar", returning: true)]
        return plan
    }

    @Test func theListingFromItsFieldsIsTheListingOfTheWholePlan() throws {
        let plan = busyPlan()
        let data = try JSONPlanCodec().encode(plan)
        let read = try JSONPlanCodec().listing(from: data)
        #expect(read.listing == PlanListing(plan))
        #expect(read.listing.goals == ["agreed": 1, "achieved": 1] && read.listing.goalsRemoved == 1)
        #expect(read.listing.lastContactDay == "2026-05-15")
    }

    @Test func aPlanFromANewerSpiralIsRefusedByItsListingToo() throws {
        var plan = busyPlan()
        plan.schemaVersion = Plan.currentSchemaVersion + 1
        let data = try JSONPlanCodec().encode(plan)
        #expect(throws: PlanCodecError.newerSchema(version: Plan.currentSchemaVersion + 1)) { try JSONPlanCodec().listing(from: data) }
        #expect(throws: PlanCodecError.newerSchema(version: Plan.currentSchemaVersion + 1)) { try JSONPlanCodec().decode(data) }
    }

    @Test func aCutOffFileIsRefusedWithoutQuotingIt() throws {
        let data = try JSONPlanCodec().encode(busyPlan())
        let cut = data.prefix(data.count - 40)
        #expect(throws: PlanCodecError.undecodable(reason: "not valid JSON")) { try JSONPlanCodec().listing(from: Data(cut)) }
    }
}
