/// Greedy line filling over ICU's line-break opportunities. A line is always
/// a contiguous UTF-16 range of the text, so nothing is lost or reordered
/// except the whitespace trimmed where lines end.
struct LineWrapper {
    let text: String
    let units: [UInt16]
    private let width: Int
    private let clusters: [ICU.Cluster]
    private var lines: [String] = []
    /// The line being filled: units[lineStart..<end of the last placed segment].
    private var lineStart = 0
    /// Columns used so far, trailing spaces included (they only count against
    /// what may follow on this line; they are trimmed if the line ends here).
    private var lineWidth = 0
    private var lineHasText = false
    /// The last UTF-16 offset turned into a String index, to walk on from: line ends only move
    /// forward, so each line costs its own length, not its distance from the start.
    private var cursor: (offset: Int, index: String.Index)

    init(text: String, width: Int) {
        self.text = text
        units = Array(text.utf16)
        self.width = width
        clusters = ICU.clusters(units)
        cursor = (0, text.startIndex)
    }

    /// The whole text on one line as it is: no mandatory line break in it (UAX #14's BK, CR, LF
    /// and NL classes) and no wider than the width.
    var fitsOneLine: Bool {
        !units.contains { (0x0A...0x0D).contains($0) || $0 == 0x85 || $0 == 0x2028 || $0 == 0x2029 }
            && clusters.reduce(0) { $0 + $1.width } <= width
    }

    /// `breaks`: ICU's break opportunities, in ascending order of offset.
    mutating func wrap(breaks: [(offset: Int, hard: Bool)]) -> [String] {
        var next = 0 // the first break not yet passed
        var segmentStart = 0
        for (index, cluster) in clusters.enumerated() {
            // A segment runs from one break opportunity to the next: a word
            // with the spaces after it, or one CJK character.
            let end = cluster.range.upperBound
            while next < breaks.count && breaks[next].offset < end { next += 1 }
            var hard = false
            var isBreak = index == clusters.count - 1
            while next < breaks.count && breaks[next].offset == end {
                isBreak = true
                hard = hard || breaks[next].hard
                next += 1
            }
            guard isBreak else { continue }
            place(clusters[segmentStart...index])
            if hard { endLine(at: end) }
            segmentStart = index + 1
        }
        endLine(at: units.count)
        return lines
    }

    private mutating func place(_ segment: ArraySlice<ICU.Cluster>) {
        // One pass: the whole segment's width, and the width up to its last non-space cluster.
        var textEnd: Int?
        var visibleWidth = 0
        var segmentWidth = 0
        for index in segment.indices {
            segmentWidth += segment[index].width
            if !isSpace(segment[index]) {
                textEnd = index
                visibleWidth = segmentWidth
            }
        }
        if lineWidth + visibleWidth <= width {
            lineWidth += segmentWidth
            lineHasText = lineHasText || textEnd != nil
            return
        }
        let start = segment.first!.range.lowerBound
        if lineHasText {
            endLine(at: start)
        } else {
            lineStart = start // the line held only spaces: drop them
            lineWidth = 0
        }
        if visibleWidth <= width {
            lineWidth = segmentWidth
            lineHasText = textEnd != nil
            return
        }
        // A word wider than a whole line: cut it between grapheme clusters.
        for cluster in segment {
            if lineWidth + cluster.width > width && !isSpace(cluster) && lineHasText {
                endLine(at: cluster.range.lowerBound)
            }
            lineWidth += cluster.width
            lineHasText = lineHasText || !isSpace(cluster)
        }
    }

    private mutating func endLine(at end: Int) {
        // A slice of the text itself: decoding the UTF-16 units again costs several times more.
        let from = index(atUTF16: lineStart)
        lines.append(Self.trimmingTrailingWhitespace(String(text[from..<index(atUTF16: end)])))
        lineStart = end
        lineWidth = 0
        lineHasText = false
    }

    private mutating func index(atUTF16 offset: Int) -> String.Index {
        if offset < cursor.offset { cursor = (0, text.startIndex) }
        cursor = (offset, text.utf16.index(cursor.index, offsetBy: offset - cursor.offset))
        return cursor.index
    }

    /// A line without the white space it ends with. Most lines end in a letter: Characters are
    /// looked at only when the last unit is a space.
    static func trimmingTrailingWhitespace(_ line: String) -> String {
        guard let lastUnit = line.utf16.last, isWhitespace(lastUnit) else { return line }
        var line = line
        while let last = line.last, last.isWhitespace { line.removeLast() }
        return line
    }

    /// Spaces and line ends, which may hang past the margin and are trimmed.
    private func isSpace(_ cluster: ICU.Cluster) -> Bool { Self.isWhitespace(units[cluster.range.lowerBound]) }

    /// Unicode's White_Space, a fixed list (all in the BMP), without a property lookup per letter:
    /// tab to carriage return, space, U+0085, no-break space, Ogham space, the U+2000 spaces,
    /// line and paragraph separators, narrow no-break and medium mathematical spaces, U+3000.
    static func isWhitespace(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
