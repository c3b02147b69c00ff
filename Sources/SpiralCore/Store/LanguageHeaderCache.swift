#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the kiosk's start keeps of each language file (its header and the first screen's
/// messages, cut out by `LanguageHeaderScanner`), noted by the file's stamp so that an unchanged
/// file is not scanned again: one strict pass over ten language files was 7 million instructions
/// of every start, the largest part before the first screen (docs/benchmarks.md).
///
/// A file's stamp is `FileSystemCalls.changeStamp`: device, inode, size, and the modification and
/// status-change times (any write changes the latter, even one that sets the modification time
/// back). A note is used only when the file's stamp is the same before and after it is read, and
/// only by the same program keeping the same header fields and messages (the first line holds
/// the program's own stamp and both lists, so an upgrade scans again). A file changed in the
/// last two seconds is not noted: two writes within one tick of the file-system clock can leave
/// the same stamp (git's "racy" files). The notes sit in the user's cache folder; when they are
/// missing, stale or cannot be written, the files are scanned, as they always were. Only files
/// that were found sound are noted.
public struct LanguageHeaderCache: Sendable {
    public let path: String
    /// How long a file must have been left alone to be noted (seconds; tests use 0).
    let settle: Int

    public init(path: String = XDGDirectory.cache.path("language-headers")) {
        self.init(path: path, settle: 2)
    }

    init(path: String, settle: Int) {
        self.path = path
        self.settle = settle
    }

    /// A file's header (its metadata and the first screen's messages), as it was when the file
    /// had this stamp.
    struct Entry: Sendable, Equatable {
        var stamp: String
        var header: LanguageFile
    }

    /// `name \t stamp \t byte count \n`, the header's fields (`HeaderFields`), `\n`; after a
    /// first line that names the format, the program, and the header fields and messages kept.
    static func firstLine(keeping keys: [String]) -> String {
        let program = FileSystemCalls.changeStamp("/proc/self/exe") ?? "?"
        return "spiral language headers 3\t\(program)\t" + LanguageHeaderScanner.headerKeys.sorted().joined(separator: ",")
            + "\t" + keys.joined(separator: ",") + "\n"
    }

    /// The notes by file name; empty when there are none, or they were kept for other messages.
    func entries(keeping keys: [String]) -> [String: Entry] {
        guard let data = try? FileSystemCalls.read(path) else { return [:] }
        let bytes = [UInt8](data)
        let first = Array(Self.firstLine(keeping: keys).utf8)
        guard bytes.starts(with: first) else { return [:] }
        var entries: [String: Entry] = [:]
        var i = first.count
        while i < bytes.count {
            guard let end = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) else { return [:] }
            let fields = bytes[i..<end].split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            guard fields.count == 3, let count = Int(String(decoding: fields[2], as: UTF8.self)),
                  count >= 0, count < bytes.count - end - 1, bytes[end + 1 + count] == UInt8(ascii: "\n")
            else { return [:] }  // a torn or foreign file: scan everything
            guard let header = HeaderFields.decode(bytes[(end + 1)..<(end + 1 + count)]) else { return [:] }
            let name = String(decoding: fields[0], as: UTF8.self)
            entries[name] = Entry(stamp: String(decoding: fields[1], as: UTF8.self), header: header)
            i = end + 2 + count
        }
        return entries
    }

    /// Notes these files. A cache: a failure to write costs only the next start's scan.
    func save(_ entries: [String: Entry], keeping keys: [String]) {
        var out = Data(Self.firstLine(keeping: keys).utf8)
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            // Names and stamps are one field each; a name that is not is simply not noted.
            guard !name.contains(where: { $0 == "\t" || $0 == "\n" }) else { continue }
            let fields = HeaderFields.encode(entry.header)
            out.append(contentsOf: Array("\(name)\t\(entry.stamp)\t\(fields.count)\n".utf8))
            out.append(contentsOf: fields)
            out.append(UInt8(ascii: "\n"))
        }
        _ = try? FileSystemCalls.makeDirectory(PathName.directory(path), mode: 0o700)
        try? FileSystemCalls.writeAtomically(out, to: path, mode: 0o600)
    }
}
