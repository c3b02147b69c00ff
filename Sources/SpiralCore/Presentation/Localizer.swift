import SpiralText

/// The catalogue bound to one language, with the centre's number setting: what every screen
/// uses to turn a message key into words.
public struct Localizer: Sendable {
    public let catalogue: MessageCatalogue
    public let language: String
    /// Latin digits for languages that have their own (`ar` → `ar-u-nu-latn`).
    public let latinDigits: Bool

    public init(catalogue: MessageCatalogue, language: String, latinDigits: Bool = false) {
        self.catalogue = catalogue
        self.language = language
        self.latinDigits = latinDigits
    }

    public var formattingLocale: String { latinDigits ? language + "-u-nu-latn" : language }
    public var direction: TextDirection { catalogue.direction(of: language) }

    public func callAsFunction(_ key: String, _ args: [String: MessageArgument] = [:]) -> String {
        catalogue.format(key, language: language, args, locale: formattingLocale)
    }

    public func switched(to language: String) -> Localizer {
        Localizer(catalogue: catalogue, language: language, latinDigits: latinDigits)
    }

    /// The language's own name, from its file, else from ICU.
    public func nativeName(of tag: String) -> String {
        catalogue.languages[tag]?.name ?? LocaleFormat.languageName(tag, inLanguage: tag)
    }
}
