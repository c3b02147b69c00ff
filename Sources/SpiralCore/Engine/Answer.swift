#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One step in one round: `goal_what` in the second goal is `goal_what#2`.
public struct StepRef: Hashable, Codable, Sendable, CustomStringConvertible {
    public var stepId: String
    /// Which round of a repeated section (goals); 0 for a step in a section that is not repeated.
    public var round: Int

    public init(_ stepId: String, round: Int = 0) {
        self.stepId = stepId
        self.round = round
    }

    /// The stable key used in plan files.
    public var key: String { round == 0 ? stepId : "\(stepId)#\(round)" }
    public var description: String { key }

    public init?(key: String) {
        let parts = key.split(separator: "#", maxSplits: 1)
        if parts.count == 2, let n = Int(parts[1]), n > 0 {
            self.init(String(parts[0]), round: n)
        } else if parts.count == 1, !key.isEmpty {
            self.init(key)
        } else {
            return nil
        }
    }
}

/// What a person gave at one step.
public enum AnswerValue: Hashable, Sendable {
    case text(String)
    case choice(String)
    case choices([String])
    case skipped
    /// An information step that was shown, with the words shown (labelled praise reflected back).
    case shown(String)

    public var isSkipped: Bool { self == .skipped }
    public var choiceIds: [String] {
        switch self {
        case let .choice(id): return [id]
        case let .choices(ids): return ids
        default: return []
        }
    }
    public var text: String? {
        switch self {
        case let .text(t), let .shown(t): return t
        default: return nil
        }
    }
}

extension AnswerValue: Codable {
    private enum Keys: String, CodingKey { case type, text, choice, choices }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .type) {
        case "text": self = .text(try c.decode(String.self, forKey: .text))
        case "choice": self = .choice(try c.decode(String.self, forKey: .choice))
        case "choices": self = .choices(try c.decode([String].self, forKey: .choices))
        case "skipped": self = .skipped
        case "shown": self = .shown(try c.decode(String.self, forKey: .text))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                debugDescription: "unknown answer type '\(other)': expected text, choice, choices, skipped or shown")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .text(t): try c.encode("text", forKey: .type); try c.encode(t, forKey: .text)
        case let .choice(id): try c.encode("choice", forKey: .type); try c.encode(id, forKey: .choice)
        case let .choices(ids): try c.encode("choices", forKey: .type); try c.encode(ids, forKey: .choices)
        case .skipped: try c.encode("skipped", forKey: .type)
        case let .shown(t): try c.encode("shown", forKey: .type); try c.encode(t, forKey: .text)
        }
    }
}

/// An answer with what the person saw: the question and the answer's words in their language.
public struct Answer: Codable, Sendable, Equatable {
    public var value: AnswerValue
    /// The question exactly as shown.
    public var question: String
    /// The answer as a person reads it: their words, or the chosen labels as shown.
    public var display: String
    /// The language the question was shown in (BCP 47).
    public var language: String
    public var answeredAt: Date

    public init(value: AnswerValue, question: String, display: String, language: String, answeredAt: Date = Date()) {
        self.value = value
        self.question = question
        self.display = display
        self.language = language
        self.answeredAt = answeredAt
    }
}
