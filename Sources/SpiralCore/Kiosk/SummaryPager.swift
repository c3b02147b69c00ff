/// Splits the summary into pages that fit the screen, so no answer scrolls out of sight.
public enum SummaryPager: Sendable {
    /// `heights`: lines each entry takes. Returns index ranges, at least one (possibly empty).
    public static func pages(_ heights: [Int], available: Int) -> [Range<Int>] {
        let room = max(4, available)
        var pages: [Range<Int>] = []
        var start = 0
        var used = 0
        for (i, h) in heights.enumerated() {
            if used + h > room, i > start {
                pages.append(start..<i)
                start = i
                used = 0
            }
            used += h
        }
        pages.append(start..<heights.count)
        return pages
    }
}
