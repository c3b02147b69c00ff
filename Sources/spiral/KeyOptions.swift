import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralShared

/// The centre key for practitioner commands: unlocked once per run when the centre seals its
/// plans, from a passphrase typed at the terminal or read from a file (`/dev/fd/3` for scripts).
struct KeyOptions: ParsableArguments {
    @Option(help: "The centre key file (default: $XDG_CONFIG_HOME/spiral/centre-key).")
    var keyFile: String?

    @Option(help: "Read the key passphrase from the first line of this file (e.g. /dev/fd/3) instead of asking.")
    var keyPassphraseFile: String?

    var keyPath: String { keyFile ?? CentreKeyFile.defaultPath() }

    /// The unlocked key, asking for the passphrase once.
    func unlock(_ file: CentreKeyFile, at path: String, what: String = "key passphrase") throws -> CentrePrivateKey {
        let secret = try SecretPrompts.existing("The centre's \(what) (\(path)):", file: keyPassphraseFile, what: what)
        do { return try file.unlock(secret, path: path) } catch { throw RuntimeFailure(error) }
    }

    /// The store as a practitioner sees it: when the centre seals plans (its config names a
    /// centre key) or a key file is given, with the centre key unlocked and the sealed listing
    /// cache; otherwise plain, and a sealed plan met on the way says it needs the key.
    func store(_ storeOptions: StoreOptions, config: CentreConfig) throws -> any PlanRepository {
        if let url = try storeOptions.sharedURL(config: config) { return try shared(url, config: config) }
        return try fileStore(storeOptions, config: config)
    }

    /// The shared store, opened with the centre key (the server holds only sealed plans).
    func shared(_ url: SharedStoreURL, config: CentreConfig) throws -> any PlanRepository {
        let database: SharedDatabase
        do { database = try SharedSchema.open(url) } catch { throw RuntimeFailure(error) }
        let file: CentreKeyFile
        do { file = try CentreKeyFile.read(keyPath) } catch {
            throw RuntimeFailure("The shared store holds only sealed plans, and reading them needs the centre key: \(error) Copy the centre key file here and name it with --key-file.", exit: 77)
        }
        let key = try unlock(file, at: keyPath)
        return PostgresPlanRepository(database: database, codec: SealedPlanCodec(centreKey: key.publicKey, privateKeys: [key]))
    }

    func fileStore(_ storeOptions: StoreOptions, config: CentreConfig) throws -> PlanStore {
        let plain = storeOptions.planStore
        guard config.sealingKey != nil || keyFile != nil else { return plain }
        let path = keyPath
        let file: CentreKeyFile
        do { file = try CentreKeyFile.read(path) } catch { throw RuntimeFailure(error) }
        if let configured = config.sealingKey, configured.id != file.keyID {
            let rotating = FileManager.default.fileExists(atPath: path + KeysCommand.rotatingSuffix)
            throw RuntimeFailure(rotating
                ? "A key rotation was started and not finished: run `spiral keys rotate` again to finish it."
                : "The key file \(path) holds key \(file.keyID), but the centre config seals plans to \(configured.id). Use that key's file (--key-file).",
                code: .noPermission)
        }
        let key = try unlock(file, at: path)
        var store = PlanStore(directory: plain.directory, codec: SealedPlanCodec(centreKey: key.publicKey, privateKeys: [key]))
        store.sealedListingCache = .sealed(forStore: plain.directory, key: key)
        store.rememberSavesSeen()
        return store
    }
}
