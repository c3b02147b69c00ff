import Testing
@testable import SpiralText

/// `UnicodeText.replacing` finds on the bytes what the standard library's `replacing` finds on
/// characters, so the key hints under a screen wrap and print exactly as before.
@Suite struct ReplacingTests {
    static let cases: [[String]] = [
        ["", " : ", "\u{00A0}:\u{00A0}"],
        ["? : help   * : language   F1 : read aloud", " : ", "\u{00A0}:\u{00A0}"],
        ["？：帮助   *：语言", "：", "：\u{2060}"],
        ["a : b : c", " : ", "-"],
        [" :  : ", " : ", "|"],              // overlapping candidates: the first one wins
        ["nothing here", " : ", "x"],
        ["x\u{00A0}:\u{00A0}y\u{2060}z", "\u{00A0}", " "],
        ["x\u{2060}\u{2060}y", "\u{2060}", ""],
        ["：\u{301}a：", "：", "!"],          // an accent on it makes another character: not a match
        ["👩‍👩‍👧 : 🇦🇺", " : ", "="],
        ["aaa", "aa", "b"],
        ["اللغة : ١", " : ", "\u{00A0}:\u{00A0}"],
    ]

    @Test(arguments: cases)
    func findsWhatTheStandardLibraryFinds(_ c: [String]) {
        #expect(UnicodeText.replacing(c[0], c[1], with: c[2]) == c[0].replacing(c[1], with: c[2]), "\(c[0].debugDescription)")
    }

    /// The one difference: the standard library also matches a character written another way
    /// ("é" as e and an accent). Nothing replaced this way is written two ways.
    @Test func matchesOnlyTheSameBytes() {
        #expect(UnicodeText.replacing("e\u{301}", "é", with: "E") == "e\u{301}")
    }
}
