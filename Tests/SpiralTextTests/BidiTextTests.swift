import Foundation
import Testing
@testable import SpiralText

@Suite struct BidiTextTests {
    @Test func detectsRightToLeft() {
        #expect(BidiText.containsRightToLeft("Hello مرحبا"))
        #expect(BidiText.containsRightToLeft("שלום"))
        #expect(!BidiText.containsRightToLeft("Hello ١٢٣")) // Arabic-Indic digits are not strong
        #expect(!BidiText.containsRightToLeft("日本語"))
    }

    @Test func shapesArabicForVisualOrder() {
        // م ر ح ب ا: meem joins reh; reh does not join forward, so hah starts a
        // new joined run hah-beh-alef. Drawn left to right: alef (final), beh
        // (medial), hah (initial), reh (final), meem (initial).
        let visual = BidiText.visualLine("مرحبا", base: .rightToLeft)
        #expect(Array(visual.unicodeScalars) == ["\u{FE8E}", "\u{FE92}", "\u{FEA3}", "\u{FEAE}", "\u{FEE3}"])
        #expect(BidiText.visualLine("مرحبا", base: .leftToRight) == visual)
        #expect(BidiText.visualLine("لا", base: .rightToLeft) == "\u{FEFB}") // lam-alef ligature
    }

    @Test func mixedArabicEnglishAndDigitsReadCorrectly() {
        // "My name is Sarah, I am 42 years old" with the English name inside.
        let visual = BidiText.visualLine("اسمي Sarah عمري 42 سنة", base: .rightToLeft)
        #expect(visual == "\u{FE94}\u{FEE8}\u{FEB3} 42 \u{FEF1}\u{FEAE}\u{FEE4}\u{FECB} Sarah \u{FEF2}\u{FEE4}\u{FEB3}\u{FE8D}")
        // The English name and the number keep their left-to-right order; the
        // first Arabic word (اسمي) ends up rightmost, the last (سنة) leftmost.
        #expect(visual.contains("Sarah") && visual.contains("42"))
        #expect(visual.hasSuffix("\u{FEF2}\u{FEE4}\u{FEB3}\u{FE8D}"))
        // In a left-to-right paragraph the Arabic runs are reversed in place.
        #expect(BidiText.visualLine("Call مرحبا now", base: .leftToRight)
            == "Call \u{FE8E}\u{FE92}\u{FEA3}\u{FEAE}\u{FEE3} now")
    }

    @Test func mirrorsBracketsAndDropsBidiControls() {
        #expect(BidiText.visualLine("Hi (مرحبا) there", base: .rightToLeft)
            == "there (\u{FE8E}\u{FE92}\u{FEA3}\u{FEAE}\u{FEE3}) Hi")
        // CLDR's Arabic date puts a right-to-left mark after each number so the
        // day reads first from the right; the marks themselves are dropped.
        let date = LocaleFormat.date(Date(timeIntervalSince1970: 1_795_348_800), locale: "ar", timeZone: "UTC")
        #expect(date.unicodeScalars.contains("\u{200F}"))
        #expect(BidiText.visualLine(date, base: .rightToLeft) == "٢٠٢٦/١١/٢٢")
    }

    @Test func leavesLeftToRightTextAlone() {
        #expect(BidiText.visualLine("Plain English (with brackets)", base: .leftToRight) == "Plain English (with brackets)")
        #expect(BidiText.visualLine("Call \(BidiText.isolate("Mia"))", base: .leftToRight) == "Call Mia")
    }

    @Test func isolatesKeepPhoneNumbersTogether() {
        // Bare, the number's space-separated groups each become their own run.
        #expect(BidiText.visualLine("اتصل على 1800 123 456", base: .rightToLeft)
            == "456 123 1800 \u{FEF0}\u{FEE0}\u{FECB} \u{FEDE}\u{FEBC}\u{FE97}\u{FE8D}")
        #expect(BidiText.visualLine("اتصل على \(BidiText.isolate("1800 123 456"))", base: .rightToLeft)
            == "1800 123 456 \u{FEF0}\u{FEE0}\u{FECB} \u{FEDE}\u{FEBC}\u{FE97}\u{FE8D}")
    }
}

@Suite struct BidiControlsAndKeysTests {
    @Test func zeroWidthNonJoinerIsKeptSoLettersThatMustNotJoinDoNot() {
        // Persian "می‌خواهم": ZWNJ after می keeps ی in its final form.
        let word = "می\u{200C}خواهم"
        let shown = BidiText.visualLine(word, base: .rightToLeft)
        #expect(shown.unicodeScalars.contains("\u{200C}"))
        #expect(!shown.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    }

    @Test func aKeySymbolIsNotMirroredInARightToLeftLine() {
        let hint = "< : الرجوع · * : اللغة"
        let shown = BidiText.visualLine(hint, base: .rightToLeft)
        #expect(shown.contains("<") && !shown.contains(">"))
    }
}

@Suite struct ArabicMarksTests {
    static func isMark(_ s: Unicode.Scalar) -> Bool { (0x064B...0x0652).contains(s.value) }

    @Test func vowelMarksStayCombiningOnInitialAndMedialLetters() {
        // تخطّي: the shadda on a medial tah; معًا: the tanwin on a medial ain.
        for word in ["يمكنك تخطّي أي سؤال", "نعمل معًا"] {
            let shown = BidiText.visualLine(word, base: .rightToLeft)
            #expect(!shown.unicodeScalars.contains { (0xFE70...0xFE7F).contains($0.value) }, "\(word)")
            #expect(shown.unicodeScalars.filter(Self.isMark).count == word.unicodeScalars.filter(Self.isMark).count)
            // Each mark follows a letter (what a terminal draws it on), never a space or the start.
            let scalars = Array(shown.unicodeScalars)
            for (i, s) in scalars.enumerated() where Self.isMark(s) {
                #expect(i > 0 && scalars[i - 1] != " ")
            }
        }
    }

    @Test func aMarkOnAFinalOrIsolatedLetterIsLeftOffSoTheLetterStaysVisible() {
        // foot pushes a final or isolated letter out of its cell when a mark rides on it:
        // أهلًا (tanwin on the lam-alef ligature) and بأيّ (shadda on a final yeh) lost a letter.
        for word in ["أهلًا وسهلًا", "بأيّ اسم", "بصوت عالٍ"] {
            let shown = BidiText.visualLine(word, base: .rightToLeft)
            #expect(!shown.unicodeScalars.contains(where: Self.isMark), "\(word)")
            // Every letter is still there: the shown text, decomposed, holds the same letters.
            let letters = { (t: String) in t.precomposedStringWithCompatibilityMapping.unicodeScalars
                .filter { !Self.isMark($0) && $0 != " " }.map(\.value).sorted() }
            #expect(letters(shown) == letters(word), "\(word)")
        }
    }
}
