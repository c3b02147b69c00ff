import ArgumentParser
import SpiralCore

/// The kiosk's own folder beside a shared store: its plans, and the queue the pusher sends.
package struct OutboxOptions: ParsableArguments {
    package init() {}

    @Option(help: "The kiosk's own store and its queue for the shared store (default: $XDG_DATA_HOME/spiral/outbox).")
    package var outbox: String?

    package var box: Outbox { Outbox(directory: outbox ?? Outbox.defaultDirectory()) }
}
