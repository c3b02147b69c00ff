/// Where a step's answer goes in the plan: a closed set, checked when the script loads, so a
/// misspelt `record` in `Prompts/kiosk.json` is an error naming the step (not an answer that
/// silently goes nowhere). Every answer is kept in the plan's answers; the targets below also
/// fill a structured part of it (`PlanBuilder`).
public enum RecordTarget: String, CaseIterable, Sendable {
    // Structured parts of the plan.
    case profileName = "profile.name"
    case profileChildren = "profile.children"
    case needs
    case needsOther = "needs.other"
    case praiseToParent = "praise.to-parent"
    case praiseForChild = "praise.for-child"
    case goalWhat = "goal.what", goalWhy = "goal.why", goalWhen = "goal.when", goalHow = "goal.how"
    case goalWhoWith = "goal.whoWith"
    /// Sets the plan's repair flag when it has any words.
    case repairDetail = "repair.detail"
    // Kept as answers, grouped for the practitioner's reading by their stage and section.
    case consent, safety
    case needsDetail = "needs.detail"
    case wants
    case strengthAction = "strength.action", strengthQuality = "strength.quality"
    case childAction = "child.action", childQuality = "child.quality"
    case selfcare, reflection
    case togetherWhere = "together.where", togetherOften = "together.often", togetherTimes = "together.times"
    case togetherLanguage = "together.language", togetherInterpreter = "together.interpreter"
    case togetherCulture = "together.culture", togetherAtsi = "together.atsi"
    case togetherAboriginalWorker = "together.aboriginalWorker", togetherKeepInTouch = "together.keepInTouch"
    case togetherContactHow = "together.contactHow"
    case repairFlag = "repair.flag"
    case repairGoingWell = "repair.going_well"

    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// What a step does in the kiosk's flow beyond asking: named in the script, never by step id in code.
public enum StepRole: String, Codable, CaseIterable, Sendable {
    /// "Is it OK to go on?": its first choice starts a plan, any other ends the session, nothing saved.
    case consent
    /// The parent's own account of something they did well: quoted back on the closing screen.
    case firstStrength
    /// What has not felt right: shown first to the practitioner.
    case repairDetail
}

extension PromptScript.Step {
    public var target: RecordTarget? { record.flatMap(RecordTarget.init(rawValue:)) }

    /// Shown in the family's summary to check and change: a question whose answer goes into the
    /// plan and can be skipped, unless the script says otherwise.
    public var showsInSummary: Bool {
        summary ?? (kind.isQuestion && record != nil && isSkippable)
    }

    /// A choice marked urgent here raises the repair flag rather than the urgent one.
    public var isRepair: Bool {
        repair ?? (target == .repairFlag || target == .repairDetail)
    }
}

extension PromptScript {
    /// The choices of the needs question, by which a chosen need's id is named in any language.
    public var needChoices: [Choice] {
        sections.lazy.flatMap(\.steps).first { $0.target == .needs }?.choiceList ?? []
    }

    /// The step with a role, if the script has one.
    public func step(withRole role: StepRole) -> Step? {
        sections.lazy.flatMap(\.steps).first { $0.role == role }
    }
}
