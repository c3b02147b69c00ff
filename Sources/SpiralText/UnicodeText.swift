/// Measuring, wrapping and folding text for a terminal, through ICU.
/// Widths are terminal columns; all positions come from ICU's grapheme
/// clusters (UBRK_CHARACTER), never from a cut through a cluster.
public enum UnicodeText: Sendable {
    /// ICU NFC normalisation (unorm2).
    public static func nfc(_ s: String) -> String {
        ICU.nfc(s) ?? s
    }

    /// Terminal columns, per grapheme cluster: an emoji (emoji presentation,
    /// or made one by U+FE0F) takes 2; any other cluster the sum of its code
    /// points, where East Asian Wide/Fullwidth take 2, marks, format and
    /// control characters 0, others 1. That is what wcswidth and terminals
    /// give, e.g. "हिन्दी" is 5 (its spacing vowel signs take a column each).
    public static func displayWidth(_ s: String) -> Int {
        if let width = printableASCIIWidth(s) { return width }
        return ICU.width(s)
    }

    /// The lines of `text`, cut at each "\n" and keeping empty ones: what
    /// `text.split(separator: "\n", omittingEmptySubsequences: false)` gives, found on the
    /// UTF-8 bytes rather than by walking every character (grapheme breaking cost tens of
    /// thousands of instructions for each label on the language screen). A line feed is always a
    /// character of its own, except after a carriage return, so such text takes the slow way.
    public static func lines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        if utf8.contains(UInt8(ascii: "\r")) { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        var lines: [Substring] = []
        var start = utf8.startIndex
        while let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(text[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(text[start...])
        return lines
    }

    /// `text.replacing(target, with: replacement)`, found on the UTF-8 bytes: the standard
    /// library's generic collection search took 300,000 instructions for the key hints under one
    /// screen. As there, a match counts only where it starts and ends between characters (an
    /// accent after it makes it another character).
    public static func replacing(_ text: String, _ target: String, with replacement: String) -> String {
        let utf8 = text.utf8
        let needle = Array(target.utf8)
        guard let first = needle.first else { return text }
        func between(_ i: String.Index) -> Bool { i.samePosition(in: text) != nil }
        var out = ""
        var copied = utf8.startIndex
        var from = utf8.startIndex
        while let start = utf8[from...].firstIndex(of: first) {
            guard let end = utf8.index(start, offsetBy: needle.count, limitedBy: utf8.endIndex) else { break }
            if utf8[start..<end].elementsEqual(needle), between(start), between(end) {
                // append(contentsOf:) takes a Substring as bytes; `+=` would take it as a
                // sequence of Characters (40,000 instructions for one of the key hints).
                out.append(contentsOf: text[copied..<start])
                out.append(replacement)
                copied = end
                from = end
            } else {
                from = utf8.index(after: start)
            }
        }
        if copied == utf8.startIndex { return text }
        out.append(contentsOf: text[copied...])
        return out
    }

    /// Word-wraps to `width` columns with ICU line breaking for `locale`
    /// (Chinese breaks between characters, Thai at dictionary words).
    /// "\n" (and other mandatory breaks) end a line and empty lines are kept;
    /// a word wider than `width` is split between grapheme clusters; trailing
    /// spaces are trimmed. No line is wider than `width` (at least 2).
    /// Korean wraps at spaces only, as Korean is written (CSS `word-break: keep-all`): ICU 72's
    /// rules break between any two syllables, and between "Enter" and its particle in "Enter를",
    /// and have no keep-all option (`lw=keepall` is ignored), so those breaks are dropped here.
    public static func wrap(_ text: String, width: Int, locale: String) -> [String] {
        // Most of a screen's lines (a list item, a title, a hint) fit as they are: without a line
        // end in them, they are one line, found without ICU's line breaking.
        if let columns = printableASCIIWidth(text), columns <= max(width, 2) {
            return [LineWrapper.trimmingTrailingWhitespace(text)]
        }
        var wrapper = LineWrapper(text: text, width: max(width, 2))
        if wrapper.fitsOneLine { return [LineWrapper.trimmingTrailingWhitespace(text)] }
        return wrapped(&wrapper, locale: locale)
    }

    /// `wrap` always through ICU's line breaks (for tests: what the shortcut must equal).
    static func wrapWithICU(_ text: String, width: Int, locale: String) -> [String] {
        var wrapper = LineWrapper(text: text, width: max(width, 2))
        return wrapped(&wrapper, locale: locale)
    }

    private static func wrapped(_ wrapper: inout LineWrapper, locale: String) -> [String] {
        var breaks = ICU.lineBreaks(wrapper.units, locale: locale)
        if locale == "ko" || locale.hasPrefix("ko-") || locale.hasPrefix("ko_") {
            let units = wrapper.units
            breaks.removeAll { b in
                guard !b.isHard, b.end > 0, b.end < units.count else { return false }
                let before = units[b.end - 1], after = units[b.end]
                return (isHangul(before) || isHangul(after)) && !isSpace(before)
            }
        }
        return wrapper.wrap(breaks: breaks)
    }

    static func isSpace(_ unit: UInt16) -> Bool { unit == 0x20 || unit == 0x09 || unit == 0x3000 || unit == 0xA0 }

    /// Hangul jamo, compatibility jamo and syllables (each one UTF-16 unit).
    static func isHangul(_ unit: UInt16) -> Bool {
        (0x1100...0x11FF).contains(unit) || (0x3130...0x318F).contains(unit) || (0xA960...0xA97F).contains(unit)
            || (0xAC00...0xD7FF).contains(unit)
    }

    /// A key for accent-, case- and script-insensitive search: ICU's
    /// "Any-Latin; Latin-ASCII; Lower" with runs of whitespace collapsed, so
    /// "Nguyễn" -> "nguyen", "Ελληνικά" -> "ellenika", "한국어" -> "hangug-eo".
    /// Compare keys with keys: the user's query goes through here too.
    public static func searchKey(_ s: String) -> String {
        let folded = ICU.searchFold(s) ?? s.lowercased()
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Cuts to at most `width` columns on a grapheme cluster boundary, ending
    /// with "…" when anything was cut.
    public static func truncate(_ s: String, toWidth width: Int) -> String {
        if displayWidth(s) <= width { return s }
        if width <= 0 { return "" }
        let units = ICU.utf16(s)
        var used = 0
        var end = 0
        for cluster in ICU.clusters(units) {
            if used + cluster.columns > width - 1 { break } // leave a column for "…"
            used += cluster.columns
            end = cluster.range.upperBound
        }
        return String(decoding: units[..<end], as: UTF16.self) + "…"
    }

    /// Right-pads with spaces to `width` columns (unchanged if already wider).
    public static func pad(_ s: String, toWidth width: Int) -> String {
        let missing = width - displayWidth(s)
        return missing > 0 ? s + String(repeating: " ", count: missing) : s
    }

    /// Most interface strings are plain ASCII: their width is their length.
    private static func printableASCIIWidth(_ s: String) -> Int? {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? s.utf8.count : nil
    }
}
