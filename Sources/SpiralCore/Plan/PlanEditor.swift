#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// A change a practitioner makes in session. Applied to the freshly re-read plan under the
/// store's lock, so a kiosk writing the same plan meanwhile loses nothing.
public enum PlanEdit: Sendable, Equatable {
    case addGoal(what: String, why: String?, when: String?, how: String?, whoWith: String?)
    case setGoalField(goalId: String, field: GoalField, value: String)
    case setGoalStatus(goalId: String, status: Plan.Goal.Status)
    case setReviewDate(goalId: String, date: String)
    case rateGoal(goalId: String, date: String, parent: Int?, practitioner: Int?)
    case removeGoal(goalId: String)
    case addPraise(text: String, language: String)
    case addStep(kind: Plan.PartnershipStep.Kind, note: String)
    case addContact(kind: Plan.Contact.Kind, date: String, note: String?)

    public enum GoalField: String, Sendable, CaseIterable { case what, why, when, how, whoWith }
}

/// Why an edit was refused: said so the practitioner can correct it and try again.
public enum PlanEditError: Error, Equatable, CustomStringConvertible {
    case noSuchGoal(String)
    case emptyWhat
    case ratingOutOfRange(Int)
    case badDate(String)
    case emptyText
    case tooLong(max: Int)

    public var description: String {
        switch self {
        case let .noSuchGoal(id): return "There is no goal \(id) in this plan."
        case .emptyWhat: return "A goal needs a \"what\": say what the family wants to change or work on."
        case let .ratingOutOfRange(n): return "\(n) is not a rating: use a whole number from 0 to 10."
        case let .badDate(s): return "\"\(s)\" is not a date: use year-month-day, like 2026-12-05."
        case .emptyText: return "Nothing was written: type the note, or press Enter to leave it."
        case let .tooLong(max): return "That is longer than a plan can keep (\(max) characters): please shorten it."
        }
    }
}

/// Applies practitioner edits and records each in the plan's history (who, when, what, old, new).
/// Nothing is destroyed: a removed goal is marked removed.
public struct PlanEditor: Sendable {
    /// The longest note, goal field or praise a practitioner can record, in characters.
    public static let maxLength = 2000
    public let who: String
    /// The time of each edit: read afresh for every change (a session lasts an hour), or fixed
    /// for tests.
    let clock: @Sendable () -> Date

    public init(who: String, now: Date? = nil) {
        self.who = who
        if let now { self.clock = { now } } else { self.clock = { Date() } }
    }

    public func apply(_ edit: PlanEdit, to plan: inout Plan) throws(PlanEditError) {
        let now = clock()
        /// A goal named by its words in the history, which a person reads ("goal “calmer mornings”").
        func named(_ i: Int) -> String { "goal “\(plan.goals[i].what)”" }
        func clean(_ s: String?) throws(PlanEditError) -> String? {
            guard let s else { return nil }
            let c = InputCleaner.clean(s)
            // Bounded as the eye sees it and as it is stored, before it reaches the plan.
            if TextLimits.length(c) > Self.maxLength || !TextLimits.fitsBytes(c, characters: Self.maxLength) {
                throw .tooLong(max: Self.maxLength)
            }
            return c.isEmpty ? nil : c
        }
        func goalIndex(_ id: String) throws(PlanEditError) -> Int {
            guard let i = plan.goals.firstIndex(where: { $0.id == id }) else { throw .noSuchGoal(id) }
            return i
        }
        func log(_ what: String, _ old: String?, _ new: String?) {
            plan.history.append(Plan.Change(at: now, who: who, what: what, old: old, new: new))
        }
        switch edit {
        case let .addGoal(what, why, when, how, whoWith):
            guard let what = try clean(what) else { throw .emptyWhat }
            let n = (plan.goals.compactMap { Int($0.id.replacing("goal-", with: "")) }.max() ?? 0) + 1
            var goal = Plan.Goal(id: "goal-\(n)", what: what, why: try clean(why), when: try clean(when), how: try clean(how),
                                 whoWith: try clean(whoWith), status: .agreed, proposedBy: who, language: plan.language)
            goal.editedInSession = true
            plan.goals.append(goal)
            log("goal “\(what)” added", nil, what)
        case let .setGoalField(id, field, value):
            let i = try goalIndex(id)
            let new = try clean(value)
            if field == .what, new == nil { throw .emptyWhat }
            let old: String?
            switch field {
            case .what: old = plan.goals[i].what; plan.goals[i].what = new!
            case .why: old = plan.goals[i].why; plan.goals[i].why = new
            case .when: old = plan.goals[i].when; plan.goals[i].when = new
            case .how: old = plan.goals[i].how; plan.goals[i].how = new
            case .whoWith: old = plan.goals[i].whoWith; plan.goals[i].whoWith = new
            }
            plan.goals[i].editedInSession = true
            log("\(named(i)) \(field.rawValue)", old, new)
        case let .setGoalStatus(id, status):
            let i = try goalIndex(id)
            let old = plan.goals[i].status
            plan.goals[i].status = status
            plan.goals[i].editedInSession = true
            log("\(named(i)) status", old.rawValue, status.rawValue)
        case let .setReviewDate(id, date):
            let i = try goalIndex(id)
            guard let d = DateInput.parse(date) else { throw .badDate(date) }
            log("\(named(i)) review date", plan.goals[i].reviewDate, d)
            plan.goals[i].reviewDate = d
        case let .rateGoal(id, date, parent, practitioner):
            let i = try goalIndex(id)
            for r in [parent, practitioner].compactMap({ $0 }) where !(0...10).contains(r) { throw .ratingOutOfRange(r) }
            guard let d = DateInput.parse(date) else { throw .badDate(date) }
            plan.goals[i].ratings.append(Plan.Rating(date: d, parent: parent, practitioner: practitioner, by: who))
            log("\(named(i)) rating", nil, "parent \(parent.map(String.init) ?? "-"), practitioner \(practitioner.map(String.init) ?? "-") on \(d)")
        case let .removeGoal(id):
            let i = try goalIndex(id)
            plan.goals[i].removed = true
            plan.goals[i].editedInSession = true
            log("\(named(i)) removed", plan.goals[i].what, nil)
        case let .addPraise(text, language):
            guard let text = try clean(text) else { throw .emptyText }
            plan.praise.append(Plan.Praise(kind: .toParent, text: text, source: .practitioner(who), language: language, recordedAt: now))
            log("labelled praise added", nil, text)
        case let .addStep(kind, note):
            guard let note = try clean(note) else { throw .emptyText }
            plan.partnershipSteps.append(Plan.PartnershipStep(kind: kind, note: note, by: who, at: now))
            log("partnership step (\(kind.rawValue), \(kind.stage.rawValue))", nil, note)
        case let .addContact(kind, date, note):
            guard let d = DateInput.parse(date) else { throw .badDate(date) }
            let note = try clean(note)
            plan.contacts.append(Plan.Contact(kind: kind, date: d, note: note, by: who))
            log("contact \(kind.rawValue)", nil, d + (note.map { ": " + $0 } ?? ""))
        }
        plan.updatedAt = now
    }
}

/// Dates as practitioners type them: `2026-12-05`, `5/12/2026` (day first, as in Australia),
/// `today`, `tomorrow`, or `+14` (days from today).
public enum DateInput: Sendable {
    public static func parse(_ raw: String, today: Date = Date()) -> String? {
        let s = raw.trimmingSpaces.lowercased()
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .current
        func fmt(_ d: Date) -> String {
            let c = cal.dateComponents([.year, .month, .day], from: d)
            return String(c.year!, zeroPaddedTo: 4) + "-" + String(c.month!, zeroPaddedTo: 2) + "-" + String(c.day!, zeroPaddedTo: 2)
        }
        if s == "today" { return fmt(today) }
        if s == "tomorrow" { return fmt(cal.date(byAdding: .day, value: 1, to: today)!) }
        if s.hasPrefix("+"), let n = Int(s.dropFirst()), (0...3650).contains(n) { return fmt(cal.date(byAdding: .day, value: n, to: today)!) }
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let (y, m, d) = parts[0] > 31 ? (parts[0], parts[1], parts[2]) : (parts[2] < 100 ? parts[2] + 2000 : parts[2], parts[1], parts[0])
        var comps = DateComponents()
        comps.year = y; comps.month = m; comps.day = d
        guard (1...12).contains(m), (1...31).contains(d), (1900...2200).contains(y),
              let date = cal.date(from: comps), cal.component(.day, from: date) == d else { return nil }
        return fmt(date)
    }
}
