@preconcurrency import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A sealed plan file: one line of header in clear, then the body.
///
///     {"bodySize":…,"centreKeyID":…,"centreWrap":{…},"code":"K7M2PQ",…,"sealed":"spiral-sealed-plan-1",…}
///     <base64 of the body: ChaChaPoly nonce, ciphertext and tag>
///
/// In clear, only what a store needs: the code (the file's name has it anyway), the plan format,
/// the save counter, when it was created and last saved, sizes, and which centre key it is sealed
/// to. Everything a family said, their name, flags and counts are in `listing` and the body, both
/// sealed under the plan's own data key. The header is one short line so that listing many plans
/// reads the small sealed `listing`, never the body.
struct SealedEnvelope: Codable, Sendable {
    static let format = "spiral-sealed-plan-1"

    var sealed: String = SealedEnvelope.format
    var code: String
    var schemaVersion: Int
    /// One more on every save: bound into the sealed parts, so an older copy put back in place is
    /// seen for what it is by anyone who saw a later one.
    var saveCounter: Int
    var createdAt: String
    var updatedAt: String
    var bodySize: Int
    var centreKeyID: String
    var centreWrap: CentreWrap
    var pinWrap: PinWrap?
    /// The plan's listing fields (name, flags, counts), sealed: ChaChaPoly combined.
    var listing: Data

    /// The data key wrapped to the centre's public key: HPKE (RFC 9180), base mode,
    /// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305.
    struct CentreWrap: Codable, Sendable, Equatable {
        var encapsulatedKey: Data
        var sealed: Data
    }

    /// The data key wrapped under a key made from the family's PIN: scrypt with the plan's own
    /// salt and the parameters here (the same derivation as the PIN's hash), then HKDF-SHA256 with
    /// the plan's code, then ChaChaPoly.
    struct PinWrap: Codable, Sendable, Equatable {
        var rounds: Int
        var blockSize: Int
        var parallelism: Int
        var salt: Data
        var sealed: Data
    }

    /// What the sealed parts are bound to: every field in clear but the wraps (so a rotation can
    /// re-wrap without touching the body). A body moved to another plan, or a clear field edited,
    /// fails to open.
    func authenticated(_ part: String) -> Data {
        Data("spiral plan \(part)|\(code)|\(schemaVersion)|\(saveCounter)|\(createdAt)|\(updatedAt)|\(bodySize)".utf8)
    }

    static func hpkeInfo(code: String) -> Data { Data("spiral plan key|\(code)".utf8) }
    static var suite: HPKE.Ciphersuite { .Curve25519_SHA256_ChachaPoly }

    // MARK: The file's bytes

    func file(body: Data) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = try encoder.encode(self)
        out.append(10)
        out.append(body.base64EncodedData())
        out.append(10)
        return out
    }

    /// The header alone (nil when the data is not a sealed plan: a plain JSON plan starts "{\n").
    static func header(of data: Data) -> SealedEnvelope? {
        guard let newline = data.firstIndex(of: 10), newline - data.startIndex > 2 else { return nil }
        let line = data[data.startIndex..<newline]
        guard line.count < 64 * 1024, let envelope = try? JSONDecoder().decode(SealedEnvelope.self, from: line),
              envelope.sealed == format else { return nil }
        return envelope
    }

    static func isSealed(_ data: Data) -> Bool {
        data.starts(with: Data("{\"bodySize\"".utf8)) && header(of: data) != nil
    }

    /// The body's sealed bytes.
    static func body(of data: Data) -> Data? {
        guard let newline = data.firstIndex(of: 10) else { return nil }
        var rest = data[(newline + 1)...]
        while rest.last == 10 { rest = rest.dropLast() }
        return Data(base64Encoded: Data(rest))
    }

    // MARK: Wrapping the data key

    static func wrap(_ dataKey: SymmetricKey, to centre: CentrePublicKey, code: String) throws -> CentreWrap {
        var sender = try HPKE.Sender(recipientKey: centre.key, ciphersuite: suite, info: hpkeInfo(code: code))
        let sealed = try dataKey.withUnsafeBytes { try sender.seal(Data($0)) }
        return CentreWrap(encapsulatedKey: sender.encapsulatedKey, sealed: sealed)
    }

    func unwrap(with key: CentrePrivateKey) -> SymmetricKey? {
        guard var recipient = try? HPKE.Recipient(privateKey: key.key, ciphersuite: Self.suite, info: Self.hpkeInfo(code: code),
                                                  encapsulatedKey: centreWrap.encapsulatedKey),
              let raw = try? recipient.open(centreWrap.sealed), raw.count == 32 else { return nil }
        return SymmetricKey(data: raw)
    }

    /// A PIN wrap made from the PIN's stored hash (`scrypt$N$r$p$salt$hash`): the family's PIN
    /// gives the same hash again at the kiosk, and nothing else does.
    static func pinWrap(_ dataKey: SymmetricKey, pinHash: String, code: String) -> PinWrap? {
        let parts = pinHash.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              let salt = Data(base64Encoded: parts[4]), let hash = Data(base64Encoded: parts[5]) else { return nil }
        let key = pinKey(hash: Array(hash), code: code)
        guard let sealed = try? dataKey.withUnsafeBytes({ try ChaChaPoly.seal(Data($0), using: key).combined }) else { return nil }
        return PinWrap(rounds: n, blockSize: r, parallelism: p, salt: salt, sealed: sealed)
    }

    /// The data key, when `pin` is the family's PIN. Always does the scrypt work, so that a wrong
    /// PIN costs the same time as a right one.
    static func unwrap(_ wrap: PinWrap, pin: String, code: String) -> SymmetricKey? {
        guard wrap.rounds > 1, wrap.rounds <= 1 << 20, wrap.blockSize > 0, wrap.blockSize <= 32,
              wrap.parallelism > 0, wrap.parallelism <= 16,
              let hash = SecretHash.derive(pin, salt: Array(wrap.salt),
                                           cost: .init(rounds: wrap.rounds, blockSize: wrap.blockSize, parallelism: wrap.parallelism)),
              let box = try? ChaChaPoly.SealedBox(combined: wrap.sealed),
              let raw = try? ChaChaPoly.open(box, using: pinKey(hash: hash, code: code)), raw.count == 32 else { return nil }
        return SymmetricKey(data: raw)
    }

    private static func pinKey(hash: [UInt8], code: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: hash), info: Data("spiral plan pin|\(code)".utf8), outputByteCount: 32)
    }
}

/// A whole file sealed to the centre's key (HPKE, the same suite as plans): for what the kiosk
/// writes outside the store, such as answers held for staff.
struct SealedRecord: Codable, Sendable {
    static let format = "spiral-sealed-record-1"
    var sealed: String = SealedRecord.format
    var centreKeyID: String
    var encapsulatedKey: Data
    var ciphertext: Data

    static func seal(_ clear: Data, to key: CentrePublicKey, purpose: String) throws -> Data {
        var sender = try HPKE.Sender(recipientKey: key.key, ciphersuite: SealedEnvelope.suite, info: Data("spiral \(purpose)".utf8))
        let record = SealedRecord(centreKeyID: key.id, encapsulatedKey: sender.encapsulatedKey, ciphertext: try sender.seal(clear))
        return try JSONEncoder().encode(record)
    }

    func open(with key: CentrePrivateKey, purpose: String) -> Data? {
        guard var recipient = try? HPKE.Recipient(privateKey: key.key, ciphersuite: SealedEnvelope.suite,
                                                  info: Data("spiral \(purpose)".utf8), encapsulatedKey: encapsulatedKey) else { return nil }
        return try? recipient.open(ciphertext)
    }
}
