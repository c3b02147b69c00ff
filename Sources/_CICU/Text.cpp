#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include "Support.hpp"

using namespace icu;

/// Columns one code point takes in a terminal, following wcwidth: marks,
/// format and control characters and Hangul medial/final jamo take none,
/// East Asian Wide/Fullwidth take two. Spacing marks (Mc) take one, as terminals draw them.
static int32_t codePointWidth(UChar32 c) {
    switch (u_charType(c)) {
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_FORMAT_CHAR:
    case U_CONTROL_CHAR: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
        return 0;
    default: break;
    }
    if ((c >= 0x1160 && c <= 0x11FF) || (c >= 0xD7B0 && c <= 0xD7FF)) return 0; // conjoining jamo V/T
    int32_t eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
}

/// What the cluster code needs of a code point, looked up in ICU once per BMP code point and
/// kept (three property lookups per character were a fifth of wrapping's instructions): its
/// width if it stands alone as a cluster, whether it always does (see below), and for a cluster
/// of several code points its own width and whether it is an emoji (see clusterWidth).
///
/// Kept in blocks of 128 code points, handed out in turn from one pool (as large as the whole
/// plane, so it never runs out), rather than in one 64 KB table: the language screen's ten
/// scripts (CJK's characters far apart) touched 25 of that table's pages, each a page fault
/// twice over (read, then written) before the first screen; packed in the order first met,
/// they touch three. Pages of the pool never used are never touched.
namespace {
constexpr uint8_t knownBit = 0x80, aloneBit = 0x40, emojiPresentationBit = 0x20, emojiBit = 0x10;
constexpr uint8_t widthMask = 0x03, codePointWidthShift = 2; // two bits each: 0, 1 or 2 columns
constexpr int blockBits = 7, blockSize = 1 << blockBits, poolBlocks = 0x10000 >> blockBits;
std::atomic<std::atomic<uint8_t> *> bmpBlocks[0x10000 >> blockBits];
std::atomic<uint8_t> pool[poolBlocks][blockSize];
std::atomic<int> poolUsed{0};

/// The block holding `c`'s entry, claimed from the pool the first time; nil when it is used up.
std::atomic<uint8_t> *blockFor(UChar32 c) {
    std::atomic<uint8_t> *block = bmpBlocks[c >> blockBits].load(std::memory_order_acquire);
    if (block || poolUsed.load(std::memory_order_relaxed) >= poolBlocks) return block;
    int claimed = poolUsed.fetch_add(1, std::memory_order_relaxed);
    if (claimed >= poolBlocks) return nullptr;
    std::atomic<uint8_t> *expected = nullptr;
    // Another thread may have given this range a block meanwhile: use its (this one is spare).
    if (bmpBlocks[c >> blockBits].compare_exchange_strong(expected, pool[claimed], std::memory_order_acq_rel))
        return pool[claimed];
    return expected;
}

uint8_t computeInfo(UChar32 c) {
    bool emojiPresentation = u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION);
    int32_t own = codePointWidth(c);
    int32_t width = emojiPresentation ? 2 : own;
    bool alone = false;
    switch (u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK)) {
    case U_GCB_OTHER: case U_GCB_LV: case U_GCB_LVT: case U_GCB_CONTROL: case U_GCB_LF: alone = true; break;
    default: break;
    }
    return knownBit | (alone ? aloneBit : 0) | (emojiPresentation ? emojiPresentationBit : 0)
        | (u_hasBinaryProperty(c, UCHAR_EMOJI) ? emojiBit : 0) | static_cast<uint8_t>(own << codePointWidthShift)
        | static_cast<uint8_t>(width);
}

uint8_t info(UChar32 c) {
    std::atomic<uint8_t> *block = c < 0x10000 ? blockFor(c) : nullptr;
    if (!block) return computeInfo(c);
    std::atomic<uint8_t> &entry = block[c & (blockSize - 1)];
    uint8_t known = entry.load(std::memory_order_relaxed);
    if (known & knownBit) return known;
    known = computeInfo(c);
    entry.store(known, std::memory_order_relaxed);
    return known;
}
} // namespace

/// An emoji cluster (emoji presentation, or an emoji made so by U+FE0F)
/// takes two columns however many code points it joins; other clusters take
/// the sum of their code points, which is what wcswidth and terminals do.
static int32_t clusterWidth(const UChar *text, int32_t length) {
    UChar32 first;
    int32_t i = 0;
    U16_NEXT(text, i, length, first);
    uint8_t firstInfo = info(first);
    bool emoji = firstInfo & emojiPresentationBit;
    int32_t width = (firstInfo >> codePointWidthShift) & widthMask;
    while (i < length) {
        UChar32 c;
        U16_NEXT(text, i, length, c);
        if (c == 0xFE0F && (firstInfo & emojiBit)) emoji = true;
        width += (info(c) >> codePointWidthShift) & widthMask;
    }
    return emoji ? 2 : width;
}

// Opening a break iterator builds its rule tables: about 120,000 instructions, measured with
// callgrind, against a few hundred to walk a line. So each thread keeps one iterator per kind
// and locale and points it at each new text (ubrk_setText); threads never share one (the cold
// listing parses plans on both cores). They are found by the tag as the caller spells it, so a
// tag is parsed into an ICU locale only when its iterator is first opened (parsing it on every
// call was a sixth of wrapping a line).
namespace {
struct BreakIterators {
    std::map<std::string, UBreakIterator *> open;
    std::string key;
    ~BreakIterators() {
        for (auto &entry : open) ubrk_close(entry.second);
    }
    UBreakIterator *get(UBreakIteratorType type, const char *tag, const UChar *text, int32_t length,
                        UErrorCode &code) {
        key.assign(1, static_cast<char>('0' + type));
        key.append(tag ? tag : "");
        auto found = open.find(key);
        if (found != open.end()) {
            ubrk_setText(found->second, text, length, &code);
            return U_SUCCESS(code) ? found->second : nullptr;
        }
        Locale locale = tag && *tag ? spiral::parseLocale(tag, code) : Locale::getRoot();
        UBreakIterator *made = U_SUCCESS(code) ? ubrk_open(type, locale.getName(), text, length, &code) : nullptr;
        if (U_FAILURE(code)) {
            if (made) ubrk_close(made);
            return nullptr;
        }
        open[key] = made;
        return made;
    }
};
thread_local BreakIterators iterators;
} // namespace

/// Whether every code point of the text is a grapheme cluster of its own: true when each has
/// Grapheme_Cluster_Break Other, LV, LVT (a precomposed Hangul syllable), Control or LF. No rule
/// of UAX #29 joins two such code points (they join only after CR, L, V, T, Prepend, ZWJ or RI,
/// or before Extend, ZWJ, SpacingMark, V, T or RI), so ICU's iterator, several times slower,
/// would give the same clusters. Chinese, Korean, Greek, Latin and unmarked Arabic take this path.
static bool eachCodePointIsACluster(const UChar *chars, int32_t length) {
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U16_NEXT(chars, i, length, c);
        if (!(info(c) & aloneBit)) return false;
    }
    return true;
}

/// Calls `each(start, length, width)` for every grapheme cluster of the text, in order.
template <typename Each> static void forEachCluster(const UChar *chars, int32_t length, Each each) {
    if (eachCodePointIsACluster(chars, length)) {
        for (int32_t start = 0, end = 0; start < length; start = end) {
            UChar32 c;
            U16_NEXT(chars, end, length, c);
            each(start, end - start, info(c) & widthMask);
        }
        return;
    }
    UErrorCode code = U_ZERO_ERROR;
    UBreakIterator *breaks = iterators.get(UBRK_CHARACTER, "", chars, length, code);
    for (int32_t start = 0, end; breaks && U_SUCCESS(code) && (end = ubrk_next(breaks)) != UBRK_DONE; start = end)
        each(start, end - start, clusterWidth(chars + start, end - start));
}

extern "C" int32_t spiral_icu_clusters(const uint16_t *text, int32_t length, spiral_icu_cluster *out) {
    int32_t count = 0;
    forEachCluster(spiral::utf16(text), length,
                   [&](int32_t start, int32_t size, int32_t width) { out[count++] = {start, size, width}; });
    return count;
}

extern "C" int32_t spiral_icu_width(const uint16_t *text, int32_t length) {
    int32_t total = 0;
    forEachCluster(spiral::utf16(text), length, [&](int32_t, int32_t, int32_t width) { total += width; });
    return total;
}

extern "C" int32_t spiral_icu_line_breaks(const uint16_t *text, int32_t length, const char *tag,
                                          spiral_icu_line_break *out) {
    UErrorCode code = U_ZERO_ERROR;
    UBreakIterator *breaks = iterators.get(UBRK_LINE, tag, spiral::utf16(text), length, code);
    int32_t count = 0;
    for (int32_t end; breaks && U_SUCCESS(code) && count < length && (end = ubrk_next(breaks)) != UBRK_DONE;) {
        int32_t rule = ubrk_getRuleStatus(breaks);
        out[count++] = {end, rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT ? 1 : 0};
    }
    return count;
}

extern "C" uint16_t *spiral_icu_nfc(const uint16_t *text, int32_t length, int32_t *outLength, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    const Normalizer2 *nfc = Normalizer2::getNFCInstance(code);
    UnicodeString result = U_SUCCESS(code) ? nfc->normalize(UnicodeString(spiral::utf16(text), length), code)
                                           : UnicodeString();
    *status = code;
    return U_SUCCESS(code) ? spiral::copyOut(result, outLength) : nullptr;
}

extern "C" uint16_t *spiral_icu_search_fold(const uint16_t *text, int32_t length, int32_t *outLength,
                                            int32_t *status) {
    // Building this compound transliterator costs milliseconds, so it is built
    // once. ICU does not promise that transliterate() is safe to call on one
    // instance from several threads (Any-Latin fills caches as it meets new
    // scripts), so every use holds the mutex too.
    static std::mutex lock;
    static Transliterator *fold = nullptr;
    static UErrorCode foldStatus = U_ZERO_ERROR;
    std::lock_guard<std::mutex> guard(lock);
    if (!fold && U_SUCCESS(foldStatus))
        fold = Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, foldStatus);
    *status = fold ? U_ZERO_ERROR : (U_FAILURE(foldStatus) ? foldStatus : U_MEMORY_ALLOCATION_ERROR);
    if (!fold) return nullptr;
    UnicodeString result(spiral::utf16(text), length);
    fold->transliterate(result);
    return spiral::copyOut(result, outLength);
}
