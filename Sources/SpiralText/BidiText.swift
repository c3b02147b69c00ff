/// Right-to-left text for terminals that do no bidi and no Arabic shaping
/// (VTE, foot, the Linux console). Wrap in logical order first, then turn each
/// wrapped line into visual order: reordering whole paragraphs would move
/// words across lines.
public enum BidiText {
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
        if base == .leftToRight && !containsRightToLeft(line) { return line }
        return ICU.visualLine(line, rightToLeft: base == .rightToLeft) ?? line
    }
}
