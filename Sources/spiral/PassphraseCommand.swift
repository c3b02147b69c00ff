import ArgumentParser
import Foundation
import SpiralCore
import SpiralTerminal

struct PassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase",
        abstract: "Set the staff passphrase that closes the kiosk (kept only as a slow salted scrypt hash in the store).")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = storeOptions.planStore
        let reader = Terminal.makeLineReader()
        defer { Terminal.restore() }
        func ask(_ prompt: String) throws -> String {
            Terminal.write(prompt + "\n")
            guard case let .line(text) = reader.readSecret(prompt: "› ", idleTimeout: nil) else {
                throw ValidationError("No passphrase was set.")
            }
            return text
        }
        let first = try ask("New staff passphrase (at least 8 characters; it won't show as you type):")
        guard first.count >= 8 else { throw ValidationError("That passphrase is too short: use at least 8 characters. Nothing was changed.") }
        let second = try ask("Type it again:")
        guard first == second else { throw ValidationError("The two passphrases were different. Nothing was changed; please try again.") }
        do { try store.setStaffPassphrase(first) } catch { throw ValidationError(error.description) }
        print("The staff passphrase is set for the kiosk using \(store.directory).")
    }
}
