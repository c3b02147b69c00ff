import SpiralText

/// Reads a choice from what was typed: a number (in any script's digits), a label, or the start
/// of one, ignoring case and accents ("hou" → Housing, "٢" → the second choice).
public enum ChoiceMatcher: Sendable {
    public enum Outcome: Equatable, Sendable {
        case chosen([Int])
        case noMatch(String)
        /// The "nothing" choice was combined with others.
        case exclusiveConflict(Int)
    }

    /// `labels` are the choice labels as shown, in order. Returns 0-based indices.
    public static func match(_ input: String, labels: [String], multiple: Bool, exclusive: Set<Int> = []) -> Outcome {
        let trimmed = input.trimmingSpaces
        let pieces: [String]
        if multiple {
            let digitsOnly = trimmed.allSatisfy { $0.isNumber || $0 == " " || isSeparator($0) }
            pieces = trimmed.split(whereSeparator: { digitsOnly ? ($0 == " " || isSeparator($0)) : isSeparator($0) })
                .map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        } else {
            pieces = [trimmed]
        }
        var chosen: [Int] = []
        for piece in pieces {
            guard let i = index(of: piece, in: labels) else { return .noMatch(piece) }
            if !chosen.contains(i) { chosen.append(i) }
        }
        if chosen.count > 1, let e = chosen.first(where: { exclusive.contains($0) }) { return .exclusiveConflict(e) }
        return chosen.isEmpty ? .noMatch(trimmed) : .chosen(chosen)
    }

    static func isSeparator(_ c: Character) -> Bool {
        [",", ";", "،", "、", "，", "；"].contains(c)
    }

    static func index(of piece: String, in labels: [String]) -> Int? {
        if let n = number(piece) { return (1...labels.count).contains(n) ? n - 1 : nil }
        let key = UnicodeText.searchKey(piece)
        guard !key.isEmpty else { return nil }
        let keys = labels.map { UnicodeText.searchKey($0) }
        if let exact = keys.firstIndex(of: key) { return exact }
        if let exact = labels.firstIndex(where: { $0.lowercased() == piece.lowercased() }) { return exact }
        let prefixed = keys.indices.filter { keys[$0].hasPrefix(key) || labels[$0].lowercased().hasPrefix(piece.lowercased()) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// A whole number typed in any script's decimal digits.
    public static func number(_ s: String) -> Int? {
        guard !s.isEmpty, s.count <= 4 else { return nil }
        var n = 0
        for ch in s {
            guard ch.isNumber, let d = ch.wholeNumberValue, d < 10 else { return nil }
            n = n * 10 + d
        }
        return n
    }
}
