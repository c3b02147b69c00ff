/// How the edit line is drawn on a terminal that does no bidi.
public enum VisualInput: Sendable {
    /// Readline's own drawing, logical order.
    case off
    /// A right-to-left screen: wrapped rows in visual order against the right margin.
    case rightToLeft
    /// A left-to-right screen: readline's drawing until a right-to-left letter is typed.
    case whenRightToLeftIsTyped
}

/// How one `LineReader.readLine` call ended.
public enum LineReadResult: Equatable, Sendable {
    /// What was typed (no newline), raw: the caller sanitises.
    case line(String)
    /// Ctrl-D on an empty line, or end of a piped input.
    case endOfInput
    /// Ctrl-C: the current line was discarded; the next `readLine` works normally.
    case interrupted
    /// No key for `idleTimeout`: the partly typed line was discarded (and erased from the screen).
    case timedOut
    /// SIGTERM or SIGHUP arrived: the caller saves and exits.
    case terminated
    /// More than the limit was typed or pasted: the rest was refused as it arrived; this is what
    /// the line held up to the limit.
    case tooLong(kept: String, typed: Int)
}

/// Reads one line of an answer at a time. `ReadlineReader` for a person at a terminal,
/// `PlainLineReader` when input is piped. Use from one thread.
public protocol LineReader: AnyObject {
    /// Shows `prompt` (one short line, no escape codes), puts `prefill` in the edit buffer for the
    /// person to edit; Tab completes case-insensitively among `completions` (never file names),
    /// matching the whole line up to the cursor, so answers with spaces complete. The idle timeout
    /// restarts on every key. After SIGWINCH, `onResize` is called so the caller can redraw what is
    /// above the prompt (leaving the cursor at the start of an empty line); then the prompt line is
    /// drawn again.
    /// `limit`: characters the line may hold (nil: any); input beyond it is refused as it
    /// arrives, in time that grows with its length, and `.tooLong` is returned.
    /// `onSpeak`: the read-aloud key (F1) was pressed; the line is kept as typed. It returns true
    /// when it redrew the screen above the prompt (a notice), so the prompt line is drawn again.
    func readLine(prompt: String, prefill: String, completions: [String], idleTimeout: Duration?,
                  limit: Int?, onResize: (() -> Void)?, onSpeak: (() -> Bool)?) -> LineReadResult
    /// Reads a PIN or passphrase without showing it (a dot for each key at a terminal), never
    /// into history. No key can stop, suspend or quit the program here.
    func readSecret(prompt: String, idleTimeout: Duration?) -> LineReadResult
    /// In-session history for ↑ (within one family's session only).
    func remember(_ line: String)
    /// Between families: history, kill ring and undo list are cleared, so nothing can be brought
    /// back with ↑ or Ctrl-Y.
    func forgetSession()
}

extension LineReader {
    public func readLine(prompt: String, prefill: String, completions: [String], idleTimeout: Duration?,
                         limit: Int?, onResize: (() -> Void)?) -> LineReadResult {
        readLine(prompt: prompt, prefill: prefill, completions: completions, idleTimeout: idleTimeout, limit: limit,
                 onResize: onResize, onSpeak: nil)
    }

    public func readLine(prompt: String, prefill: String, completions: [String], idleTimeout: Duration?,
                         onResize: (() -> Void)?) -> LineReadResult {
        readLine(prompt: prompt, prefill: prefill, completions: completions, idleTimeout: idleTimeout, limit: nil,
                 onResize: onResize, onSpeak: nil)
    }

    /// Right-to-left editing in visual order, for terminals that do no bidi. Only the readline
    /// reader draws an edit line; others ignore it.
    public func setVisualOrderInput(_ on: Bool, promptColumns: Int) {
        (self as? ReadlineReader)?.visualOrderInput(on ? .rightToLeft : .off, promptColumns: promptColumns)
    }

    /// For a left-to-right screen where right-to-left words may be typed (a practitioner writing a
    /// family's Arabic): visual order only once such a letter is typed.
    public func setMixedDirectionInput(promptColumns: Int) {
        (self as? ReadlineReader)?.visualOrderInput(.whenRightToLeftIsTyped, promptColumns: promptColumns)
    }
}

extension Duration {
    /// Whole milliseconds for C timeouts, clamped to 0...Int32.max (about 24 days).
    var clampedMilliseconds: Int {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        if seconds >= Int64(Int32.max) / 1000 { return Int(Int32.max) }
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
