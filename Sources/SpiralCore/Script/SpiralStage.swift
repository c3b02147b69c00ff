/// The five kinds of step in the building-partnership spiral. Every prompt, plan entry and
/// practitioner note carries one, so a plan can be read stage by stage.
public enum SpiralStage: String, Codable, Sendable, CaseIterable {
    /// Earning trust: listening, reflecting back, quick wins, immediate needs.
    case acceptance
    /// Helping parents value themselves: labelled praise, self-care.
    case valuing
    /// Gentle prompts that invite a new way of thinking.
    case subtle
    /// Negotiated change: what, why, when, how, who with.
    case obvious
    /// Acknowledging and repairing strain.
    case repair
}
