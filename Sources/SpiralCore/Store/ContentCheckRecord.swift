#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which content files the kiosk last found sound, so a restart with the same files and the same
/// program skips checking them again: compiling every English message through ICU and matching
/// the script's keys is a quarter of the kiosk's start-up (docs/benchmarks.md).
///
/// A file's fingerprint is what `stat` says of the file it names (a symbolic link followed):
/// device, inode, size, and the modification and status-change times. Any write changes the
/// status-change time, even one that sets the modification time back (`cp -p`, `rsync -t`), and
/// a file renamed into place has a new inode. The files are fingerprinted again after loading,
/// and nothing is skipped or recorded if one changed meanwhile. The program itself is one of
/// the files, so a new build checks again. The record sits in the user's cache folder; when it
/// is missing or cannot be written, the check simply runs, as it always did.
public struct ContentCheckRecord: Sendable {
    public let path: String

    public init(path: String = XDGDirectory.cache.path("checked-content")) {
        self.path = path
    }

    /// One line per file; nil when any of them cannot be looked at (then nothing is skipped).
    /// (Appended line by line: `joined(separator:)` here took the generic path, 110,000
    /// instructions a call, on the way to every first screen.)
    public static func fingerprint(of files: [String]) -> String? {
        var text = ""
        for file in files {
            guard let stamp = FileSystemCalls.changeStamp(file) else { return nil }
            text += stamp + " " + file + "\n"
        }
        return text
    }

    /// Whether these exact files were found sound before.
    public func holds(_ fingerprint: String) -> Bool {
        guard let data = try? FileSystemCalls.read(path) else { return false }
        return String(decoding: data, as: UTF8.self) == fingerprint
    }

    /// Notes these files as sound. A cache: a failure to write costs only the next check.
    public func record(_ fingerprint: String) {
        _ = try? FileSystemCalls.makeDirectory(PathName.directory(path), mode: 0o700)
        try? FileSystemCalls.writeAtomically(Data(fingerprint.utf8), to: path, mode: 0o600)
    }
}
