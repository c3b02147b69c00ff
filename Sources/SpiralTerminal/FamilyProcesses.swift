#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each family's session in a fresh process, forked from a kiosk process that never reads a
/// family's words: when a session ends its memory goes with its process, so nothing a family typed
/// can be read from the kiosk afterwards (by a debugger, a crash report or the next family), and a
/// session that crashes takes nobody's answers with it but its own (saved after every answer)
/// while the kiosk starts afresh.
public enum FamilyProcesses: Sendable {
    /// What a family's process tells the kiosk when it exits.
    public enum Exit: Int32, Sendable {
        case nextFamily = 0
        case closeKiosk = 10
        case terminated = 11
        /// The session could not start (broken content files): the kiosk stops.
        case failed = 12
    }

    /// The Swift runtime's crash handler, on a terminal, offers to "interact" and to debug, from
    /// which memory can be read. The kiosk turns it off by putting back the default action of
    /// the signals the runtime catches (its CrashHandlerLinux.cpp list), before any family's
    /// process is forked: a crash then ends that process at once, with the runtime's one-line
    /// "Fatal error" where there is one, and the kiosk starts afresh for the next family.
    /// (Setting `SWIFT_BACKTRACE=enable=no` does the same but is read only as a process starts;
    /// starting the kiosk a second time to set it cost a second start-up, docs/benchmarks.md.)
    public static func disableCrashHandler() {
        for caught in [SIGQUIT, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGTRAP] {
            signal(caught, SIG_DFL)
        }
    }

    /// Forks `session` for one family after another until it says the kiosk should close, or the
    /// kiosk is told to stop (SIGTERM, SIGHUP: passed on to the family's process, which saves).
    /// Call with only this one thread running (nothing may have used Dispatch): a process forked
    /// from a multi-threaded one can hang on a lock another thread held. `abnormal` hears of a
    /// family's process that crashed or was killed; `alongside` runs here while each family's
    /// session runs (work that need not hold up its first screen), `between` after each.
    public static func supervise(abnormal: (Int32) -> Void, alongside: () -> Void = {}, between: () -> Void,
                                 session: () -> Exit) -> Exit {
        // The kiosk process itself ignores the keyboard's signals; each family's process handles
        // its own (Ctrl-C clears a line there; Ctrl-\ and Ctrl-Z stay ignored).
        signal(SIGINT, SIG_IGN)
        signal(SIGQUIT, SIG_IGN)
        signal(SIGTSTP, SIG_IGN)
        signal(SIGTERM, forwardTermination)
        signal(SIGHUP, forwardTermination)
        while true {
            let pid = fork()
            if pid == 0 {
                // The family's process: its own handlers are installed by its line reader.
                signal(SIGTERM, SIG_DFL)
                signal(SIGHUP, SIG_DFL)
                signal(SIGINT, SIG_DFL)
                exit(session().rawValue)
            }
            if pid < 0 {
                // No process could be made (out of memory): run the session here rather than stop.
                return session()
            }
            currentFamily = pid
            alongside()
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            currentFamily = 0
            if stopRequested != 0 { return .terminated }
            let exited = status & 0x7F == 0
            let code = (status >> 8) & 0xFF
            if exited, let exit = Exit(rawValue: code), exit != .nextFamily { return exit }
            if !exited || code != 0 { abnormal(status) }
            between()
        }
    }
}

// Raw process state for the signal handler (which can only read globals): the family process to
// pass SIGTERM on to, and whether one arrived. Written by one thread; read in the handler.
nonisolated(unsafe) private var currentFamily: pid_t = 0
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

private func forwardTermination(_ signal: Int32) {
    stopRequested = 1
    if currentFamily > 0 { kill(currentFamily, SIGTERM) }
}
