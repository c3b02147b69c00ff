#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One stretch of speech: words in one language, and the message they are when they are exactly
/// one message (so a centre's recording of it can be played instead).
public struct SpeechSegment: Sendable, Equatable {
    public var text: String
    public var language: String
    public var messageKey: String?
    /// Every message with exactly these words (a centre may have recorded any of them).
    public var messageKeys: [String] = []
    /// Holds the family's own words: spoken only when the parent asked on this screen and confirmed.
    public var familyWords: Bool

    public init(text: String, language: String, messageKey: String? = nil, familyWords: Bool = false) {
        self.text = text; self.language = language; self.messageKey = messageKey; self.familyWords = familyWords
    }
}

/// What a screen says aloud, in reading order: title, text, each numbered choice with its number
/// (a language's name in its own language), the notice and the key hints, using a language's
/// spoken variant of a message where it has one. Staff lines are not read. Never the family's
/// own words unless `withFamilyWords` (the parent pressed the key again on this screen): in
/// their place, one sentence says they are there.
public struct ScreenSpeech: Sendable {
    public let catalogue: MessageCatalogue

    public init(catalogue: MessageCatalogue) { self.catalogue = catalogue }

    public func segments(for screen: Screen, withFamilyWords: Bool = false) -> [SpeechSegment] {
        let tag = screen.language
        var out: [SpeechSegment] = []
        var withheld = false
        func say(_ text: String?, in language: String? = nil, familys: Bool = false) {
            guard let text, !text.trimmingSpaces.isEmpty else { return }
            let language = language ?? tag
            let isFamilys = familys || screen.familyWords.contains { text.contains($0) }
            if isFamilys && !withFamilyWords { withheld = true; return }
            out.append(spoken(text, in: language, familyWords: isFamilys))
        }
        // The language screen's title is the same words in several languages: its list says
        // each language's name in that language's own voice instead.
        if screen.kind != .language {
            say(screen.title)
            for block in screen.blocks where block.style != .dim { say(block.text) }
        }
        // The summary's list is the family's answers, chosen ones too ("Safety" is theirs to share).
        for item in screen.list { say("\(item.number). \(item.label)", in: item.language, familys: screen.holdsFamilyWords) }
        say(screen.notice)
        if let footer = screen.footer {
            // Key hints are one or more messages joined by " · ": each is matched whole (the
            // longest run of parts that is a message), so each has its spoken variant.
            let parts = footer.components(separatedBy: " · ")
            var i = 0
            while i < parts.count {
                let end = stride(from: parts.count, to: i + 1, by: -1).first {
                    !catalogue.keys(forText: parts[i..<$0].joined(separator: " · "), in: tag).isEmpty
                } ?? i + 1
                say(parts[i..<end].joined(separator: " · "))
                i = end
            }
        }
        if withheld { out.append(spoken(message("speech.family_words", in: tag), in: tag, familyWords: false)) }
        return out
    }

    /// Whether pressing the key again on this screen would read more (the family's own words).
    public func hasFamilyWords(_ screen: Screen) -> Bool {
        segments(for: screen, withFamilyWords: true).contains(where: \.familyWords)
    }

    func spoken(_ text: String, in language: String, familyWords: Bool) -> SpeechSegment {
        // "3. Money" is not a message, but "Money" is: a list item is matched without its number.
        let bare = text.split(separator: " ", maxSplits: 1).count == 2 && text.first?.isNumber == true
            ? String(text.split(separator: " ", maxSplits: 1)[1]) : text
        let keys = catalogue.keys(forText: text, in: language).nilIfEmpty ?? catalogue.keys(forText: bare, in: language)
        let key = keys.first
        var words = text
        let variants = catalogue.speechVariants(for: language)
        if let variant = keys.lazy.compactMap({ variants[$0] }).first {
            words = bare == text ? variant : text.replacing(bare, with: variant)
        } else {
            // Symbols a voice would spell out: the separators of key hints.
            words = words.replacing(" · ", with: ". ")
        }
        var segment = SpeechSegment(text: words, language: language, messageKey: bare == text ? key : nil, familyWords: familyWords)
        if bare == text { segment.messageKeys = keys }
        return segment
    }

    func message(_ key: String, in tag: String) -> String {
        catalogue.format(key, language: tag)
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
