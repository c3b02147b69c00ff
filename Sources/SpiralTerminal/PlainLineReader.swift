#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Lines from a pipe or file, when stdin is not a terminal (scripts, tests, kiosk rehearsals).
/// Prints the prompt plainly and reads one line: UTF-8 (invalid bytes become U+FFFD),
/// any length, "\r\n" accepted. No editing, so `prefill`, `completions` and `onResize` are unused;
/// the idle timeout works wherever poll() does.
public final class PlainLineReader: LineReader {
    private let input: Int32
    private let output: Int32
    // Whatever owns the descriptors (a test's pipes: a FileHandle closes its descriptor when freed).
    private let owners: [AnyObject]
    private var pending: [UInt8] = []   // read but not yet returned
    private var head = 0                // start of the unreturned part of `pending`
    private var scanned = 0             // `pending[head..<scanned]` holds no newline
    private var reachedEnd = false

    /// `handleSignals: false` leaves SIGINT/SIGTERM/SIGHUP to their defaults (for tests that
    /// share a process); otherwise they end the read with `.interrupted` / `.terminated`.
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, keepingOpen owners: [AnyObject] = [],
                handleSignals: Bool = true) {
        self.input = input
        self.output = output
        self.owners = owners
        Terminal.saveOriginalState()
        if handleSignals { Signals.install() }
    }

    public func readLine(prompt: String, prefill: String, completions: [String], idleTimeout: Duration?,
                         limit: Int?, onResize: (() -> Void)?, onSpeak: (() -> Bool)?) -> LineReadResult {
        Terminal.writeAll(prompt, to: output)
        let result = nextLine(idleTimeout: idleTimeout)
        // What was typed into a pipe is not echoed: end the prompt's line ourselves.
        if !prompt.isEmpty { Terminal.writeAll("\n", to: output) }
        return result
    }

    /// A pipe has no echo to turn off: the secret is read like any line.
    public func readSecret(prompt: String, idleTimeout: Duration?) -> LineReadResult {
        readLine(prompt: prompt, prefill: "", completions: [], idleTimeout: idleTimeout, onResize: nil)
    }

    public func remember(_ line: String) {}

    public func forgetSession() {}

    private func nextLine(idleTimeout: Duration?) -> LineReadResult {
        var deadline = idleTimeout.map { ContinuousClock.now + $0 }
        while true {
            if let line = takeLine() { return .line(line) }
            if reachedEnd {
                if head == pending.count { return .endOfInput }
                defer { discardPartialLine() }
                return .line(decode(pending[head...]))   // a last line without a newline
            }
            let milliseconds = deadline.map { ($0 - .now).clampedMilliseconds }
            switch Signals.waitForInput(fd: input, milliseconds: milliseconds) {
            case .terminated: return .terminated
            case .interrupted: discardPartialLine(); return .interrupted
            case .timedOut: discardPartialLine(); return .timedOut
            case .ready:
                if readChunk() { deadline = idleTimeout.map { ContinuousClock.now + $0 } }
            }
        }
    }

    /// Reads what is there; false if nothing came (EOF, error, or a spurious wake-up).
    private func readChunk() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
        if count > 0 {
            pending.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
            reachedEnd = true
        }
        return false
    }

    private func takeLine() -> String? {
        guard let newline = pending[scanned...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = pending.count
            return nil
        }
        var end = newline
        if end > head && pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = decode(pending[head..<end])
        head = newline + 1
        scanned = head
        // Drop returned lines now and then, not per line: many short lines stay linear.
        if head == pending.count || head > 65_536 {
            pending.removeFirst(head)
            head = 0
            scanned = 0
        }
        return line
    }

    private func discardPartialLine() {
        pending.removeAll(keepingCapacity: false)
        head = 0
        scanned = 0
    }

    private func decode(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

/// Used from one thread only (it drives the terminal or one family's session).
@available(*, unavailable) extension PlainLineReader: Sendable {}
