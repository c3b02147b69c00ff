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

/// Reads a PIN or passphrase at a terminal key by key: a dot for each character (never the
/// character), Backspace and Ctrl-U to correct. The terminal's own signal keys are off while it
/// reads (ISIG): Ctrl-C clears, Ctrl-D on an empty line ends, and Ctrl-\ and Ctrl-Z do nothing,
/// so no key at a secret prompt can quit, crash or suspend the kiosk. SIGTERM still ends the read.
struct SecretReader {
    var input: Int32 = 0
    let output: (String) -> Void
    /// Longer than any passphrase anyone types; a paste beyond it is dropped.
    static let maxBytes = 256

    func read(prompt: String, idleTimeout: Duration?) -> LineReadResult {
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else {
            return PlainLineReader(handleSignals: false).readLine(prompt: prompt, prefill: "", completions: [],
                                                                  idleTimeout: idleTimeout, onResize: nil)
        }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        _ = tcsetattr(input, TCSANOW, &raw)
        defer { _ = tcsetattr(input, TCSANOW, &saved) }
        Signals.install()
        output(prompt)
        var typed: [UInt8] = []
        var deadline = idleTimeout.map { ContinuousClock.now + $0 }
        var escape = false
        while true {
            switch Signals.waitForInput(fd: input, milliseconds: deadline.map { ($0 - .now).clampedMilliseconds }) {
            case .terminated: output("\r\n"); return .terminated
            case .interrupted: continue   // SIGINT from elsewhere: the keyboard's Ctrl-C is a byte here
            case .timedOut: output("\r\n"); return .timedOut
            case .ready: break
            }
            var chunk = [UInt8](repeating: 0, count: 1024)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
            if n <= 0 {
                if n < 0, errno == EINTR || errno == EAGAIN { continue }
                output("\r\n")
                return .endOfInput
            }
            deadline = idleTimeout.map { ContinuousClock.now + $0 }
            for byte in chunk[..<n] {
                if escape {
                    // An arrow or function key: skip to the end of its sequence.
                    if (0x40...0x7E).contains(byte) && byte != UInt8(ascii: "[") && byte != UInt8(ascii: "O") { escape = false }
                    continue
                }
                switch byte {
                case 0x0D, 0x0A:
                    output("\r\n")
                    return .line(String(decoding: typed, as: UTF8.self))
                case 0x03:   // Ctrl-C: start again
                    erase(typed)
                    typed.removeAll()
                case 0x04:   // Ctrl-D
                    if typed.isEmpty { output("\r\n"); return .endOfInput }
                case 0x15:   // Ctrl-U
                    erase(typed)
                    typed.removeAll()
                case 0x7F, 0x08:
                    guard !typed.isEmpty else { continue }
                    // One character, however many bytes it took.
                    while let last = typed.popLast(), last & 0xC0 == 0x80 {}
                    output("\u{8} \u{8}")
                case 0x1B:
                    escape = true
                case 0x00...0x1F:
                    continue   // Ctrl-\, Ctrl-Z and every other control key: nothing
                default:
                    guard typed.count < Self.maxBytes else { continue }
                    typed.append(byte)
                    if byte & 0xC0 != 0x80 { output("•") }
                }
            }
        }
    }

    private func erase(_ typed: [UInt8]) {
        let count = typed.filter { $0 & 0xC0 != 0x80 }.count
        output(String(repeating: "\u{8} \u{8}", count: count))
    }
}
