/// Greedy line filling over ICU's line-break opportunities. A line is always
/// a contiguous UTF-16 range of the text, so nothing is lost or reordered
/// except the whitespace trimmed where lines end.
struct LineWrapper {
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

    init(text: String, width: Int) {
        units = Array(text.utf16)
        self.width = width
        clusters = ICU.clusters(units)
    }

    mutating func wrap(breaks: [(offset: Int, hard: Bool)]) -> [String] {
        let breakAt = Dictionary(breaks.map { ($0.offset, $0.hard) }, uniquingKeysWith: { $0 || $1 })
        var segment: ArraySlice<ICU.Cluster> = []
        var segmentStart = 0
        for (index, cluster) in clusters.enumerated() {
            // A segment runs from one break opportunity to the next: a word
            // with the spaces after it, or one CJK character.
            if segment.isEmpty { segmentStart = index }
            segment = clusters[segmentStart...index]
            let end = cluster.range.upperBound
            guard let hard = breakAt[end] ?? (index == clusters.count - 1 ? false : nil) else { continue }
            place(segment)
            if hard { endLine(at: end) }
            segment = []
        }
        endLine(at: units.count)
        return lines
    }

    private mutating func place(_ segment: ArraySlice<ICU.Cluster>) {
        let textEnd = segment.lastIndex { !isSpace($0) }
        let visibleWidth = textEnd.map { segment[...$0].reduce(0) { $0 + $1.width } } ?? 0
        let segmentWidth = segment.reduce(0) { $0 + $1.width }
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
        var line = String(decoding: units[lineStart..<end], as: UTF16.self)
        while let last = line.last, last.isWhitespace { line.removeLast() }
        lines.append(line)
        lineStart = end
        lineWidth = 0
        lineHasText = false
    }

    /// Spaces and line ends, which may hang past the margin and are trimmed.
    private func isSpace(_ cluster: ICU.Cluster) -> Bool {
        Unicode.Scalar(units[cluster.range.lowerBound])?.properties.isWhitespace ?? false
    }
}
