import Testing
@testable import SpiralText

@Suite("Where the edit cursor goes in right-to-left input")
struct VisualCursorTests {
    // "سارة Sam 12" in a right-to-left paragraph is drawn "Sam 12 ةراس" (letters shaped).
    let line = "سارة Sam 12"

    @Test func atTheStartTheCursorIsRightOfTheFirstArabicLetter() {
        #expect(BidiText.visualCursorColumn(line, logicalOffset: 0, base: .rightToLeft) == 11)
    }

    @Test func beforeANumberTheCursorIsAtItsLeftEdge() {
        #expect(BidiText.visualCursorColumn(line, logicalOffset: 9, base: .rightToLeft) == 4)
    }

    @Test func atTheEndTheCursorFollowsTheLastLeftToRightRun() {
        #expect(BidiText.visualCursorColumn(line, logicalOffset: 11, base: .rightToLeft) == 6)
    }

    @Test func plainLeftToRightTextCountsColumns() {
        #expect(BidiText.visualCursorColumn("Hello", logicalOffset: 2, base: .leftToRight) == 2)
    }
}
