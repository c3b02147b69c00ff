import Foundation
import PostgresNIO
import SpiralCore

/// Sends a kiosk's queued plan versions to the shared store, oldest first, in its own process
/// (the kiosk starts it beside itself). Each push is idempotent: the version id is made on the
/// kiosk, the server adds a row only once per id and compares the content hash, so a retry after
/// a lost reply never duplicates and never overwrites. When the server cannot be reached the
/// versions wait on disk and the pusher tries again, more slowly, until it can.
public final class OutboxPusher {
    public let outbox: Outbox
    public let url: SharedStoreURL
    let log: StaffLog?
    private var database: SharedDatabase?
    private var unreachableSince: Date?
    private var lastCheck = Date.distantPast

    public init(outbox: Outbox, url: SharedStoreURL, log: StaffLog?) {
        self.outbox = outbox
        self.url = url
        self.log = log
    }

    func connected() throws(SharedStoreError) -> SharedDatabase {
        if let database { return database }
        let database = try SharedDatabase.open(url, maximumConnections: 2, timeout: .seconds(10))
        self.database = database
        return database
    }

    /// Pushes what is queued. Stops at the first failure that may pass (the server is away) and
    /// reports it; a version the server refuses is set aside and the rest go on.
    @discardableResult
    public func pushQueued() -> (pushed: Int, error: SharedStoreError?) {
        var pushed = 0
        var status = outbox.status()
        defer {
            if pushed > 0 { status.pushed += pushed; status.lastPushAt = Date() }
            outbox.record(status)
        }
        do {
            let database = try connected()
            for name in outbox.pending() {
                guard let version = outbox.read(name) else { continue }
                let entry = version.entry
                let outcome: PostgresPlanRepository.PushOutcome, number: Int
                do {
                    (outcome, number) = try PostgresPlanRepository.push(
                        database, versionId: entry.versionId, code: entry.code, previous: entry.previousId, expectHead: false,
                        header: version.header, body: version.body, attention: entry.attention, savedAt: entry.savedAt)
                } catch .rejected(let reason) {
                    // This one version can never go as it is: kept aside for staff, the rest go on.
                    outbox.refuse(entry)
                    log?.record(.sharedStoreRefused(version: "\(entry.code)", reason: reason), code: entry.code)
                    continue
                }
                switch outcome {
                case .added, .duplicate, .moved:
                    outbox.confirmed(entry)
                    pushed += 1
                case .different:
                    outbox.refuse(entry)
                    log?.record(.sharedStoreRefused(version: "\(entry.code) #\(number)", reason: "another version has its id"), code: entry.code)
                }
            }
            if unreachableSince != nil {
                log?.record(.sharedStoreReachedAgain(pushed: pushed))
                unreachableSince = nil
            }
            status.lastError = nil
            return (pushed, nil)
        } catch {
            if !error.isTransient || unreachableSince == nil {
                log?.record(.sharedStoreUnreachable(reason: error.description, waiting: outbox.pending().count))
            }
            if unreachableSince == nil { unreachableSince = Date() }
            status.lastError = error.description
            status.lastErrorAt = Date()
            if error.isTransient { database = nil }   // a fresh pool next time
            return (pushed, error)
        }
    }

    /// Plans this kiosk saved that never reached the queue, and versions the server confirmed but
    /// no longer holds (it was put back from an older back-up): queued again. Returns how many.
    @discardableResult
    public func checkServerHoldsConfirmed() -> Int {
        var queued = outbox.queueUnqueuedPlans()
        let confirmed = outbox.confirmedHeads()
        guard !confirmed.isEmpty, let database = try? connected() else { return queued }
        let ids = Array(confirmed.values)
        guard let known: Set<UUID> = try? database.run({ client in
            var known = Set<UUID>()
            for try await id in try await client.query("SELECT spiral.known(\(ids))", logger: SharedDatabase.silent).decode(UUID.self) {
                known.insert(id)
            }
            return known
        }) else { return queued }
        let waiting = Set(outbox.pending().compactMap { $0.split(separator: "-").dropFirst().first.map(String.init) })
        for (code, id) in confirmed where !known.contains(id) && !waiting.contains(code) {
            if outbox.queueAgain(code) { queued += 1 }
        }
        return queued
    }

    /// Until `stop()` says so: push, then wait for new versions (a short poll of the queue
    /// folder), backing off to 30 seconds while the server is away. Checks what the server holds
    /// at start and every five minutes.
    public func run(stop: () -> Bool) {
        var delay = 0.2
        while !stop() {
            if Date().timeIntervalSince(lastCheck) > 300 {
                lastCheck = Date()
                checkServerHoldsConfirmed()
            }
            let result = pushQueued()
            delay = result.error == nil ? 0.2 : min(max(delay * 2, 1), 30)
            let until = Date().addingTimeInterval(delay)
            while !stop() && Date() < until {
                if result.error == nil && !outbox.pending().isEmpty { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }
}
