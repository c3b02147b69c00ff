import Crypto
import _CryptoExtras
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// A slow, salted hash for the staff passphrase and family PINs: scrypt, stored as
/// `scrypt$N$r$p$salt$hash` (base64), so the parameters can be raised later without breaking
/// what is stored. Nothing reversible is ever kept.
public enum SecretHash: Sendable {
    /// Cost for the staff passphrase: about 0.1 s here, slow enough to make guessing expensive.
    public static let passphraseCost = Cost(rounds: 1 << 15, blockSize: 8, parallelism: 1)
    /// A PIN has few possibilities, so the cost matters more than the hash: the kiosk also slows
    /// repeated wrong tries. The same work as N=2^14, p=1, in an eighth of the memory (2 MB, not
    /// 16): at 2^14 a family's session peaked at 44 MB against a 30 MB target (docs/benchmarks.md).
    /// Memory-hardness buys little for a 4–6 digit PIN; the file's 0600 and the tries' delay do.
    /// Hashes made with the earlier cost still verify: each carries its own parameters.
    public static let pinCost = Cost(rounds: 1 << 11, blockSize: 8, parallelism: 8)

    public struct Cost: Sendable, Equatable {
        public var rounds: Int
        public var blockSize: Int
        public var parallelism: Int
    }

    public static func make(_ secret: String, cost: Cost) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &rng) }
        let hash = derive(secret, salt: salt, cost: cost) ?? []
        return ["scrypt", String(cost.rounds), String(cost.blockSize), String(cost.parallelism),
                Data(salt).base64EncodedString(), Data(hash).base64EncodedString()].joined(separator: "$")
    }

    public static func verify(_ secret: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
              n > 1, n <= 1 << 20, r > 0, r <= 32, p > 0, p <= 16,
              let actual = derive(secret, salt: Array(salt), cost: Cost(rounds: n, blockSize: r, parallelism: p)),
              actual.count == expected.count else { return false }
        // Constant time: every byte is compared whatever the first difference.
        var difference: UInt8 = 0
        for (a, b) in zip(actual, expected) { difference |= a ^ b }
        return difference == 0
    }

    static func derive(_ secret: String, salt: [UInt8], cost: Cost) -> [UInt8]? {
        guard let key = try? KDF.Scrypt.deriveKey(from: Array(UnicodeText.nfc(secret).utf8), salt: salt,
                                                   outputByteCount: 32, rounds: cost.rounds,
                                                   blockSize: cost.blockSize, parallelism: cost.parallelism) else { return nil }
        return key.withUnsafeBytes { Array($0) }
    }
}
