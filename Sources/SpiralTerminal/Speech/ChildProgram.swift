#if canImport(Glibc)
import Glibc
#endif
import SpiralText
import SpiralCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A program run for speech (espeak-ng, the player), started with posix_spawn and watched with
/// waitpid. Not Foundation's `Process`: it judges a program finished only when every copy of its
/// output descriptors is closed, so a player script whose own child outlives it looked "running"
/// until that child ended; and it starts programs with the calling thread's signal mask, which on
/// a dispatch worker blocks SIGTERM. Here a program starts with no signals blocked or ignored,
/// its input and error on /dev/null, and it has ended when waitpid says so.
final class ChildProgram: @unchecked Sendable {
    // @unchecked: `status` is written under `lock`; `pid` is set once at start.
    let pid: pid_t
    private let lock = Lock()
    private var status: Int32?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `argv` (argv[0] an absolute path), its standard output into `output` (a file it
    /// creates) or /dev/null.
    init(_ argv: [String], output: String? = nil) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        // Its own process group, so stopping it stops whatever it started too (a player script's
        // own player).
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, argv[0], &actions, &attributes, &cArgs, environ)
        guard rc == 0 else { throw Failure(description: "\(argv[0]) could not start (\(String(cString: strerror(rc))))") }
        pid = child
    }

    /// Whether it is still running (reaps it when it has ended).
    var isRunning: Bool {
        lock.withLock {
            if status != nil { return false }
            var raw: Int32 = 0
            let r = waitpid(pid, &raw, WNOHANG)
            if r == pid { status = raw; return false }
            if r < 0 { status = -1; return false }
            return true
        }
    }

    /// Its exit status once ended (a signal counts as failure).
    var exitStatus: Int32? {
        guard !isRunning, let raw = lock.withLock({ status }) else { return nil }
        if raw == -1 { return -1 }
        return (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
    }

    /// Signals it and its process group, only while it has not been reaped (so the number is
    /// still its own).
    func signal(_ sig: Int32) {
        lock.withLock {
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            }
            guard status == nil else {
                kill(-pid, sig)   // what it left running in its group
                return
            }
            // The program leads its own group (POSIX_SPAWN_SETPGROUP), so one signal to the group
            // reaches it once: a second, to it alone, ran a player's clean-up twice.
            if kill(-pid, sig) != 0 { kill(pid, sig) }
        }
    }

    /// Waits up to `seconds`; false when it is still running then.
    func wait(upTo seconds: Double) -> Bool {
        let limit = Date().addingTimeInterval(seconds)
        while isRunning {
            if Date() > limit { return false }
            Pause.sleep(.milliseconds(5))
        }
        return true
    }
}
