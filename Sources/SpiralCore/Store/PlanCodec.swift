import Foundation

/// Plan bytes in and out of a repository, in one place: this is where sealing plugs in (a codec
/// that encrypts), without the stores knowing.
public protocol PlanCodec: Sendable {
    func encode(_ plan: Plan) throws -> Data
    /// Throws `PlanCodecError`.
    func decode(_ data: Data) throws -> Plan
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
        struct Version: Decodable { var schemaVersion: Int? }
        if let v = (try? PlanCoding.decoder.decode(Version.self, from: data))?.schemaVersion, v > Plan.currentSchemaVersion {
            throw PlanCodecError.newerSchema(version: v)
        }
        do { return try PlanCoding.decoder.decode(Plan.self, from: data) } catch {
            throw PlanCodecError.undecodable(reason: PlanCoding.describe(error))
        }
    }
}
