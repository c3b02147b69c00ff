#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import _CThreads

/// Work started on the other core at start-up, waited for where its result is needed: the
/// kiosk reads its prompt script, and half its language files, while the rest load
/// (docs/benchmarks.md: start-up).
///
/// A thread of its own, joined by `value()`, not Dispatch: the interactive kiosk forks later
/// families' processes after loading, and a process forked while another thread might hold a
/// lock can hang on it. Dispatch's worker threads outlive the work they were given; a joined thread
/// is gone. Call `value()` once, from the thread that started the work.
///
/// The thread starts on a core other than its creator's (then may run on any): Linux would put it
/// on its creator's, where it waited for the creator's time slice to end, 0.6-4 ms on a two-core
/// machine with the other core idle, which was most of what loading on two threads could save.
package final class Background<T: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written by the thread before it ends and read only after the join.
    private var result: Result<T, any Error>?
    private var thread = pthread_t()
    private var running = false

    /// `idle`: the thread runs only when a core would otherwise be idle (SCHED_IDLE), and so do
    /// threads and processes it starts: for work that must never hold up what a person waits for.
    package init(idle: Bool = false, _ work: @escaping @Sendable () throws -> T) {
        let start = ThreadStart(idle: idle) { [self] in result = Result { try work() } }
        let context = Unmanaged.passRetained(start).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        let elsewhere = !idle && spiral_thread_attr_start_elsewhere(&attributes) == 0
        start.placed = elsewhere
        running = pthread_create(&thread, &attributes, { context in
            let start = Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue()
            if start.placed { spiral_thread_run_anywhere() }
            // Only the new thread: done here with no thread to be had, it would stay so.
            if start.idle {
                var lowest = sched_param()
                pthread_setschedparam(pthread_self(), schedIdle, &lowest)
            }
            start.run()
            return nil
        }, context) == 0
        if !running {
            // No thread to be had: do the work here.
            Unmanaged<ThreadStart>.fromOpaque(context).takeRetainedValue().run()
        }
    }

    package func value() throws -> T {
        if running {
            pthread_join(thread, nil)
            running = false
        }
        return try result!.get()
    }
}

/// Linux's SCHED_IDLE (sched.h defines it only for _GNU_SOURCE, which Swift's Glibc lacks).
private let schedIdle: Int32 = 5

/// What a new thread runs (a C thread's start routine can capture nothing, so it is passed in).
private final class ThreadStart: @unchecked Sendable {
    let idle: Bool
    /// Started on a chosen CPU, to be let run anywhere once started.
    var placed = false
    let run: () -> Void
    init(idle: Bool, _ run: @escaping () -> Void) {
        self.idle = idle
        self.run = run
    }
}

