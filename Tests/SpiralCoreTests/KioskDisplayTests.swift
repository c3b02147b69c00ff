import Foundation
import Testing
@testable import SpiralCore

/// A kiosk never offers a language its display cannot draw, and says so to staff.
@Suite("Kiosk display: languages the screen cannot draw are left out")
struct KioskDisplayTests {
    static func config(display: String?, languages: [String] = []) -> CentreConfig {
        var config = CentreConfig.australianDefaults
        config.display = display
        config.languages = languages
        return config
    }

    @Test func footDrawsEveryShippedScriptButDevanagari() throws {
        let foot = try #require(KioskDisplay.named("foot"))
        for tag in ["en", "ar", "zh-Hans", "zh-Hant", "ko", "el", "vi", "es"] { #expect(foot.draws(language: tag), "\(tag)") }
        for tag in ["hi", "ne", "mr", "bn", "ta"] { #expect(!foot.draws(language: tag), "\(tag)") }
    }

    @Test func theConsoleDrawsOnlyLatinLetters() throws {
        let console = try #require(KioskDisplay.named("linux-console"))
        for tag in ["en", "es", "vi"] { #expect(console.draws(language: tag), "\(tag)") }
        for tag in ["el", "ru", "ar", "zh-Hans", "zh-Hant", "ko", "hi", "ja"] { #expect(!console.draws(language: tag), "\(tag)") }
    }

    @Test func thePickerLeavesOutWhatTheDisplayCannotDrawAndTellsStaff() {
        let k = KioskFlowTests.Kiosk(language: nil, config: Self.config(display: "foot"))
        #expect(k.screen.kind == .language)
        let offered = k.flow.offeredLanguages
        #expect(!offered.contains("hi") && !offered.contains("ne"))
        #expect(offered.contains("ar") && offered.contains("zh-Hans"))
        #expect(!k.screen.list.contains { $0.language == "hi" || $0.language == "ne" })
        #expect(k.flow.languagesLeftOut == ["hi", "ne"])
        // Staff read why on the first screen: the display, and each language by name.
        let staff = k.screen.allText
        #expect(staff.contains("foot") && staff.contains("Hindi") && staff.contains("Nepali"))
        // A family typing the name is told it was not found, as for any language not offered.
        k.type("hindi")
        #expect(k.screen.kind == .language)
        #expect(k.screen.allText.contains("couldn't find"))
    }

    @Test func aStartLanguageTheDisplayCannotDrawIsNotUsed() {
        let k = KioskFlowTests.Kiosk(language: "hi", config: Self.config(display: "foot"))
        #expect(k.screen.kind == .language)
        #expect(k.flow.language == "en")
        let drawn = KioskFlowTests.Kiosk(language: "ar", config: Self.config(display: "foot"))
        #expect(drawn.screen.kind == .welcome && drawn.flow.language == "ar")
    }

    @Test func noDisplayNamedOffersEveryLanguageAsBefore() {
        let k = KioskFlowTests.Kiosk(language: nil, config: Self.config(display: nil))
        #expect(k.flow.offeredLanguages.contains("hi"))
        #expect(k.flow.languagesLeftOut.isEmpty)
        #expect(!k.screen.allText.contains("cannot draw"))
    }

    @Test func theCentresOwnListIsFilteredInItsOrder() {
        let config = Self.config(display: "foot", languages: ["vi", "hi", "ar"])
        #expect(config.languageOffer(Fixtures.catalogue).offered == ["vi", "ar"])
        #expect(config.languageOffer(Fixtures.catalogue).leftOut == ["hi"])
    }

    @Test func anUnknownDisplayIsRefusedWithTheNamesThatWork() throws {
        let folder = Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/centre.json"
        try Data(#"{"languages": [], "crisisContacts": [], "display": "Foot Terminal"}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try CentreConfig.load(path: path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("Foot Terminal") && text.contains("foot, linux-console, other")
        }
    }
}
