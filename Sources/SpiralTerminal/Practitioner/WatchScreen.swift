#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore

/// The duty worker's screen: the plans that need someone now, newest reasons first, redrawn when
/// the store changes, with the terminal bell when a plan joins the list. Codes and reasons only:
/// the worker opens a plan (`spiral review CODE`) to read the family's words.
public final class WatchScreen {
    /// What one look at the store found.
    public enum Look {
        case items([AttentionItem])
        /// The store cannot be read right now (why, without any family's words).
        case problem(String)
    }

    let location: String
    let interactive: Bool
    private var seen: Set<String> = []
    private var first = true

    public init(location: String, interactive: Bool) {
        self.location = location
        self.interactive = interactive
    }

    /// Runs until Ctrl-C or SIGTERM. `fetch` gives the list (or a problem to show), `wait` blocks
    /// until the store changes or the time passes.
    public func run(fetch: () -> Look, wait: (Double) -> Bool) {
        Signals.install()
        while !Signals.terminationRequested {
            show(fetch())
            // Listen in short steps, so Ctrl-C is heard at once.
            var waited = 0.0
            while waited < 30 {
                if wait(0.25) { break }
                waited += 0.25
                switch Signals.waitForInput(fd: -1, milliseconds: 0) {
                case .interrupted, .terminated: return
                default: break
                }
            }
        }
    }

    func show(_ result: Look) {
        var out = interactive ? Terminal.clearScreenAndScrollback : ""
        let now = Date()
        out += "Spiral watch: plans that need someone now (\(location)), \(LocalClock.text(now, format: "%H:%M:%S"))\n\n"
        switch result {
        case let .problem(problem):
            out += "Cannot read the store right now: \(problem)\nStill trying; the list comes back when it can be read.\n"
        case let .items(items):
            let keys = Set(items.map { "\($0.centre ?? "")/\($0.code)/\($0.reason.rawValue)" })
            let arrived = keys.subtracting(seen)
            if items.isEmpty {
                out += "Nothing needs attention now.\n"
            }
            for item in items {
                let key = "\(item.centre ?? "")/\(item.code)/\(item.reason.rawValue)"
                let mark = arrived.contains(key) && !first ? "NEW " : "    "
                let centre = item.centre.map { "[\($0)] " } ?? ""
                out += "\(mark)\(item.code)  \(centre)\(item.reason.sentence) (since \(Self.time(item.since)))\n"
            }
            out += "\nOpen a plan: spiral review CODE (or spiral plan CODE). Ctrl-C stops watching.\n"
            if !arrived.isEmpty && !first { out += "\u{07}" }
            seen = keys
            first = false
        }
        Terminal.write(out)
    }

    static func time(_ date: Date) -> String {
        LocalClock.text(date, format: "%Y-%m-%d %H:%M:%S")
    }
}
