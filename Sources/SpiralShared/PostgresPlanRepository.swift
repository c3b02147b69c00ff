import Foundation
import PostgresNIO
import SpiralCore

/// Plans on the shared PostgreSQL store, for practitioners and coordinators anywhere: what a
/// staff or coordinator role may see (row-level security keeps each centre to its own rows).
///
/// A plan is the newest version that was made from the one before it, with any kiosk versions
/// pushed after it that were made without seeing it laid on top (`PlanMerge`): a kiosk that was
/// offline never hides a practitioner's edit. A practitioner's save is a compare-and-swap: it
/// names the version it read; if another landed meanwhile it reads again and re-applies the change.
public final class PostgresPlanRepository: PlanRepository, @unchecked Sendable {
    public let database: SharedDatabase
    public let codec: any PlanCodec

    public init(database: SharedDatabase, codec: any PlanCodec) {
        self.database = database
        self.codec = codec
    }

    public var location: String { database.url.description }
    public var seals: Bool { true }

    func failure(_ error: SharedStoreError) -> PlanStoreError { .shared(reason: error.description, exitCode: error.exitCode) }

    public func prepare() throws(PlanStoreError) -> [StaffEvent] {
        do { try SharedSchema.check(database) } catch { throw failure(error) }
        return []
    }

    struct Row: Sendable {
        var id: UUID
        var version: Int
        var needsMerge: Bool
        var bytes: Data
    }

    /// The rows that make the plan now: the newest clean version and the kiosk versions after it.
    func rows(_ code: String) throws(PlanStoreError) -> [Row] {
        do {
            return try database.run { client in
                var rows: [Row] = []
                let query: PostgresQuery = """
                    SELECT version_id, version, needs_merge, header, body FROM spiral.plan_versions
                    WHERE code = \(code) AND version >= COALESCE(
                        (SELECT max(version) FROM spiral.plan_versions WHERE code = \(code) AND NOT needs_merge), 1)
                    ORDER BY version
                    """
                for try await (id, version, merge, header, body) in try await client.query(query, logger: SharedDatabase.silent)
                    .decode((UUID, Int, Bool, Data, Data).self) {
                    rows.append(Row(id: id, version: version, needsMerge: merge, bytes: header + body))
                }
                return rows
            }
        } catch { throw failure(error) }
    }

    func decode(_ row: Row, code: String) throws(PlanStoreError) -> Plan {
        do { return try codec.decode(row.bytes) } catch let error as SealingError {
            throw .sealed(file: "\(code) version \(row.version)", reason: error)
        } catch PlanCodecError.newerSchema(let version) {
            throw .newerSchema(file: "\(code) version \(row.version)", version: version)
        } catch {
            throw .unreadable(file: "\(code) version \(row.version)", reason: "\(error)")
        }
    }

    /// The plan now, and the id of the newest version it includes.
    func head(_ code: String) throws(PlanStoreError) -> (plan: Plan, id: UUID)? {
        let rows = try rows(code)
        guard let first = rows.first else { return nil }
        var plan = try decode(first, code: code)
        for row in rows.dropFirst() {
            let kiosk = try decode(row, code: code)
            plan = row.needsMerge ? PlanMerge.family(kiosk, onto: plan) : kiosk
        }
        return (plan, rows.last!.id)
    }

    public func exists(_ code: String) -> Bool {
        (try? database.run { client in
            var found = false
            for try await _ in try await client.query("SELECT 1 FROM spiral.plan_versions WHERE code = \(code) LIMIT 1", logger: SharedDatabase.silent) { found = true }
            return found
        }) ?? false
    }

    public func load(_ code: String) throws(PlanStoreError) -> Plan {
        guard let head = try head(code) else { throw .notFound(code: code, closest: closestCodes(to: code)) }
        return head.plan
    }

    public enum PushOutcome: String, Sendable { case added, duplicate, different, moved }

    /// Sends one version with its content hash (the server checks it and compares it with any
    /// version already under this id). `expectHead`: refuse ("moved") when `previous` is no longer
    /// the newest.
    public static func push(_ database: SharedDatabase, versionId: UUID, code: String, previous: UUID?, expectHead: Bool,
                            header: Data, body: Data, attention: String?, savedAt: Date) throws(SharedStoreError) -> (PushOutcome, Int) {
        let hashBytes = PlanBytes.digest(header: header, body: body)
        return try database.run { client in
            let query: PostgresQuery = try """
                SELECT outcome, version FROM spiral.push(\(versionId), \(code), \(previous), \(expectHead),
                    \(hashBytes), \(header), \(body), \(attention), \(savedAt))
                """
            for try await (outcome, version) in try await client.query(query, logger: SharedDatabase.silent).decode((String, Int).self) {
                return (PushOutcome(rawValue: outcome) ?? .different, version)
            }
            throw SharedStoreError.server(reason: "the server did not say what became of a version")
        }
    }

    @discardableResult
    public func update(_ code: String, creating fresh: () -> Plan, _ change: (inout Plan) throws -> Void) throws -> Plan {
        for _ in 0..<25 {
            let current = try head(code)
            var plan = current?.plan ?? fresh()
            try change(&plan)
            let bytes: Data
            do { bytes = try codec.encode(plan) } catch {
                throw PlanStoreError.cannotWrite(file: "\(code) on \(location)", reason: "could not seal the plan", noSpace: false)
            }
            guard PlanBytes.isSealed(bytes) else { throw failure(.unsealed) }
            let (header, body) = PlanBytes.split(bytes)
            let outcome: PushOutcome
            do {
                (outcome, _) = try Self.push(database, versionId: UUID(), code: plan.code, previous: current?.id, expectHead: true,
                                             header: header, body: body,
                                             attention: Outbox.attention(of: plan), savedAt: plan.updatedAt)
            } catch { throw failure(error) }
            switch outcome {
            case .added, .duplicate: return plan
            case .moved: continue   // someone saved meanwhile: read again, apply the change again
            case .different: throw failure(.server(reason: "a version id was used twice"))
            }
        }
        throw failure(.server(reason: "plan \(code) kept changing while it was being saved; try again"))
    }

    public func codes() -> [String] {
        (try? database.run { client in
            var codes: [String] = []
            for try await code in try await client.query("SELECT DISTINCT code FROM spiral.plan_versions ORDER BY code", logger: SharedDatabase.silent).decode(String.self) {
                codes.append(code)
            }
            return codes
        }) ?? []
    }

    public func setAside() -> [String] { [] }

    /// Each plan's newest header (its sealed listing), opened on every core. A plan whose newest
    /// version waits to be merged lists as that version says (the family's side is the newest).
    public func listings() -> (listings: [PlanListing], unreadable: [String]) {
        let fetched: [(String, Data)]
        do {
            fetched = try database.run { client in
                var rows: [(String, Data)] = []
                let query: PostgresQuery = "SELECT DISTINCT ON (code) code, header FROM spiral.plan_versions ORDER BY code, version DESC"
                for try await (code, header) in try await client.query(query, logger: SharedDatabase.silent).decode((String, Data).self) {
                    rows.append((code, header))
                }
                return rows
            }
        } catch { return ([], [error.description]) }
        let results = ConcurrentResults<Result<PlanListing, PlanStoreError>>(count: fetched.count)
        let codec = self.codec
        DispatchQueue.concurrentPerform(iterations: fetched.count) { i in
            let (code, header) = fetched[i]
            do { results.set(i, .success(try codec.listing(from: header).listing)) } catch let error as SealingError {
                results.set(i, .failure(.sealed(file: code, reason: error)))
            } catch {
                results.set(i, .failure(.unreadable(file: code, reason: "\(error)")))
            }
        }
        var listings: [PlanListing] = [], unreadable: [String] = []
        for i in fetched.indices {
            switch results.value(i) {
            case let .success(listing)?: listings.append(listing)
            case let .failure(error)?: unreadable.append(error.description)
            case nil: break
            }
        }
        return (listings, unreadable)
    }

    // A family's wrong PINs are counted at the kiosk they type them at.
    public func pinFailures(_ code: String) -> Int { 0 }
    public func recordPinFailure(_ code: String) throws(PlanStoreError) -> Int { 0 }
    public func clearPinFailures(_ code: String) throws(PlanStoreError) {}
}
