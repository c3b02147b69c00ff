import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Plan bytes in and out of a repository, in one place: plain JSON (`JSONPlanCodec`), or sealed
/// to the centre's key (`SealedPlanCodec`), without the stores knowing which.
public protocol PlanCodec: Sendable {
    func encode(_ plan: Plan) throws -> Data
    /// Throws `PlanCodecError` or `SealingError`.
    func decode(_ data: Data) throws -> Plan
    /// Opens a plan with a family's PIN: nil when the PIN is wrong or the plan has none.
    func open(_ data: Data, pin: String) throws -> Plan?
    /// The listing fields alone (sealed plans keep them apart, so a list need not open bodies),
    /// and the plan's save counter (0 for a plain plan).
    func listing(from data: Data) throws -> (listing: PlanListing, saveCounter: Int)
    /// Whether plans written with this codec are sealed.
    var seals: Bool { get }
}

extension PlanCodec {
    public func open(_ data: Data, pin: String) throws -> Plan? { PlanCodecs.open(try decode(data), pin: pin) }

    public func listing(from data: Data) throws -> (listing: PlanListing, saveCounter: Int) {
        (PlanListing(try decode(data)), 0)
    }

    public var seals: Bool { false }
}

enum PlanCodecs {
    /// The plan when `pin` matches its PIN hash. The same scrypt work whether or not the plan has
    /// a PIN, so timing tells nothing.
    static func open(_ plan: Plan, pin: String) -> Plan? {
        let matches = SecretHash.verify(pin, against: plan.pinHash ?? PinRules.decoyHash)
        return matches && plan.pinHash != nil ? plan : nil
    }
}

public enum PlanCodecError: Error, Equatable {
    case undecodable(reason: String)
    case newerSchema(version: Int)
}

/// Plain JSON, as documented in docs/plan-format.md. Refuses a plan from a newer Spiral instead
/// of half-reading it.
public struct JSONPlanCodec: PlanCodec {
    public init() {}

    public func encode(_ plan: Plan) throws -> Data { try PlanCoding.encoder.encode(plan) }

    public func decode(_ data: Data) throws -> Plan {
        try decoding(data, as: Plan.self, version: \.schemaVersion)
    }

    /// Only the listing's fields: what `review --list` reads of each plan whose cached listing is stale.
    public func listing(from data: Data) throws -> (listing: PlanListing, saveCounter: Int) {
        (PlanListing(try decoding(data, as: PlanListingFields.self, version: \.schemaVersion)), 0)
    }

    /// One pass over the file: a plan from a newer Spiral is refused by its version, whether or
    /// not it happens to decode; the version is looked for on its own only when decoding fails.
    private struct Version: Decodable { var schemaVersion: Int? }

    private func decoding<T: Decodable>(_ data: Data, as type: T.Type, version: KeyPath<T, Int>) throws -> T {
        if let sealed = SealedEnvelope.header(of: data) { throw SealingError.locked(code: sealed.code) }
        let decoded: T
        do { decoded = try PlanCoding.decoder.decode(T.self, from: data) } catch {
            if let v = (try? PlanCoding.decoder.decode(Version.self, from: data))?.schemaVersion, v > Plan.currentSchemaVersion {
                throw PlanCodecError.newerSchema(version: v)
            }
            throw PlanCodecError.undecodable(reason: PlanCoding.describe(error))
        }
        if decoded[keyPath: version] > Plan.currentSchemaVersion { throw PlanCodecError.newerSchema(version: decoded[keyPath: version]) }
        return decoded
    }
}

/// What a plan file's bytes are, without opening them.
public enum PlanBytes {
    /// A sealed plan (one clear header line, then the sealed body), as the shared store requires.
    public static func isSealed(_ data: Data) -> Bool { SealedEnvelope.header(of: data) != nil }

    /// A sealed plan's header line (its newline included: it holds the sealed listing) and body,
    /// as the shared store keeps them apart so a listing never fetches bodies.
    public static func split(_ bytes: Data) -> (header: Data, body: Data) {
        guard let newline = bytes.firstIndex(of: 10) else { return (Data(), bytes) }
        return (Data(bytes[bytes.startIndex...newline]), Data(bytes[(newline + 1)...]))
    }

    /// SHA-256 of header then body: what the shared store checks each version against.
    public static func digest(header: Data, body: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: header)
        hasher.update(data: body)
        return Data(hasher.finalize())
    }
}
