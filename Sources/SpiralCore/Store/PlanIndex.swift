import Foundation

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
    static let header = "spiral plan index 1"

    struct Entry {
        var file: FileSystemCalls.Identity
        var listing: PlanListing
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
        for line in lines.dropFirst() {
            let f = line.split(separator: 9, omittingEmptySubsequences: false).map { unescape(String(decoding: $0, as: UTF8.self)) }
            guard f.count == 17, let inode = UInt64(f[1]), let size = Int64(f[2]), let modified = Int64(f[3]),
                  let status = Plan.Status(rawValue: f[6]), let needs = Int(f[9]), let urgentNeeds = Int(f[10]),
                  let removed = Int(f[12]), let praise = Int(f[13]), let updated = Double(f[16]) else { continue }
            var goals: [String: Int] = [:]
            for pair in f[11].split(separator: ",") {
                let kv = pair.split(separator: "=")
                if kv.count == 2, let n = Int(kv[1]) { goals[String(kv[0])] = n }
            }
            let listing = PlanListing(
                code: f[0], name: f[4].isEmpty ? nil : f[4], language: f[5], status: status,
                urgent: f[7] == "1", repairFlag: f[8] == "1", needs: needs, urgentNeeds: urgentNeeds,
                goals: goals, goalsRemoved: removed, praise: praise,
                lastContactDay: f[14].isEmpty ? nil : f[14],
                lastVisit: Double(f[15]).map(Date.init(timeIntervalSince1970:)),
                updatedAt: Date(timeIntervalSince1970: updated))
            index.entries[f[0]] = Entry(file: .init(inode: inode, size: size, modifiedNanoseconds: modified), listing: listing)
        }
        return index
    }

    /// A name may hold anything a parent typed (cleaned, but tabs and backslashes are legal).
    static func escape(_ s: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character and would slip past a Character test.
        guard s.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return s }
        return s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
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
    var indexPath: String { directory + "/" + PlanIndex.fileName }

    /// Every readable plan's listing, and a line for each plan that could not be read (naming
    /// the file and why, never its contents). Brings the index up to date when it can.
    public func listings() -> (listings: [PlanListing], unreadable: [String]) {
        let old = readIndex()
        var fresh = PlanIndex()
        var listings: [PlanListing] = []
        var unreadable: [String] = []
        var changed = false
        for code in codes() {
            guard let identity = FileSystemCalls.identity(path(for: code)) else { continue }  // gone meanwhile
            if let entry = old.entries[code], entry.file == identity {
                fresh.entries[code] = entry
                listings.append(entry.listing)
                continue
            }
            changed = true
            do {
                let listing = PlanListing(try load(code))
                // The identity from before the read: if the file changed while it was read, the
                // next listing sees a different identity and reads it again.
                fresh.entries[code] = PlanIndex.Entry(file: identity, listing: listing)
                listings.append(listing)
            } catch {
                unreadable.append(error.description)
            }
        }
        if changed || fresh.entries.count != old.entries.count { writeIndex(fresh) }
        return (listings, unreadable)
    }

    private func readIndex() -> PlanIndex {
        guard let data = try? FileSystemCalls.read(indexPath), let index = PlanIndex.parse(data) else { return PlanIndex() }
        return index
    }

    /// Best effort: the index is only a cache, so a store that cannot be written (read-only
    /// backup, full disk) still lists correctly, just more slowly.
    private func writeIndex(_ index: PlanIndex) {
        try? FileSystemCalls.writeAtomically(index.rendered(), to: indexPath)
    }
}
