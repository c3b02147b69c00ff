import SpiralText

/// How a right-to-left answer being typed is laid out on a terminal that does no bidi: wrapped
/// into rows that keep every character (so each cursor position maps to exactly one row and
/// column), each row in visual order and shaped, padded to sit against the right margin so the
/// answer grows leftwards as a right-to-left reader expects. Left-to-right text typed in a
/// right-to-left screen is laid out the same way, in its own order within each row.
struct RightToLeftEditLayout {
    var rows: [String] = []
    var cursorRow = 0
    var cursorColumn = 0

    /// `cursorOffset`: characters (grapheme clusters) of `text` before the cursor. `base`: the
    /// paragraph's direction: right-to-left rows sit against the right margin; left-to-right rows
    /// (a practitioner typing Arabic in an English screen) start at the left, reordered.
    init(text: String, cursorOffset: Int, width: Int, base: TextDirection = .rightToLeft) {
        let right = base == .rightToLeft
        let width = max(4, width)
        let lines = Self.wrap(Array(text), width: width)
        var start = 0
        for (i, line) in lines.enumerated() {
            let logical = String(line)
            let visual = BidiText.visualLine(logical, base: base)
            let gap = right ? max(0, width - UnicodeText.displayWidth(visual)) : 0
            rows.append(String(repeating: " ", count: gap) + visual)
            let end = start + line.count
            let last = i == lines.count - 1
            if cursorOffset >= start && (cursorOffset < end || last) {
                cursorRow = i
                let within = String(line.prefix(cursorOffset - start))
                let column = logical.isEmpty ? (right ? -1 : 0)
                    : BidiText.visualCursorColumn(logical, logicalOffset: within.utf16.count, base: base, anchoredRight: right)
                cursorColumn = max(0, gap + column)
            }
            start = end
        }
        if rows.isEmpty {
            rows = [""]
            cursorColumn = right ? width - 1 : 0
        }
    }

    /// Greedy rows of at most `width` columns, broken after the last space that fits (or inside
    /// a word longer than a row). Spaces stay with their row, so nothing is dropped.
    static func wrap(_ chars: [Character], width: Int) -> [ArraySlice<Character>] {
        var rows: [ArraySlice<Character>] = []
        var start = 0
        var used = 0
        var lastSpace: Int?
        var i = 0
        while i < chars.count {
            let w = UnicodeText.displayWidth(String(chars[i]))
            if used + w > width, i > start {
                let cut = lastSpace.map { $0 + 1 } ?? i
                rows.append(chars[start..<cut])
                start = cut
                used = chars[start..<i].reduce(0) { $0 + UnicodeText.displayWidth(String($1)) }
                lastSpace = nil
                continue
            }
            if chars[i] == " " { lastSpace = i }
            used += w
            i += 1
        }
        rows.append(chars[start..<chars.count])
        return rows
    }
}
