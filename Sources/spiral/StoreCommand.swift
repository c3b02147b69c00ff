import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralShared
import SpiralTerminal

/// The shared store (docs/shared-store.md): set it up, upgrade it, see what a kiosk has waiting,
/// and push a kiosk's outbox by hand.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Set up and check a shared PostgreSQL store for many kiosks, practitioners and centres.",
        subcommands: [Init.self, Migrate.self, Status.self, Push.self])

    /// `--store URL` for the store subcommands: required, from the option, SPIRAL_STORE or the config.
    struct Target: ParsableArguments {
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var content: ContentOptions

        func url() throws -> SharedStoreURL {
            let config = try? content.loadConfig()
            guard let url = try storeOptions.sharedURL(config: config) else {
                throw RuntimeFailure("Name the shared store: --store postgresql://USER:PASSWORD@HOST:5432/DATABASE (or set SPIRAL_STORE, or \"store\" in the centre config).", code: .usage)
            }
            return url
        }

        func open(_ url: SharedStoreURL) throws -> SharedDatabase {
            do { return try SharedDatabase.open(url) } catch { throw RuntimeFailure(error) }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the shared store's tables and roles (run as the database's owner; safe to run again).")

        @OptionGroup var target: Target

        @Option(help: "Add this centre (lower-case letters, digits, _) and make its kiosk and staff roles.")
        var centre: [String] = []

        @Flag(help: "Also make spiral_coordinator, who reads every centre's plans (for organisation-wide reports).")
        var coordinator = false

        @Flag(help: "Give existing centre roles new passwords (the old URLs stop working).")
        var newPasswords = false

        func validate() throws {
            if coordinator && centre.isEmpty { throw ValidationError("--coordinator needs a --centre to add it with.") }
        }

        func run() throws {
            let url = try target.url()
            let database = try target.open(url)
            do {
                let before = try SharedSchema.migrate(database)
                print(before == 0 ? "Created the Spiral schema (version \(SharedSchema.version)) on \(url)."
                                  : "The Spiral schema on \(url) is at version \(SharedSchema.version)" + (before < SharedSchema.version ? " (was \(before))." : "; nothing to do."))
                for (i, name) in centre.enumerated() {
                    let roles = try SharedCentres.add(name, coordinator: coordinator && i == 0, newPasswords: newPasswords, to: database)
                    print("\nCentre \(name):")
                    for role in roles {
                        var shown = url
                        shown.user = role.name
                        let address = shown.text(password: role.password ?? "")
                        let use = role.kind == "kiosk" ? "for this centre's kiosks (spiral kiosk --store …)"
                            : role.kind == "staff" ? "for this centre's practitioners (review, plan, export, watch)"
                            : "for organisation-wide reports (export --all)"
                        print("  \(role.name): \(use)")
                        print("    " + (role.password == nil ? "already exists; its password is unchanged (--new-passwords to make one)" : address))
                    }
                }
                if !centre.isEmpty {
                    print("\nThe passwords are shown this once. Put each URL in that machine's centre config (\"store\") or SPIRAL_STORE.")
                }
            } catch { throw RuntimeFailure(error) }
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upgrade the shared store's schema to this Spiral's version (run as the database's owner; safe to run again).")

        @OptionGroup var target: Target

        func run() throws {
            let database = try target.open(try target.url())
            do {
                let before = try SharedSchema.migrate(database)
                print(before < SharedSchema.version ? "Upgraded the Spiral schema from version \(before) to \(SharedSchema.version)."
                                                    : "The Spiral schema is at version \(SharedSchema.version); nothing to do.")
            } catch { throw RuntimeFailure(error) }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What this kiosk has waiting for the shared store, the last error, and whether the server answers.")

        @OptionGroup var target: Target
        @OptionGroup var outbox: OutboxOptions

        func run() throws {
            let url = try target.url()
            let box = outbox.box
            let status = box.status()
            let pending = box.pending()
            print("Shared store: \(url)")
            var reachable = true
            do {
                let database = try SharedSchema.open(url, timeout: .seconds(10))
                let who = try SharedCentres.whoAmI(database)
                print("Server: answering, schema version \(SharedSchema.version); role \(url.user) is " +
                      (who.kind == "coordinator" ? "an organisation-wide coordinator." : who.centre.map { "in centre \($0)." } ?? "in no centre."))
            } catch {
                reachable = false
                print("Server: \(error.description)")
            }
            print("Outbox: \(box.directory)")
            if let oldest = pending.first, let entry = box.read(oldest)?.entry {
                print("Waiting to send: \(pending.count) version(s), the oldest saved \(Self.ago(entry.savedAt)).")
            } else {
                print("Waiting to send: nothing.")
            }
            let refused = box.refused()
            if !refused.isEmpty { print("Refused by the server: \(refused.count) version(s), kept in \(box.directory)/queue/refused.") }
            print("Sent: \(status.pushed) version(s)" + (status.lastPushAt.map { ", the last \(Self.ago($0))." } ?? "."))
            if let error = status.lastError, let at = status.lastErrorAt {
                print("Last error (\(Self.ago(at))): \(error)")
            }
            if !reachable || !pending.isEmpty { throw ExitCode(pending.isEmpty ? 69 : 75) }
        }

        static func ago(_ date: Date) -> String {
            let seconds = Int(Date().timeIntervalSince(date))
            if seconds < 90 { return "\(max(seconds, 0)) seconds ago" }
            if seconds < 90 * 60 { return "\(seconds / 60) minutes ago" }
            if seconds < 48 * 3600 { return "\(seconds / 3600) hours ago" }
            return "\(seconds / 86400) days ago"
        }
    }

    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a kiosk's waiting versions to the shared store now (the kiosk does this itself in the background).")

        @OptionGroup var target: Target
        @OptionGroup var outbox: OutboxOptions

        @Flag(help: "Keep running: send each new version as it is saved, until stopped (what the kiosk starts).")
        var follow = false

        func run() throws {
            let url = try target.url()
            let box = outbox.box
            let log = StaffLog(path: box.plansDirectory + "/.kiosk.log", fallback: StaffLog.defaultFallback(), alsoToStandardError: !follow)
            let pusher = OutboxPusher(outbox: box, url: url, log: log)
            if follow {
                Signals.install()
                pusher.run(stop: { Signals.terminationRequested })
                return
            }
            let requeued = pusher.checkServerHoldsConfirmed()
            let result = pusher.pushQueued()
            print("Sent \(result.pushed) version(s)" + (requeued > 0 ? " (\(requeued) queued again: the server did not have them)" : "") + "; \(box.pending().count) waiting.")
            if let error = result.error { throw RuntimeFailure(error) }
        }
    }
}
