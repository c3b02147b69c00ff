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
