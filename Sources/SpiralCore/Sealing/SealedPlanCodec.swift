@preconcurrency import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
        // The PIN's hash is not kept in a sealed plan: the PIN wrap is its check, and the hash
        // would be a way to the wrap's key for anyone who ever read the body.
        var stored = plan
        stored.pinHash = nil
        let clearBody = try plain.encode(stored)
        let clearListing = try JSONEncoder().encode(PlanListing(plan))
        var envelope = SealedEnvelope(code: code, schemaVersion: plan.schemaVersion, saveCounter: entry.saveCounter,
                                      createdAt: Self.stamp(plan.createdAt), updatedAt: Self.stamp(plan.updatedAt),
                                      bodySize: clearBody.count, centreKeyID: entry.centreKeyID, centreWrap: entry.centreWrap,
                                      pinWrap: entry.pinWrap, listing: Data())
        envelope.listing = try ChaChaPoly.seal(clearListing, using: entry.dataKey, authenticating: envelope.authenticated("listing")).combined
        let body = try ChaChaPoly.seal(clearBody, using: entry.dataKey, authenticating: envelope.authenticated("body")).combined
        let file = try envelope.file(body: body)
        entry.olderKeys = []
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
        guard let envelope = SealedEnvelope.header(of: data) else {
            try refuseDamagedHeader(data)
            return try plain.decode(data)
        }
        let keys = try dataKeys(for: envelope)
        return try open(envelope, data, keys: keys)
    }

    /// A file that starts like a sealed plan but whose header does not read is a damaged sealed
    /// plan, never a plain one (which would be set aside and replaced).
    private func refuseDamagedHeader(_ data: Data) throws {
        if data.starts(with: Data("{\"bodySize\"".utf8)) || data.prefix(4096).firstRange(of: Array("\"sealed\":\"spiral-sealed-plan".utf8)) != nil {
            throw SealingError.tampered(code: "?", part: "header")
        }
    }

    public func open(_ data: Data, pin: String) throws -> Plan? {
        // A plan written before sealing: its PIN hash, as before (sealed on its next save).
        guard let envelope = SealedEnvelope.header(of: data) else {
            try refuseDamagedHeader(data)
            return PlanCodecs.open(try plain.decode(data), pin: pin)
        }
        guard let wrap = envelope.pinWrap else {
            _ = SecretHash.verify(pin, against: PinRules.decoyHash)  // the same time as a plan with a PIN
            return nil
        }
        guard let key = SealedEnvelope.unwrap(wrap, pin: pin, code: envelope.code) else { return nil }
        let plan = try open(envelope, data, keys: [key])
        rekey(envelope.code, pin: pin, opening: key)
        return plan
    }

    /// With the family's PIN in hand, the plan gets a new data key, a new PIN wrap with a new
    /// salt, and a new centre wrap, used from its next save: a key or PIN hash learnt from an
    /// older copy (a back-up from before sealing, say) opens nothing saved after this visit.
    private func rekey(_ code: String, pin: String, opening old: SymmetricKey) {
        guard var entry = keyring.entry(code) else { return }
        let fresh = SymmetricKey(size: .bits256)
        let hash = SecretHash.make(pin, cost: SecretHash.pinCost)
        guard let centreWrap = try? SealedEnvelope.wrap(fresh, to: centreKey, code: code),
              let pinWrap = SealedEnvelope.pinWrap(fresh, pinHash: hash, code: code) else { return }
        entry.olderKeys = [old]
        entry.dataKey = fresh
        entry.centreWrap = centreWrap
        entry.centreKeyID = centreKey.id
        entry.pinWrap = pinWrap
        entry.pinHash = hash
        keyring.remember(code, entry)
    }

    public func listing(from data: Data) throws -> (listing: PlanListing, saveCounter: Int) {
        guard let envelope = SealedEnvelope.header(of: data) else { return try plain.listing(from: data) }
        if envelope.schemaVersion > Plan.currentSchemaVersion { throw PlanCodecError.newerSchema(version: envelope.schemaVersion) }
        let keys = try dataKeys(for: envelope)
        guard let box = try? ChaChaPoly.SealedBox(combined: envelope.listing),
              let clear = keys.lazy.compactMap({ try? ChaChaPoly.open(box, using: $0, authenticating: envelope.authenticated("listing")) }).first else {
            throw SealingError.tampered(code: envelope.code, part: "listing")
        }
        guard var listing = try? JSONDecoder().decode(PlanListing.self, from: clear) else {
            throw PlanCodecError.undecodable(reason: "the sealed listing does not decode")
        }
        try checkNotOlder(envelope)
        listing.code = envelope.code
        return (listing, envelope.saveCounter)
    }

    private func dataKeys(for envelope: SealedEnvelope) throws -> [SymmetricKey] {
        if let entry = keyring.entry(envelope.code) { return [entry.dataKey] + entry.olderKeys }
        return [try dataKey(for: envelope)]
    }

    private func dataKey(for envelope: SealedEnvelope) throws -> SymmetricKey {
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

    private func open(_ envelope: SealedEnvelope, _ data: Data, keys: [SymmetricKey]) throws -> Plan {
        if envelope.schemaVersion > Plan.currentSchemaVersion { throw PlanCodecError.newerSchema(version: envelope.schemaVersion) }
        guard let sealed = SealedEnvelope.body(of: data), let box = try? ChaChaPoly.SealedBox(combined: sealed),
              let (key, clear) = keys.lazy.compactMap({ k in
                  (try? ChaChaPoly.open(box, using: k, authenticating: envelope.authenticated("body"))).map { (k, $0) }
              }).first else {
            throw SealingError.tampered(code: envelope.code, part: "body")
        }
        try checkNotOlder(envelope)
        let plan = try plain.decode(clear)
        guard plan.code == envelope.code else { throw SealingError.tampered(code: envelope.code, part: "body") }
        if var known = keyring.entry(envelope.code), known.dataKey != key {
            // Opened with the key from before a re-key: keep the new one for the next save.
            known.saveCounter = max(known.saveCounter, envelope.saveCounter)
            keyring.remember(envelope.code, known)
            return plan
        }
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
