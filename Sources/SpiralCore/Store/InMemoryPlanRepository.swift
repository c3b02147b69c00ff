#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// Plans held in memory, behind the same protocol as the file store: for tests of the kiosk flow
/// and the practitioner's edits, and for faults a test wants to inject (`failWrites`).
public final class InMemoryPlanRepository: PlanRepository, @unchecked Sendable {
    // @unchecked: every field is read and written under `lock`.
    private let lock = Lock()
    private var plans: [String: Plan] = [:]
    private var pinTries: [String: Int] = [:]
    /// While set, every save fails as a full disk would.
    public var failWrites: Bool {
        get { lock.withLock { failing } }
        set { lock.withLock { failing = newValue } }
    }
    private var failing = false
    /// How many saves succeeded, for tests.
    public private(set) var saves = 0

    public init(_ plans: [Plan] = []) {
        for plan in plans { self.plans[plan.code] = plan }
    }

    public var location: String { "memory" }

    public func prepare() throws(PlanStoreError) -> [StaffEvent] { [] }

    public func exists(_ code: String) -> Bool { lock.withLock { plans[code] != nil } }

    public func load(_ code: String) throws(PlanStoreError) -> Plan {
        let plan = lock.withLock { plans[code] }
        guard let plan else { throw .notFound(code: code, closest: closestCodes(to: code)) }
        return plan
    }

    @discardableResult
    public func update(_ code: String, creating fresh: () -> Plan, _ change: (inout Plan) throws -> Void) throws -> Plan {
        try lock.withLock {
            var plan = plans[code] ?? fresh()
            try change(&plan)
            if failing { throw PlanStoreError.cannotWrite(file: "memory/\(code)", reason: "no space left", noSpace: true) }
            plans[code] = plan
            saves += 1
            return plan
        }
    }

    public func codes() -> [String] { lock.withLock { plans.keys.sorted() } }

    public func setAside() -> [String] { [] }

    public func pinFailures(_ code: String) -> Int { lock.withLock { pinTries[code] ?? 0 } }

    public func recordPinFailure(_ code: String) throws(PlanStoreError) -> Int {
        lock.withLock {
            pinTries[code, default: 0] += 1
            return pinTries[code]!
        }
    }

    public func clearPinFailures(_ code: String) throws(PlanStoreError) {
        lock.withLock { pinTries[code] = nil }
    }
}
