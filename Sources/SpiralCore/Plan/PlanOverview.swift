#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// Every plan in the store, in the order a practitioner should look at them: urgent and
/// "not felt right" first, then the most recently updated.
public struct PlanOverview: Sendable {
    public struct Row: Sendable {
        public var listing: PlanListing

        /// `flags  CODE  name  language  status  goals  updated`, tab-free and one line. Flags come
        /// first, so a line shortened to fit the screen never loses them.
        public var line: String {
            var flags: [String] = []
            let plan = listing
            if plan.urgent { flags.append("URGENT") }
            if plan.repairFlag { flags.append("NOT-FELT-RIGHT") }
            let goals = Plan.Goal.Status.allCases.compactMap { s in plan.goals[s.rawValue].map { "\($0) \(s.rawValue)" } }
            let name = plan.name.map { UnicodeText.truncate($0, toWidth: 24) } ?? "-"
            let stamp = Self.day(plan.updatedAt)
            return ((flags.isEmpty ? [] : [flags.joined(separator: " ")])
                    + [plan.code, UnicodeText.pad(name, toWidth: 24), UnicodeText.pad(plan.language, toWidth: 7),
                       UnicodeText.pad(plan.status.rawValue, toWidth: 11),
                       "goals: " + (goals.isEmpty ? "none" : goals.joined(separator: ", ")),
                       "updated " + stamp])
                .joined(separator: "  ")
        }

        public func matches(_ query: String) -> Bool {
            let key = UnicodeText.searchKey(query)
            if listing.code.lowercased().replacing("-", with: "")
                .contains(query.lowercased().replacing("-", with: "")) { return true }
            guard let name = listing.name, !key.isEmpty else { return false }
            return UnicodeText.searchKey(name).contains(key) || name.lowercased().contains(query.lowercased())
        }
    }

    public var rows: [Row]
    /// Plan files that could not be read, with why (never their contents).
    public var unreadable: [String]

    /// Reads the store's listings (its index brought up to date), in practitioner order.
    public static func load(from store: any PlanRepository) -> PlanOverview {
        let (listings, problems) = store.listings()
        var unreadable = problems
        for file in store.setAside() {
            unreadable.append("\(file) was set aside because it could not be read: ask your coordinator to look at it.")
        }
        // Sorting indices, not the listings themselves: moving 10,000 structs was 9% of a list.
        let order = listings.indices.sorted { PlanListing.practitionerOrder(listings[$0], listings[$1]) }
        let rows = order.map { Row(listing: listings[$0]) }
        return PlanOverview(rows: rows, unreadable: unreadable)
    }
}

extension PlanOverview.Row {
    private static let calendar = Calendar.current

    /// The local calendar day, without a formatter per row (10,000 rows are listed at once).
    static func day(_ date: Date) -> String {
        ExportWords.isoDay(date, in: calendar)
    }
}
