#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SpiralText
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A log for staff: what went wrong and with which plan, never what a family said (it takes only
/// `StaffEvent`s). Writing it can never fail a session: every write uses calls that report
/// errors (never Foundation's legacy `FileHandle.write`, which traps on a full disk), and a line
/// that cannot be written to the first file is tried in the next, then standard error.
public final class StaffLog: @unchecked Sendable {
    // @unchecked: appends are serialised by `lock`.
    /// Files tried in order: usually the store's `.kiosk.log`, then one outside the store, so a
    /// read-only or deleted store is still logged.
    public let paths: [String]
    private let lock = Lock()
    private let alsoToStandardError: Bool
    /// Lines written, for tests and for `spiral` to show after a run.
    public private(set) var recorded: [String] = []

    /// `path` nil: standard error only.
    public init(path: String?, fallback: String? = nil, alsoToStandardError: Bool = false) {
        self.paths = [path, fallback].compactMap { $0 }
        self.alsoToStandardError = alsoToStandardError || path == nil
    }

    /// The default second log, outside any store: `$XDG_STATE_HOME/spiral/kiosk.log`.
    public static func defaultFallback(environment: Environment = .process) -> String {
        XDGDirectory.state.path("kiosk.log", environment: environment)
    }

    public func record(_ event: StaffEvent, code: String? = nil) {
        let stamp = Self.stamp(Date())
        let line = "\(stamp) \(code.map { "plan \($0): " } ?? "")\(event.message)\n"
        lock.lock()
        defer { lock.unlock() }
        recorded.append(line)
        var written = false
        for path in paths where !written {
            written = Self.append(line, to: path)
        }
        if alsoToStandardError || !written { Self.writeStandardError(line) }
    }

    /// "2026-12-02T18:35:07Z": the time in UTC, as `Date.ISO8601FormatStyle()` writes it, from
    /// gmtime_r. The format style's first use cost 1.6 million instructions, at every kiosk start
    /// that logged anything (docs/benchmarks.md).
    static func stamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var t = tm()
        guard gmtime_r(&seconds, &t) != nil else { return date.formatted(.iso8601) }
        func two(_ n: Int32) -> String { String(n, zeroPaddedTo: 2) }
        return String(t.tm_year + 1900, zeroPaddedTo: 4) + "-" + two(t.tm_mon + 1) + "-" + two(t.tm_mday)
            + "T" + two(t.tm_hour) + ":" + two(t.tm_min) + ":" + two(t.tm_sec) + "Z"
    }

    /// Appends one line with O_APPEND (one write, so lines from two processes never interleave);
    /// false on any failure, which the caller handles.
    static func append(_ line: String, to path: String) -> Bool {
        let dir = PathName.directory(path)
        if !dir.isEmpty, !FileSystemCalls.exists(dir) { _ = try? FileSystemCalls.makeDirectory(dir) }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return Array(line.utf8).withUnsafeBytes { FileSystemCalls.writeAll(fd, $0) } == 0
    }

    static func writeStandardError(_ line: String) {
        _ = Array(line.utf8).withUnsafeBytes { FileSystemCalls.writeAll(2, $0) }
    }
}
