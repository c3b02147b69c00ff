// spiral-line-probe: reads lines through the same readers as the kiosk, so the
// pseudo-terminal tests can drive editing, completion, history, timeouts and signals directly.
//
//   spiral-line-probe [--complete a,b,c] [--timeout SECONDS] [--prefill TEXT] [--limit CHARS]
//                     [--forget-after N] [--prompt TEXT]
//
// Prints each result as RESULT:<kind>:<text as a JSON string>, e.g. RESULT:line:"日本".
// On a resize it prints RESIZE:<columns>x<rows> (as the kiosk would redraw its screen).
// Exits after endOfInput or terminated, restoring the terminal.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SpiralTerminal

struct Options {
    var completions: [String] = []
    var timeout: Duration?
    var limit: Int?
    var prefill = ""
    var forgetAfter: Int?
    var prompt = "> "

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { Self.fail("\(flag) needs a value") }
            switch flag {
            case "--complete": completions = value.split(separator: ",").map(String.init)
            case "--timeout":
                guard let seconds = Double(value), seconds > 0 else { Self.fail("bad --timeout \(value)") }
                timeout = .milliseconds(Int(seconds * 1000))
            case "--prefill": prefill = value
            case "--limit": limit = Int(value)
            case "--forget-after": forgetAfter = Int(value)
            case "--prompt": prompt = value
            default: Self.fail("unknown option \(flag)")
            }
        }
    }

    static func fail(_ message: String) -> Never {
        let text = "spiral-line-probe: \(message)\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        exit(2)
    }
}

/// JSON string literal: quotes, backslashes and control characters escaped, the rest as UTF-8.
func json(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                + String(scalar.value, radix: 16)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

func report(_ kind: String, _ text: String = "") {
    Terminal.write("RESULT:\(kind):\(json(text))\n")
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let reader = Terminal.makeLineReader()
var linesRead = 0
while true {
    let result = reader.readLine(prompt: options.prompt, prefill: options.prefill, completions: options.completions,
                                 idleTimeout: options.timeout, limit: options.limit,
                                 onResize: { Terminal.write("RESIZE:\(Terminal.width())x\(Terminal.height())\n") })
    switch result {
    case .line(let text):
        report("line", text)
        reader.remember(text)
        linesRead += 1
        if linesRead == options.forgetAfter {
            reader.forgetSession()
            Terminal.write("FORGOT\n")
        }
    case .interrupted: report("interrupted")
    case .timedOut: report("timedOut")
    case let .tooLong(kept, _): report("tooLong", kept)
    case .endOfInput, .terminated:
        report(result == .endOfInput ? "endOfInput" : "terminated")
        Terminal.restore()
        exit(0)
    }
}
