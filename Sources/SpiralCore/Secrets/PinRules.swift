/// A family's PIN: 4 to 6 digits, typed in any script's digits.
public enum PinRules: Sendable {
    /// The PIN as ASCII digits, or nil if anything else was typed.
    public static func digits(_ typed: String) -> String? {
        let compact = typed.filter { !$0.isWhitespace }
        guard !compact.isEmpty, compact.allSatisfy({ $0.isNumber && ($0.wholeNumberValue ?? 10) < 10 }) else { return nil }
        return String(compact.compactMap { $0.wholeNumberValue.map { Character(String($0)) } })
    }

    /// Long enough, and not one digit repeated or a plain run (1234, 4321).
    public static func isAcceptable(_ pin: String) -> Bool {
        guard (4...6).contains(pin.count) else { return false }
        let d = pin.compactMap(\.wholeNumberValue)
        if Set(d).count == 1 { return false }
        let steps = zip(d, d.dropFirst()).map { $1 - $0 }
        if Set(steps).count == 1, let step = steps.first, abs(step) == 1 { return false }
        return true
    }

    /// Checked against when a code does not exist, so a wrong code takes as long as a wrong PIN.
    public static let decoyHash = SecretHash.make("decoy", cost: SecretHash.pinCost)
}
