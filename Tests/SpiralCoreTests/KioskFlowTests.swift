import Foundation
import Testing
@testable import SpiralCore

/// A family's whole session driven through the core, with no terminal: every screen is a value
/// to assert on, and the plan lands in an in-memory repository.
@Suite("Kiosk flow: a family's session as screens and events")
struct KioskFlowTests {
    /// A kiosk on an in-memory store, in English unless told otherwise.
    final class Kiosk {
        let repository: InMemoryPlanRepository
        let flow: KioskFlow
        let log = StaffLog(path: nil)
        var screen: Screen
        var ended: FamilyOutcome?

        init(repository: InMemoryPlanRepository = InMemoryPlanRepository(), language: String? = "en",
             passphrase: StaffPassphrase.State = .notSet, held: String? = nil, interactive: Bool = true,
             config: CentreConfig = .australianDefaults, script: PromptScript = Fixtures.script) {
            self.repository = repository
            var settings = KioskSettings(language: language, idleTimeout: .seconds(60), interactive: interactive)
            settings.staffPassphrase = passphrase
            settings.pinCheckFloor = .zero
            flow = KioskFlow(script: script, catalogue: Fixtures.catalogue, config: config,
                             repository: repository, log: log, settings: settings)
            flow.pause = { _ in }
            flow.held = held.map { HeldAnswers(directory: $0) }
            screen = flow.start()
        }

        @discardableResult
        func send(_ event: KioskEvent) -> Screen {
            switch flow.handle(event) {
            case let .show(s), let .wait(_, s): screen = s
            case let .end(outcome): ended = outcome
            }
            return screen
        }

        @discardableResult
        func type(_ line: String) -> Screen { send(.line(line)) }

        /// Welcome, consent, and the PIN (chosen twice, or skipped).
        func startFamily(pin: String? = nil) {
            #expect(screen.kind == .welcome)
            type("")
            #expect(screen.allText.contains("Is it OK to go on?"))
            type("1")
            #expect(screen.kind == .pinChoose)
            if let pin { type(pin); type(pin) } else { type("") }
        }

        /// A returning family's code and PIN, typed at the start screen.
        func reopen(_ code: String, pin: String = "4826") {
            type(code); type(pin)
        }

        /// Another kiosk on the same store, where this family types their code and PIN.
        static func reopening(_ code: String, on repository: InMemoryPlanRepository) -> Kiosk {
            let kiosk = Kiosk(repository: repository)
            kiosk.reopen(code)
            return kiosk
        }

        /// Skips (Enter) until a screen's text contains `words`.
        func skip(until words: String) {
            for _ in 0..<80 where !screen.allText.contains(words) { type("") }
            #expect(screen.allText.contains(words))
        }

        var plan: Plan? { flow.code.flatMap { try? repository.load($0) } }
    }

    @Test func aWholeSessionFromLanguageToThankYou() throws {
        let k = Kiosk(language: nil)
        #expect(k.screen.kind == .language)
        #expect(k.screen.list.contains { $0.label.hasPrefix("Tiếng Việt") })
        k.type("english")
        k.startFamily(pin: "4826")
        #expect(k.screen.title.contains("Part 1"))
        k.type("Amira")
        k.type("Mia 4, Sam 7")
        #expect(k.screen.allText.contains("need help with right now"))
        k.type("2, 4")                                 // Food and Safety: urgent
        k.skip(until: "Check your answers")
        #expect(k.screen.kind == .summary)
        #expect(k.screen.holdsFamilyWords)
        #expect(k.screen.list.contains { $0.label.contains("Amira") })
        k.type("")
        #expect(k.screen.kind == .closing)
        #expect(k.screen.allText.contains(k.flow.code!))
        #expect(k.screen.allText.contains("a staff member will be told first"))
        k.type("")
        #expect(k.ended == .finished(code: k.flow.code ?? ""))
        let plan = try #require(k.plan)
        #expect(plan.status == .finished)
        #expect(plan.urgent)
        #expect(plan.profile.name == "Amira")
        #expect(plan.pinHash != nil)
        #expect(plan.needs.map(\.need) == ["food", "safety"])
    }

    /// The kiosk draws the language choice while its prompt script is still loading on the other
    /// core, and hands the script over before the first key is read (KioskLaunch.runFirstFamily).
    @Test func theLanguageChoiceIsDrawnWhileTheScriptLoadsAndTheSessionUsesTheScriptThatArrives() throws {
        let loaded = Kiosk(language: nil)
        let waiting = Kiosk(language: nil, script: .stillLoading)
        #expect(waiting.flow.firstScreenNeedsNoScript)
        #expect(waiting.screen == loaded.screen)
        waiting.flow.scriptArrived(Fixtures.script)
        waiting.type("english")
        waiting.startFamily(pin: "4826")
        #expect(waiting.screen.title.contains("Part 1"))
        waiting.type("Amira")
        #expect(waiting.plan?.profile.name == "Amira")
    }

    /// Started in one language (or with one offered), the first screen is the welcome, which the
    /// script words: the kiosk waits for the script before drawing it.
    @Test func aKioskStartedInALanguageNeedsItsScriptForTheFirstScreen() {
        #expect(!Kiosk(language: "en").flow.firstScreenNeedsNoScript)
        #expect(Kiosk(language: nil).flow.firstScreenNeedsNoScript)
    }

    @Test func aLateSkipAtAnIdleKioskDoesNotEraseAnAnswerGivenAtAnother() throws {
        let store = InMemoryPlanRepository()
        let first = Kiosk(repository: store)
        first.startFamily(pin: "4826")
        first.type("Amira")
        let code = try #require(first.flow.code)
        // Kiosk B opens the plan at the children question and waits.
        let idle = Kiosk.reopening(code, on: store)
        #expect(idle.screen.allText.contains("children"))
        // Kiosk A answers it meanwhile.
        let other = Kiosk.reopening(code, on: store)
        other.type("Mia 4")
        // B's parent presses Enter on the question they saw empty: A's answer stays.
        idle.type("")
        #expect(try store.load(code).profile.children.map(\.name) == ["Mia"])
        // But a parent who answers and then takes it back in their own session does take it back.
        idle.type("<")
        idle.type("Sam 7")
        #expect(try store.load(code).profile.children.map(\.name) == ["Sam"])
        idle.type("<")
        idle.type("")  // the edit line cleared and Enter: the answer taken back
        #expect(try store.load(code).answers.first { $0.key == "children" }?.skipped == true)
    }

    @Test func backSkipHelpAndAChoiceRefusedLeavesNothingInTheLine() {
        let k = Kiosk()
        k.startFamily()
        k.type("<")
        #expect(k.screen.allText.contains("Is it OK to go on?"))
        k.type("1")
        k.type("?")
        #expect(k.screen.notice?.contains("skip any question") == true)
        k.type("Amira")
        k.type("")
        // A choice that is not one: the notice quotes it, the edit line is empty.
        k.type("14")
        #expect(k.screen.notice?.contains("“14”") == true)
        #expect(k.screen.input == .line(prefill: "", completions: k.screen.list.map(\.label), limit: 400))
        k.type("Food")
        #expect(k.plan?.needs.map(\.need) == ["food"])
    }

    @Test func changingAChoiceFromTheSummaryShowsItMarkedAndEnterKeepsIt() {
        let k = Kiosk()
        k.startFamily()
        k.type("Amira"); k.type(""); k.type("Food")
        k.skip(until: "Check your answers")
        let needs = k.screen.list.firstIndex { $0.label.contains("Food") }!
        k.type(k.screen.list[needs].number)
        #expect(k.screen.kind == .step)
        #expect(k.screen.list.filter(\.marked).map(\.label) == ["Food"])
        if case let .line(prefill, _, _) = k.screen.input { #expect(prefill.isEmpty) }
        k.type("")
        #expect(k.screen.kind == .summary)
        #expect(k.plan?.needs.map(\.need) == ["food"])
    }

    @Test func anOverLongAnswerIsRefusedAndKeptInTheLineUpToTheLimit() {
        let k = Kiosk()
        k.startFamily()
        k.send(.tooLong(kept: String(repeating: "a", count: 100), typed: 102))
        #expect(k.screen.notice?.contains("100 characters") == true)
        #expect(k.screen.input == .line(prefill: String(repeating: "a", count: 100), completions: [], limit: 100))
        // Combining marks piled on one letter are capped, and bytes are bounded too.
        k.type("A" + String(repeating: "\u{301}", count: 100_000))
        let name = k.plan?.profile.name ?? ""
        #expect(name.count == 1 && name.unicodeScalars.count <= 1 + InputCleaner.maxMarksPerCharacter)
    }

    @Test func idleOnTheStartScreenReturnsToACleanStartAndNeverCloses() {
        let k = Kiosk(language: nil)
        k.type("zzz")   // not a language
        #expect(k.screen.notice != nil)
        k.send(.timedOut)
        #expect(k.ended == nil)
        #expect(k.screen.kind == .language)
        #expect(k.screen.notice == nil)
        k.send(.timedOut)
        #expect(k.ended == nil && k.screen.kind == .language)
    }

    @Test func idleInASessionAsksThenSavesAndEnds() {
        let k = Kiosk()
        k.startFamily()
        k.type("Amira")
        k.send(.timedOut)
        #expect(k.screen.kind == .stillThere)
        k.type("")
        #expect(k.screen.allText.contains("children"))
        k.send(.timedOut)
        k.send(.timedOut)
        #expect(k.ended == .idle(code: k.flow.code))
        #expect(k.plan?.profile.name == "Amira")
    }

    @Test func ctrlDAsksFirstAndEnterCarriesOn() {
        let k = Kiosk()
        k.startFamily()
        k.type("Amira")
        k.send(.endOfInput)
        #expect(k.screen.kind == .confirmStop)
        #expect(k.screen.allText.contains("Your answers so far are saved"))
        k.type("")
        #expect(k.screen.kind == .step && k.ended == nil)
        k.send(.endOfInput)
        k.type("1")
        #expect(k.screen.kind == .goodbye)
        #expect(k.screen.allText.contains(k.flow.code!))
        k.type("")
        #expect(k.ended == .stopped(code: k.flow.code))
    }

    @Test func ctrlDAtTheStartClosesOnlyWithTheStaffPassphrase() {
        let hash = SecretHash.make("correct horse", cost: SecretHash.pinCost)
        let k = Kiosk(passphrase: .set(hash: hash))
        k.send(.endOfInput)
        #expect(k.screen.kind == .staffClose)
        k.type("wrong")
        #expect(k.screen.notice != nil && k.ended == nil)
        k.type("correct horse")
        #expect(k.ended == .closeKiosk)

        let unreadable = Kiosk(passphrase: .unreadable(file: "/etc/spiral/staff-passphrase", reason: "permission denied"))
        unreadable.send(.endOfInput)
        #expect(unreadable.ended == nil)
        #expect(unreadable.screen.kind == .welcome)
        #expect(unreadable.log.recorded.contains { $0.contains("will not close") })
    }

    @Test func theStartScreenTellsStaffWhenNoPassphraseIsSet() {
        #expect(Kiosk(language: nil).screen.allText.contains("no passphrase is set"))
        #expect(!Kiosk(language: nil, passphrase: .set(hash: "x")).screen.allText.contains("no passphrase is set"))
    }

    @Test func neverSaysSavedWhenNothingWasSavedAndHoldsTheAnswersForStaff() throws {
        let repository = InMemoryPlanRepository()
        let held = Fixtures.temporaryDirectory()
        let k = Kiosk(repository: repository, held: held)
        k.startFamily()
        repository.failWrites = true
        k.type("Amira")
        #expect(k.screen.notice?.contains("could not be saved") == true)
        k.type("Mia 4")
        k.send(.endOfInput)
        #expect(k.screen.allText.contains("not saved yet"))
        k.type("1")
        #expect(!k.screen.allText.contains("are saved"))
        #expect(k.screen.allText.contains("kept safely for a staff member"))
        let files = HeldAnswers(directory: held).files()
        #expect(files.count == 1)
        let record = try HeldAnswers(directory: held).read(files[0])
        #expect(record.answers.values.contains { $0.display == "Amira" })
        #expect(k.log.recorded.contains { $0.contains("spiral restore") })
        #expect(!k.log.recorded.joined().contains("Amira"))

        // Restored once the store works again.
        repository.failWrites = false
        var plan = try repository.load(record.code)
        record.apply(to: &plan, script: Fixtures.script)
        #expect(plan.profile.name == "Amira")
        #expect(plan.profile.children.map(\.name) == ["Mia"])
    }

    @Test func praiseFromAPractitionerNamedKioskSurvivesTheFamilysNextSave() throws {
        let repository = InMemoryPlanRepository()
        let k = Kiosk(repository: repository)
        k.startFamily(pin: "4826")
        k.type("Amira")
        let code = try #require(k.flow.code)
        try repository.update(code, creating: Plan(code: code, language: "en")) { plan in
            try PlanEditor(who: "kiosk").apply(.addPraise(text: "You came back every week — Mia sees you keep going", language: "en"), to: &plan)
        }
        // The family comes back and answers one more question.
        let back = Kiosk(repository: repository)
        back.type(code)
        back.type("4826")
        #expect(back.screen.notice?.contains("Welcome back") == true)
        back.type("Mia 4")
        let plan = try repository.load(code)
        #expect(plan.praise.contains { $0.source == .practitioner("kiosk") && $0.text.hasPrefix("You came back") })
    }

    @Test func twoSessionsOnOneCodeNeverOverwriteEachOther() throws {
        let repository = InMemoryPlanRepository()
        let first = Kiosk(repository: repository)
        first.startFamily(pin: "4826")
        first.type("Amira")
        let code = try #require(first.flow.code)
        // A second kiosk resumes the same plan and answers the children's question.
        let second = Kiosk.reopening(code, on: repository)
        second.type("Mia 4, Sam 7")
        // The first, idle all along, times out and saves: the second's answer stays.
        first.send(.timedOut); first.send(.timedOut)
        #expect(first.ended == .idle(code: code))
        #expect(try repository.load(code).profile.children.map(\.name) == ["Mia", "Sam"])
        // And the first answering later keeps the second's answers too.
        let third = Kiosk.reopening(code, on: repository)
        #expect(third.screen.allText.contains("need help with right now"))
        third.type("Food")
        let plan = try repository.load(code)
        #expect(plan.profile.name == "Amira" && plan.profile.children.count == 2 && plan.needs.map(\.need) == ["food"])
    }

    @Test func wrongPinsAreCountedPerCodeAndLockIt() throws {
        let repository = InMemoryPlanRepository()
        let k = Kiosk(repository: repository)
        k.startFamily(pin: "4826")
        let code = try #require(k.flow.code)
        let other = Kiosk(repository: repository)
        for _ in 0..<5 { other.type(code); other.type("1111") }
        #expect(other.screen.notice?.contains("locked") == true)
        #expect(repository.pinFailures(code) == 5)
        // Even the right PIN is refused now, until a practitioner unlocks it.
        other.reopen(code)
        #expect(other.screen.notice?.contains("locked") == true)
        try repository.clearPinFailures(code)
        other.reopen(code)
        #expect(other.screen.notice?.contains("Welcome back") == true)
        #expect(other.log.recorded.contains { $0.contains("wrong PIN") && !$0.contains("1111") })
    }

    @Test func aLanguageNameCompletedByTabIsAccepted() {
        let k = Kiosk(language: nil)
        let spanish = k.screen.list.first { $0.label.hasPrefix("Español") }!.label
        k.type(spanish)
        #expect(k.screen.kind == .welcome)
        #expect(k.flow.language == "es")
    }

    @Test func pipedInputEndingEndsTheSessionWithWhatWasSaid() {
        let k = Kiosk(interactive: false)
        k.startFamily()
        k.type("Amira")
        k.send(.endOfInput)
        #expect(k.ended == .inputEnded(code: k.flow.code))
        #expect(k.plan?.profile.name == "Amira")
    }

    @Test func aLongAnswerIsShortenedInTheSummarySoTheQuestionStaysOnScreen() {
        let k = Kiosk()
        k.startFamily()
        let long = String(repeating: "word ", count: 300).trimmingCharacters(in: .whitespaces)
        k.type("Amira")
        k.skip(until: "What would you like help with?")
        k.type(long)
        k.skip(until: "Check your answers")
        let entry = k.screen.list.first { $0.label.contains("word word") }!
        #expect(entry.label.count < 400 && entry.label.hasSuffix("…"))
    }

    @Test func theSuggestedPraiseForAChildNeverSplicesTheParentsWordsIntoASentence() {
        let k = Kiosk()
        k.startFamily()
        k.type("Amira")
        k.skip(until: "Tell us one thing your child did recently")
        k.type("Ava shared her toast with Leo")
        k.type("Sharing")
        guard case let .line(prefill, _, _) = k.screen.input else { Issue.record("no line"); return }
        #expect(!prefill.contains("Ava shared"))
        #expect(prefill == "I noticed — you shared, and that made them happy.")
    }

    @Test func ctrlDOnlyClosesFromTheVeryFirstScreenNeverOnceAParentHasBegun() {
        let k = Kiosk(language: nil)
        k.type("english")
        #expect(k.screen.kind == .welcome)
        k.send(.endOfInput)
        #expect(k.ended == nil && k.screen.kind == .language)
        k.type("english"); k.type("")
        #expect(k.screen.allText.contains("Is it OK to go on?"))
        k.send(.endOfInput)
        #expect(k.ended == nil && k.screen.kind == .language)
        k.send(.endOfInput)
        #expect(k.ended == .closeKiosk)
    }

    @Test func aRefusedCodeStaysInTheLineToCorrect() {
        let k = Kiosk()
        k.type("KMT-47R")
        k.type("1111")
        #expect(k.screen.kind == .welcome)
        #expect(k.screen.input == .line(prefill: "KMT-47R", completions: [], limit: 40))
    }

    @Test func languagesAreFoundByPartsOfTheirNamesInAnyScript() {
        let k = Kiosk(language: nil)
        let tags = k.flow.offeredLanguages
        let files = tags.map { Fixtures.catalogue.languages[$0] }
        #expect(LanguageMatcher.match("中文", tags: tags, names: files).map { tags[$0] }?.hasPrefix("zh") == true)
        #expect(LanguageMatcher.match("عربي", tags: tags, names: files).map { tags[$0] } == "ar")
        #expect(LanguageMatcher.match("traditional", tags: tags, names: files).map { tags[$0] } == "zh-Hant")
    }
}
