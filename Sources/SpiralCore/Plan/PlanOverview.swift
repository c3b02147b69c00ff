import Foundation
import SpiralText

/// Every plan in the store, in the order a practitioner should look at them: urgent and
/// "not felt right" first, then the most recently updated.
public struct PlanOverview: Sendable {
    public struct Row: Sendable {
        public var plan: Plan

        /// `CODE  name  language  flags  goals  last contact`, tab-free and one line.
        public var line: String {
            var flags: [String] = []
            if plan.urgent { flags.append("URGENT") }
            if plan.repairFlag { flags.append("NOT-FELT-RIGHT") }
            let counts = Dictionary(grouping: plan.goals, by: \.status).mapValues(\.count)
            let goals = Plan.Goal.Status.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
            let name = plan.profile.name.map { UnicodeText.truncate(InputCleaner.clean($0), toWidth: 24) } ?? "-"
            let stamp = ISO8601DateFormatter.string(from: plan.updatedAt, timeZone: .current, formatOptions: [.withFullDate])
            return [plan.code, UnicodeText.pad(name, toWidth: 24), UnicodeText.pad(plan.language, toWidth: 7),
                    UnicodeText.pad(plan.status.rawValue, toWidth: 11),
                    "goals: " + (goals.isEmpty ? "none" : goals.joined(separator: ", ")),
                    "updated " + stamp, flags.joined(separator: " ")]
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }

        public func matches(_ query: String) -> Bool {
            let key = UnicodeText.searchKey(query)
            if plan.code.lowercased().replacingOccurrences(of: "-", with: "")
                .contains(query.lowercased().replacingOccurrences(of: "-", with: "")) { return true }
            guard let name = plan.profile.name, !key.isEmpty else { return false }
            return UnicodeText.searchKey(name).contains(key) || name.lowercased().contains(query.lowercased())
        }
    }

    public var rows: [Row]
    /// Plan files that could not be read, with why (never their contents).
    public var unreadable: [String]

    public static func load(from store: PlanStore) -> PlanOverview {
        var rows: [Row] = []
        var unreadable: [String] = []
        for code in store.codes() {
            do { rows.append(Row(plan: try store.load(code))) } catch { unreadable.append(error.description) }
        }
        for file in store.setAside() {
            unreadable.append("\(file) was set aside because it could not be read: ask your coordinator to look at it.")
        }
        rows.sort { a, b in
            let pa = (a.plan.urgent ? 2 : 0) + (a.plan.repairFlag ? 1 : 0)
            let pb = (b.plan.urgent ? 2 : 0) + (b.plan.repairFlag ? 1 : 0)
            if pa != pb { return pa > pb }
            return a.plan.updatedAt > b.plan.updatedAt
        }
        return PlanOverview(rows: rows, unreadable: unreadable)
    }
}
