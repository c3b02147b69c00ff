import Foundation
import Testing
@testable import SpiralCore

@Suite("Plan index: the review list stays true to the plan files")
struct PlanIndexTests {
    func plan(_ code: String, name: String?, urgent: Bool = false, goals: [Plan.Goal.Status] = []) -> Plan {
        var p = Plan(code: code, language: "vi", now: Date(timeIntervalSince1970: 1_780_000_000))
        p.profile.name = name
        p.urgent = urgent
        p.goals = goals.enumerated().map { i, s in
            Plan.Goal(id: "g\(i)", what: "Goal \(i)", status: s, proposedBy: "family", language: "vi")
        }
        return p
    }

    func names(_ store: PlanStore) -> [String?] {
        PlanOverview.load(from: store).rows.map(\.listing.name)
    }

    @Test func aPlanChangedByAnotherWriterIsListedAsItIsNow() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        try store.save(plan("AAA-111", name: "Hoa", goals: [.proposed]))
        #expect(names(store) == ["Hoa"])  // builds the index
        // The kiosk saves again (same size is possible; the rename gives a new inode).
        _ = try store.update("AAA-111", creating: plan("AAA-111", name: nil)) { p in
            p.profile.name = "Hoà"
            p.goals[0].status = .agreed
        }
        let row = try #require(PlanOverview.load(from: store).rows.first)
        #expect(row.listing.name == "Hoà")
        #expect(row.listing.goals == ["agreed": 1])
        #expect(row.line.contains("1 agreed"))
    }

    @Test func newAndDeletedPlansAppearAndDisappear() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        try store.save(plan("AAA-111", name: "Hoa"))
        _ = names(store)
        try store.save(plan("BBB-222", name: "Amira", urgent: true))
        #expect(names(store) == ["Amira", "Hoa"])  // urgent first
        try FileManager.default.removeItem(atPath: store.path(for: "BBB-222"))
        #expect(names(store) == ["Hoa"])
    }

    @Test func aDamagedOrForeignIndexIsRebuiltFromThePlans() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        try store.save(plan("AAA-111", name: "Hoa"))
        _ = names(store)
        try Data("spiral plan index 1\nAAA-111\t1\t2\tgarbage\n".utf8).write(to: URL(fileURLWithPath: store.indexPath))
        #expect(names(store) == ["Hoa"])
        try Data("{\"not\": \"an index\"}".utf8).write(to: URL(fileURLWithPath: store.indexPath))
        #expect(names(store) == ["Hoa"])
        let rebuilt = try String(contentsOfFile: store.indexPath, encoding: .utf8)
        #expect(rebuilt.hasPrefix("spiral plan index 2\nAAA-111\t"))
    }

    @Test func namesWithTabsNewlinesAndBackslashesSurviveTheIndex() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        let odd = "Mai\tLan\\n\r\nأمل"
        try store.save(plan("AAA-111", name: odd))
        _ = names(store)
        let fromIndex = try #require(PlanIndex.parse(try Data(contentsOf: URL(fileURLWithPath: store.indexPath))))
        // Listed names are cleaned (control characters become spaces); the backslash stays.
        #expect(fromIndex.entries["AAA-111"]?.listing.name == InputCleaner.clean(odd))
        #expect(fromIndex.entries["AAA-111"]?.listing.name?.contains("\\n") == true)
        #expect(fromIndex.entries["AAA-111"]?.listing == PlanListing(try store.load("AAA-111")))
        for text in [odd, "\\", "a\\tb", "\t\n\r\n", "plain"] {
            #expect(PlanIndex.unescape(PlanIndex.escape(text)) == text)
            #expect(!PlanIndex.escape(text).unicodeScalars.contains { $0 == "\t" || $0 == "\n" || $0 == "\r" })
        }
    }

    @Test func anUnreadablePlanIsReportedAndTheOthersListed() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        try store.save(plan("AAA-111", name: "Hoa"))
        try Data("{\"code\": \"private words".utf8).write(to: URL(fileURLWithPath: store.path(for: "ZZZ-999")))
        let overview = PlanOverview.load(from: store)
        #expect(overview.rows.map(\.listing.code) == ["AAA-111"])
        #expect(overview.unreadable.count == 1)
        #expect(overview.unreadable[0].contains("ZZZ-999.json"))
        #expect(!overview.unreadable[0].contains("private"))
    }

    @Test func aStoreThatCannotBeWrittenStillLists() throws {
        let store = PlanStore(directory: Fixtures.temporaryDirectory())
        try store.save(plan("AAA-111", name: "Hoa"))
        // The index path taken by a directory: the index cannot be written; listing still works.
        try FileManager.default.createDirectory(atPath: store.indexPath, withIntermediateDirectories: false)
        #expect(names(store) == ["Hoa"])
        #expect(names(store) == ["Hoa"])
    }
}
