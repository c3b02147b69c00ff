import Glibc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A helper program the kiosk keeps running beside itself (the shared store's pusher): started
/// in its own process group with no signals blocked, started again if it has died, and stopped
/// with SIGTERM (then SIGKILL) when the kiosk closes. Its output goes nowhere: it writes the
/// staff log itself.
public final class BackgroundProgram: @unchecked Sendable {
    private let argv: [String]
    private var child: ChildProgram?

    /// `argv[0]` an absolute path.
    public init(_ argv: [String]) {
        self.argv = argv
        start()
    }

    /// This program's own executable, to run another of its commands.
    public static var ownExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// A program that cannot start is tried again at `keepRunning`; meanwhile versions wait in
    /// the outbox and `spiral store status` shows them waiting.
    private func start() {
        child = try? ChildProgram(argv)
    }

    /// Starts it again if it has ended.
    public func keepRunning() {
        if child?.isRunning != true { start() }
    }

    public func stop(graceSeconds: Double = 3) {
        guard let child else { return }
        child.signal(SIGTERM)
        if !child.wait(upTo: graceSeconds) {
            child.signal(SIGKILL)
            _ = child.wait(upTo: 1)
        }
    }
}
