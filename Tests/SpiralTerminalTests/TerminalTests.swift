import Testing
@testable import SpiralTerminal

@Suite struct TerminalTests {
    @Test(arguments: [
        (true, [String: String](), true),
        (true, ["TERM": "xterm-256color"], true),
        (false, ["TERM": "xterm-256color"], false),        // piped output: no escape codes
        (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": ""], true),                    // no-color.org: empty means unset
        (true, ["TERM": "dumb"], false),
    ])
    func colourDecision(isTTY: Bool, environment: [String: String], expected: Bool) {
        #expect(Terminal.colourEnabled(isTTY: isTTY, environment: environment) == expected)
    }

    @Test func sizeFallsBackToEnvironmentThenDefault() {
        #expect(Terminal.size(measured: 132, variable: "COLUMNS", fallback: 80, environment: ["COLUMNS": "40"]) == 132)
        #expect(Terminal.size(measured: 0, variable: "COLUMNS", fallback: 80, environment: ["COLUMNS": "40"]) == 40)
        #expect(Terminal.size(measured: nil, variable: "COLUMNS", fallback: 80, environment: ["COLUMNS": "wide"]) == 80)
        #expect(Terminal.size(measured: nil, variable: "LINES", fallback: 24, environment: [:]) == 24)
    }

    @Test func widthAndHeightArePositive() {
        #expect(Terminal.width() > 0)
        #expect(Terminal.height() > 0)
    }

    @Test func restoreIsSafeToRepeat() {
        Terminal.restore()
        Terminal.restore()
    }

    @Test func durationsBecomeClampedMilliseconds() {
        #expect(Duration.milliseconds(1500).clampedMilliseconds == 1500)
        #expect(Duration.seconds(-3).clampedMilliseconds == 0)
        #expect(Duration.seconds(Int64.max / 2).clampedMilliseconds == Int(Int32.max))
        #expect(Duration.microseconds(999).clampedMilliseconds == 0)
    }
}
