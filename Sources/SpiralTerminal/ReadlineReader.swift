#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SpiralText
internal import _CReadline

/// Line editing for a person at the terminal, through GNU readline (via the `_CReadline` shim;
/// this is the only Swift file that drives readline). Arrows, Home/End, Backspace over whole
/// characters in any script, Tab completion among the given answers, ↑ through this session's
/// answers. Readline is one per process, and so is this reader: create one, use it from one thread.
public final class ReadlineReader: LineReader {
    public init() {
        Terminal.saveOriginalState()
        spiral_rl_setup()
    }

    public func readLine(prompt: String, prefill: String, completions: [String], idleTimeout: Duration?,
                         limit: Int?, onResize: (() -> Void)?) -> LineReadResult {
        begin(prompt: prompt, prefill: prefill, completions: completions, limit: limit ?? 0)
        defer { spiral_rl_end() }
        let timeout = idleTimeout.map(\.clampedMilliseconds) ?? -1
        while true {
            var line: UnsafeMutablePointer<CChar>?
            switch spiral_rl_wait(timeout, &line) {
            case .line:
                defer { spiral_rl_free(line) }
                return .line(line.map { String(cString: $0) } ?? "")
            case .endOfInput: return .endOfInput
            case .interrupted: return .interrupted
            case .timedOut: return .timedOut
            case .terminated: return .terminated
            case .tooLong:
                defer { spiral_rl_free(line) }
                return .tooLong(kept: line.map { String(cString: $0) } ?? "")
            case .resized:
                // Without a caller redraw, readline has already redrawn the prompt line itself.
                if let onResize {
                    onResize()
                    spiral_rl_redraw()
                }
            }
        }
    }

    public func readSecret(prompt: String, idleTimeout: Duration?) -> LineReadResult {
        SecretReader(output: { Terminal.write($0) }).read(prompt: prompt, idleTimeout: idleTimeout)
    }

    public func remember(_ line: String) {
        spiral_rl_remember(line)
    }

    func visualOrderInput(_ on: Bool, promptColumns: Int) {
        spiral_rl_set_display_transform(on ? visualEditLine : nil, Int32(promptColumns))
    }

    public func forgetSession() {
        spiral_rl_forget_session()
    }

    private func begin(prompt: String, prefill: String, completions: [String], limit: Int) {
        // The shim copies everything it keeps, so these C strings only need to outlive the call.
        let words = completions.map { UnsafePointer(strdup($0)) }
        defer { words.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        words.withUnsafeBufferPointer { spiral_rl_begin(prompt, prefill, $0.baseAddress, $0.count, max(0, limit)) }
    }
}

/// Draws the edit line of a right-to-left language in visual order and shaped, and says where
/// the cursor goes: for a right-to-left paragraph the logical start is at the right, so the
/// cursor sits the shaped width of the text after it in from the left.
private func visualEditLine(_ line: UnsafePointer<CChar>, _ point: Int32,
                            _ column: UnsafeMutablePointer<Int32>) -> UnsafeMutablePointer<CChar>? {
    let text = String(cString: line)
    let bytes = Array(text.utf8)
    let cut = max(0, min(bytes.count, Int(point)))
    let before = String(decoding: bytes[..<cut], as: UTF8.self)
    guard BidiText.containsRightToLeft(text) else {
        column.pointee = Int32(UnicodeText.displayWidth(before))
        return strdup(text)
    }
    let visual = BidiText.visualLine(text, base: .rightToLeft)
    column.pointee = Int32(BidiText.visualCursorColumn(text, logicalOffset: before.utf16.count, base: .rightToLeft))
    return strdup(visual)
}
