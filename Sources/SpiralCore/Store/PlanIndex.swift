import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// A cache of every plan's listing, kept beside the plans in `.index.tsv`, so that listing
/// 10,000 plans reads one small file and stats each plan instead of parsing 240 MB of JSON.
///
/// The plan files stay the truth: an entry is used only while its file has the same inode, size
/// and modification time as when it was read. Every save renames a new file into place, so any
/// write by anyone (the kiosk, `spiral plan`, a restore from backup) makes the entry stale, and
/// the plan is read again. A missing, old or damaged index is simply rebuilt.
///
/// Tab-separated lines rather than JSON: JSONDecoder took 290 ms of a 600 ms `review --list` of
/// 10,000 plans (docs/benchmarks.md).
struct PlanIndex {
    static let fileName = ".index.tsv"
    static let header = "spiral plan index 2"

    struct Entry {
        var file: FileSystemCalls.Identity
        var listing: PlanListing
        /// The sealed plan's save counter when it was read (0 for a plain plan): a later read of
        /// a lower one is an old copy put back.
        var saveCounter: Int = 0
    }

    var entries: [String: Entry] = [:]

    func rendered() -> Data {
        var out = PlanIndex.header + "\n"
        for code in entries.keys.sorted() {
            let e = entries[code]!, l = e.listing
            let fields: [String] = [
                l.code, String(e.file.inode), String(e.file.size), String(e.file.modifiedNanoseconds),
                l.name ?? "", l.language, l.status.rawValue, l.urgent ? "1" : "0", l.repairFlag ? "1" : "0",
                String(l.needs), String(l.urgentNeeds),
                l.goals.keys.sorted().map { "\($0)=\(l.goals[$0]!)" }.joined(separator: ","),
                String(l.goalsRemoved), String(l.praise), l.lastContactDay ?? "",
                l.lastVisit.map { String($0.timeIntervalSince1970) } ?? "", String(l.updatedAt.timeIntervalSince1970),
                String(e.saveCounter),
            ]
            out += fields.map(PlanIndex.escape).joined(separator: "\t") + "\n"
        }
        return Data(out.utf8)
    }

    /// nil when the data is not an index of this version; a line that does not parse is left
    /// out (its plan is then read again).
    static func parse(_ data: Data) -> PlanIndex? {
        let bytes = [UInt8](data)
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: true)
        guard let first = lines.first, String(decoding: first, as: UTF8.self) == header else { return nil }
        var index = PlanIndex()
        index.entries.reserveCapacity(lines.count)
        for line in lines.dropFirst() {
            // Numbers are read from the bytes: making a String of every field was a quarter of
            // listing 10,000 plans.
            let f = line.split(separator: 9, omittingEmptySubsequences: false)
            guard f.count == 18, let inode = number(f[1], as: UInt64.self), let size = number(f[2], as: Int64.self),
                  let modified = number(f[3], as: Int64.self), let status = Plan.Status(rawValue: text(f[6])),
                  let needs = number(f[9]), let urgentNeeds = number(f[10]), let removed = number(f[12]),
                  let praise = number(f[13]), let updated = Double(text(f[16])), let counter = number(f[17]) else { continue }
            var goals: [String: Int] = [:]
            for pair in f[11].split(separator: UInt8(ascii: ",")) {
                let kv = pair.split(separator: UInt8(ascii: "="))
                if kv.count == 2, let n = number(kv[1]) { goals[text(kv[0])] = n }
            }
            let code = text(f[0])
            let listing = PlanListing(
                code: code, name: f[4].isEmpty ? nil : unescape(text(f[4])), language: unescape(text(f[5])), status: status,
                urgent: f[7].first == UInt8(ascii: "1"), repairFlag: f[8].first == UInt8(ascii: "1"),
                needs: needs, urgentNeeds: urgentNeeds, goals: goals, goalsRemoved: removed, praise: praise,
                lastContactDay: f[14].isEmpty ? nil : text(f[14]),
                lastVisit: f[15].isEmpty ? nil : Double(text(f[15])).map(Date.init(timeIntervalSince1970:)),
                updatedAt: Date(timeIntervalSince1970: updated))
            index.entries[code] = Entry(file: .init(inode: inode, size: size, modifiedNanoseconds: modified), listing: listing,
                                        saveCounter: counter)
        }
        return index
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? { number(bytes, as: Int.self) }

    /// A non-negative decimal number that fits `T` (a time in nanoseconds has 19 digits), or nil.
    private static func number<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, as: T.Type) -> T? {
        guard !bytes.isEmpty else { return nil }
        var n: T = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            let (times10, o1) = n.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(T(b - 48))
            if o1 || o2 { return nil }
            n = sum
        }
        return n
    }

    /// A name may hold anything a parent typed (cleaned, but tabs and backslashes are legal).
    static func escape(_ s: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character and would slip past a Character test.
        guard s.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "\\")) else { return s }  // not String.contains: it bridges to NSString
        var out = ""
        var escaped = false
        for ch in s {
            if escaped {
                out.append(ch == "t" ? "\t" : ch == "n" ? "\n" : ch == "r" ? "\r" : ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

extension PlanStore {
    /// A sealed store: the save counters the practitioner's cache has seen, so that opening one
    /// plan directly (`spiral plan CODE`, `export CODE`) refuses an older copy put back, as a
    /// listing does.
    public func rememberSavesSeen() {
        guard let sealed = codec as? SealedPlanCodec, let index = listingCache?.read() else { return }
        sealed.noteSeen(index.entries.mapValues(\.saveCounter))
    }

    /// A plain store's listing cache, beside its plans.
    var indexPath: String { directory + "/" + PlanIndex.fileName }

    /// Every readable plan's listing, and a line for each plan that could not be read (naming
    /// the file and why, never its contents). Brings the listing cache up to date when it can.
    public func listings() -> (listings: [PlanListing], unreadable: [String]) {
        let cache = listingCache
        let old = cache?.read() ?? PlanIndex()
        if let sealed = codec as? SealedPlanCodec { sealed.noteSeen(old.entries.mapValues(\.saveCounter)) }
        var fresh = PlanIndex()
        var listings: [PlanListing] = []
        var unreadable: [String] = []
        var stale: [(code: String, identity: FileSystemCalls.Identity)] = []
        for code in codes() {
            guard let identity = FileSystemCalls.identity(path(for: code)) else { continue }  // gone meanwhile
            if let entry = old.entries[code], entry.file == identity {
                fresh.entries[code] = entry
                listings.append(entry.listing)
            } else {
                stale.append((code, identity))
            }
        }
        // Plans read again (a new or changed file, or no cache: after a restore, say) are read on
        // every core: each is a file read, a JSON parse and, when sealed, a key unwrap.
        let toRead = stale.map(\.code)
        let read = ConcurrentResults<Result<(listing: PlanListing, saveCounter: Int), PlanStoreError>>(count: stale.count)
        DispatchQueue.concurrentPerform(iterations: stale.count) { i in
            read.set(i, Result { () throws(PlanStoreError) in try readListing(toRead[i]) })
        }
        for (i, (code, identity)) in stale.enumerated() {
            switch read.value(i) {
            case let .success((listing, counter)):
                // The identity from before the read: if the file changed while it was read, the
                // next listing sees a different identity and reads it again.
                fresh.entries[code] = PlanIndex.Entry(file: identity, listing: listing, saveCounter: counter)
                listings.append(listing)
            case let .failure(error):
                unreadable.append(error.description)
                // Keep what was known of it (its save counter above all) for the next listing.
                if let entry = old.entries[code] { fresh.entries[code] = entry }
            case nil:
                break
            }
        }
        let changed = !stale.isEmpty
        if changed || fresh.entries.count != old.entries.count { cache?.write(fresh) }
        return (listings, unreadable)
    }
}

/// One slot per task of a `concurrentPerform`, each written once by its own task.
public final class ConcurrentResults<T>: @unchecked Sendable {
    // @unchecked: every slot is read and written under `lock`.
    private let lock = Lock()
    private var slots: [T?]

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    public func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
    public func value(_ i: Int) -> T? { lock.withLock { slots[i] } }
}
