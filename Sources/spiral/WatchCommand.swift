import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralShared
import SpiralTerminal

/// For the duty worker: the plans that need someone now, and the bell when one arrives, from a
/// shared store (LISTEN/NOTIFY) or a folder of plan files (inotify).
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Duty worker: list the plans that need someone now (safety; something has not felt right) and ring the bell when one arrives.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var keyOptions: KeyOptions
    @OptionGroup var content: ContentOptions

    func run() throws {
        let config = try content.loadConfig()
        if let url = try storeOptions.sharedURL(config: config) {
            let feed: SharedAttention
            do {
                feed = SharedAttention(database: try SharedSchema.open(url))
                try feed.startListening()
            } catch { throw RuntimeFailure(error) }
            // The feed needs no centre key: the server keeps why a plan needs attention in clear,
            // and never the family's words.
            WatchScreen(location: url.description, interactive: Terminal.isInteractive).run(
                fetch: {
                    do { return .items(try feed.current()) } catch { return .problem("\(error)") }
                },
                wait: { feed.waitForChange(seconds: $0) })
            return
        }
        let store = try keyOptions.store(storeOptions, config: config)
        let changes = StoreChanges(directory: storeOptions.directory)
        WatchScreen(location: store.location, interactive: Terminal.isInteractive).run(
            fetch: {
                let listed = store.listings()
                return .items(AttentionItem.from(listed.listings))
            },
            wait: { seconds in
                if let changes { return changes.wait(seconds: seconds) }
                Thread.sleep(forTimeInterval: seconds)
                return false
            })
    }
}
