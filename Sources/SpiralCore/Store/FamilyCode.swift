/// The code a family gives their practitioner, e.g. `KMT-47R`. Letters and digits that are easy
/// to read aloud and hard to confuse (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
public enum FamilyCode: Sendable {
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

    /// Why `input` cannot be a code, in a sentence a person can act on: which characters codes
    /// never use, or how long a code is.
    public static func problem(with input: String) -> String {
        let kept = input.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        let never = kept.filter { !alphabet.contains($0) }
        if !never.isEmpty {
            let shown = String(Set(never).sorted())
            return "codes never use \(shown.map { "“\($0)”" }.joined(separator: ", ")) (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, so they are easy to read aloud): check the code with the family"
        }
        return "a code has six letters and numbers like KMT-47R; this has \(kept.count)"
    }
}
