import Testing
@testable import SpiralText

/// `UnicodeText.lines` cuts on the bytes what `split(separator: "\n")` cuts on characters.
@Suite struct LinesTests {
    static let texts = [
        "", "\n", "\n\n", "one line", "a\nb", "a\n\nb\n", "\nleading", "trailing\n",
        "Tiếng Việt\n(bản nháp)", "العربية\nمسودة", "हिन्दी\n\nनेपाली", "简体中文\n繁體中文",
        "a\n\u{301}b",              // a combining mark after a line feed is still a new line
        "👩‍👩‍👧\n🇦🇺 flag", "windows\r\nline\rends\n", "\r\n\r\n",
    ]

    @Test(arguments: texts)
    func cutsWhereSplitCuts(_ text: String) {
        #expect(UnicodeText.lines(text) == text.split(separator: "\n", omittingEmptySubsequences: false), "\(text.debugDescription)")
    }
}
