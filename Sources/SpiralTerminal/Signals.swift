#if canImport(Glibc)
import Glibc
#endif
internal import _CReadline

/// The process's signal flags. Handlers for SIGINT, SIGWINCH, SIGTERM and SIGHUP only raise a
/// flag (a `volatile sig_atomic_t`, which is why they live in C); the readers act on them between
/// keys. Installing them is idempotent; both readers do it themselves.
public enum Signals: Sendable {
    /// Installs the flag-raising handlers: from then on Ctrl-C and SIGTERM no longer end the
    /// process by themselves, they end the current `readLine`.
    public static func install() {
        spiral_rl_install_signal_handlers()
    }

    /// True once SIGTERM or SIGHUP has arrived (it stays true): save and exit.
    public static var terminationRequested: Bool {
        spiral_rl_termination_requested() != 0
    }

    /// Ignore Ctrl-Z and Ctrl-\ for the rest of the process, not only while reading (a kiosk a
    /// child can't suspend).
    public static func ignoreJobControl() {
        spiral_rl_ignore_job_control()
        // A file-size limit reached while saving is a failed write to report and retry, not a
        // signal that kills the kiosk with a family's answers unsaved.
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
    }

    enum Wait: Equatable {
        case ready, timedOut, interrupted, terminated
    }

    /// Waits until `fd` is readable, a signal arrives, or `milliseconds` pass (nil: no limit).
    static func waitForInput(fd: Int32, milliseconds: Int?) -> Wait {
        switch spiral_rl_wait_readable(fd, milliseconds ?? -1) {
        case .ready: .ready
        case .timedOut: .timedOut
        case .interrupted: .interrupted
        case .terminated: .terminated
        }
    }
}
