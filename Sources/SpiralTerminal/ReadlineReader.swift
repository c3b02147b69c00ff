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
import SpiralCore
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
        spiral_rl_set_completion_match(completionMatches)
    }

    /// Readline's one-time set-up, in two parts, so that the slow one (its terminal description,
    /// inputrc and key bindings: half a millisecond and 70 page faults on the way to every first
    /// screen) can be done while the kiosk waits for another thread, and before it forks a
    /// family's process, which then inherits it done:
    ///
    /// - `prepareLocale()` first, before any other thread starts: it can set an environment
    ///   variable (LC_CTYPE=C.UTF-8), which no thread may do while another reads the environment.
    /// - `prepare()` then, on the thread that will read, or on any one if nothing else calls
    ///   readline until it has finished.
    ///
    /// Signal handlers are left to `init`, in the process that reads.
    public static func prepareLocale() { spiral_rl_prepare_locale() }
    public static func prepare() { spiral_rl_prepare() }

    /// Called once, when a prompt is next on the screen and readline waits for keys (the kiosk's
    /// supervisor waits for the first family's, FamilyProcesses.supervise).
    public var whenPromptShown: (() -> Void)?

    public func readLine(prompt: String, prefill: String, completions: [String], idleTimeout: Duration?,
                         limit: Int?, onResize: (() -> Void)?, onSpeak: (() -> Bool)?) -> LineReadResult {
        begin(prompt: prompt, prefill: prefill, completions: completions, limit: limit ?? 0)
        if let shown = whenPromptShown {
            whenPromptShown = nil
            shown()
        }
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
                return .tooLong(kept: line.map { String(cString: $0) } ?? "", typed: Int(spiral_rl_overflow_typed()))
            case .speak:
                // The line stays as typed; the caller speaks (or stops), and redraws when it
                // put a notice on the screen.
                if let onSpeak, onSpeak() { spiral_rl_redraw() }
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

    func visualOrderInput(_ mode: VisualInput, promptColumns: Int) {
        switch mode {
        case .off: spiral_rl_set_display_transform(nil, Int32(promptColumns), 0)
        case .rightToLeft: spiral_rl_set_display_transform(visualEditLine, Int32(promptColumns), 1)
        case .whenRightToLeftIsTyped: spiral_rl_set_display_transform(mixedEditLine, Int32(promptColumns), 0)
        }
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

/// A practitioner's line in a left-to-right screen: readline draws it, until a right-to-left
/// letter is typed; then it is laid out like the family's, in the direction of its first letter.
private func mixedEditLine(_ line: UnsafePointer<CChar>, _ point: Int32, _ width: Int32,
                           _ row: UnsafeMutablePointer<Int32>, _ column: UnsafeMutablePointer<Int32>) -> UnsafeMutablePointer<CChar>? {
    let text = String(cString: line)
    guard BidiText.containsRightToLeft(text) else { return nil }
    let bytes = Array(text.utf8)
    let before = String(decoding: bytes[..<max(0, min(bytes.count, Int(point)))], as: UTF8.self)
    let firstStrong = text.unicodeScalars.first { $0.properties.isAlphabetic }
    let base: TextDirection = firstStrong.map { BidiText.containsRightToLeft(String($0)) } == true ? .rightToLeft : .leftToRight
    let layout = RightToLeftEditLayout(text: text, cursorOffset: before.count, width: Int(width), base: base)
    row.pointee = Int32(layout.cursorRow)
    column.pointee = Int32(layout.cursorColumn)
    return strdup(layout.rows.joined(separator: "\n"))
}

/// Tab completion: the typed letters start the word, or a word of it, ignoring case and accents
/// in any script ("co" → "Có", "viet" → "Tiếng Việt"), as the choice matcher reads answers.
private func completionMatches(_ typed: UnsafePointer<CChar>, _ word: UnsafePointer<CChar>) -> Int32 {
    let typedText = String(cString: typed)
    let wordText = String(cString: word)
    if typedText.isEmpty { return 1 }
    if wordText.lowercased().hasPrefix(typedText.lowercased()) { return 1 }
    let key = UnicodeText.searchKey(typedText)
    guard !key.isEmpty else { return 0 }
    let wordKey = UnicodeText.searchKey(wordText)
    return wordKey.hasPrefix(key) ? 1 : 0
}

/// Draws the edit line of a right-to-left language in visual order and shaped, wrapped to the
/// screen and anchored at the right margin, and says where the cursor goes: the cell where the
/// next letter will appear.
private func visualEditLine(_ line: UnsafePointer<CChar>, _ point: Int32, _ width: Int32,
                            _ row: UnsafeMutablePointer<Int32>, _ column: UnsafeMutablePointer<Int32>) -> UnsafeMutablePointer<CChar>? {
    let text = String(cString: line)
    let bytes = Array(text.utf8)
    let cut = max(0, min(bytes.count, Int(point)))
    let before = String(decoding: bytes[..<cut], as: UTF8.self)
    let layout = RightToLeftEditLayout(text: text, cursorOffset: before.count, width: Int(width))
    row.pointee = Int32(layout.cursorRow)
    column.pointee = Int32(layout.cursorColumn)
    return strdup(layout.rows.joined(separator: "\n"))
}

/// Used from one thread only (it drives the terminal or one family's session).
@available(*, unavailable) extension ReadlineReader: Sendable {}
