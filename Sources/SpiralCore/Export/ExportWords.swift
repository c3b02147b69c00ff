#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// A heading, label or question in the export language, and (for a bilingual export) the same in
/// the family's language. Each format decides how to show the pair: "Goals / الأهداف".
public struct ExportLabel: Sendable, Equatable {
    public var text: String
    /// The same words in the family's language; nil when monolingual or when they are the same.
    public var second: String?
    /// The language of `second`, for `lang` and `dir` in HTML.
    public var secondLanguage: String?

    public init(_ text: String, second: String? = nil, secondLanguage: String? = nil) {
        self.text = text
        self.second = second == text ? nil : second
        self.secondLanguage = self.second == nil ? nil : secondLanguage
    }

    /// Both languages on one line, for plain text, Markdown and spreadsheets.
    public var joined: String { second.map { text + " / " + $0 } ?? text }
}

/// The words of one export: every heading from the catalogue in the export language, and in the
/// family's language beside it when the export is bilingual; dates and numbers in the export
/// language's own form.
public struct ExportWords: Sendable {
    public let l: Localizer
    /// The family's language, only when the export is bilingual and the languages differ.
    public let family: Localizer?
    /// Olson time zone for dates and times; nil for the machine's.
    public let timeZone: String?
    /// Made once: a coordinator's table asks for two days of each of thousands of plans.
    let calendar: Calendar

    public init(l: Localizer, family: Localizer? = nil, timeZone: String? = nil) {
        self.l = l
        self.family = family.flatMap { $0.language == l.language ? nil : $0 }
        self.timeZone = timeZone
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone.flatMap(Self.zone) ?? .current
        calendar = cal
    }

    public var language: String { l.language }
    public var direction: TextDirection { l.direction }
    public var isBilingual: Bool { family != nil }

    /// One catalogue message, in one or two languages.
    public func label(_ key: String, _ args: [String: MessageArgument] = [:]) -> ExportLabel {
        ExportLabel(l(key, args), second: family.map { $0(key, args) }, secondLanguage: family?.language)
    }

    /// One catalogue message in the export language only.
    public func text(_ key: String, _ args: [String: MessageArgument] = [:]) -> String { l(key, args) }

    public func direction(of language: String) -> TextDirection { l.catalogue.direction(of: language) }

    var zone: String { timeZone ?? TimeZone.current.identifier }

    /// A moment as a date in the export language ("Mar 3, 2026", "٣ مارس ٢٠٢٦").
    public func date(_ date: Date) -> String {
        LocaleFormat.date(date, locale: l.formattingLocale, timeZone: zone)
    }

    /// A plan's `yyyy-mm-dd` day in the export language; as written if it is not such a day.
    public func day(_ ymd: String) -> String {
        guard let date = Self.parseDay(ymd) else { return ymd }
        return LocaleFormat.date(date, locale: l.formattingLocale, timeZone: "UTC")
    }

    public func number(_ n: Int) -> String { LocaleFormat.number(n, locale: l.formattingLocale) }

    /// A moment as `yyyy-mm-dd` in the export's time zone, for spreadsheets.
    public func isoDay(_ date: Date) -> String { Self.isoDay(date, in: calendar) }

    /// `yyyy-mm-dd` of a moment in a calendar's time zone, without String(format:) (slow in bulk).
    static func isoDay(_ date: Date, in calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        func two(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year ?? 0)-" + two(c.month) + "-" + two(c.day)
    }

    /// `2026-03-01` as midnight UTC.
    /// A time zone by name; UTC even where only FoundationEssentials is linked (it knows only GMT).
    static func zone(_ identifier: String) -> TimeZone? {
        TimeZone(identifier: identifier) ?? (identifier == "UTC" || identifier == "GMT" ? .gmt : nil)
    }

    static func parseDay(_ ymd: String) -> Date? {
        let parts = ymd.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts[0].count == 4, (1...12).contains(m), (1...31).contains(d) else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .gmt  // not TimeZone(identifier: "UTC"): nil where only FoundationEssentials is linked
        return cal.date(from: DateComponents(year: y, month: m, day: d))
    }
}
