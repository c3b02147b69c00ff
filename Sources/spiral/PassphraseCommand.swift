import ArgumentParser
import Foundation
import SpiralCore
import SpiralTerminal

struct PassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase",
        abstract: "Set the staff passphrase that closes the kiosk (kept as a slow salted scrypt hash beside the centre config, not in the store).")

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let passphrase = content.staffPassphrase(store: storeOptions.planStore)
        let reader = Terminal.makeLineReader()
        defer { Terminal.restore() }
        func ask(_ prompt: String) throws -> String {
            Terminal.write(prompt + "\n")
            guard case let .line(text) = reader.readSecret(prompt: "› ", idleTimeout: nil) else {
                throw RuntimeFailure("No passphrase was set.", code: .cancelled)
            }
            return text
        }
        // Asked again until it is long enough and typed the same twice (a script's piped input
        // that ends stops it).
        while true {
            let first = try ask("New staff passphrase (at least \(StaffPassphrase.minimumLength) characters; a dot shows for each key):")
            guard first.count >= StaffPassphrase.minimumLength else {
                print("That passphrase is too short: please use at least \(StaffPassphrase.minimumLength) characters.")
                continue
            }
            let second = try ask("Type it again:")
            guard first == second else {
                print("The two passphrases were different. Please try again.")
                continue
            }
            do { try passphrase.set(first) } catch { throw RuntimeFailure(error) }
            print("The staff passphrase is set (\(passphrase.path)). Keep that file readable by the kiosk's user only.")
            return
        }
    }
}
