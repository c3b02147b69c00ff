#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where plans live. Everything above the store takes `any PlanRepository`: `PlanStore` (plan
/// files in a folder, the embedded default) and `InMemoryPlanRepository` (tests) implement it, and
/// a shared server store plugs in here. Like GRDB's `DatabaseWriter`, the protocol owns its own
/// concurrency control: `update` re-reads the plan, applies the change and saves it as one step,
/// so two writers (a kiosk and a practitioner, or two kiosks) never lose each other's changes.
public protocol PlanRepository: Sendable {
    /// Where the plans are, for messages to staff (a folder, a server): never a family's words.
    var location: String { get }

    /// Whether plans saved here are sealed to the centre's key.
    var seals: Bool { get }

    /// Makes the store ready to write (creates it, makes it private, removes leftovers of an
    /// interrupted save). Returns what staff should know about what it did.
    @discardableResult
    func prepare() throws(PlanStoreError) -> [StaffEvent]

    func exists(_ code: String) -> Bool

    func load(_ code: String) throws(PlanStoreError) -> Plan

    /// A returning family's plan, opened with their PIN: nil when the PIN is wrong or the plan
    /// has none. A sealed store opens the plan's key with the PIN (and keeps it for this session).
    func openWithPIN(_ code: String, pin: String) throws(PlanStoreError) -> Plan?

    /// Re-reads the plan (or starts `fresh`), lets `change` update it and saves it, all under the
    /// repository's lock. An error thrown by `change` leaves the plan as it was and is rethrown.
    /// A plan that cannot be read right now (permissions, I/O) is never replaced: the update fails.
    /// Only a plan that reads but does not decode is set aside (and said so in `setAside`).
    @discardableResult
    func update(_ code: String, creating fresh: () -> Plan, _ change: (inout Plan) throws -> Void) throws -> Plan

    /// Codes of every plan, sorted.
    func codes() -> [String]

    /// Plans set aside because they did not decode, for staff.
    func setAside() -> [String]

    /// Every readable plan's listing, and a line for each plan that could not be read (naming
    /// it and why, never its contents).
    func listings() -> (listings: [PlanListing], unreadable: [String])

    /// Wrong PINs in a row for a code (kept across restarts), and the lock that follows.
    func pinFailures(_ code: String) -> Int
    func recordPinFailure(_ code: String) throws(PlanStoreError) -> Int
    func clearPinFailures(_ code: String) throws(PlanStoreError)
}

extension PlanRepository {
    /// Reads every plan: a repository with a faster way (the file store's index) has its own.
    public func listings() -> (listings: [PlanListing], unreadable: [String]) {
        var listings: [PlanListing] = []
        var unreadable: [String] = []
        for code in codes() {
            do { listings.append(PlanListing(try load(code))) } catch { unreadable.append(error.description) }
        }
        return (listings, unreadable)
    }

    public var seals: Bool { false }

    public func openWithPIN(_ code: String, pin: String) throws(PlanStoreError) -> Plan? {
        PlanCodecs.open(try load(code), pin: pin)
    }

    /// Codes that differ from `code` by at most two characters, for "did you mean".
    public func closestCodes(to code: String) -> [String] {
        let target = Array(code.uppercased())
        return codes().filter { c in
            let a = Array(c)
            guard a.count == target.count else { return false }
            return zip(a, target).filter { $0 != $1 }.count <= 2
        }
    }

    @discardableResult
    public func update(_ code: String, creating fresh: @autoclosure () -> Plan, _ change: (inout Plan) throws -> Void) throws -> Plan {
        try update(code, creating: { fresh() }, change)
    }
}

/// Errors from a plan repository. Messages name files and what to do, never a family's answers.
public enum PlanStoreError: Error, Equatable, CustomStringConvertible {
    case notFound(code: String, closest: [String])
    /// Cannot be read right now (permission denied, an I/O error): nothing is changed; try again.
    case unavailable(file: String, reason: String)
    /// Reads but does not decode: set aside for staff.
    case unreadable(file: String, reason: String)
    /// Written by a newer Spiral.
    case newerSchema(file: String, version: Int)
    case cannotWrite(file: String, reason: String, noSpace: Bool)
    /// Sealed, and this process cannot open it (no key, another centre's key), or it does not
    /// verify: never overwritten.
    case sealed(file: String, reason: SealingError)
    /// The shared store could not be used (unreachable, refused, a conflict that would not
    /// settle): its own sentence and exit code.
    case shared(reason: String, exitCode: Int32)

    public var description: String {
        switch self {
        case let .notFound(code, closest):
            let hint = closest.isEmpty ? "Check the code with the family." : "Did you mean \(closest.joined(separator: " or "))?"
            return "No plan has the code \(code). \(hint)"
        case let .unavailable(file, reason):
            return "The plan file \(file) cannot be read right now (\(reason)). Nothing was changed; check its permissions and the disk, then try again."
        case let .unreadable(file, reason):
            return "The plan file \(file) cannot be read (\(reason)). It has been left as it is; ask your coordinator to look at it."
        case let .newerSchema(file, version):
            return "The plan file \(file) was written by a newer Spiral (plan format \(version); this one reads up to \(Plan.currentSchemaVersion)). Update Spiral to open it."
        case let .cannotWrite(file, reason, noSpace):
            return "Could not save \(file): \(reason). " + (noSpace ? "The disk is full: free some space." : "Check that the store folder exists and can be written.")
        case let .sealed(_, reason):
            return reason.description
        case let .shared(reason, _):
            return reason
        }
    }

    /// The sysexits code a script can act on.
    public var exitCode: Int32 {
        switch self {
        case .notFound: 66          // EX_NOINPUT
        case .unavailable: 75       // EX_TEMPFAIL: try again
        case .unreadable, .newerSchema: 65   // EX_DATAERR
        case .cannotWrite: 74       // EX_IOERR
        case let .sealed(_, reason):
            switch reason {
            case .locked, .otherKey: 77     // EX_NOPERM
            case .tampered, .older: 65
            }
        case let .shared(_, code): code
        }
    }
}
