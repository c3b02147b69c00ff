import SpiralText

/// What a typed line means at one step of the dialogue: the answer to record, or why it is
/// refused. The same for every front end (terminal, tests, a future one), so no presenter
/// interprets answers itself.
public enum AnswerReading: Equatable, Sendable {
    case record(AnswerValue, display: String)
    /// Refused: `notice` says why and how to fix it; `keep` is put back in the edit line
    /// (only the family's own words, never a refused choice: that is quoted in the notice).
    case refuse(notice: String, keep: String?)
}

public struct AnswerReader: Sendable {
    public let l: Localizer
    /// The kiosk's limit for a text answer when the step gives none.
    public let defaultLimit: Int

    public init(localizer: Localizer, defaultLimit: Int) {
        self.l = localizer
        self.defaultLimit = defaultLimit
    }

    public func limit(for step: PromptScript.Step) -> Int { step.maxLength ?? defaultLimit }

    /// `text` is already cleaned (`InputCleaner`).
    public func read(_ text: String, at step: PromptScript.Step, view: StepView) -> AnswerReading {
        switch step.kind {
        case .text:
            let limit = limit(for: step)
            let length = TextLimits.length(text)
            if length > limit || !TextLimits.fitsBytes(text, characters: limit) { return tooLong(text, typed: length, at: step) }
            return .record(.text(text), display: text)
        case .choice, .multiChoice:
            let exclusive = Set(step.choiceList.indices.filter { step.choiceList[$0].exclusive == true })
            switch ChoiceMatcher.match(text, labels: view.choices, multiple: view.multiple, exclusive: exclusive) {
            case let .chosen(indices):
                let ids = indices.map { step.choiceList[$0].id }
                let display = indices.map { view.choices[$0] }.joined(separator: ListSeparator.display(for: l.language))
                return .record(view.multiple ? .choices(ids) : .choice(ids[0]), display: display)
            case .noMatch:
                let key = step.isSkippable ? "ui.not_a_choice" : "ui.not_a_choice.noskip"
                return .refuse(notice: l(key, ["input": .string(UnicodeText.truncate(text, toWidth: 30)),
                                               "count": .number(view.choices.count)]), keep: nil)
            case let .exclusiveConflict(i):
                return .refuse(notice: l("ui.exclusive_choice", ["label": .string(view.choices[i])]), keep: nil)
            }
        case .info, .crisisContacts:
            return .record(.shown(view.question), display: view.question)
        }
    }

    /// An answer longer than the step keeps: said with both lengths, and kept up to the limit in
    /// the line to shorten. `typed`: how much was typed or pasted (more than `text` when the line
    /// editor already refused the rest).
    public func tooLong(_ text: String, typed: Int, at step: PromptScript.Step) -> AnswerReading {
        let limit = limit(for: step)
        return .refuse(notice: l("ui.too_long", ["max": .number(limit), "length": .number(max(typed, limit + 1))]),
                       keep: TextLimits.truncate(text, to: limit))
    }
}

/// Bounds on what a field may hold, counted as the eye sees it (grapheme clusters) and as it is
/// stored (UTF-8 bytes): one letter carrying 100,000 combining accents is one character to the eye
/// and 200 KB on disk. `InputCleaner` already caps the marks on one letter.
public enum TextLimits: Sendable {
    /// UTF-8 bytes allowed per character of a limit: enough for any real script (a Devanagari
    /// conjunct with its vowel sign is about 15 bytes), far below a pasted flood.
    public static let bytesPerCharacter = 16

    public static func length(_ text: String) -> Int { text.count }

    public static func fitsBytes(_ text: String, characters limit: Int) -> Bool {
        text.utf8.count <= limit * bytesPerCharacter
    }

    /// The first `limit` characters, never more than the byte bound.
    public static func truncate(_ text: String, to limit: Int) -> String {
        var out = String(text.prefix(limit))
        while !fitsBytes(out, characters: limit), !out.isEmpty { out.removeLast() }
        return out
    }
}
