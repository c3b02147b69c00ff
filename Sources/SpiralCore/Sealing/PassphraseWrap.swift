@preconcurrency import Crypto
import _CryptoExtras
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// A secret sealed under a key derived from something a person types (the key passphrase, the
/// recovery code): scrypt, then ChaChaPoly. The parameters travel with the wrap, so they can be
/// raised later without breaking what is stored.
public struct PassphraseWrap: Codable, Sendable, Equatable {
    public var kdf = "scrypt"
    public var rounds: Int
    public var blockSize: Int
    public var parallelism: Int
    public var salt: Data
    /// ChaChaPoly combined: nonce, ciphertext, tag.
    public var sealed: Data

    /// N=2^17, r=8, p=1: 128 MB and about half a second here, once per practitioner command.
    /// OWASP's floor for scrypt is 2^17 with r=8; a stolen key file is attacked offline, so this
    /// is the one place where the cost must be high.
    public static let keyCost = SecretHash.Cost(rounds: 1 << 17, blockSize: 8, parallelism: 1)

    public static func seal(_ secret: Data, under passphrase: String, cost: SecretHash.Cost = keyCost,
                            context: String) throws -> PassphraseWrap {
        let salt = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        let key = try derive(passphrase, salt: salt, cost: cost)
        let box = try ChaChaPoly.seal(secret, using: key, authenticating: Data(context.utf8))
        return PassphraseWrap(rounds: cost.rounds, blockSize: cost.blockSize, parallelism: cost.parallelism,
                              salt: salt, sealed: box.combined)
    }

    /// nil when the passphrase is wrong (or the wrap was changed: the two cannot be told apart).
    public func open(with passphrase: String, context: String) -> Data? {
        guard kdf == "scrypt", rounds > 1, rounds <= 1 << 20, blockSize > 0, blockSize <= 32,
              parallelism > 0, parallelism <= 16,
              let key = try? Self.derive(passphrase, salt: salt, cost: .init(rounds: rounds, blockSize: blockSize, parallelism: parallelism)),
              let box = try? ChaChaPoly.SealedBox(combined: sealed) else { return nil }
        return try? ChaChaPoly.open(box, using: key, authenticating: Data(context.utf8))
    }

    static func derive(_ passphrase: String, salt: Data, cost: SecretHash.Cost) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: Array(UnicodeText.nfc(passphrase).utf8), salt: salt,
                                 outputByteCount: 32, rounds: cost.rounds, blockSize: cost.blockSize,
                                 parallelism: cost.parallelism)
    }
}
