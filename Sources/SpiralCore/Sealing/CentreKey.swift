@preconcurrency import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The centre's public key (X25519): every plan's data key is wrapped to it, so whoever holds the
/// private key can open every plan of the centre. The kiosk holds only this half.
public struct CentrePublicKey: Sendable, Equatable {
    public let key: Curve25519.KeyAgreement.PublicKey

    public init(_ key: Curve25519.KeyAgreement.PublicKey) { self.key = key }

    /// From the centre config's `centreKey`: the 32 raw bytes in base64.
    public init?(base64: String) {
        guard let raw = Data(base64Encoded: base64.trimmingSpaces),
              let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else { return nil }
        self.key = key
    }

    public var base64: String { key.rawRepresentation.base64EncodedString() }

    /// A short name for the key that can be said aloud and written in every sealed plan, so a
    /// plan sealed to another centre's key is named as such (the first 8 bytes of its SHA-256).
    public var id: String { Self.id(of: key.rawRepresentation) }

    static func id(of raw: Data) -> String {
        let digits = Array("0123456789abcdef")
        return String(SHA256.hash(data: raw).prefix(8).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    public static func == (a: Self, b: Self) -> Bool { a.key.rawRepresentation == b.key.rawRepresentation }
}

/// The unlocked private key, in memory for one practitioner command only.
public struct CentrePrivateKey: Sendable {
    public let key: Curve25519.KeyAgreement.PrivateKey

    public init(_ key: Curve25519.KeyAgreement.PrivateKey) { self.key = key }

    public static func generate() -> CentrePrivateKey { CentrePrivateKey(Curve25519.KeyAgreement.PrivateKey()) }

    public var publicKey: CentrePublicKey { CentrePublicKey(key.publicKey) }

    /// A key for the practitioner's own caches (the sealed listing cache), derived from the
    /// private key so that nothing else needs keeping.
    func derivedKey(for purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: key.rawRepresentation),
                               info: Data("spiral \(purpose)".utf8), outputByteCount: 32)
    }
}

/// Why a sealed file cannot be opened. Messages name files and what to do, never a family's words.
public enum SealingError: Error, Equatable, CustomStringConvertible {
    /// The plan is sealed and this process holds no key that opens it.
    case locked(code: String)
    /// Sealed to a centre key this process does not hold.
    case otherKey(code: String, planKey: String, heldKey: String)
    /// The sealed contents do not verify: changed on disk, damaged, or swapped from another plan.
    case tampered(code: String, part: String)
    /// An older save than one already seen: a copy put back in place of the plan.
    case older(code: String, counter: Int, seen: Int)

    public var description: String {
        switch self {
        case let .locked(code):
            return "The plan \(code) is sealed. Open it with the centre key (--key-file, see docs/sealing.md)."
        case let .otherKey(code, planKey, heldKey):
            return "The plan \(code) is sealed to another centre key (\(planKey)); this key is \(heldKey). Use that centre's key file."
        case let .tampered(code, part):
            return "The plan \(code) does not verify (its \(part) was changed or damaged, or belongs to another plan). It was not opened; restore it from a back-up."
        case let .older(code, counter, seen):
            return "The plan \(code) is an older save (\(counter)) than one already seen here (\(seen)): an old copy may have been put in its place. It was not opened; check it with your coordinator."
        }
    }
}
