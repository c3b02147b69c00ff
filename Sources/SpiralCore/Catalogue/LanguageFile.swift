import SpiralText

/// Whether a translation has been checked by a qualified translator.
public enum ReviewStatus: String, Codable, Sendable {
    /// The English source every other file is checked against.
    case source
    /// Written here, not yet reviewed: always shown as a draft.
    case draft
    case reviewed
}

/// One file in `Localizations/`: every word Spiral shows, in one language, as ICU MessageFormat
/// patterns with named arguments.
public struct LanguageFile: Codable, Sendable, Equatable {
    /// BCP 47 tag, e.g. `zh-Hant`.
    public var language: String
    /// The language's name in its own script ("Tiếng Việt").
    public var name: String
    /// The language's name in English, for staff.
    public var englishName: String?
    public var direction: TextDirection
    public var status: ReviewStatus
    /// Who reviewed it, when `status` is `reviewed`.
    public var reviewedBy: String?
    public var messages: [String: String]
}

/// A language file's metadata and only the first screen's messages (see MessageCatalogue.load).
struct LanguageHeader: Decodable {
    var file: LanguageFile

    private enum Keys: String, CodingKey { case language, name, englishName, direction, status, reviewedBy, messages }

    private struct MessageKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let m = try c.nestedContainer(keyedBy: MessageKey.self, forKey: .messages)
        var messages: [String: String] = [:]
        for key in MessageCatalogue.firstScreenKeys {
            messages[key] = try m.decodeIfPresent(String.self, forKey: MessageKey(stringValue: key))
        }
        file = LanguageFile(language: try c.decode(String.self, forKey: .language), name: try c.decode(String.self, forKey: .name),
                            englishName: try c.decodeIfPresent(String.self, forKey: .englishName),
                            direction: try c.decode(TextDirection.self, forKey: .direction),
                            status: try c.decode(ReviewStatus.self, forKey: .status),
                            reviewedBy: try c.decodeIfPresent(String.self, forKey: .reviewedBy), messages: messages)
    }
}
