import SpiralText

/// The screen families read at a kiosk, named in the centre config (`"display"`), and the writing
/// scripts it cannot draw. A language written in one of them is not offered there: a family must
/// never be handed a screen they cannot read. What foot draws was measured on the real screen by
/// `scripts/display_check.py` (screenshots and OCR; docs/deploying-a-kiosk.md).
public struct KioskDisplay: Sendable, Equatable {
    public let name: String
    /// Scripts (ISO 15924) it draws, if only some: nil means every script not in `cannotDraw`.
    let onlyScripts: Set<String>?
    let cannotDraw: Set<String>
    /// Why, for staff, in one plain clause.
    public let reason: String

    /// Scripts whose letters change shape and order within a syllable (vowel signs drawn before
    /// their consonant, conjuncts): a terminal that draws one cell at a time breaks them apart.
    static let syllableShaped: Set<String> = [
        "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Mymr", "Khmr", "Tibt",
    ]

    /// The displays Spiral knows. Arabic is missing from no list but the console's: Spiral orders
    /// and shapes it itself (presentation forms, marks kept combining), so a cell terminal with an
    /// Arabic font draws it.
    public static let known: [KioskDisplay] = [
        KioskDisplay(name: "foot", onlyScripts: nil, cannotDraw: syllableShaped,
                     reason: "foot draws one cell at a time, so vowel signs come loose from their letters and joined letters break apart"),
        // Not measured by screenshot (no framebuffer where the check runs): Debian's default
        // console character set (Lat15) has Latin letters only. Vietnamese's stacked accents need
        // a console font that has them: check it by eye.
        KioskDisplay(name: "linux-console", onlyScripts: ["Latn"], cannotDraw: [],
                     reason: "the Linux console's usual fonts hold only Latin letters"),
        KioskDisplay(name: "other", onlyScripts: nil, cannotDraw: [],
                     reason: "this display was not measured: check every language on it by eye"),
    ]

    public static var knownNames: [String] { known.map(\.name) }

    public static func named(_ name: String) -> KioskDisplay? {
        known.first { $0.name == name.lowercased() }
    }

    /// Whether a family reading `tag` can read this display.
    public func draws(language tag: String) -> Bool {
        guard let script = LocaleFormat.writingScript(tag) else { return true }
        // Han written either way, and Korean's mixed script, count as their parts.
        let parts: Set<String> = switch script {
        case "Jpan": ["Hani", "Hira", "Kana"]
        case "Kore": ["Hang", "Hani"]
        case "Hans", "Hant": ["Hani", script]
        default: [script]
        }
        if let only = onlyScripts, parts.isDisjoint(with: only) { return false }
        return parts.isDisjoint(with: cannotDraw)
    }
}

extension CentreConfig {
    /// The languages a kiosk offers: the centre's list (those installed), else every installed
    /// one; those its display cannot draw are left out, in order, for staff to be told.
    public func languageOffer(_ catalogue: MessageCatalogue) -> (offered: [String], leftOut: [String]) {
        let named = languages.compactMap { catalogue.bestMatch(for: $0) }
        let wanted = named.isEmpty ? catalogue.tags : named
        guard let display = kioskDisplay else { return (wanted, []) }
        return (wanted.filter { display.draws(language: $0) }, wanted.filter { !display.draws(language: $0) })
    }
}
