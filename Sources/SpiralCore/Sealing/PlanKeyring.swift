@preconcurrency import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// The data keys this process has opened, by plan code, with the wraps that go back into the
/// file on the next save. In memory only, for one family's session at the kiosk (a process of its
/// own) or one practitioner command: nothing here is ever written.
final class PlanKeyring: @unchecked Sendable {
    // @unchecked: every field is read and written under `lock`.
    private let lock = Lock()

    struct Entry {
        /// The key the next save seals with.
        var dataKey: SymmetricKey
        /// Keys that open the file as it is on disk now (the old one after a re-key, until the
        /// next save), tried after `dataKey`.
        var olderKeys: [SymmetricKey] = []
        var saveCounter: Int
        var createdAt: String
        var centreKeyID: String
        var centreWrap: SealedEnvelope.CentreWrap
        var pinWrap: SealedEnvelope.PinWrap?
        /// The PIN hash the PIN wrap was made from: a new one means a new wrap.
        var pinHash: String?
    }

    private var entries: [String: Entry] = [:]
    /// The highest save counter seen of each plan (this run, or the practitioner's listing cache).
    private var seen: [String: Int] = [:]

    func entry(_ code: String) -> Entry? { lock.withLock { entries[code] } }

    func remember(_ code: String, _ entry: Entry) {
        lock.withLock {
            entries[code] = entry
            seen[code] = max(seen[code] ?? 0, entry.saveCounter)
        }
    }

    func seenCounter(_ code: String) -> Int { lock.withLock { seen[code] ?? 0 } }

    func noteSeen(_ counters: [String: Int]) {
        lock.withLock { seen.merge(counters) { max($0, $1) } }
    }
}
