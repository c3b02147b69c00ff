import ArgumentParser
import SpiralCore

/// `spiral kiosk` / `spiral-kiosk` as ArgumentParser reads it: its help, its messages, and any
/// command line `KioskQuickArguments` leaves to it. What it runs is a `KioskLaunch`.
package struct KioskCommand: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Run the parents' dialogue. Without --once, the kiosk returns to a clean start screen for the next family.")

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Start in this language (a BCP 47 tag such as ar, zh-Hans, vi) and skip the language screen.")
    package var language: String?

    @Flag(help: "One family's session, then exit.")
    package var once = false

    @Option(help: "Seconds without a key before \"Are you still there?\" (default: the centre config, else 180).")
    package var idleTimeout: Int?

    @Option(help: "Where answers are kept for staff when the store cannot take them (default: $XDG_STATE_HOME/spiral/held).")
    package var held: String?

    @OptionGroup var outbox: OutboxOptions

    package func validate() throws {
        if let idleTimeout, idleTimeout < 10 {
            throw ValidationError("--idle-timeout must be at least 10 seconds (got \(idleTimeout)).")
        }
    }

    /// The kiosk these options ask for.
    package var launch: KioskLaunch {
        var launch = KioskLaunch()
        launch.content = content.paths
        launch.storeOptions = storeOptions.paths
        launch.outbox = outbox.outbox
        launch.language = language
        launch.once = once
        launch.idleTimeout = idleTimeout
        launch.held = held
        return launch
    }

    package func run() throws { try launch.run() }
}
