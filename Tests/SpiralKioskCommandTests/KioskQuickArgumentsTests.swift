import Testing
@testable import SpiralKioskCommand

/// The kiosk's hand-read command line must mean exactly what ArgumentParser makes of it, and
/// must hand ArgumentParser anything it does not plainly understand (so help and errors stay
/// ArgumentParser's).
@Suite struct KioskQuickArgumentsTests {
    /// Every field a kiosk reads, as text, so two parses can be compared.
    static func fields(_ k: KioskLaunch) -> [String] {
        [k.content.prompts, k.content.localizations, k.content.config, k.storeOptions.store, k.language,
         k.idleTimeout.map(String.init), k.held, k.outbox, String(k.once)].map { $0 ?? "nil" }
    }

    @Test(arguments: [
        [],
        ["--once"],
        ["--language", "ar"],
        ["--language=zh-Hans", "--once"],
        ["--prompts", "/srv/p", "--localizations", "/srv/l", "--config", "/etc/spiral/centre.json"],
        ["--store", "/var/lib/spiral/plans", "--held", "/var/lib/spiral/held", "--outbox=/var/lib/spiral/outbox"],
        ["--store", "postgresql://kiosk:p%40ss@db.example/spiral"],
        ["--idle-timeout", "10"],
        ["--idle-timeout=600", "--language", "vi", "--once"],
        ["--store", ""],
        ["--language", "पंजाबी"],
    ])
    func meansWhatArgumentParserMeans(arguments: [String]) throws {
        let quick = try #require(KioskQuickArguments.parse(arguments))
        let parsed = try KioskCommand.parse(arguments).launch
        #expect(Self.fields(quick) == Self.fields(parsed))
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--lang", "ar"], ["--language"], ["--language", "--once"],
        ["--language", "ar", "--language", "vi"], ["--once", "--once"], ["--once=yes"],
        ["--idle-timeout", "5"], ["--idle-timeout", "ten"], ["--idle-timeout="], ["ar"], ["--"],
        ["--store", "-"], ["--store="],
    ])
    func leavesAnythingElseToArgumentParser(arguments: [String]) {
        #expect(KioskQuickArguments.parse(arguments) == nil)
    }

    /// A new kiosk option must be added to the hand-read ones (or a start with it would be
    /// refused as unknown, or worse, read wrongly).
    @Test func knowsEveryOptionArgumentParserKnows() {
        let help = KioskCommand.helpMessage(includeHidden: true, columns: 200)
        // Every "--word" in the help, wherever it stands ("--once,", "[--store <store>]").
        let words = help.split { !($0.isLetter || $0 == "-") }
        var names = Set(words.filter { $0.hasPrefix("--") && $0.count > 2 }.map { String($0.dropFirst(2)) })
        names.remove("help")
        #expect(names == Set(KioskQuickArguments.valued + KioskQuickArguments.flags))
    }
}
