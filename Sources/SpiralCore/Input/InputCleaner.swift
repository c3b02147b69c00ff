import SpiralText

/// Makes whatever was typed or pasted safe to store and to show on any terminal later:
/// escape sequences (CSI, OSC, ...), control characters, NUL and bidi override/isolate
/// characters (which can disguise text) are removed, runs of spaces collapse, and the result is
/// NFC. Letters and marks of every script, ZWJ/ZWNJ and LRM/RLM pass through unchanged, but no
/// letter keeps more than `maxMarksPerCharacter` combining marks (a "Zalgo" flood is one
/// character to the eye and megabytes on disk).
public enum InputCleaner: Sendable {
    /// Vietnamese needs 2, Devanagari conjuncts about 4, Tibetan stacks up to 6.
    public static let maxMarksPerCharacter = 8

    static let bidiControls: ClosedRange<UInt32> = 0x202A...0x202E
    static let bidiIsolates: ClosedRange<UInt32> = 0x2066...0x2069

    public static func clean(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = raw.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            switch s.value {
            case 0x1B: // ESC: drop the whole sequence
                skipEscape(after: &scalars)
            case 0x9B: // C1 CSI
                skipCSI(&scalars)
            case 0x9D, 0x90, 0x9E, 0x9F: // C1 OSC, DCS, PM, APC: up to ST or BEL
                skipString(&scalars)
            case 0x09, 0x0A, 0x0D:
                out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case bidiControls, bidiIsolates:
                continue
            case 0xFEFF: // a stray byte-order mark
                continue
            default:
                out.append(s)
            }
        }
        let collapsed = String(out).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return UnicodeText.nfc(capMarks(collapsed))
    }

    /// Drops combining marks beyond the limit on any one character.
    static func capMarks(_ text: String) -> String {
        var marks = 0
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                marks += 1
                if marks > maxMarksPerCharacter { continue }
            default:
                marks = 0
            }
            out.append(s)
        }
        return String(out)
    }

    private static func skipEscape(after it: inout String.UnicodeScalarView.Iterator) {
        guard let kind = it.next() else { return }
        switch kind {
        case "[": skipCSI(&it)
        case "]", "P", "^", "_", "X": skipString(&it)
        case "(", ")", "*", "+", "#", "%": _ = it.next() // charset designation: one more byte
        default: break // two-character sequence: ESC + one
        }
    }

    /// CSI: parameters and intermediates, then a final byte 0x40–0x7E.
    private static func skipCSI(_ it: inout String.UnicodeScalarView.Iterator) {
        while let s = it.next() {
            if (0x40...0x7E).contains(s.value) { return }
            if !(0x20...0x3F).contains(s.value) { return }
        }
    }

    /// OSC and friends: up to BEL, ST (ESC \) or C1 ST.
    private static func skipString(_ it: inout String.UnicodeScalarView.Iterator) {
        while let s = it.next() {
            if s.value == 0x07 || s.value == 0x9C { return }
            if s.value == 0x1B { _ = it.next(); return }
        }
    }
}
