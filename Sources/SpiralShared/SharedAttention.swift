import Foundation
import PostgresNIO
import SpiralCore

/// The duty worker's feed from the shared store: the plans whose newest version needs someone
/// now, and a wake-up (LISTEN/NOTIFY) the moment any kiosk or practitioner of the centre adds a
/// version. The role's row-level security decides which centres it sees.
public final class SharedAttention: @unchecked Sendable {
    let database: SharedDatabase
    private let changed = DispatchSemaphore(value: 0)
    private var listening: Task<Void, Never>?
    public private(set) var listenProblem: String?

    public init(database: SharedDatabase) { self.database = database }

    deinit { listening?.cancel() }

    /// Starts listening on the role's centre's channel (every centre's for a coordinator).
    public func startListening() throws(SharedStoreError) {
        let who = try SharedCentres.whoAmI(database)
        let channel = who.kind == "coordinator" ? "spiral_all" : "spiral_" + (who.centre ?? "none")
        let client = database.client
        let changed = self.changed
        listening = Task.detached { [weak self] in
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        let notifications = try await connection.listen(channel)
                        self?.listenProblem = nil
                        changed.signal()   // re-read once listening, in case something came meanwhile
                        for try await _ in notifications { changed.signal() }
                    }
                } catch {
                    self?.listenProblem = "\(error)"
                    changed.signal()
                    try? await Task.sleep(for: .seconds(2))
                }
            }
        }
    }

    /// Waits up to `seconds` for a new version; true when one came.
    public func waitForChange(seconds: Double) -> Bool {
        let came = changed.wait(timeout: .now() + seconds) == .success
        while changed.wait(timeout: .now()) == .success {}   // several at once count as one
        return came
    }

    /// Plans whose newest version needs attention, and since when it has.
    public func current() throws(SharedStoreError) -> [AttentionItem] {
        try database.run { client in
            let query: PostgresQuery = """
                SELECT centre, code, attention, since FROM (
                    SELECT DISTINCT ON (centre, code) centre, code, attention,
                        (SELECT min(received_at) FROM spiral.plan_versions w
                          WHERE w.centre = v.centre AND w.code = v.code AND w.attention IS NOT NULL) AS since
                    FROM spiral.plan_versions v ORDER BY centre, code, version DESC) newest
                WHERE attention IS NOT NULL
                """
            var items: [AttentionItem] = []
            for try await (centre, code, attention, since) in try await client.query(query, logger: SharedDatabase.silent)
                .decode((String, String, String, Date).self) {
                if let reason = AttentionItem.Reason(rawValue: attention) {
                    items.append(AttentionItem(code: code, centre: centre, reason: reason, since: since))
                }
            }
            return items.sorted(by: AttentionItem.ordered)
        }
    }
}
