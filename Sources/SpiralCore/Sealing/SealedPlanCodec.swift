@preconcurrency import Crypto
import Foundation

/// Plans sealed at rest. Each plan has its own random data key; its body and its listing fields
/// are sealed with it (ChaChaPoly, a fresh nonce every save, the clear header bound in as
/// authenticated data). The data key is wrapped to the centre's public key (HPKE) and, when the
/// family chose a PIN, under their PIN. So the kiosk, holding only the public key, opens a plan
/// only with its code and PIN; a practitioner with the unlocked centre key opens every plan.
///
/// Plain plans (written before sealing was set up) still read, and are sealed on their next save.
public struct SealedPlanCodec: PlanCodec {
    /// New plans and new wraps go to this key.
    public let centreKey: CentrePublicKey
    /// Keys that open plans: the centre's, and during a rotation the one being retired. Empty at
    /// the kiosk.
    public let privateKeys: [CentrePrivateKey]
    let keyring = PlanKeyring()
    private let plain = JSONPlanCodec()

    public init(centreKey: CentrePublicKey, privateKeys: [CentrePrivateKey] = []) {
        self.centreKey = centreKey
        self.privateKeys = privateKeys
    }

    public var seals: Bool { true }

    /// Save counters seen before (the practitioner's cache): an older copy is refused.
    public func noteSeen(_ counters: [String: Int]) { keyring.noteSeen(counters) }

    // MARK: Writing

    public func encode(_ plan: Plan) throws -> Data {
        let code = plan.code
        var entry = try keyring.entry(code) ?? newEntry(for: plan)
        if entry.centreKeyID != centreKey.id {
            entry.centreWrap = try SealedEnvelope.wrap(entry.dataKey, to: centreKey, code: code)
            entry.centreKeyID = centreKey.id
        }
        if let hash = plan.pinHash, hash != entry.pinHash {
            entry.pinWrap = SealedEnvelope.pinWrap(entry.dataKey, pinHash: hash, code: code)
            entry.pinHash = hash
        }
        entry.saveCounter = max(entry.saveCounter, keyring.seenCounter(code)) + 1
        let clearBody = try plain.encode(plan)
        let clearListing = try JSONEncoder().encode(PlanListing(plan))
        var envelope = SealedEnvelope(code: code, schemaVersion: plan.schemaVersion, saveCounter: entry.saveCounter,
                                      createdAt: Self.stamp(plan.createdAt), updatedAt: Self.stamp(plan.updatedAt),
                                      bodySize: clearBody.count, centreKeyID: entry.centreKeyID, centreWrap: entry.centreWrap,
                                      pinWrap: entry.pinWrap, listing: Data())
        envelope.listing = try ChaChaPoly.seal(clearListing, using: entry.dataKey, authenticating: envelope.authenticated("listing")).combined
        let body = try ChaChaPoly.seal(clearBody, using: entry.dataKey, authenticating: envelope.authenticated("body")).combined
        let file = try envelope.file(body: body)
        keyring.remember(code, entry)
        return file
    }

    private func newEntry(for plan: Plan) throws -> PlanKeyring.Entry {
        let key = SymmetricKey(size: .bits256)
        return PlanKeyring.Entry(dataKey: key, saveCounter: 0, createdAt: Self.stamp(plan.createdAt), centreKeyID: centreKey.id,
                                 centreWrap: try SealedEnvelope.wrap(key, to: centreKey, code: plan.code), pinWrap: nil, pinHash: nil)
    }

    /// Seconds since 1970 with milliseconds: exact, and needs no date formatter.
    static func stamp(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded())) }

    // MARK: Reading

    public func decode(_ data: Data) throws -> Plan {
        guard let envelope = SealedEnvelope.header(of: data) else { return try plain.decode(data) }
        return try open(envelope, data, key: try dataKey(for: envelope))
    }

    public func open(_ data: Data, pin: String) throws -> Plan? {
        // A plan written before sealing: its PIN hash, as before (sealed on its next save).
        guard let envelope = SealedEnvelope.header(of: data) else { return PlanCodecs.open(try plain.decode(data), pin: pin) }
        guard let wrap = envelope.pinWrap else {
            _ = SecretHash.verify(pin, against: PinRules.decoyHash)  // the same time as a plan with a PIN
            return nil
        }
        guard let key = SealedEnvelope.unwrap(wrap, pin: pin, code: envelope.code) else { return nil }
        return try open(envelope, data, key: key)
    }

    public func listing(from data: Data) throws -> (listing: PlanListing, saveCounter: Int) {
        guard let envelope = SealedEnvelope.header(of: data) else { return (PlanListing(try plain.decode(data)), 0) }
        if envelope.schemaVersion > Plan.currentSchemaVersion { throw PlanCodecError.newerSchema(version: envelope.schemaVersion) }
        let key = try dataKey(for: envelope)
        guard let box = try? ChaChaPoly.SealedBox(combined: envelope.listing),
              let clear = try? ChaChaPoly.open(box, using: key, authenticating: envelope.authenticated("listing")) else {
            throw SealingError.tampered(code: envelope.code, part: "listing")
        }
        guard var listing = try? JSONDecoder().decode(PlanListing.self, from: clear) else {
            throw PlanCodecError.undecodable(reason: "the sealed listing does not decode")
        }
        try checkNotOlder(envelope)
        listing.code = envelope.code
        return (listing, envelope.saveCounter)
    }

    private func dataKey(for envelope: SealedEnvelope) throws -> SymmetricKey {
        if let entry = keyring.entry(envelope.code) { return entry.dataKey }
        let held = privateKeys.first { $0.publicKey.id == envelope.centreKeyID }
        guard let held else {
            if let mine = privateKeys.first {
                throw SealingError.otherKey(code: envelope.code, planKey: envelope.centreKeyID, heldKey: mine.publicKey.id)
            }
            throw SealingError.locked(code: envelope.code)
        }
        guard let key = envelope.unwrap(with: held) else { throw SealingError.tampered(code: envelope.code, part: "key") }
        return key
    }

    private func checkNotOlder(_ envelope: SealedEnvelope) throws {
        let seen = keyring.seenCounter(envelope.code)
        if envelope.saveCounter < seen { throw SealingError.older(code: envelope.code, counter: envelope.saveCounter, seen: seen) }
    }

    private func open(_ envelope: SealedEnvelope, _ data: Data, key: SymmetricKey) throws -> Plan {
        if envelope.schemaVersion > Plan.currentSchemaVersion { throw PlanCodecError.newerSchema(version: envelope.schemaVersion) }
        guard let sealed = SealedEnvelope.body(of: data), let box = try? ChaChaPoly.SealedBox(combined: sealed),
              let clear = try? ChaChaPoly.open(box, using: key, authenticating: envelope.authenticated("body")) else {
            throw SealingError.tampered(code: envelope.code, part: "body")
        }
        try checkNotOlder(envelope)
        let plan = try plain.decode(clear)
        guard plan.code == envelope.code else { throw SealingError.tampered(code: envelope.code, part: "body") }
        keyring.remember(envelope.code, PlanKeyring.Entry(
            dataKey: key, saveCounter: envelope.saveCounter, createdAt: envelope.createdAt, centreKeyID: envelope.centreKeyID,
            centreWrap: envelope.centreWrap, pinWrap: envelope.pinWrap, pinHash: envelope.pinWrap == nil ? nil : plan.pinHash))
        return plan
    }

    // MARK: Rotation

    /// The same file with its data key re-wrapped to `newKey`: the body and listing bytes are
    /// kept as they are (they are bound to the clear header, not to the wrap).
    public func rewrapped(_ data: Data, to newKey: CentrePublicKey) throws -> Data? {
        guard var envelope = SealedEnvelope.header(of: data), let body = SealedEnvelope.body(of: data) else { return nil }
        if envelope.centreKeyID == newKey.id { return nil }
        let key = try dataKey(for: envelope)
        envelope.centreWrap = try SealedEnvelope.wrap(key, to: newKey, code: envelope.code)
        envelope.centreKeyID = newKey.id
        return try envelope.file(body: body)
    }

    /// Whether `data` is a sealed plan, and to which key.
    public static func sealedKeyID(of data: Data) -> String? { SealedEnvelope.header(of: data)?.centreKeyID }
}
