#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import _CThreads

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

    /// How supervising ended: as a family's process said, or with the first family's process
    /// unable to start (content it could not load; it has said why), and its exit status.
    public enum Ending: Equatable, Sendable {
        case exit(Exit)
        case firstCouldNotStart(status: Int32)
    }

    /// Forks `session` for one family after another until it says the kiosk should close, or the
    /// kiosk is told to stop (SIGTERM, SIGHUP: passed on to the family's process, which saves).
    ///
    /// The first family's process is forked at once, before the kiosk has loaded anything, and runs
    /// `first`: it loads what it needs itself and calls `shown` once its first screen and prompt
    /// are up. Only then does `load` run here, readying what every later family's process is
    /// forked with, so it takes no core from the first screen. A kiosk that loaded first and then
    /// forked showed its first screen 2 ms later than a single start (docs/benchmarks.md). If the
    /// first process ends before showing anything, having exited with a status, the kiosk stops
    /// with it (it has said why).
    ///
    /// The first family's process loads on two threads, as a single start does, so it is forked
    /// from a new thread that has run no Swift code (`forkFromNewThread`). Later families'
    /// processes, forked from this thread, must run Swift code on one thread only.
    ///
    /// Call with only this one thread running (nothing may have used Dispatch): a process forked
    /// from a multi-threaded one can hang on a lock another thread held; `load` must join any
    /// thread it starts. `abnormal` hears of a family's process that crashed or was killed;
    /// `alongside` runs here while each later family's session runs (work that need not hold up
    /// its first screen), `between` after each.
    public static func supervise(first: (_ shown: @escaping () -> Void) -> Exit, load: () throws -> Void,
                                 abnormal: (Int32) -> Void, alongside: () -> Void = {}, between: () -> Void,
                                 session: () -> Exit) throws -> Ending {
        // The kiosk process itself ignores the keyboard's signals; each family's process handles
        // its own (Ctrl-C clears a line there; Ctrl-\ and Ctrl-Z stay ignored).
        signal(SIGINT, SIG_IGN)
        signal(SIGQUIT, SIG_IGN)
        signal(SIGTSTP, SIG_IGN)
        signal(SIGTERM, forwardTermination)
        signal(SIGHUP, forwardTermination)
        var loaded = false
        while true {
            let firstFamily = !loaded
            var shownPipe: [Int32] = [-1, -1]
            if firstFamily && !makePipe(&shownPipe) {
                // No pipe (out of descriptors): load first, as a kiosk did before, then fork.
                try load()
                loaded = true
                continue
            }
            let (readEnd, writeEnd) = (shownPipe[0], shownPipe[1])
            // SIGTERM and SIGHUP wait until the new process is known here (to be passed on) and
            // has put back its own handling; the thread that forks inherits the block, so no
            // handler runs Swift code on it before its fork.
            blockTermination(true)
            // The thread that runs `first` has ended when forkFromNewThread returns here.
            let forked = firstFamily
                ? withoutActuallyEscaping(first) { first in
                    forkFromNewThread {
                        close(readEnd)
                        exit(first({
                            var byte: UInt8 = 1
                            _ = write(writeEnd, &byte, 1)
                            close(writeEnd)
                        }).rawValue)
                    }
                }
                : fork()
            guard let pid = forked else {
                // No thread to fork from (out of memory): as with no pipe, load first.
                blockTermination(false)
                close(readEnd)
                close(writeEnd)
                try load()
                loaded = true
                continue
            }
            if pid == 0 {
                resetSignalsInFamilyProcess()
                exit(session().rawValue)
            }
            if pid < 0 {
                // No process could be made (out of memory): run the session here rather than stop.
                blockTermination(false)
                if firstFamily {
                    close(readEnd)
                    close(writeEnd)
                    return .exit(first({}))
                }
                return .exit(session())
            }
            currentFamily = pid
            blockTermination(false)
            if stopRequested != 0 { kill(pid, SIGTERM) }  // arrived while it was being made
            var status: Int32 = 0
            var reaped = false
            func reap() {
                if !reaped { while waitpid(pid, &status, 0) < 0 && errno == EINTR {} }
                reaped = true
            }
            if firstFamily {
                close(writeEnd)
                let shown = waitUntilShown(readEnd)
                close(readEnd)
                if !shown {
                    reap()
                    currentFamily = 0
                    if stopRequested != 0 { return .exit(.terminated) }
                    // Ended before its first screen with a status of its own (content it could
                    // not load): it said why, and the kiosk stops. With a family's outcome, or
                    // killed by a signal: as any family's process, below, once loaded.
                    if let code = exitCode(status), Exit(rawValue: code) == nil { return .firstCouldNotStart(status: code) }
                }
                do {
                    // Told to stop meanwhile: nothing more to load, nor a pusher to start.
                    if stopRequested == 0 { try load() }
                    loaded = true
                } catch {
                    // What the first family began is theirs to finish before the kiosk stops.
                    reap()
                    currentFamily = 0
                    throw error
                }
            } else {
                alongside()
            }
            reap()
            currentFamily = 0
            if stopRequested != 0 { return .exit(.terminated) }
            let code = exitCode(status)
            if let code, let exit = Exit(rawValue: code), exit != .nextFamily { return .exit(exit) }
            if code != 0 { abnormal(status) }
            between()
        }
    }

    /// A waited-for process's exit status; nil when a signal ended it.
    private static func exitCode(_ status: Int32) -> Int32? {
        status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }

    /// The family's process's signal handlers: its own are installed by its line reader.
    private static func resetSignalsInFamilyProcess() {
        signal(SIGTERM, SIG_DFL)
        signal(SIGHUP, SIG_DFL)
        signal(SIGINT, SIG_DFL)
        blockTermination(false)
    }

    /// Holds back SIGTERM and SIGHUP on this thread (threads it starts inherit it), or lets them
    /// through again; one held back arrives when let through.
    private static func blockTermination(_ block: Bool) {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGHUP)
        pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &signals, nil)
    }

    /// fork(), called from a new thread as its first act; in the new process, `child` runs on
    /// that thread's copy (its only thread), and this thread gets the process id (or -1). Nil
    /// when no thread could be made.
    ///
    /// Why: the Swift runtime keeps each thread's id, once learnt, for its `once` locks
    /// (swift/Threading/Impl/Linux/ulock.h), and fork copies it into the new process's only
    /// thread. A process forked from this kiosk's main thread holds the kiosk's id there: if it
    /// started a second thread and the two contended for one such lock, both would spin forever
    /// (seen: a third of first starts hung). A new thread has learnt no id, so its copy learns
    /// its own.
    private static func forkFromNewThread(child: @escaping () -> Never) -> pid_t? {
        let start = ForkStart(child)
        let context = Unmanaged.passRetained(start).toOpaque()
        var thread = pthread_t()
        // The first family's whole session runs on this thread's copy: a stack of the main
        // thread's usual 8 MiB (a thread's own default is 2 MiB when the limit is unlimited).
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 8 << 20)
        let made = pthread_create(&thread, &attributes, { context in
            let pid = spiral_fork_here()  // first: no Swift code has run on this thread
            let start = Unmanaged<ForkStart>.fromOpaque(context!)
            if pid == 0 {
                FamilyProcesses.resetSignalsInFamilyProcess()
                start.takeUnretainedValue().child()
            }
            start.takeUnretainedValue().pid = pid
            start.release()
            return nil
        }, context)
        guard made == 0 else {
            Unmanaged<ForkStart>.fromOpaque(context).release()
            return nil
        }
        pthread_join(thread, nil)
        return start.pid
    }

    /// A pipe whose ends close on exec: a program the family's process starts (the speech player)
    /// must not hold it open. (pipe2 is a GNU extension Swift's Glibc does not show.)
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// Whether the first family's process said its screen is up (one byte) before it ended (the
    /// pipe closed with nothing in it).
    private static func waitUntilShown(_ readEnd: Int32) -> Bool {
        var byte: UInt8 = 0
        while true {
            let got = read(readEnd, &byte, 1)
            if got < 0 && errno == EINTR { continue }
            return got == 1
        }
    }
}

/// What `forkFromNewThread`'s thread runs in the new process, and the process id it got.
private final class ForkStart: @unchecked Sendable {
    // @unchecked: `pid` is written by the thread before it ends and read only after the join.
    let child: () -> Never
    var pid: pid_t = -1
    init(_ child: @escaping () -> Never) { self.child = child }
}

// Raw process state for the signal handler (which can only read globals): the family process to
// pass SIGTERM on to, and whether one arrived. Written by one thread; read in the handler.
nonisolated(unsafe) private var currentFamily: pid_t = 0
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

private func forwardTermination(_ signal: Int32) {
    stopRequested = 1
    if currentFamily > 0 { kill(currentFamily, SIGTERM) }
}
