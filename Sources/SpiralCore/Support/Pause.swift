import Glibc

/// Sleeps the calling thread (Foundation's `Thread` is not in `FoundationEssentials`).
public enum Pause: Sendable {
    public static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || attoseconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        // A signal (the kiosk's SIGWINCH) cuts nanosleep short: sleep the rest.
        while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
    }
}
