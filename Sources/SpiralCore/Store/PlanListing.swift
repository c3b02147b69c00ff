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
        self.init(code: plan.code, name: plan.profile.name, language: plan.language, status: plan.status,
                  urgent: plan.urgent, repairFlag: plan.repairFlag, needsUrgent: plan.needs.map(\.urgent),
                  goals: plan.goals.map { ($0.status, $0.removed) }, praise: plan.praise.count,
                  contacts: plan.contacts.map { ($0.kind, $0.date) }, visits: plan.visits.map(\.startedAt),
                  updatedAt: plan.updatedAt)
    }

    /// The listing of a plan file read for its listing alone (PlanListingFields).
    init(_ fields: PlanListingFields) {
        self.init(code: fields.code, name: fields.profile.name, language: fields.language, status: fields.status,
                  urgent: fields.urgent, repairFlag: fields.repairFlag, needsUrgent: fields.needs.map(\.urgent),
                  goals: fields.goals.map { ($0.status, $0.removed) }, praise: fields.praise.count,
                  contacts: fields.contacts.map { ($0.kind, $0.date) }, visits: fields.visits.map(\.startedAt),
                  updatedAt: fields.updatedAt)
    }

    private init(code: String, name: String?, language: String, status: Plan.Status, urgent: Bool, repairFlag: Bool,
                 needsUrgent: [Bool], goals plannedGoals: [(status: Plan.Goal.Status, removed: Bool)], praise: Int,
                 contacts: [(kind: Plan.Contact.Kind, date: String)], visits: [Date], updatedAt: Date) {
        self.code = code
        // Cleaned once here, so that a list of thousands need not clean each name as it is drawn.
        self.name = name.map(InputCleaner.clean).flatMap { $0.isEmpty ? nil : $0 }
        self.language = language
        self.status = status
        self.urgent = urgent
        self.repairFlag = repairFlag
        needs = needsUrgent.count
        urgentNeeds = needsUrgent.filter { $0 }.count
        let live = plannedGoals.filter { !$0.removed }
        goals = Dictionary(grouping: live, by: { $0.status.rawValue }).mapValues(\.count)
        goalsRemoved = plannedGoals.count - live.count
        self.praise = praise
        lastContactDay = contacts.filter { $0.kind != .missed }.map(\.date).filter { ExportWords.parseDay($0) != nil }.max()
        lastVisit = visits.max()
        self.updatedAt = updatedAt
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

/// What a listing reads of a plain plan file: the fields it shows and counts, each as strictly
/// typed as in `Plan`. The whole file is still scanned as JSON (a cut-off file is refused), but
/// the family's answers, the history and every note are not built into Swift values: a cold
/// `review --list` of thousands of plans spent most of its time there. A fault in a field the
/// listing does not read is found when the plan is opened.
struct PlanListingFields: Decodable {
    struct Profile: Decodable { var name: String? }
    struct Need: Decodable { var urgent: Bool }
    struct Goal: Decodable { var status: Plan.Goal.Status; var removed: Bool }
    struct Contact: Decodable { var kind: Plan.Contact.Kind; var date: String }
    struct Visit: Decodable { var startedAt: Date }
    /// Counted, not read.
    struct Entry: Decodable { init(from decoder: any Decoder) throws {} }

    var schemaVersion: Int
    var code: String
    var language: String
    var status: Plan.Status
    var updatedAt: Date
    var urgent: Bool
    var repairFlag: Bool
    var profile: Profile
    var needs: [Need]
    var praise: [Entry]
    var goals: [Goal]
    var visits: [Visit]
    var contacts: [Contact]
}
