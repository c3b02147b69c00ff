/// The prompt script read from a `JSONTree` exactly as its `Decodable` conformance reads it
/// (JSONTree says why: 7 million instructions at every kiosk start, most of them the Swift
/// runtime looking up generic types for JSONDecoder). Nil for anything unusual: ScriptLoader then
/// decodes with JSONDecoder, for the same script or the same message about what is wrong.
/// JSONTreeReadersTests checks the two agree.
extension PromptScript {
    init?(tree: JSONTree) {
        do throws(JSONTree.Unusual) { self = try Self.read(tree) } catch { return nil }
    }

    private typealias T = JSONTree

    private static func read(_ tree: JSONTree) throws(JSONTree.Unusual) -> PromptScript {
        let f = try T.Fields(tree)
        return PromptScript(schemaVersion: try f.required("schemaVersion", T.int),
                            sections: try f.required("sections", T.list(section)))
    }

    private static func section(_ tree: JSONTree) throws(JSONTree.Unusual) -> Section {
        let f = try T.Fields(tree)
        return Section(id: try f.required("id", T.string), stage: try f.required("stage", T.raw(SpiralStage.self)),
                       title: try f.required("title", T.string), when: try f.optional("when", condition),
                       repeat: try f.optional("repeat", repetition), steps: try f.required("steps", T.list(step)))
    }

    private static func repetition(_ tree: JSONTree) throws(JSONTree.Unusual) -> Repeat {
        let f = try T.Fields(tree)
        return Repeat(max: try f.required("max", T.int), another: try f.required("another", T.string),
                      continueWith: try f.required("continueWith", T.string))
    }

    private static func step(_ tree: JSONTree) throws(JSONTree.Unusual) -> Step {
        let f = try T.Fields(tree)
        return Step(id: try f.required("id", T.string), kind: try f.required("kind", T.raw(Kind.self)),
                    text: try f.required("text", T.string), intro: try f.optional("intro", T.string),
                    hint: try f.optional("hint", T.string), when: try f.optional("when", condition),
                    skippable: try f.optional("skippable", T.bool), maxLength: try f.optional("maxLength", T.int),
                    record: try f.optional("record", T.string), role: try f.optional("role", T.raw(StepRole.self)),
                    summary: try f.optional("summary", T.bool), repair: try f.optional("repair", T.bool),
                    choices: try f.optional("choices", T.list(choice)), args: try f.optional("args", T.map(argument)),
                    prefill: try f.optional("prefill", prefill),
                    prefillCurrentLanguageName: try f.optional("prefillCurrentLanguageName", T.bool))
    }

    private static func choice(_ tree: JSONTree) throws(JSONTree.Unusual) -> Choice {
        let f = try T.Fields(tree)
        return Choice(id: try f.required("id", T.string), label: try f.required("label", T.string),
                      detail: try f.optional("detail", T.string), urgent: try f.optional("urgent", T.bool),
                      exclusive: try f.optional("exclusive", T.bool))
    }

    private static func prefill(_ tree: JSONTree) throws(JSONTree.Unusual) -> Prefill {
        let f = try T.Fields(tree)
        return Prefill(message: try f.required("message", T.string), args: try f.optional("args", T.map(argument)))
    }

    private static func argument(_ tree: JSONTree) throws(JSONTree.Unusual) -> ArgumentSource {
        let f = try T.Fields(tree)
        return ArgumentSource(step: try f.optional("step", T.string), use: try f.optional("use", T.string),
                              fallback: try f.optional("fallback", T.string), builtin: try f.optional("builtin", T.string))
    }

    /// As `Condition.init(from:)`: the first of any, all, not, returning, answered that is
    /// there, else a step with is, includes or isOnly.
    private static func condition(_ tree: JSONTree) throws(JSONTree.Unusual) -> Condition {
        let f = try T.Fields(tree)
        if let list = try f.optional("any", T.list(condition)) { return .any(list) }
        if let list = try f.optional("all", T.list(condition)) { return .all(list) }
        if let inner = try f.optional("not", condition) { return .not(inner) }
        if let returning = try f.optional("returning", T.bool) { return .returning(returning) }
        if let step = try f.optional("answered", T.string) { return .answered(step) }
        let step = try f.required("step", T.string)
        if let value = try f.optional("is", T.string) { return .stepIs(step, value) }
        if let value = try f.optional("includes", T.string) { return .stepIncludes(step, value) }
        if let value = try f.optional("isOnly", T.string) { return .stepIsOnly(step, value) }
        throw T.Unusual()
    }
}
