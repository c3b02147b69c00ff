#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal as a whole: is there one, how big is it, may we use colour, raw output,
/// and leaving it as we found it.
public enum Terminal: Sendable {
    /// A person at a terminal: both stdin and stdout are ttys.
    public static var isInteractive: Bool {
        isatty(0) == 1 && isatty(1) == 1
    }

    /// The reader that fits how we were started: readline at a terminal, plain lines otherwise.
    public static func makeLineReader() -> any LineReader {
        isInteractive ? ReadlineReader() : PlainLineReader()
    }

    /// Columns of stdout's terminal; else $COLUMNS; else 80.
    public static func width() -> Int {
        size(measured: windowSize()?.columns, variable: "COLUMNS", fallback: 80, environment: environment())
    }

    /// Rows of stdout's terminal; else $LINES; else 24.
    public static func height() -> Int {
        size(measured: windowSize()?.rows, variable: "LINES", fallback: 24, environment: environment())
    }

    /// Colour when stdout is a terminal, NO_COLOR is unset or empty (no-color.org), and TERM
    /// is not "dumb".
    public static var colourEnabled: Bool {
        colourEnabled(isTTY: isatty(1) == 1, environment: environment())
    }

    /// The decision behind `colourEnabled`, as a pure function so it can be tested.
    public static func colourEnabled(isTTY: Bool, environment: [String: String]) -> Bool {
        isTTY && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// Writes to stdout at once (write(2), no buffering), all of it. Anything still in C stdio
    /// buffers (print, readline) goes first, so output keeps its order.
    public static func write(_ s: String) {
        fflush(nil)
        writeAll(s, to: 1)
    }

    public static let clearScreenAndScrollback = "\u{1B}[H\u{1B}[2J\u{1B}[3J"

    /// Drops keys typed but not yet read (at a terminal only).
    public static func discardPendingInput() {
        if isatty(0) != 0 { tcflush(0, TCIFLUSH) }
    }

    /// Leaves the terminal as found: the termios settings saved at start (echo, canonical mode),
    /// cursor visible, colours reset, bracketed paste off. Safe to call more than once.
    public static func restore() {
        if var saved = original?.settings, let fd = original?.fd {
            _ = tcsetattr(fd, TCSADRAIN, &saved)
        }
        if isatty(1) == 1 {
            writeAll("\u{1B}[0m\u{1B}[?25h\u{1B}[?2004l", to: 1)
        }
    }

    /// Saves the terminal settings to restore at exit, if not saved yet. The readers call it
    /// when they are created, which is before they change anything.
    public static func saveOriginalState() {
        _ = original
    }

    // MARK: - Internals

    /// The first terminal among stdin, stdout, stderr and its settings, captured once (a lazy
    /// `static let` is initialised exactly once, thread-safely).
    private static let original: (fd: Int32, settings: termios)? = {
        for fd: Int32 in [0, 1, 2] where isatty(fd) == 1 {
            var settings = termios()
            if tcgetattr(fd, &settings) == 0 { return (fd, settings) }
        }
        return nil
    }()

    static func size(measured: Int?, variable: String, fallback: Int, environment: [String: String]) -> Int {
        if let measured, measured > 0 { return measured }
        if let text = environment[variable], let value = Int(text), value > 0 { return value }
        return fallback
    }

    private static func windowSize() -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    private static func environment() -> [String: String] {
        var result: [String: String] = [:]
        for name in ["COLUMNS", "LINES", "NO_COLOR", "TERM"] {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }

    /// Writes every byte, retrying after EINTR, partial writes and EAGAIN (non-blocking fds).
    static func writeAll(_ s: String, to fd: Int32) {
        let bytes = Array(s.utf8)
        var offset = 0
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&pfd, 1, 1000)
                } else {
                    return   // closed or broken: nothing useful left to do with the output
                }
            }
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
