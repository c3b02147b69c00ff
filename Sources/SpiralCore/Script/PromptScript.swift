/// The dialogue as data, decoded from `Prompts/*.json`. It names message keys, never words:
/// every word on screen comes from a catalogue in `Localizations/`.
public struct PromptScript: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var sections: [Section]

    /// No sections: what a kiosk's flow holds while its script is still loading and its first
    /// screen, the language choice, is drawn (`KioskFlow.scriptArrived`).
    public static let stillLoading = PromptScript(schemaVersion: 0, sections: [])

    init(schemaVersion: Int, sections: [Section]) {
        self.schemaVersion = schemaVersion
        self.sections = sections
    }

    public struct Section: Codable, Sendable, Equatable {
        public var id: String
        public var stage: SpiralStage
        public var title: String
        public var when: Condition?
        public var `repeat`: Repeat?
        public var steps: [Step]
    }

    /// A section asked more than once (goals): after each round, `another` asks whether to go on.
    public struct Repeat: Codable, Sendable, Equatable {
        public var max: Int
        public var another: String
        public var continueWith: String
    }

    public struct Step: Codable, Sendable, Equatable {
        public var id: String
        public var kind: Kind
        public var text: String
        public var intro: String?
        public var hint: String?
        public var when: Condition?
        public var skippable: Bool?
        public var maxLength: Int?
        /// Where the answer goes in the plan: one of `RecordTarget` (see `PlanBuilder`).
        public var record: String?
        /// What the step does in the flow (`consent`, `firstStrength`, `repairDetail`).
        public var role: StepRole?
        /// Listed in the family's summary (default: a skippable question that is recorded).
        public var summary: Bool?
        /// An urgent choice here raises the repair flag (default: repair targets).
        public var repair: Bool?
        public var choices: [Choice]?
        public var args: [String: ArgumentSource]?
        public var prefill: Prefill?
        public var prefillCurrentLanguageName: Bool?

        public var isSkippable: Bool { skippable ?? true }
        public var choiceList: [Choice] { choices ?? [] }
    }

    public enum Kind: String, Codable, Sendable, Equatable {
        case text, choice, multiChoice, info, crisisContacts
        public var isQuestion: Bool { self != .info && self != .crisisContacts }
    }

    public struct Choice: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        /// A second message tied to this choice: why a strength matters, what to say to a child.
        public var detail: String?
        /// Choosing this marks the plan urgent for the practitioner.
        public var urgent: Bool?
        /// Cannot be combined with other choices ("Nothing right now").
        public var exclusive: Bool?
    }

    /// A message formatted from earlier answers and placed in the edit buffer for the parent to change.
    public struct Prefill: Codable, Sendable, Equatable {
        public var message: String
        public var args: [String: ArgumentSource]?
    }

    /// Where a message argument's value comes from.
    public struct ArgumentSource: Codable, Sendable, Equatable {
        /// An earlier step's answer (its text, or the chosen choice's label).
        public var step: String?
        /// `detail`: the chosen choice's detail message; `firstChild`: the first child's name.
        public var use: String?
        /// Message key used when the step has no answer.
        public var fallback: String?
        /// A value the engine knows: `goalCount`.
        public var builtin: String?
    }

    public func step(_ id: String) -> Step? {
        for section in sections { if let s = section.steps.first(where: { $0.id == id }) { return s } }
        return nil
    }

    public func section(containing stepId: String) -> Section? {
        sections.first { $0.steps.contains { $0.id == stepId } }
    }
}

/// When a step or section is shown. Decoded from objects such as
/// `{"step": "safe_now", "is": "no"}`, `{"any": [...]}`, `{"not": {...}}`, `{"returning": true}`.
public indirect enum Condition: Codable, Sendable, Equatable {
    case stepIs(String, String)
    case stepIncludes(String, String)
    case stepIsOnly(String, String)
    case answered(String)
    case returning(Bool)
    case any([Condition])
    case all([Condition])
    case not(Condition)

    private enum Keys: String, CodingKey { case step, `is`, includes, isOnly, answered, returning, any, all, not }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if let list = try c.decodeIfPresent([Condition].self, forKey: .any) { self = .any(list); return }
        if let list = try c.decodeIfPresent([Condition].self, forKey: .all) { self = .all(list); return }
        if let inner = try c.decodeIfPresent(Condition.self, forKey: .not) { self = .not(inner); return }
        if let r = try c.decodeIfPresent(Bool.self, forKey: .returning) { self = .returning(r); return }
        if let s = try c.decodeIfPresent(String.self, forKey: .answered) { self = .answered(s); return }
        let step = try c.decode(String.self, forKey: .step)
        if let v = try c.decodeIfPresent(String.self, forKey: .is) { self = .stepIs(step, v); return }
        if let v = try c.decodeIfPresent(String.self, forKey: .includes) { self = .stepIncludes(step, v); return }
        if let v = try c.decodeIfPresent(String.self, forKey: .isOnly) { self = .stepIsOnly(step, v); return }
        throw DecodingError.dataCorruptedError(forKey: .step, in: c,
            debugDescription: "a condition on step '\(step)' needs one of \"is\", \"includes\" or \"isOnly\"")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .stepIs(s, v): try c.encode(s, forKey: .step); try c.encode(v, forKey: .is)
        case let .stepIncludes(s, v): try c.encode(s, forKey: .step); try c.encode(v, forKey: .includes)
        case let .stepIsOnly(s, v): try c.encode(s, forKey: .step); try c.encode(v, forKey: .isOnly)
        case let .answered(s): try c.encode(s, forKey: .answered)
        case let .returning(r): try c.encode(r, forKey: .returning)
        case let .any(l): try c.encode(l, forKey: .any)
        case let .all(l): try c.encode(l, forKey: .all)
        case let .not(i): try c.encode(i, forKey: .not)
        }
    }

    /// Every step id this condition looks at, for validation.
    public var referencedSteps: [String] {
        switch self {
        case let .stepIs(s, _), let .stepIncludes(s, _), let .stepIsOnly(s, _), let .answered(s): return [s]
        case .returning: return []
        case let .any(l), let .all(l): return l.flatMap(\.referencedSteps)
        case let .not(i): return i.referencedSteps
        }
    }
}
