#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Tells when a plan folder changes (a plan saved, renamed into place, removed), through Linux's
/// inotify: the duty worker's watch on a file store hears of a new plan as soon as it is saved.
public final class StoreChanges: @unchecked Sendable {
    private let fd: Int32

    /// nil when inotify is not available (the watch then looks every few seconds).
    public init?(directory: String) {
        let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { return nil }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE | IN_CREATE)
        guard inotify_add_watch(fd, directory, mask) >= 0 else { close(fd); return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Waits up to `seconds` for a change; true when one came (all pending events are drained).
    public func wait(seconds: Double) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(seconds * 1000)) > 0
        if ready {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while read(fd, &buffer, buffer.count) > 0 {}
        }
        return ready
    }
}
