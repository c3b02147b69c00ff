#include <vector>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/ushape.h>
#include <unicode/utf16.h>
#include "Support.hpp"

extern "C" int32_t spiral_icu_has_rtl(const uint16_t *text, int32_t length) {
    const UChar *chars = spiral::utf16(text);
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U16_NEXT(chars, i, length, c);
        UCharDirection direction = u_charDirection(c);
        if (direction == U_RIGHT_TO_LEFT || direction == U_RIGHT_TO_LEFT_ARABIC) return 1;
    }
    return 0;
}

extern "C" uint16_t *spiral_icu_visual_line(const uint16_t *text, int32_t length, int32_t rtl,
                                            int32_t *outLength, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UBiDi *bidi = ubidi_openSized(length, 0, &code);
    ubidi_setPara(bidi, spiral::utf16(text), length, rtl ? 1 : 0, nullptr, &code);
    // Reordering never grows the text; removing controls and mirroring keep or shrink it.
    std::vector<UChar> visual(length > 0 ? length : 1);
    // UBIDI_KEEP_BASE_COMBINING: a vowel mark stays after its letter in a reversed run, which is
    // where a terminal draws a combining character (on the cell before it).
    int32_t reorderedLength = ubidi_writeReordered(bidi, visual.data(), length,
                                                   UBIDI_DO_MIRRORING | UBIDI_KEEP_BASE_COMBINING, &code);
    ubidi_close(bidi);
    // ICU's UBIDI_REMOVE_BIDI_CONTROLS also removes ZWJ and ZWNJ, which are not bidi controls
    // but say whether letters join (Persian, Urdu, Hindi, Malayalam): the shaper below must see
    // them. So only the marks, embeddings, overrides and isolates are taken out here.
    int32_t visualLength = 0;
    for (int32_t i = 0; i < reorderedLength; i++) {
        UChar c = visual[i];
        bool control = c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        if (!control) visual[visualLength++] = c;
    }
    // The text is now in visual left-to-right order, so the shaper must be told
    // so: with U_SHAPE_TEXT_DIRECTION_LOGICAL it would join each letter to the
    // wrong neighbour (initial and final forms swapped), measured on ICU 72.
    // Lam-alef ligatures may shrink the text; nothing here makes it grow.
    std::vector<UChar> shaped(visualLength > 0 ? visualLength : 1);
    int32_t shapedLength = U_SUCCESS(code)
        ? u_shapeArabic(visual.data(), visualLength, shaped.data(), visualLength,
                        U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_VISUAL_LTR | U_SHAPE_LENGTH_GROW_SHRINK,
                        &code)
        : 0;
    // The shaper turns vowel marks (tanwin, shadda, harakat) into spacing presentation forms
    // (U+FE70-U+FE7F), drawn in cells of their own beside the word: put the combining marks back,
    // so they sit on their letters. A medial form's tatweel is dropped with it.
    //
    // A terminal that draws a letter and its mark as one cluster (foot, measured on the real
    // screen by scripts/display_check.py) draws them right only on initial and medial forms: on a
    // final or isolated form, a lam-alef ligature among them, it pushes the letter out of its cell
    // and the letter disappears (أهلًا read as أه ً, بأيّ as بأ ّ). A word without its marks is
    // still read by every Arabic reader; a word without a letter is not. So a mark on such a form
    // is left off the screen (never out of the answer, which keeps it).
    int32_t kept = 0;
    bool baseTakesMarks = false;
    for (int32_t i = 0; i < shapedLength; i++) {
        UChar c = shaped[i];
        if (c >= 0xFE70 && c <= 0xFE7F && c != 0xFE73 && c != 0xFE75) {
            static const UChar marks[16] = {0x064B, 0x064B, 0x064C, 0, 0x064D, 0, 0x064E, 0x064E,
                                            0x064F, 0x064F, 0x0650, 0x0650, 0x0651, 0x0651, 0x0652, 0x0652};
            c = marks[c - 0xFE70];
        }
        // Tanwin, the short vowels, shadda and sukun: what the shaper spaces out and what may be
        // left off. Madda and hamza marks (U+0653-0655) are part of their letter and always kept.
        bool arabicMark = c >= 0x064B && c <= 0x0652;
        if (arabicMark) {
            if (baseTakesMarks) shaped[kept++] = c;
            continue;
        }
        int32_t form = u_getIntPropertyValue(c, UCHAR_DECOMPOSITION_TYPE);
        baseTakesMarks = form == U_DT_INITIAL || form == U_DT_MEDIAL;
        shaped[kept++] = c;
    }
    shapedLength = kept;
    *status = code;
    return U_SUCCESS(code) ? spiral::copyOut(shaped.data(), shapedLength, outLength) : nullptr;
}

// A cursor before logical unit i sits at the right edge of character i when that character is
// right-to-left, at its left edge when it is left-to-right; at the end of the line it follows the
// last character the other way round.
//
// `anchored_right`: the line is drawn against the right margin and grows leftwards (a
// right-to-left input line), so a letter typed at the cursor takes the cell of the character
// now after it, and at the end of a right-to-left line the next letter goes left of the last.
extern "C" int32_t spiral_icu_visual_cursor(const uint16_t *text, int32_t length, int32_t rtl,
                                            int32_t logical_index, int32_t anchored_right) {
    if (length <= 0) return 0;
    UErrorCode code = U_ZERO_ERROR;
    UBiDi *bidi = ubidi_openSized(length, 0, &code);
    ubidi_setPara(bidi, spiral::utf16(text), length, rtl ? 1 : 0, nullptr, &code);
    if (U_FAILURE(code)) { ubidi_close(bidi); return 0; }
    int32_t result;
    if (logical_index < length) {
        int32_t visual = ubidi_getVisualIndex(bidi, logical_index, &code);
        int odd = ubidi_getLevelAt(bidi, logical_index) & 1;
        result = odd && !anchored_right ? visual + 1 : visual;
    } else {
        int32_t visual = ubidi_getVisualIndex(bidi, length - 1, &code);
        int odd = ubidi_getLevelAt(bidi, length - 1) & 1;
        result = odd ? (anchored_right ? visual - 1 : visual) : visual + 1;
    }
    ubidi_close(bidi);
    return U_SUCCESS(code) ? result : 0;
}

extern "C" uint16_t *spiral_icu_reorder_line(const uint16_t *text, int32_t length, int32_t rtl,
                                             int32_t *outLength, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UBiDi *bidi = ubidi_openSized(length, 0, &code);
    ubidi_setPara(bidi, spiral::utf16(text), length, rtl ? 1 : 0, nullptr, &code);
    std::vector<UChar> visual(length > 0 ? length : 1);
    int32_t visualLength = ubidi_writeReordered(bidi, visual.data(), length, UBIDI_DO_MIRRORING, &code);
    ubidi_close(bidi);
    *status = code;
    return U_SUCCESS(code) ? spiral::copyOut(visual.data(), visualLength, outLength) : nullptr;
}
