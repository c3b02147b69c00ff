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
    /// The last UTF-16 offset turned into a UTF-8 one, to walk on from: line ends only move
    /// forward, so each line costs its own length, not its distance from the start.
    private var cursor = (utf16: 0, utf8: 0)
    /// How many clusters end at or before the last line end (for trimming its white space).
    private var clustersPassed = 0

    init(text: String, width: Int) {
        self.text = text
        units = ICU.utf16(text)
        self.width = width
        clusters = ICU.clusters(units)
    }

    /// The whole text on one line as it is: no mandatory line break in it (UAX #14's BK, CR, LF
    /// and NL classes) and no wider than the width.
    var fitsOneLine: Bool {
        !units.contains { (0x0A...0x0D).contains($0) || $0 == 0x85 || $0 == 0x2028 || $0 == 0x2029 }
            && clusters.reduce(0) { $0 + $1.columns } <= width
    }

    /// `breaks`: ICU's break opportunities, in ascending order of offset.
    mutating func wrap(breaks: [ICU.LineBreak]) -> [String] {
        var next = 0 // the first break not yet passed
        var segmentStart = 0
        for (index, cluster) in clusters.enumerated() {
            // A segment runs from one break opportunity to the next: a word
            // with the spaces after it, or one CJK character.
            let end = cluster.range.upperBound
            while next < breaks.count && breaks[next].end < end { next += 1 }
            var hard = false
            var isBreak = index == clusters.count - 1
            while next < breaks.count && breaks[next].end == end {
                isBreak = true
                hard = hard || breaks[next].isHard
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
            segmentWidth += segment[index].columns
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
            if lineWidth + cluster.columns > width && !isSpace(cluster) && lineHasText {
                endLine(at: cluster.range.lowerBound)
            }
            lineWidth += cluster.columns
            lineHasText = lineHasText || !isSpace(cluster)
        }
    }

    private mutating func endLine(at end: Int) {
        lines.append(line(from: lineStart, to: end))
        lineStart = end
        lineWidth = 0
        lineHasText = false
    }

    /// units[start..<end] (cluster boundaries) as a String without its trailing white space, as
    /// `trimmingTrailingWhitespace` leaves it, but found on the units and clusters already here
    /// rather than by Characters. A slice of the text itself: decoding the UTF-16 units again
    /// costs several times more.
    private mutating func line(from start: Int, to end: Int) -> String {
        while clustersPassed < clusters.count && clusters[clustersPassed].range.upperBound <= end { clustersPassed += 1 }
        var textEnd = end
        if end > start && Self.isWhitespace(units[end - 1]) {
            var last = clustersPassed - 1
            while last >= 0 && clusters[last].range.lowerBound >= start && isSpace(clusters[last]) {
                textEnd = clusters[last].range.lowerBound
                last -= 1
            }
        }
        let from = utf8Offset(atUTF16: start)
        let to = utf8Offset(atUTF16: textEnd)
        let utf8 = text.utf8
        return String(text[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
    }

    /// The UTF-8 offset of a UTF-16 offset, counted on from the last one asked for.
    private mutating func utf8Offset(atUTF16 offset: Int) -> Int {
        if offset < cursor.utf16 { cursor = (0, 0) }
        var bytes = cursor.utf8
        for unit in units[cursor.utf16..<offset] {
            // Each half of a surrogate pair counts two of its character's four bytes.
            bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : (0xD800...0xDFFF).contains(unit) ? 2 : 3
        }
        cursor = (offset, bytes)
        return bytes
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
