import Foundation
import Testing
@testable import SpiralText

@Suite struct LocaleFormatTests {
    static let noonUTC = Date(timeIntervalSince1970: 1_795_348_800) // 2026-11-22 12:00 UTC

    @Test func mediumDates() {
        #expect(LocaleFormat.date(Self.noonUTC, locale: "en-AU", timeZone: "UTC") == "22 Nov 2026")
        #expect(LocaleFormat.date(Self.noonUTC, locale: "en-US", timeZone: "UTC") == "Nov 22, 2026")
        // CLDR puts right-to-left marks around the slashes.
        #expect(LocaleFormat.date(Self.noonUTC, locale: "ar", timeZone: "UTC") == "٢٢\u{200F}/١١\u{200F}/٢٠٢٦")
        #expect(LocaleFormat.date(Self.noonUTC, locale: "ar-u-nu-latn", timeZone: "UTC") == "22\u{200F}/11\u{200F}/2026")
        #expect(LocaleFormat.date(Self.noonUTC, locale: "en-AU").hasSuffix("Nov 2026")) // default zone
    }

    @Test func numbers() {
        #expect(LocaleFormat.number(1_234_567, locale: "en-AU") == "1,234,567")
        #expect(LocaleFormat.number(1_234_567, locale: "ar") == "١٬٢٣٤٬٥٦٧")
        #expect(LocaleFormat.number(1_234_567, locale: "ar-u-nu-latn") == "1,234,567")
        #expect(LocaleFormat.number(1_234_567, locale: "vi") == "1.234.567")
        #expect(LocaleFormat.number(-42, locale: "en") == "-42")
    }

    @Test func languageNames() {
        #expect(LocaleFormat.languageName("vi", inLanguage: "vi") == "Tiếng Việt")
        #expect(LocaleFormat.languageName("ar", inLanguage: "ar") == "العربية")
        #expect(LocaleFormat.languageName("ko", inLanguage: "ko") == "한국어")
        #expect(LocaleFormat.languageName("fr", inLanguage: "fr") == "Français") // capitalised for a menu
        #expect(LocaleFormat.languageName("vi", inLanguage: "en") == "Vietnamese")
        #expect(LocaleFormat.languageName("zh-Hant", inLanguage: "zh-Hant") == "中文（繁體）")
    }

    @Test(arguments: [
        ("zh_hant", "zh-Hant"), ("zh-hant-tw", "zh-Hant-TW"), ("en_AU", "en-AU"), ("zh_TW.UTF-8", "zh-TW"),
        ("AR-u-NU-latn", "ar-u-nu-latn"), ("iw", "he"), ("vi", "vi"), ("", "und"), ("C", "C"),
    ])
    func canonicalTags(tag: String, canonical: String) {
        #expect(LocaleFormat.canonicalTag(tag) == canonical)
    }

    @Test func fallbackChains() {
        #expect(LocaleFormat.fallbackChain("zh-Hant-TW") == ["zh-Hant-TW", "zh-Hant", "zh"])
        #expect(LocaleFormat.fallbackChain("zh_TW") == ["zh-TW", "zh-Hant", "zh"])
        #expect(LocaleFormat.fallbackChain("zh-CN") == ["zh-CN", "zh"])
        #expect(LocaleFormat.fallbackChain("en-AU") == ["en-AU", "en"])
        #expect(LocaleFormat.fallbackChain("ar-u-nu-latn") == ["ar-u-nu-latn", "ar"])
        #expect(LocaleFormat.fallbackChain("vi") == ["vi"])
    }
}
