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
    /// Keys whose English words are meant to stay as they are in this language (a brand, a key
    /// name): counted as translated although they match English.
    public var sameAsEnglish: [String]? = nil
    /// The espeak-ng voice that reads this language aloud (`espeak-ng --voices` lists them).
    public var voice: String? = nil
    /// Spoken versions of messages whose written words do not read well aloud (Arabic with its
    /// vowel marks, key hints without symbols), by message key.
    public var speech: [String: String]? = nil

    /// How much of the English source this file really translates: a message missing, or left
    /// word for word as English (unless listed in `sameAsEnglish`), is not translated. Messages
    /// without letters ("{code}") count as translated.
    public func translation(against source: LanguageFile) -> (translated: Int, missing: Int, untranslated: [String]) {
        let keep = Set(sameAsEnglish ?? [])
        var translated = 0, missing = 0
        var untranslated: [String] = []
        for (key, english) in source.messages {
            guard let mine = messages[key] else { missing += 1; continue }
            if mine == english, !keep.contains(key), Self.hasWords(english), language != source.language {
                untranslated.append(key)
            } else {
                translated += 1
            }
        }
        return (translated, missing, untranslated.sorted())
    }

    /// Letters outside `{argument}` names: "{name}: {phone}" has none to translate.
    static func hasWords(_ pattern: String) -> Bool {
        pattern.replacing(#/\{\s*[A-Za-z0-9_]+\s*\}/#, with: "")
            .contains(where: \.isLetter)
    }
}

/// A language file's metadata and only the first screen's messages (see MessageCatalogue.load).
struct LanguageHeader: Decodable {
    var file: LanguageFile

    private enum Keys: String, CodingKey { case language, name, englishName, direction, status, reviewedBy, messages, voice }

    private struct MessageKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
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
                            reviewedBy: try c.decodeIfPresent(String.self, forKey: .reviewedBy), messages: messages,
                            voice: try c.decodeIfPresent(String.self, forKey: .voice))
    }
}
