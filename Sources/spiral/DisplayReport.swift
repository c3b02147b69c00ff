import SpiralCore
import SpiralKioskCommand

/// The kiosk's display for `spiral check`: which display the centre config names, and the
/// languages it leaves out because that display cannot draw them (a warning, naming why, for
/// each the centre listed itself).
enum DisplayReport {
    static func lines(catalogue: MessageCatalogue, config: CentreConfig) -> [String] {
        guard let display = config.kioskDisplay else {
            return ["Display: none named in the centre config, so every language is offered. Name it (\"display\": \"foot\") so languages it cannot draw are left out (docs/deploying-a-kiosk.md)."]
        }
        let offer = config.languageOffer(catalogue)
        return ["Display: \(display.name); languages offered: \(offer.offered.joined(separator: ", "))"
                + (offer.leftOut.isEmpty ? "" : "; left out: \(offer.leftOut.joined(separator: ", "))")]
    }

    /// A warning for each language the centre listed in "languages" that its display cannot
    /// draw (with "languages" empty, the Display line says what is left out, without a warning).
    static func problems(catalogue: MessageCatalogue, config: CentreConfig) -> [ContentProblem] {
        guard let display = config.kioskDisplay else { return [] }
        let listed = Set(config.languages.compactMap { catalogue.bestMatch(for: $0) })
        return config.languageOffer(catalogue).leftOut.filter(listed.contains).map { tag in
            ContentProblem(.warning, file: "centre config", key: tag,
                           "\(catalogue.languages[tag]?.englishName ?? tag) is not offered at the kiosk: \(display.reason). Use a display that draws it, or remove it from \"languages\" (docs/deploying-a-kiosk.md)")
        }
    }
}
