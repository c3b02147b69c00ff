import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "The centre key that seals every plan (docs/sealing.md).",
        subcommands: [KeysInit.self, KeysRotate.self, KeysRecover.self])

    static let rotatingSuffix = ".rotating"
    static let minimumPassphrase = 12

    /// What every centre must hear when a key is made.
    static let lossWarning = """
        Keep the key file and its passphrase with the practitioners, and the recovery code on paper in a \
        safe place. Without the passphrase AND without the recovery code, every sealed plan is lost for \
        good: nobody, including Spiral's makers, can open them.
        """
}

struct KeysInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make the centre's key pair: the public key goes into the centre config, the private key (wrapped) into the key file.")

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Where to write the wrapped private key (default: $XDG_CONFIG_HOME/spiral/centre-key).")
    var keyFile: String?

    @Flag(help: "Then seal every plan already in the store, in place (safe to run again after an interruption).")
    var sealExisting = false

    func run() throws {
        let keyPath = keyFile ?? CentreKeyFile.defaultPath()
        let configPath = content.configPathForWriting
        let config = try content.loadConfig()
        let publicKey: CentrePublicKey
        if sealExisting, FileManager.default.fileExists(atPath: keyPath) {
            // Carrying on after an interruption: the key is made; sealing needs only its public half.
            let file: CentreKeyFile
            do { file = try CentreKeyFile.read(keyPath) } catch { throw RuntimeFailure(error) }
            guard let key = CentrePublicKey(base64: file.publicKey) else { throw RuntimeFailure(CentreKeyFile.Failure.notAKeyFile(file: keyPath)) }
            if let configured = config.sealingKey, configured != key {
                throw RuntimeFailure("The centre config \(configPath) seals to key \(configured.id), not to \(key.id) in \(keyPath). Give the matching --key-file.", code: .dataError)
            }
            publicKey = key
            print("Using the centre key already in \(keyPath) (key \(key.id)).")
        } else {
            if let configured = config.sealingKey {
                throw RuntimeFailure("The centre config \(configPath) already has a centre key (\(configured.id)). Plans are sealed to it: keep it. To change keys use `spiral keys rotate`.", code: .cannotCreate)
            }
            if FileManager.default.fileExists(atPath: keyPath) { throw RuntimeFailure(CentreKeyFile.Failure.exists(file: keyPath)) }
            print("The key passphrase unlocks every plan of the centre: choose a long one, and share it only with practitioners.")
            let passphrase = try SecretPrompts.newSecret("key passphrase", minimum: KeysCommand.minimumPassphrase)
            let key = CentrePrivateKey.generate()
            let made = try CentreKeyFile.make(for: key, passphrase: passphrase)
            do { try made.file.write(to: keyPath) } catch { throw RuntimeFailure(error) }
            publicKey = key.publicKey
            print("""

                The centre key \(key.publicKey.id) is made.
                  Private key (wrapped under the passphrase): \(keyPath) (mode 600)

                Recovery code — write it down now, it is shown only once:

                    \(made.recoveryCode)

                \(KeysCommand.lossWarning)

                """)
        }
        do { try CentreConfig.setCentreKey(publicKey, inFileAt: configPath) } catch {
            throw RuntimeFailure("\(error) The key file is made; run this again with --seal-existing once the config can be written.", code: .ioError)
        }
        print("The centre config \(configPath) now seals new plans to \(publicKey.id). The kiosk needs only that file, never the key file.")
        guard sealExisting else {
            print("Plans already in the store stay unsealed until saved again; run `spiral keys init --seal-existing` to seal them now.")
            return
        }
        let store = PlanStore(directory: storeOptions.directory, codec: SealedPlanCodec(centreKey: publicKey))
        let report = try StoreSealing.sealExisting(store)
        print(report.summary)
        if report.failed > 0 { throw RuntimeFailure("\(report.failed) plan(s) could not be sealed; they are unchanged. Fix what is named above and run this again.", code: .ioError) }
    }
}

struct KeysRotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Move every plan to a new centre key (a new passphrase and recovery code), re-wrapping each plan's key without re-sealing its contents.")

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var keyOptions: KeyOptions

    @Option(help: "Read the new key passphrase from the first line of this file instead of asking twice.")
    var newPassphraseFile: String?

    func run() throws {
        let keyPath = keyOptions.keyPath
        let nextPath = keyPath + KeysCommand.rotatingSuffix
        let configPath = content.configPathForWriting
        guard FileManager.default.fileExists(atPath: configPath) else {
            throw RuntimeFailure("No centre config was found at \(configPath): give it with --config.", code: .noInput)
        }
        let oldFile: CentreKeyFile
        do { oldFile = try CentreKeyFile.read(keyPath) } catch { throw RuntimeFailure(error) }
        let oldKey = try keyOptions.unlock(oldFile, at: keyPath)

        // The new key is written beside the old one before anything moves, so an interrupted
        // rotation is carried on (with the new passphrase) rather than started again.
        let newKey: CentrePrivateKey
        if FileManager.default.fileExists(atPath: nextPath) {
            let next: CentreKeyFile
            do { next = try CentreKeyFile.read(nextPath) } catch { throw RuntimeFailure(error) }
            print("Carrying on the rotation to key \(next.keyID) that was started earlier.")
            let secret = try SecretPrompts.existing("The NEW key passphrase chosen when the rotation started:", file: newPassphraseFile, what: "new key passphrase")
            do { newKey = try next.unlock(secret, path: nextPath) } catch { throw RuntimeFailure(error) }
        } else {
            let passphrase = try newPassphraseFile.map { try SecretPrompts.existing("", file: $0, what: "new key passphrase") }
                ?? SecretPrompts.newSecret("key passphrase for the new key", minimum: KeysCommand.minimumPassphrase)
            guard passphrase.count >= KeysCommand.minimumPassphrase else {
                throw RuntimeFailure("The new key passphrase in \(newPassphraseFile ?? "") is too short: use at least \(KeysCommand.minimumPassphrase) characters.", code: .dataError)
            }
            newKey = .generate()
            let made = try CentreKeyFile.make(for: newKey, passphrase: passphrase)
            do { try made.file.write(to: nextPath) } catch { throw RuntimeFailure(error) }
            print("""
                New centre key \(newKey.publicKey.id). Its recovery code — write it down now, shown only once:

                    \(made.recoveryCode)

                \(KeysCommand.lossWarning)

                """)
        }
        // From here the kiosk seals new plans to the new key.
        do { try CentreConfig.setCentreKey(newKey.publicKey, inFileAt: configPath) } catch { throw RuntimeFailure("\(error)", code: .ioError) }
        let store = PlanStore(directory: storeOptions.directory,
                              codec: SealedPlanCodec(centreKey: newKey.publicKey, privateKeys: [oldKey, newKey]))
        var report = StoreSealing.rewrapAll(store, to: newKey.publicKey)
        // Once more: a kiosk that was mid-session with the old key may have saved meanwhile.
        let sweep = StoreSealing.rewrapAll(store, to: newKey.publicKey)
        report.done += sweep.done
        report.failed = sweep.failed
        report.problems = sweep.problems
        print(report.summary)
        guard report.failed == 0 else {
            throw RuntimeFailure("\(report.failed) plan(s) are still on the old key (named above). Fix that, then run `spiral keys rotate` again to finish.", code: .ioError)
        }
        let retired = keyPath + ".retired-" + oldFile.keyID
        // A copy kept first, then the new file renamed over the old in one step: killed at any
        // moment, there is always a key file at keyPath.
        do { try CentreKeyFile.retire(keyPath, to: retired, replacingWith: nextPath) } catch {
            throw RuntimeFailure("Every plan is on the new key, but the key files could not be renamed (\(error)): move \(nextPath) to \(keyPath) by hand.", code: .ioError)
        }
        print("""
            Rotation finished: \(keyPath) now holds key \(newKey.publicKey.id).
            The old key is kept as \(retired): it opens back-ups made before today. Delete it when \
            those back-ups expire, or now if the old key or passphrase was exposed.
            """)
    }
}

struct KeysRecover: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Set a new key passphrase with the recovery code, when the passphrase is lost.")

    @OptionGroup var keyOptions: KeyOptions

    func run() throws {
        let path = keyOptions.keyPath
        var file: CentreKeyFile
        do { file = try CentreKeyFile.read(path) } catch { throw RuntimeFailure(error) }
        let code = try SecretPrompts.existing("The recovery code (letters and digits, dashes optional):", file: keyOptions.keyPassphraseFile, what: "recovery code")
        let key: CentrePrivateKey
        do { key = try file.unlock(code, recovery: true, path: path) } catch {
            throw RuntimeFailure("That recovery code does not open \(path). Check it letter by letter (0 and O, 1 and I read the same).", code: .noPermission)
        }
        let passphrase = try SecretPrompts.newSecret("key passphrase", minimum: KeysCommand.minimumPassphrase)
        let made = try CentreKeyFile.make(for: key, passphrase: passphrase)
        file.passphrase = made.file.passphrase
        do { try file.write(to: path, replacing: true) } catch { throw RuntimeFailure(error) }
        print("The key passphrase of \(path) is changed. The recovery code is the same as before.")
    }
}
