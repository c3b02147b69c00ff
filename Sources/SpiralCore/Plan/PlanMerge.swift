#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Two copies of one plan made apart, brought together: what a kiosk saved while it could not
/// see the shared store, laid onto the store's plan, which may hold a practitioner's edits (or
/// another kiosk's visit) the kiosk never saw. Used by whoever holds the centre key, when it reads
/// a version a kiosk pushed on top of a version it had not seen.
///
/// The family owns what they said (profile, answers, needs, status, language, flags, PIN, their
/// own goals' wording); the practitioner owns the co-planning (goals they added or edited,
/// statuses, ratings, steps, contacts). Lists that only grow are joined, never shortened.
public enum PlanMerge {
    public static func family(_ kiosk: Plan, onto head: Plan) -> Plan {
        var merged = head
        merged.language = kiosk.language
        merged.status = kiosk.status == .finished || head.status == .finished ? .finished : kiosk.status
        merged.urgent = kiosk.urgent || head.urgent
        merged.repairFlag = kiosk.repairFlag || head.repairFlag
        merged.profile = kiosk.profile
        merged.needs = kiosk.needs
        merged.pinHash = kiosk.pinHash ?? head.pinHash
        merged.createdAt = min(kiosk.createdAt, head.createdAt)
        merged.updatedAt = max(kiosk.updatedAt, head.updatedAt)

        // Answers by their key: the later answer wins, so two kiosks' visits both count.
        var answers: [String: PlanAnswer] = [:]
        var order: [String] = []
        for answer in head.answers + kiosk.answers {
            if let held = answers[answer.key] {
                if answer.answeredAt >= held.answeredAt { answers[answer.key] = answer }
            } else {
                answers[answer.key] = answer
                order.append(answer.key)
            }
        }
        merged.answers = order.compactMap { answers[$0] }

        // Goals by id: a goal the practitioner has touched keeps the practitioner's copy; one only
        // the family has written takes the family's latest wording.
        var goals = head.goals
        for goal in kiosk.goals {
            if let i = goals.firstIndex(where: { $0.id == goal.id }) {
                let held = goals[i]
                let touched = held.editedInSession || held.removed || !held.ratings.isEmpty
                    || held.status != goal.status || held.reviewDate != nil || held.proposedBy != goal.proposedBy
                if !touched { goals[i] = goal }
            } else {
                goals.append(goal)
            }
        }
        merged.goals = goals

        merged.praise = joined(head.praise, kiosk.praise)
        merged.visits = joined(head.visits, kiosk.visits).sorted { $0.startedAt < $1.startedAt }
        merged.partnershipSteps = joined(head.partnershipSteps, kiosk.partnershipSteps)
        merged.contacts = joined(head.contacts, kiosk.contacts)
        merged.history = joined(head.history, kiosk.history).sorted { $0.at < $1.at }
        return merged
    }

    /// `first` with what `second` adds, in order, each element once.
    static func joined<T: Equatable>(_ first: [T], _ second: [T]) -> [T] {
        var result = first
        for element in second where !result.contains(element) { result.append(element) }
        return result
    }
}
