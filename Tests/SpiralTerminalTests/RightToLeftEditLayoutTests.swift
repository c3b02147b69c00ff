import Testing
@testable import SpiralTerminal
import SpiralText

/// A long right-to-left answer being typed: wrapped into rows that keep every character, each row
/// against the right margin, the cursor where the next letter goes.
@Suite struct RightToLeftEditLayoutTests {
    let sentence = "أريد أن أتعلم كيف أساعد ابني في واجباته المدرسية كل يوم بعد المدرسة وأن أكون صبورة معه"

    @Test func aLongAnswerWrapsIntoRowsAgainstTheRightMarginWithoutSplittingWords() {
        let layout = RightToLeftEditLayout(text: sentence, cursorOffset: sentence.count, width: 30)
        #expect(layout.rows.count > 2)
        for row in layout.rows {
            #expect(UnicodeText.displayWidth(row) <= 30)
        }
        // Every row but the last fills to the margin from the right (padding on its left).
        #expect(layout.rows.dropLast().allSatisfy { UnicodeText.displayWidth($0) == 30 })
        // No word is cut: every character is in exactly one row, rows break at spaces.
        let rows = RightToLeftEditLayout.wrap(Array(sentence), width: 30)
        #expect(rows.map { String($0) }.joined() == sentence)
        #expect(rows.dropLast().allSatisfy { $0.last == " " })
    }

    @Test func atTheEndTheCursorIsTheEmptyCellLeftOfTheLastLetter() {
        let word = "مرحبا"
        let layout = RightToLeftEditLayout(text: word, cursorOffset: word.count, width: 20)
        let shown = BidiText.visualLine(word, base: .rightToLeft)
        let gap = 20 - UnicodeText.displayWidth(shown)
        #expect(layout.cursorRow == 0)
        #expect(layout.cursorColumn == gap - 1)
    }

    @Test func theCursorIsOnTheRowOfItsCharacter() {
        let layout = RightToLeftEditLayout(text: sentence, cursorOffset: 3, width: 30)
        #expect(layout.cursorRow == 0)
        let end = RightToLeftEditLayout(text: sentence, cursorOffset: sentence.count, width: 30)
        #expect(end.cursorRow == end.rows.count - 1)
    }

    @Test func anEmptyLineHasTheCursorAtTheRightMargin() {
        let layout = RightToLeftEditLayout(text: "", cursorOffset: 0, width: 20)
        #expect(layout.rows.count == 1 && layout.rows[0].allSatisfy { $0 == " " })
        #expect(layout.cursorColumn == 19)
    }
}
