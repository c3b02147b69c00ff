import Foundation
import Testing
@testable import SpiralCore

/// Sealed plans: what a stolen disk shows, who can open what, and what happens to a plan that
/// was changed, swapped, replayed or sealed to another centre.
@Suite("Sealing: plans at rest reveal nothing a family said")
struct SealingTests {
    let centre = CentrePrivateKey.generate()
    let markers = ["MARKER-NAME-Nguyễn", "MARKER-CHILD-أمل", "MARKER-NEED-住房"]

    func familyPlan(_ code: String, pin: String? = "4826") -> Plan {
        var p = Plan(code: code, language: "vi", now: Date(timeIntervalSince1970: 1_780_000_000))
        p.profile.name = markers[0]
        p.profile.children = [.init(name: markers[1], age: 7)]
        p.needs = [.init(need: "housing", label: markers[2], urgent: true, detail: markers[2])]
        p.urgent = true
        p.pinHash = pin.map { SecretHash.make($0, cost: SecretHash.pinCost) }
        return p
    }

    func kioskStore(_ dir: String) -> PlanStore { PlanStore(directory: dir, codec: SealedPlanCodec(centreKey: centre.publicKey)) }
    func practitionerStore(_ dir: String, key: CentrePrivateKey? = nil) -> PlanStore {
        let key = key ?? centre
        var store = PlanStore(directory: dir, codec: SealedPlanCodec(centreKey: key.publicKey, privateKeys: [key]))
        store.sealedListingCache = .sealed(forStore: dir, key: key, environment: ["XDG_CACHE_HOME": dir + "-cache"])
        return store
    }

    /// Every byte of every file under `dir`, searched raw, as UTF-16 and as base64.
    func hits(in dir: String) -> [String] {
        var found: [String] = []
        let files = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []
        for file in files {
            guard let data = FileManager.default.contents(atPath: dir + "/" + file) else { continue }
            for m in markers {
                let forms = [Data(m.utf8), m.data(using: .utf16LittleEndian)!, Data(m.utf8).base64EncodedData(),
                             Data(m.utf8).base64EncodedData().dropLast(4)]
                if forms.contains(where: { !$0.isEmpty && data.range(of: $0) != nil }) { found.append("\(file): \(m)") }
            }
        }
        return found
    }

    @Test func aSealedStoreHoldsNoMarkerAndOpensOnlyWithTheKeyOrThePIN() throws {
        let dir = Fixtures.temporaryDirectory()
        let kiosk = kioskStore(dir)
        try kiosk.update("AAA-111", creating: familyPlan("AAA-111")) { _ in }
        try kiosk.update("BBB-222", creating: familyPlan("BBB-222", pin: nil)) { _ in }
        #expect(hits(in: dir) == [])

        // A new kiosk session (a new process: no keys in memory) cannot read it without the PIN…
        #expect(throws: PlanStoreError.self) { try kioskStore(dir).load("AAA-111") }
        #expect(try kioskStore(dir).openWithPIN("AAA-111", pin: "1111") == nil)
        #expect(try kioskStore(dir).openWithPIN("BBB-222", pin: "4826") == nil)  // no PIN: never reopened at the kiosk
        // …and with it, it can, and keep saving.
        let resumed = kioskStore(dir)
        let plan = try #require(try resumed.openWithPIN("AAA-111", pin: "4826"))
        #expect(plan.profile.name == markers[0])
        try resumed.update("AAA-111", creating: familyPlan("AAA-111")) { $0.profile.name = "MARKER-NAME-Nguyễn changed" }

        // The practitioner with the centre key opens every plan and lists them (from the sealed cache next time).
        let practitioner = practitionerStore(dir)
        #expect(try practitioner.load("AAA-111").profile.name == "MARKER-NAME-Nguyễn changed")
        let listed = practitioner.listings()
        #expect(listed.unreadable == [])
        #expect(Set(listed.listings.map(\.code)) == ["AAA-111", "BBB-222"])
        #expect(practitionerStore(dir).listings().listings.count == 2)
        #expect(hits(in: dir + "-cache") == [])
        #expect(!FileManager.default.fileExists(atPath: dir + "/.index.tsv"))
    }

    @Test func aPractitionersEditKeepsTheFamilysPIN() throws {
        let dir = Fixtures.temporaryDirectory()
        try kioskStore(dir).update("AAA-111", creating: familyPlan("AAA-111")) { _ in }
        try practitionerStore(dir).update("AAA-111", creating: familyPlan("AAA-111")) { $0.profile.name = "edited by practitioner" }
        let reopened = try #require(try kioskStore(dir).openWithPIN("AAA-111", pin: "4826"))
        #expect(reopened.profile.name == "edited by practitioner")
    }

    @Test func eachVisitWithThePINGivesThePlanANewKeyAndNoHashIsKept() throws {
        let dir = Fixtures.temporaryDirectory()
        try kioskStore(dir).update("AAA-111", creating: familyPlan("AAA-111")) { _ in }
        func header() throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/AAA-111.json"))
            return try JSONSerialization.jsonObject(with: data.prefix(upTo: data.firstIndex(of: 10)!)) as! [String: Any]
        }
        let before = try header()
        let visit = kioskStore(dir)
        _ = try #require(try visit.openWithPIN("AAA-111", pin: "4826"))
        try visit.update("AAA-111", creating: familyPlan("AAA-111")) { $0.profile.name = "after the visit" }
        let after = try header()
        #expect((before["centreWrap"] as! [String: Any])["encapsulatedKey"] as? String != (after["centreWrap"] as! [String: Any])["encapsulatedKey"] as? String)
        #expect((before["pinWrap"] as! [String: Any])["salt"] as? String != (after["pinWrap"] as! [String: Any])["salt"] as? String)
        // Same PIN, new wrap: it still opens, and the centre key still opens it, with no PIN hash inside.
        #expect(try kioskStore(dir).openWithPIN("AAA-111", pin: "4826")?.profile.name == "after the visit")
        #expect(try practitionerStore(dir).load("AAA-111").pinHash == nil)
    }

    @Test func aChangedSwappedOrReplayedPlanIsRefusedAndNamed() throws {
        let dir = Fixtures.temporaryDirectory()
        let kiosk = kioskStore(dir)
        try kiosk.update("AAA-111", creating: familyPlan("AAA-111")) { _ in }
        try kiosk.update("BBB-222", creating: familyPlan("BBB-222")) { _ in }
        let a = try Data(contentsOf: URL(fileURLWithPath: kiosk.path(for: "AAA-111")))
        let b = try Data(contentsOf: URL(fileURLWithPath: kiosk.path(for: "BBB-222")))
        func expectRefused(_ data: Data, _ part: String) throws {
            try data.write(to: URL(fileURLWithPath: kiosk.path(for: "AAA-111")))
            #expect {
                try practitionerStore(dir).load("AAA-111")
            } throws: { error in
                guard case let .sealed(_, reason) = error as? PlanStoreError, case let .tampered(code, p) = reason else { return false }
                return code == "AAA-111" && p == part
            }
        }
        // A flipped byte in the body.
        var flipped = a
        flipped[flipped.count - 10] ^= 0x01
        try expectRefused(flipped, "body")
        // B's body under A's header.
        let aHeader = a.prefix(through: a.firstIndex(of: 10)!)
        let bBody = b.suffix(from: b.firstIndex(of: 10)! + 1)
        try expectRefused(aHeader + bBody, "body")
        // A clear field edited (the save counter).
        let edited = String(decoding: a, as: UTF8.self).replacingOccurrences(of: "\"saveCounter\":1", with: "\"saveCounter\":9")
        try expectRefused(Data(edited.utf8), "body")

        // An older save put back after a later one was seen.
        try a.write(to: URL(fileURLWithPath: kiosk.path(for: "AAA-111")))
        let practitioner = practitionerStore(dir)
        try practitioner.update("AAA-111", creating: familyPlan("AAA-111")) { $0.profile.name = "second save" }
        #expect(practitioner.listings().unreadable == [])
        try a.write(to: URL(fileURLWithPath: kiosk.path(for: "AAA-111")))
        // Opened directly (spiral plan CODE), with the cache's memory of later saves: refused too.
        let direct = practitionerStore(dir)
        direct.rememberSavesSeen()
        #expect {
            try direct.load("AAA-111")
        } throws: { error in
            guard case let .sealed(_, reason) = error as? PlanStoreError, case .older = reason else { return false }
            return true
        }
        let later = practitionerStore(dir).listings()
        #expect(later.unreadable.count == 1)
        #expect(later.unreadable.first?.contains("older save") == true)
    }

    @Test func aPlanSealedToAnotherCentreSaysSo() throws {
        let dir = Fixtures.temporaryDirectory()
        try kioskStore(dir).update("AAA-111", creating: familyPlan("AAA-111")) { _ in }
        let other = CentrePrivateKey.generate()
        #expect {
            try practitionerStore(dir, key: other).load("AAA-111")
        } throws: { error in
            guard case let .sealed(_, reason) = error as? PlanStoreError, case .otherKey = reason else { return false }
            return (error as! PlanStoreError).exitCode == 77
        }
    }

    @Test func sealingAnExistingStoreKeepsEveryPlanAndEveryPIN() throws {
        let dir = Fixtures.temporaryDirectory()
        let plain = PlanStore(directory: dir)
        for code in ["AAA-111", "BBB-222", "CCC-333"] { try plain.save(familyPlan(code)) }
        _ = plain.listings()  // writes the plain index, with names
        #expect(!hits(in: dir).isEmpty)
        let report = try StoreSealing.sealExisting(kioskStore(dir))
        #expect(report.done == 3 && report.failed == 0)
        #expect(hits(in: dir) == [])
        #expect(try StoreSealing.sealExisting(kioskStore(dir)).already == 3)
        // A PIN chosen before sealing still opens the plan at the kiosk.
        #expect(try kioskStore(dir).openWithPIN("BBB-222", pin: "4826")?.profile.name == markers[0])
        #expect(try kioskStore(dir).openWithPIN("BBB-222", pin: "4827") == nil)
        #expect(practitionerStore(dir).listings().listings.count == 3)
    }

    @Test func rotationRewrapsKeysAndKeepsBodiesByteForByte() throws {
        let dir = Fixtures.temporaryDirectory()
        try kioskStore(dir).update("AAA-111", creating: familyPlan("AAA-111")) { _ in }
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/AAA-111.json"))
        let next = CentrePrivateKey.generate()
        let rotating = PlanStore(directory: dir, codec: SealedPlanCodec(centreKey: next.publicKey, privateKeys: [centre, next]))
        #expect(StoreSealing.rewrapAll(rotating, to: next.publicKey).done == 1)
        let after = try Data(contentsOf: URL(fileURLWithPath: dir + "/AAA-111.json"))
        #expect(before.split(separator: 10).last == after.split(separator: 10).last)
        #expect(try practitionerStore(dir, key: next).load("AAA-111").profile.name == markers[0])
        #expect(throws: PlanStoreError.self) { try practitionerStore(dir).load("AAA-111") }
        #expect(try kioskStore(dir).openWithPIN("AAA-111", pin: "4826") != nil)
    }

    @Test func theKeyFileOpensWithThePassphraseOrTheRecoveryCodeAndNothingElse() throws {
        let dir = Fixtures.temporaryDirectory()
        let path = dir + "/centre-key"
        // A cheap cost, for a quick test: the cost travels in the file, so unlocking uses the same.
        let made = try CentreKeyFile.make(for: centre, passphrase: "a long key passphrase", cost: .init(rounds: 1 << 10, blockSize: 8, parallelism: 1))
        try made.file.write(to: path)
        #expect(throws: CentreKeyFile.Failure.exists(file: path)) { try made.file.write(to: path) }
        let file = try CentreKeyFile.read(path)
        #expect(try file.unlock("a long key passphrase", path: path).publicKey == centre.publicKey)
        #expect(throws: CentreKeyFile.Failure.wrongPassphrase(file: path)) { try file.unlock("a long key passphrasE", path: path) }
        let typedSloppily = made.recoveryCode.lowercased().replacingOccurrences(of: "-", with: " ")
        #expect(try file.unlock(typedSloppily, recovery: true, path: path).publicKey == centre.publicKey)
        chmod(path, 0o644)
        #expect(throws: CentreKeyFile.Failure.openToOthers(file: path, mode: "644")) { try CentreKeyFile.read(path) }
        #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            .contains(centre.key.rawRepresentation.base64EncodedString()))
    }

    @Test func heldAnswersAreSealedToo() throws {
        let dir = Fixtures.temporaryDirectory()
        let record = HeldAnswers.Record(code: "AAA-111", language: "vi", isReturning: false, heldAt: Date(),
                                        answers: ["needs": Fixtures.answer(.text(markers[2]), markers[2])], pinHash: nil, finished: false)
        let file = try HeldAnswers(directory: dir, sealTo: centre.publicKey).hold(record)
        #expect(hits(in: dir) == [])
        #expect(throws: PlanStoreError.self) { try HeldAnswers(directory: dir).read(file) }
        #expect(try HeldAnswers(directory: dir, openWith: centre).read(file).answers["needs"]?.display == markers[2])
    }
}
