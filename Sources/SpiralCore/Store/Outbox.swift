#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A kiosk's queue of plan versions for the shared store. The kiosk saves to its own store first,
/// durably, as always; then each saved version is written here as one file, and a separate pusher
/// process sends them to the server in order. A parent never waits on the network.
///
///     DIR/plans/            the kiosk's own plan store
///     DIR/queue/*.version   versions not yet on the server, oldest first (name: time-code-id)
///     DIR/queue/refused/    versions the server refused (another version has the same id)
///     DIR/heads/CODE        the id of the last version queued for CODE (the next one's previous)
///     DIR/acked/CODE        the id of the last version the server confirmed
///     DIR/status.json       the pusher's last success and last error (no family text)
public struct Outbox: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public static func defaultDirectory(environment: Environment = .process) -> String {
        XDGDirectory.data.path("outbox", environment: environment)
    }

    public var plansDirectory: String { directory + "/plans" }
    var queueDirectory: String { directory + "/queue" }
    var refusedDirectory: String { directory + "/queue/refused" }
    var headsDirectory: String { directory + "/heads" }
    var ackedDirectory: String { directory + "/acked" }
    public var statusPath: String { directory + "/status.json" }

    /// One version waiting to go: what routing needs in clear, and the sealed plan bytes.
    public struct Entry: Codable, Sendable, Equatable {
        public var versionId: UUID
        public var code: String
        /// The version this kiosk's copy was made from (nil: a plan new here).
        public var previousId: UUID?
        /// `safety` or `not-right` when the plan needs someone now: the duty worker's watch.
        public var attention: String?
        public var savedAt: Date
        /// SHA-256 of header and body, hex.
        public var hash: String
        /// The file's name in the queue.
        public var file: String = ""

        enum CodingKeys: String, CodingKey { case versionId, code, previousId, attention, savedAt, hash }
    }

    /// A queued version with its bytes: the sealed plan's header line (with its sealed listing)
    /// and the sealed body, exactly as saved in the kiosk's store.
    public struct Version: Sendable {
        public var entry: Entry
        public var header: Data
        public var body: Data
    }

    public enum Failure: Error, CustomStringConvertible {
        case notSealed(code: String)
        case cannotWrite(file: String, reason: String)
        public var description: String {
            switch self {
            case let .notSealed(code): return "plan \(code) is not sealed, and the shared store takes only sealed plans: run spiral keys init"
            case let .cannotWrite(file, reason): return "could not queue a version in \(file): \(reason)"
            }
        }
    }

    /// Why a plan needs someone now, from the plan itself: a code for a list, never words.
    public static func attention(of plan: Plan) -> String? {
        AttentionItem.Reason(urgent: plan.urgent, repairFlag: plan.repairFlag)?.rawValue
    }

    /// The content hash as the queue's files keep it (hex).
    static func hash(header: Data, body: Data) -> String {
        String(hexBytes: PlanBytes.digest(header: header, body: body))
    }

    /// What was last queued for a plan: the next version's previous, and the check that every
    /// saved plan was queued.
    public struct Head: Codable, Sendable, Equatable {
        public var id: UUID
        public var hash: String
        public var attention: String?
    }

    /// Queues the plan file as saved (`bytes`), durably. Only sealed plans go to the server.
    @discardableResult
    public func enqueue(_ plan: Plan, bytes: Data, now: Date = Date()) throws(Failure) -> Entry {
        try enqueue(code: plan.code, bytes: bytes, attention: Self.attention(of: plan), now: now)
    }

    @discardableResult
    public func enqueue(code: String, bytes: Data, attention: String?, now: Date = Date()) throws(Failure) -> Entry {
        guard PlanBytes.isSealed(bytes) else { throw .notSealed(code: code) }
        let (header, body) = PlanBytes.split(bytes)
        do {
            for folder in [directory, queueDirectory, headsDirectory] { _ = try FileSystemCalls.makeDirectory(folder) }
            return try FileSystemCalls.withLock(queueDirectory + "/.lock") {
                var entry = Entry(versionId: UUID(), code: code, previousId: head(code)?.id, attention: attention,
                                  savedAt: now, hash: Self.hash(header: header, body: body))
                let stamp = String(UInt64(max(0, now.timeIntervalSince1970 * 1_000_000_000)), zeroPaddedTo: 20)
                entry.file = "\(stamp)-\(code)-\(entry.versionId.uuidString).version"
                var file = try JSONEncoder().encode(entry)
                file.append(10)
                file.append(header)
                file.append(body)
                try FileSystemCalls.writeDurably(file, to: queueDirectory + "/" + entry.file)
                let head = try JSONEncoder().encode(Head(id: entry.versionId, hash: entry.hash, attention: attention))
                try FileSystemCalls.writeDurably(head, to: headsDirectory + "/" + code)
                return entry
            }
        } catch let failure as FileSystemCalls.Failure {
            throw .cannotWrite(file: failure.path, reason: failure.message)
        } catch {
            throw .cannotWrite(file: queueDirectory, reason: "\(error)")
        }
    }

    public func head(_ code: String) -> Head? {
        (try? FileSystemCalls.read(headsDirectory + "/" + code)).flatMap { try? JSONDecoder().decode(Head.self, from: $0) }
    }

    /// Plans saved here whose latest bytes were never queued (the queue could not be written at
    /// the time): queued now. Returns how many.
    public func queueUnqueuedPlans() -> Int {
        var queued = 0
        for name in FileSystemCalls.listDirectory(plansDirectory) where name.hasSuffix(".json") {
            let code = String(name.dropLast(5))
            guard let bytes = try? FileSystemCalls.read(plansDirectory + "/" + name), PlanBytes.isSealed(bytes) else { continue }
            let (header, body) = PlanBytes.split(bytes)
            let head = head(code)
            if head?.hash != Self.hash(header: header, body: body),
               (try? enqueue(code: code, bytes: bytes, attention: head?.attention)) != nil { queued += 1 }
        }
        return queued
    }

    /// Queues again the plan's bytes as saved here, after the server lost the version it had
    /// confirmed (put back from an older back-up).
    public func queueAgain(_ code: String) -> Bool {
        guard let bytes = try? FileSystemCalls.read(plansDirectory + "/" + code + ".json") else { return false }
        return (try? enqueue(code: code, bytes: bytes, attention: head(code)?.attention)) != nil
    }

    /// Names of the queued versions, oldest first.
    public func pending() -> [String] {
        FileSystemCalls.listDirectory(queueDirectory).filter { $0.hasSuffix(".version") }.sorted()
    }

    public func refused() -> [String] {
        FileSystemCalls.listDirectory(refusedDirectory).filter { $0.hasSuffix(".version") }.sorted()
    }

    /// A queued version read back; nil when it has gone (pushed by another pusher) or is damaged.
    public func read(_ name: String) -> Version? {
        guard let data = try? FileSystemCalls.read(queueDirectory + "/" + name),
              let newline = data.firstIndex(of: 10),
              var entry = try? JSONDecoder().decode(Entry.self, from: data[data.startIndex..<newline]) else { return nil }
        entry.file = name
        let (header, body) = PlanBytes.split(Data(data[(newline + 1)...]))
        guard Self.hash(header: header, body: body) == entry.hash else { return nil }
        return Version(entry: entry, header: header, body: body)
    }

    /// The server has it: forget the queued file, remember what the server confirmed.
    public func confirmed(_ entry: Entry) {
        _ = try? FileSystemCalls.makeDirectory(ackedDirectory)
        try? FileSystemCalls.writeAtomically(Data(entry.versionId.uuidString.utf8), to: ackedDirectory + "/" + entry.code)
        try? FileSystemCalls.remove(queueDirectory + "/" + entry.file)
    }

    /// The server holds other bytes under this id: kept aside for staff, never pushed again.
    public func refuse(_ entry: Entry) {
        _ = try? FileSystemCalls.makeDirectory(refusedDirectory)
        try? FileSystemCalls.moveAside(queueDirectory + "/" + entry.file, to: refusedDirectory + "/" + entry.file)
    }

    /// The last version of each plan the server confirmed.
    public func confirmedHeads() -> [String: UUID] {
        var heads: [String: UUID] = [:]
        for code in FileSystemCalls.listDirectory(ackedDirectory) where !code.hasPrefix(".") {
            if let data = try? FileSystemCalls.read(ackedDirectory + "/" + code), let id = UUID(uuidString: String(decoding: data, as: UTF8.self)) {
                heads[code] = id
            }
        }
        return heads
    }

    /// What the pusher last did, for `spiral store status` and the staff line: never family text.
    public struct Status: Codable, Sendable, Equatable {
        public var lastPushAt: Date?
        public var lastError: String?
        public var lastErrorAt: Date?
        public var pushed: Int = 0
        public init() {}
    }

    public func status() -> Status {
        (try? FileSystemCalls.read(statusPath)).flatMap { try? JSONDecoder().decode(Status.self, from: $0) } ?? Status()
    }

    public func record(_ status: Status) {
        _ = try? FileSystemCalls.makeDirectory(directory)
        if let data = try? JSONEncoder().encode(status) { try? FileSystemCalls.writeAtomically(data, to: statusPath) }
    }
}

/// The kiosk's repository when a shared store is configured: its own store, with every saved
/// version queued for the server. Reads are local; a returning family's plan is the one this
/// kiosk holds.
public final class OutboxRepository: PlanRepository, @unchecked Sendable {
    public let local: PlanStore
    public let outbox: Outbox
    /// Told when a version could not be queued (the local save stands).
    public var onQueueFailure: (@Sendable (String) -> Void)?

    public init(local: PlanStore, outbox: Outbox) {
        self.local = local
        self.outbox = outbox
    }

    public var location: String { local.location }
    public var seals: Bool { local.seals }
    public func prepare() throws(PlanStoreError) -> [StaffEvent] { try local.prepare() }
    public func exists(_ code: String) -> Bool { local.exists(code) }
    public func load(_ code: String) throws(PlanStoreError) -> Plan { try local.load(code) }
    public func openWithPIN(_ code: String, pin: String) throws(PlanStoreError) -> Plan? { try local.openWithPIN(code, pin: pin) }
    public func codes() -> [String] { local.codes() }
    public func setAside() -> [String] { local.setAside() }
    public func listings() -> (listings: [PlanListing], unreadable: [String]) { local.listings() }
    public func pinFailures(_ code: String) -> Int { local.pinFailures(code) }
    public func recordPinFailure(_ code: String) throws(PlanStoreError) -> Int { try local.recordPinFailure(code) }
    public func clearPinFailures(_ code: String) throws(PlanStoreError) { try local.clearPinFailures(code) }

    @discardableResult
    public func update(_ code: String, creating fresh: () -> Plan, _ change: (inout Plan) throws -> Void) throws -> Plan {
        let plan = try local.update(code, creating: fresh, change)
        do {
            let bytes = try FileSystemCalls.read(local.path(for: plan.code))
            try outbox.enqueue(plan, bytes: bytes)
        } catch {
            onQueueFailure?("\(error)")
        }
        return plan
    }
}
