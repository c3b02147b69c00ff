#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a list of plans needs to know of one plan: enough for `spiral review`'s list and search,
/// and for the coordinator's `export --all`, without the family's answers.
public struct PlanListing: Codable, Sendable, Equatable {
    public var code: String
    /// Cleaned of anything that could act on a terminal (InputCleaner).
    public var name: String?
    public var language: String
    public var status: Plan.Status
    public var urgent: Bool
    public var repairFlag: Bool
    public var needs: Int
    public var urgentNeeds: Int
    /// Goals not removed, by status id.
    public var goals: [String: Int]
    public var goalsRemoved: Int
    public var praise: Int
    /// The latest appointment kept or outreach made (`yyyy-mm-dd`); a missed appointment is not contact.
    public var lastContactDay: String?
    /// The latest kiosk visit (a moment: its day depends on the reader's time zone).
    public var lastVisit: Date?
    public var updatedAt: Date

    public init(code: String, name: String?, language: String, status: Plan.Status, urgent: Bool, repairFlag: Bool,
                needs: Int, urgentNeeds: Int, goals: [String: Int], goalsRemoved: Int, praise: Int,
                lastContactDay: String?, lastVisit: Date?, updatedAt: Date) {
        self.code = code; self.name = name; self.language = language; self.status = status
        self.urgent = urgent; self.repairFlag = repairFlag; self.needs = needs; self.urgentNeeds = urgentNeeds
        self.goals = goals; self.goalsRemoved = goalsRemoved; self.praise = praise
        self.lastContactDay = lastContactDay; self.lastVisit = lastVisit; self.updatedAt = updatedAt
    }

    public init(_ plan: Plan) {
        code = plan.code
        // Cleaned once here, so that a list of thousands need not clean each name as it is drawn.
        name = plan.profile.name.map(InputCleaner.clean).flatMap { $0.isEmpty ? nil : $0 }
        language = plan.language
        status = plan.status
        urgent = plan.urgent
        repairFlag = plan.repairFlag
        needs = plan.needs.count
        urgentNeeds = plan.needs.filter(\.urgent).count
        let live = plan.goals.filter { !$0.removed }
        goals = Dictionary(grouping: live, by: { $0.status.rawValue }).mapValues(\.count)
        goalsRemoved = plan.goals.count - live.count
        praise = plan.praise.count
        lastContactDay = plan.contacts.filter { $0.kind != .missed }.map(\.date).filter { ExportWords.parseDay($0) != nil }.max()
        lastVisit = plan.visits.map(\.startedAt).max()
        updatedAt = plan.updatedAt
    }

    /// Urgent and "not felt right" first, then the most recently updated.
    public static func practitionerOrder(_ a: PlanListing, _ b: PlanListing) -> Bool {
        let pa = (a.urgent ? 2 : 0) + (a.repairFlag ? 1 : 0)
        let pb = (b.urgent ? 2 : 0) + (b.repairFlag ? 1 : 0)
        if pa != pb { return pa > pb }
        if a.updatedAt != b.updatedAt { return a.updatedAt > b.updatedAt }
        return a.code < b.code
    }
}
