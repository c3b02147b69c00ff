/// CLDR cardinal plural rules, as ICU knows them.
public enum PluralRules: Sendable {
    /// The plural keywords a locale distinguishes, e.g. ar -> zero one two few many other.
    public static func categories(locale: String) -> Set<String> {
        Set(ICU.pluralKeywords(locale: locale))
    }

    /// The keyword a number takes in a locale, e.g. (2, "ru") -> "few".
    public static func category(for number: Int, locale: String) -> String {
        ICU.pluralCategory(Double(number), locale: locale)
    }
}
