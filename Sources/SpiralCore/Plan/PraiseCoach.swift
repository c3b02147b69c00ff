#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// Helps a practitioner write labelled praise: it names a specific thing the parent did and why
/// it matters ("You read to Mia every night this week — that gives her a calm end to the day"),
/// not "good job".
public enum PraiseCoach: Sendable {
    public enum Concern: Equatable, Sendable {
        /// Only general words of praise, no action named.
        case vague
        /// An action, but nothing about why it matters.
        case noReason
    }

    /// `vagueWords`: the practitioner language's general praise words, from the catalogue
    /// (`coach.vague_words`, separated by `|`). `reasonWords`: words that introduce a reason.
    public static func assess(_ text: String, vagueWords: [String], reasonWords: [String]) -> [Concern] {
        // Punctuation is dropped first, so "Very good, great!" reads as its words.
        let letters = String(text.map { $0.isLetter || $0.isNumber || $0.isWhitespace ? $0 : " " })
        let key = " " + UnicodeText.searchKey(letters).split(separator: " ").joined(separator: " ") + " "
        var remaining = key
        for phrase in vagueWords.map({ UnicodeText.searchKey($0) }).filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
            remaining = remaining.replacing(" " + phrase + " ", with: " ")
        }
        let words = remaining.split(separator: " ").filter { $0.count > 1 }
        // Fewer than three content words once praise words are gone: no action is named.
        if words.count < 3 { return [.vague] }
        let hasReason = reasonWords.map { UnicodeText.searchKey($0) }.contains { !$0.isEmpty && key.contains(" " + $0 + " ") }
            || text.contains("—") || text.contains(" - ") || text.contains(":")
        return hasReason ? [] : [.noReason]
    }

    /// "You {action} — {why}" in the practitioner's language (`coach.compose`).
    public static func compose(action: String, why: String, localizer: Localizer) -> String {
        localizer("coach.compose", ["action": .string(action), "why": .string(why)])
    }
}

