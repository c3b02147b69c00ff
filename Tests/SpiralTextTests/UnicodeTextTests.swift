import Testing
@testable import SpiralText

@Suite struct UnicodeTextTests {
    static let vietNFC = "Vi\u{1EC7}t"
    static let vietNFD = "Vie\u{323}\u{302}t"

    @Test func nfcComposesDecomposedInput() {
        #expect(Self.vietNFD.unicodeScalars.count == 6)
        let composed = UnicodeText.nfc(Self.vietNFD)
        #expect(Array(composed.unicodeScalars) == Array(Self.vietNFC.unicodeScalars))
    }

    /// Expected values are what glibc's wcswidth gives under C.UTF-8, which is
    /// what a terminal allots.
    @Test(arguments: [
        ("日本語", 6), (vietNFC, 4), (vietNFD, 4), ("नमस्ते", 4), ("हिन्दी", 5), ("한국어", 6),
        ("\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}", 4), // 한국 as conjoining jamo
        ("ภาษาไทย", 7), ("ที่", 1), ("தமிழ்", 4), ("Ｆｕｌｌ", 8), ("Mia", 3), ("", 0), ("👍", 2), ("🇦🇺", 2),
    ])
    func displayWidthMatchesTerminal(text: String, columns: Int) {
        #expect(UnicodeText.displayWidth(text) == columns)
    }

    @Test func wrapsChineseBetweenCharacters() {
        let text = "我们的家庭支持服务欢迎您。请告诉我们您需要什么帮助。"
        let lines = UnicodeText.wrap(text, width: 10, locale: "zh-Hans")
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { UnicodeText.displayWidth($0) <= 10 })
        #expect(lines.joined() == text)
        #expect(!lines.contains { $0.hasPrefix("。") }) // no line starts with a full stop
    }

    @Test func wrapsKoreanAtSpacesOnly() {
        let text = "도움말을 보려면 Enter를 누르세요. 언제든지 건너뛸 수 있어요."
        let lines = UnicodeText.wrap(text, width: 16, locale: "ko")
        #expect(lines.allSatisfy { UnicodeText.displayWidth($0) <= 16 })
        #expect(lines == ["도움말을 보려면", "Enter를", "누르세요.", "언제든지 건너뛸", "수 있어요."])
        // "Enter를" is one word: its particle stays with it.
        #expect(UnicodeText.wrap("없으면 그냥 Enter를 눌러 시작하세요.", width: 14, locale: "ko") == ["없으면 그냥", "Enter를 눌러", "시작하세요."])
        // A word wider than the line is still cut, between syllables, so nothing overflows.
        let long = UnicodeText.wrap("가나다라마바사아자차카타파하", width: 10, locale: "ko")
        #expect(long.allSatisfy { UnicodeText.displayWidth($0) <= 10 } && long.joined() == "가나다라마바사아자차카타파하")
    }

    @Test func wrapsThaiAtDictionaryWords() {
        // "I need help with housing", with no spaces between the words.
        let text = "ฉันต้องการความช่วยเหลือเรื่องที่อยู่อาศัย"
        let lines = UnicodeText.wrap(text, width: 12, locale: "th")
        #expect(lines.allSatisfy { UnicodeText.displayWidth($0) <= 12 })
        #expect(lines.joined() == text)
        // ICU's dictionary splits ที่อยู่อาศัย ("housing") into ที่ | อยู่ | อาศัย.
        #expect(lines == ["ฉันต้องการความ", "ช่วยเหลือเรื่องที่", "อยู่อาศัย"])
    }

    @Test func wrapsEnglishWithoutSplittingWords() {
        let text = "Please tell us what would help your family this week, in your own words."
        let lines = UnicodeText.wrap(text, width: 16, locale: "en")
        #expect(lines.allSatisfy { UnicodeText.displayWidth($0) <= 16 && !$0.hasSuffix(" ") })
        #expect(lines.joined(separator: " ") == text)
        #expect(lines.first == "Please tell us")
    }

    @Test func splitsAWordWiderThanTheLine() {
        #expect(UnicodeText.wrap("See Supercalifragilisticexpialidocious now", width: 10, locale: "en")
            == ["See", "Supercalif", "ragilistic", "expialidoc", "ious now"])
        // Never inside a grapheme cluster: the NFD "ệ" stays whole.
        let nfd = String(repeating: Self.vietNFD, count: 3)
        let lines = UnicodeText.wrap(nfd, width: 3, locale: "vi")
        #expect(lines.joined() == nfd)
        #expect(lines.allSatisfy { UnicodeText.displayWidth($0) <= 3 && $0.unicodeScalars.first != "\u{323}" })
    }

    @Test func honoursHardBreaksAndKeepsEmptyLines() {
        #expect(UnicodeText.wrap("Hello\n\nWelcome back", width: 20, locale: "en") == ["Hello", "", "Welcome back"])
        #expect(UnicodeText.wrap("one\r\ntwo\n", width: 20, locale: "en") == ["one", "two", ""])
        #expect(UnicodeText.wrap("", width: 20, locale: "en") == [""])
    }

    @Test func clampsTinyWidthsAndFitsWideCharacters() {
        let lines = UnicodeText.wrap("日本語テキスト", width: 1, locale: "ja")
        #expect(lines.allSatisfy { UnicodeText.displayWidth($0) == 2 })
        #expect(UnicodeText.wrap("日本語テキスト", width: 5, locale: "ja") == ["日本", "語テ", "キス", "ト"])
    }

    @Test(arguments: [
        ("Nguyễn", "nguyen"), ("Tiếng Việt", "tieng viet"), ("Ελληνικά", "ellenika"), ("한국어", "hangug-eo"),
        ("  Straße \t Łódź\n", "strasse lodz"), ("Русский", "russkij"), ("中文", "zhong wen"),
        ("Nguye\u{302}\u{303}n", "nguyen"),
    ])
    func searchKeys(text: String, key: String) {
        #expect(UnicodeText.searchKey(text) == key)
    }

    @Test func truncatesOnGraphemeBoundaries() {
        #expect(UnicodeText.truncate("Mia", toWidth: 5) == "Mia")
        #expect(UnicodeText.truncate("Family plan", toWidth: 7) == "Family…")
        #expect(UnicodeText.truncate("日本語テキスト", toWidth: 6) == "日本…")
        #expect(UnicodeText.truncate(String(repeating: Self.vietNFD, count: 2), toWidth: 6) == "Vie\u{323}\u{302}tV…")
    }

    @Test func padsByDisplayWidth() {
        #expect(UnicodeText.pad("日本", toWidth: 6) == "日本  ")
        #expect(UnicodeText.pad(Self.vietNFD, toWidth: 5) == Self.vietNFD + " ")
        #expect(UnicodeText.pad("too wide", toWidth: 3) == "too wide")
    }
}
