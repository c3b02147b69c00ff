#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Dates, numbers and language names in a family's own language, from ICU's
/// CLDR data. Locales are BCP 47 tags ("en-AU", "ar-u-nu-latn").
public enum LocaleFormat: Sendable {
    /// ICU medium date in the default time zone, e.g. "22 Nov 2026" for en-AU.
    /// Note CLDR's default calendar: "th" gives Buddhist years, "fa" Persian dates.
    public static func date(_ date: Date, locale: String) -> String {
        format(date, locale: locale, timeZone: nil)
    }

    /// ICU medium date in the given time zone (an Olson ID such as "Australia/Sydney" or "UTC").
    public static func date(_ date: Date, locale: String, timeZone: String) -> String {
        format(date, locale: locale, timeZone: timeZone)
    }

    private static func format(_ date: Date, locale: String, timeZone: String?) -> String {
        ICU.formatDate(milliseconds: (date.timeIntervalSince1970 * 1000).rounded(), locale: locale, timeZone: timeZone)
            ?? date.description
    }

    /// A whole number with the locale's digits and grouping, e.g. "١٬٢٣٤" for ar.
    public static func number(_ n: Int, locale: String) -> String {
        ICU.formatNumber(Int64(n), locale: locale) ?? String(n)
    }

    /// The name of a language in another (or the same) language, capitalised
    /// for a menu: ("vi", "vi") -> "Tiếng Việt", ("fr", "fr") -> "Français".
    /// Where CLDR lacks data ICU falls back to English, or to the tag itself.
    public static func languageName(_ tag: String, inLanguage displayLocale: String) -> String {
        ICU.displayName(tag, in: displayLocale) ?? tag
    }

    /// Canonical BCP 47 form: "zh_hant" -> "zh-Hant", "zh_TW.UTF-8" -> "zh-TW",
    /// "iw" -> "he", "" -> "und". Anything without a language ("C", "POSIX",
    /// "123") is returned unchanged, so a caller can spot it.
    public static func canonicalTag(_ tag: String) -> String {
        ICU.canonicalTag(tag) ?? tag
    }

    /// Tags to try, most specific first, by dropping subtags from the right
    /// (extensions first): "zh-Hant-TW" -> ["zh-Hant-TW", "zh-Hant", "zh"].
    /// When a region implies a script other than the language's usual one, that
    /// script is tried before the bare language: "zh-TW" -> ["zh-TW", "zh-Hant", "zh"],
    /// so a Taiwanese kiosk finds Traditional rather than Simplified Chinese.
    /// No "en" is added: the caller decides the last resort.
    public static func fallbackChain(_ tag: String) -> [String] {
        let canonical = canonicalTag(tag)
        // Subtags before the first singleton ("-u-", "-x-") name the language itself.
        var subtags = Array(canonical.split(separator: "-").map(String.init).prefix { $0.count > 1 })
        guard let language = subtags.first else { return [canonical] }
        var chain = [canonical]
        while !subtags.isEmpty {
            let candidate = subtags.joined(separator: "-")
            if !chain.contains(candidate) { chain.append(candidate) }
            subtags.removeLast()
        }
        if let script = impliedScript(canonical, language: language) {
            let withScript = "\(language)-\(script)"
            if !chain.contains(withScript) { chain.insert(withScript, at: chain.count - 1) }
        }
        return chain
    }

    /// The writing script a language is written in, as an ISO 15924 code: its own script subtag,
    /// else the one CLDR's likely subtags give ("hi" -> "Deva", "zh-TW" -> "Hant", "ar" -> "Arab").
    public static func writingScript(_ tag: String) -> String? {
        ICU.maximizedTag(tag)?.split(separator: "-").dropFirst().first { $0.count == 4 }.map(String.init)
    }

    /// The script a tag without one implies through its region, if it differs
    /// from the language's default script (zh-TW -> Hant, since zh -> Hans).
    private static func impliedScript(_ tag: String, language: String) -> String? {
        let subtags = tag.split(separator: "-")
        guard subtags.count > 1, subtags[1].count != 4 else { return nil } // already has a script
        func script(_ tag: String) -> Substring? {
            ICU.maximizedTag(tag)?.split(separator: "-").dropFirst().first { $0.count == 4 }
        }
        guard let implied = script(tag), implied != script(language) else { return nil }
        return String(implied)
    }
}
