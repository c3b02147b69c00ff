/// The code a family gives their practitioner, e.g. `KMT-47R`. Letters and digits that are easy
/// to read aloud and hard to confuse (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
public enum FamilyCode {
    static let alphabet = Array("ACDEFHJKMNPRTUVWXY34679")

    public static func make<R: RandomNumberGenerator>(using rng: inout R) -> String {
        let chars = (0..<6).map { _ in alphabet.randomElement(using: &rng)! }
        return String(chars[0..<3]) + "-" + String(chars[3..<6])
    }

    public static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        return make(using: &rng)
    }

    /// What a person typed, as a code: case, spaces and dashes ignored. Nil if it cannot be a code.
    public static func normalise(_ input: String) -> String? {
        let kept = input.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard kept.count == 6, kept.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return String(kept.prefix(3)) + "-" + String(kept.suffix(3))
    }
}
