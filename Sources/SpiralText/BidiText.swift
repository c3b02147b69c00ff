/// Right-to-left text for terminals that do no bidi and no Arabic shaping
/// (VTE, foot, the Linux console). Wrap in logical order first, then turn each
/// wrapped line into visual order: reordering whole paragraphs would move
/// words across lines.
public enum BidiText: Sendable {
    /// True if any character is strongly right-to-left (bidi class R or AL).
    public static func containsRightToLeft(_ s: String) -> Bool {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return ICU.hasRightToLeft(s)
    }

    /// One already-wrapped line, from logical to visual left-to-right order:
    /// Unicode bidi with the paragraph level from `base`, mirrored brackets,
    /// bidi controls removed, then Arabic letters shaped into presentation
    /// forms for the visual order (so letters join to the neighbours they
    /// will be drawn next to).
    public static func visualLine(_ line: String, base: TextDirection) -> String {
        if base == .leftToRight && !containsRightToLeft(line) && !line.unicodeScalars.contains(where: isBidiControl) {
            return line
        }
        let protected = base == .rightToLeft ? isolatingKeySymbols(line) : line
        return ICU.visualLine(protected, rightToLeft: base == .rightToLeft) ?? line
    }

    /// A `<` or `>` standing alone (a key to type: "< : go back") is isolated left-to-right, so
    /// mirroring in a right-to-left line cannot turn it into the other key. Angle brackets inside
    /// words and pairs of brackets are left to the bidi algorithm.
    static func isolatingKeySymbols(_ line: String) -> String {
        guard line.contains("<") || line.contains(">") else { return line }
        let chars = Array(line)
        var out = ""
        for (i, c) in chars.enumerated() {
            let alone = (c == "<" || c == ">")
                && (i == 0 || chars[i - 1] == " ") && (i + 1 == chars.count || chars[i + 1] == " " || chars[i + 1] == ":")
            if alone { out += "\u{2066}\(c)\u{2069}" } else { out.append(c) }
        }
        return out
    }

    /// The screen column (from the line's left) of an edit cursor that sits before `logicalOffset`
    /// (UTF-16 units) of `line`, once the line is drawn by `visualLine`.
    /// `anchoredRight`: the line is drawn against the right margin and grows leftwards, so the
    /// cursor is the cell where the next letter goes; -1 means just left of the line.
    public static func visualCursorColumn(_ line: String, logicalOffset: Int, base: TextDirection,
                                          anchoredRight: Bool = false) -> Int {
        let units = ICU.utf16(line)
        let offset = max(0, min(units.count, logicalOffset))
        let visualUnits = ICU.visualCursor(line, rightToLeft: base == .rightToLeft, logicalUTF16: offset,
                                           anchoredRight: anchoredRight)
        if visualUnits < 0 { return -1 }
        // Measure the reordered, unshaped text left of the cursor (reordering keeps UTF-16 length).
        let reordered = ICU.utf16(ICU.reorderLine(line, rightToLeft: base == .rightToLeft) ?? line)
        let left = String(decoding: reordered.prefix(max(0, min(reordered.count, visualUnits))), as: UTF16.self)
        return UnicodeText.displayWidth(left)
    }

    /// ALM, LRM, RLM, embeddings, overrides and isolates: invisible, and
    /// drawn as boxes by some terminals, so they must never reach the screen.
    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Wraps text inserted into a sentence of the other direction (a name, a
    /// phone number) in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, so it
    /// keeps its own order: without it "1800 123 456" inside Arabic is drawn
    /// as "456 123 1800", because the spaces take the Arabic direction.
    /// visualLine removes the controls again.
    public static func isolate(_ s: String) -> String {
        "\u{2068}\(s)\u{2069}"
    }
}
