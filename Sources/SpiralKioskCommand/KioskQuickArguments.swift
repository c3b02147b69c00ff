/// The kiosk's own options read by hand, for the way a kiosk is always started (`make kiosk`,
/// the systemd unit): swift-argument-parser works out every option's definition by reflection
/// on each start, about 11 of the 47 million instructions before a parent saw the first screen
/// (docs/benchmarks.md), and building even one `KioskCommand` costs its option wrappers, so this
/// gives a plain `KioskLaunch`. Anything this does not plainly understand gives nil, and
/// ArgumentParser parses the line as before, with its help and its messages: `--help`, a short
/// or unknown option, one given twice, a missing value (`--store=`) or one that starts with "-",
/// an idle time that is not a whole number of at least 10 seconds.
enum KioskQuickArguments {
    /// Every option `KioskCommand` takes a value for (KioskQuickArgumentsTests checks the list
    /// against ArgumentParser's own, so a new option cannot be missed here).
    /// Lists, not sets: the first `Set<String>` of a start costs the runtime a scan of every
    /// protocol conformance in the program (about 300,000 instructions).
    static let valued = ["prompts", "localizations", "config", "store", "language", "idle-timeout", "held", "outbox"]
    /// Every flag it takes.
    static let flags = ["once"]

    static func parse(_ arguments: [String]) -> KioskLaunch? {
        var values: [String: String] = [:]
        var flagsGiven: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { return nil }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
                guard value != "" else { return nil }  // ArgumentParser: "Missing value"
            }
            if flags.contains(name) {
                guard value == nil, !flagsGiven.contains(name) else { return nil }
                flagsGiven.append(name)
                continue
            }
            guard valued.contains(name), values[name] == nil else { return nil }
            if value == nil {
                guard let next = rest.popFirst(), !next.hasPrefix("-") else { return nil }
                value = next
            }
            values[name] = value
        }
        var idleTimeout: Int?
        if let text = values["idle-timeout"] {
            guard let seconds = Int(text), seconds >= 10 else { return nil }
            idleTimeout = seconds
        }
        var kiosk = KioskLaunch()
        kiosk.content = ContentPaths(prompts: values["prompts"], localizations: values["localizations"],
                                     config: values["config"])
        kiosk.storeOptions = StorePaths(store: values["store"])
        kiosk.outbox = values["outbox"]
        kiosk.language = values["language"]
        kiosk.once = flagsGiven.contains("once")
        kiosk.idleTimeout = idleTimeout
        kiosk.held = values["held"]
        return kiosk
    }
}

extension KioskLaunch {
    /// The kiosk's command line: read by hand when it is plainly the kiosk's own options, else
    /// by ArgumentParser (which prints help or a clear error and exits).
    package static func parseQuicklyOrExit(_ arguments: [String]) -> KioskLaunch {
        KioskQuickArguments.parse(arguments) ?? KioskCommand.parseOrExit(arguments).launch
    }
}
