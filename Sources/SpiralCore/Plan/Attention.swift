#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A plan that needs someone now, as the duty worker's watch lists it: the code and why, never
/// the family's words (the worker opens the plan to read them).
public struct AttentionItem: Sendable, Equatable {
    public enum Reason: String, Sendable {
        /// The family chose safety, or said they or their children are not safe.
        case safety
        /// Something about working together has not felt right.
        case notRight = "not-right"

        /// What a plan's flags say, safety first (the same order the review list uses).
        public init?(urgent: Bool, repairFlag: Bool) {
            if urgent { self = .safety } else if repairFlag { self = .notRight } else { return nil }
        }

        public var sentence: String {
            switch self {
            case .safety: "safety: the family chose safety or said they are not safe"
            case .notRight: "something has not felt right about working together"
            }
        }
    }

    public var code: String
    public var centre: String?
    public var reason: Reason
    public var since: Date

    public init(code: String, centre: String?, reason: Reason, since: Date) {
        self.code = code; self.centre = centre; self.reason = reason; self.since = since
    }

    /// From a file store's listings: urgent first, then oldest first.
    public static func from(_ listings: [PlanListing]) -> [AttentionItem] {
        listings.compactMap { listing -> AttentionItem? in
            Reason(urgent: listing.urgent, repairFlag: listing.repairFlag).map { AttentionItem(code: listing.code, centre: nil, reason: $0, since: listing.updatedAt) }
        }.sorted(by: ordered)
    }

    public static func ordered(_ a: AttentionItem, _ b: AttentionItem) -> Bool {
        if a.reason != b.reason { return a.reason == .safety }
        return a.since < b.since
    }
}
