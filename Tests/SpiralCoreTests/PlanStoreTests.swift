import Foundation
import Testing
@testable import SpiralCore

@Suite("Plan store: durable saves, reload, locking, bad files")
struct PlanStoreTests {
    func samplePlan(_ code: String = "KMT-47R") -> Plan {
        var e = DialogueEngine(script: Fixtures.script)
        e.choose("yes")
        e.text("Nguyễn Thị Hoa")
        e.text("Mia 4, Sam 7")
        var plan = Plan(code: code, language: "vi")
        PlanBuilder.apply(e, to: &plan)
        return plan
    }

    @Test func savedPlanReloadsIdentically() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        let plan = samplePlan()
        try store.save(plan)
        let loaded = try store.load(plan.code)
        #expect(loaded.profile.name == "Nguyễn Thị Hoa")
        #expect(loaded.profile.children == [Plan.Child(name: "Mia", age: 4), Plan.Child(name: "Sam", age: 7)])
        #expect(loaded.answers.map(\.key) == ["consent", "name", "children"])
        #expect(loaded.answers[1].stage == .acceptance)
        #expect(store.codes() == [plan.code])
    }

    @Test func planFilesArePrivateAndNoTemporaryFileIsLeft() throws {
        let dir = Fixtures.temporaryDirectory()
        let store = PlanStore(directory: dir)
        try store.save(samplePlan())
        let fileMode = try FileManager.default.attributesOfItem(atPath: store.path(for: "KMT-47R"))[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func updateRereadsSoAnotherWritersChangeIsKept() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        try store.save(samplePlan())
        // A practitioner agrees a goal and adds praise between two kiosk saves.
        var practitioner = try store.load("KMT-47R")
        practitioner.praise.append(Plan.Praise(kind: .toParent, text: "You came every week", source: .practitioner("Jo"), language: "en", recordedAt: Date()))
        try store.save(practitioner)
        var e = DialogueEngine(script: Fixtures.script)
        e.choose("yes"); e.text("Hoa")
        let merged = try store.update("KMT-47R", creating: Plan(code: "KMT-47R", language: "en")) { plan in
            PlanBuilder.apply(e, to: &plan)
        }
        #expect(merged.profile.name == "Hoa")
        #expect(merged.praise.contains { $0.source == .practitioner("Jo") })
    }

    @Test func unknownCodeSaysSoWithClosestMatches() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        try store.save(samplePlan())
        #expect(throws: PlanStoreError.notFound(code: "KMT-47P", closest: ["KMT-47R"])) { try store.load("KMT-47P") }
    }

    @Test func corruptFileIsReportedWithoutItsContents() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        try store.prepare()
        try Data("{\"code\": \"secret family words".utf8).write(to: URL(fileURLWithPath: store.path(for: "AAA-AAA")))
        do {
            _ = try store.load("AAA-AAA")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("secret"))
            #expect(error.description.contains("AAA-AAA.json"))
        }
    }

    @Test func textIsStoredAsNFC() throws {
        let decomposed = "Nguye\u{0302}\u{0303}n"
        var e = DialogueEngine(script: Fixtures.script)
        e.choose("yes")
        e.text(InputCleaner.clean(decomposed))
        var plan = Plan(code: "KMT-47R", language: "vi")
        PlanBuilder.apply(e, to: &plan)
        #expect(plan.profile.name!.unicodeScalars.count == "Nguyễn".precomposedStringWithCanonicalMapping.unicodeScalars.count)
    }

    @Test func familyCodesAreReadableAndNormalised() {
        var rng = SystemRandomNumberGenerator()
        let code = FamilyCode.make(using: &rng)
        #expect(code.count == 7 && code.contains("-"))
        #expect(FamilyCode.normalise(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        #expect(FamilyCode.normalise("hello") == nil)
    }
}
