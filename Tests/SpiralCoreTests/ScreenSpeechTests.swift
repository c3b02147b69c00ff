import Foundation
import Testing
@testable import SpiralCore

/// What the kiosk reads aloud: each screen's words in order, spoken variants of messages, each
/// language's name in its own voice, and never the family's own words unless asked and confirmed.
@Suite("Reading aloud: what each screen says")
struct ScreenSpeechTests {
    func flow(language: String? = "en") -> KioskFlow {
        var settings = KioskSettings(language: language, idleTimeout: .seconds(60), interactive: true)
        settings.readAloudOffered = true
        settings.pinCheckFloor = .zero
        let f = KioskFlow(script: Fixtures.script, catalogue: Fixtures.catalogue, config: .australianDefaults,
                          repository: InMemoryPlanRepository(), log: StaffLog(path: nil), settings: settings)
        f.pause = { _ in }
        return f
    }

    func next(_ f: KioskFlow, _ line: String) -> Screen {
        if case let .show(s) = f.handle(.line(line)) { return s }
        Issue.record("no screen after \(line)")
        return f.screen()
    }

    var speech: ScreenSpeech { ScreenSpeech(catalogue: Fixtures.catalogue) }

    @Test func theWelcomeScreenIsReadInOrderWithSpokenKeyHintsAndNoStaffLines() {
        let screen = flow().start()
        let said = speech.segments(for: screen)
        #expect(said.first?.text == screen.title)
        #expect(said.contains { $0.text.contains("less-than sign") })          // the spoken variant of ui.keys
        #expect(!said.contains { $0.text.contains("< :") })
        #expect(!said.contains { $0.text.hasPrefix("Staff:") })
        #expect(said.first?.messageKeys.contains("ui.welcome.title") == true)    // so a recording can replace it
    }

    @Test func theLanguageScreenSaysEachNameInItsOwnLanguage() {
        let screen = flow(language: nil).start()
        #expect(screen.kind == .language)
        let said = speech.segments(for: screen)
        #expect(said.contains { $0.language == "ar" && $0.text.contains("العربية") })
        #expect(said.contains { $0.language == "zh-Hans" && $0.text.contains("简体中文") })
        #expect(said.contains { $0.language == "vi" && $0.text.contains("Tiếng Việt") })
    }

    @Test func theFamilysWordsAreSaidOnlyWhenAskedAgainOnThatScreen() {
        let f = flow()
        _ = f.start()
        _ = next(f, "")       // welcome
        _ = next(f, "1")      // consent
        _ = next(f, "")       // no PIN
        _ = next(f, "Amira")
        var screen = next(f, "Mia 4, Sam 7")
        // Skip to the summary, where every answer is the family's.
        for _ in 0..<80 where screen.kind != .summary { screen = next(f, "") }
        #expect(screen.kind == .summary)
        #expect(screen.familyWords.contains("Amira"))
        let first = speech.segments(for: screen)
        #expect(!first.contains { $0.text.contains("Amira") || $0.text.contains("Mia") })
        #expect(first.last?.text.contains("press F1 again") == true)
        #expect(speech.hasFamilyWords(screen))
        let confirmed = speech.segments(for: screen, withFamilyWords: true)
        #expect(confirmed.contains { $0.text.contains("Amira") && $0.familyWords })
    }

    @Test func aQuestionThatNamesAChildIsHeldBackToo() {
        let f = flow()
        _ = f.start()
        _ = next(f, ""); _ = next(f, "1"); _ = next(f, "")
        _ = next(f, "Amira")
        var screen = next(f, "Zephyrine 4")
        for _ in 0..<80 where !screen.allText.contains("Zephyrine") && screen.kind != .summary { screen = next(f, "") }
        #expect(screen.allText.contains("Zephyrine"))
        #expect(!speech.segments(for: screen).contains { $0.text.contains("Zephyrine") })
    }

    @Test func wordsQuotedBackInARefusalAreNotReadAloud() {
        let f = flow()
        _ = f.start()
        _ = next(f, ""); _ = next(f, "1"); _ = next(f, "")
        _ = next(f, "Amira")
        _ = next(f, "")
        let refused = next(f, "he took the money")   // typed at a question with choices
        #expect(refused.notice?.contains("he took the money") == true)
        #expect(!speech.segments(for: refused).contains { $0.text.contains("he took the money") })
    }

    @Test func exclamationMarkTurnsEveryScreenBeingReadOnAndOff() {
        let f = flow()
        _ = f.start()
        let on = next(f, "!")
        #expect(on.readAloud)
        #expect(on.notice?.contains("read aloud") == true)
        let consent = next(f, "")
        #expect(consent.readAloud)
        #expect(!next(f, "!").readAloud)
    }
}
