import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand

struct PassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase",
        abstract: "Set the staff passphrase that closes the kiosk (kept as a slow salted scrypt hash beside the centre config, not in the store).")

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let passphrase = content.staffPassphrase(store: storeOptions.planStore)
        let first = try SecretPrompts.newSecret("staff passphrase", minimum: StaffPassphrase.minimumLength)
        do { try passphrase.set(first) } catch { throw RuntimeFailure(error) }
        print("The staff passphrase is set (\(passphrase.path)). Keep that file readable by the kiosk's user only.")
    }
}
