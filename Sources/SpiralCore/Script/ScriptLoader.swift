#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A problem in a centre's own files, said so a coordinator can fix it: which file, which key
/// or step, what is wrong and what to do.
/// Problems that stop the prompt script from loading.
public struct ScriptLoadFailure: Error, Sendable {
    public var problems: [ContentProblem]
}

public struct ContentProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var file: String
    public var key: String?
    public var message: String

    public init(_ severity: Severity, file: String, key: String? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        "\(severity): \(file)" + (key.map { ": \($0)" } ?? "") + ": " + message
    }
}

public enum ScriptLoader: Sendable {
    public static let fileName = "kiosk.json"

    /// Reads `Prompts/kiosk.json` and checks its structure.
    public static func load(directory: String) -> Result<PromptScript, ScriptLoadFailure> {
        let path = directory + "/" + fileName
        let name = "Prompts/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ScriptLoadFailure(problems: [ContentProblem(.error, file: name, "cannot be read from \(directory): check --prompts or reinstall the Prompts folder")]))
        }
        let script: PromptScript
        do { script = try JSONTree.decode(PromptScript.self, from: data, reading: PromptScript.init(tree:)) } catch {
            return .failure(ScriptLoadFailure(problems: [ContentProblem(.error, file: name, JSONProblem.describe(error, in: data))]))
        }
        let problems = structuralProblems(script, file: name)
        return problems.contains { $0.severity == .error } ? .failure(ScriptLoadFailure(problems: problems)) : .success(script)
    }

    /// Step ids unique, conditions naming real steps, choices where choices are asked.
    public static func structuralProblems(_ script: PromptScript, file: String) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        if script.schemaVersion != 1 {
            problems.append(.init(.error, file: file, key: "schemaVersion", "is \(script.schemaVersion); this Spiral reads version 1"))
        }
        var seen: Set<String> = []
        let allIds = Set(script.sections.flatMap { $0.steps.map(\.id) })
        for section in script.sections {
            if section.steps.isEmpty {
                problems.append(.init(.error, file: file, key: "section \(section.id)", "has no steps: add at least one"))
            }
            if let rep = section.repeat, !section.steps.contains(where: { $0.id == rep.another }) {
                problems.append(.init(.error, file: file, key: "section \(section.id)", "repeat.another names \"\(rep.another)\", which is not a step in this section"))
            }
            for step in section.steps {
                if !seen.insert(step.id).inserted {
                    problems.append(.init(.error, file: file, key: "step \(step.id)", "is used twice: step ids must be unique"))
                }
                if let record = step.record, RecordTarget(rawValue: record) == nil {
                    problems.append(.init(.error, file: file, key: "step \(step.id)", "has \"record\": \"\(record)\", which Spiral does not know. Use one of: \(RecordTarget.allowedList)"))
                }
                if [.choice, .multiChoice].contains(step.kind), step.choiceList.isEmpty {
                    problems.append(.init(.error, file: file, key: "step \(step.id)", "is a \(step.kind.rawValue) with no \"choices\": add them"))
                }
                let refs = (step.when?.referencedSteps ?? []) + (section.when?.referencedSteps ?? [])
                    + (step.args ?? [:]).values.compactMap(\.step) + (step.prefill?.args ?? [:]).values.compactMap(\.step)
                for ref in refs where !allIds.contains(ref) {
                    problems.append(.init(.error, file: file, key: "step \(step.id)", "refers to a step \"\(ref)\" that does not exist"))
                }
            }
        }
        for role in StepRole.allCases where script.sections.flatMap(\.steps).filter({ $0.role == role }).count > 1 {
            problems.append(.init(.error, file: file, key: "role \(role.rawValue)", "is given to more than one step: give it to one"))
        }
        if let consent = script.step(withRole: .consent), consent.kind != .choice || consent.choiceList.count < 2 {
            problems.append(.init(.error, file: file, key: "step \(consent.id)", "has the consent role, so it must be a choice whose first choice means yes"))
        }
        return problems
    }

    /// Every message key the script shows.
    public static func messageKeys(_ script: PromptScript) -> [String] {
        var keys: [String] = []
        for section in script.sections {
            keys.append(section.title)
            for step in section.steps {
                keys.append(step.text)
                keys += [step.intro, step.hint, step.prefill?.message].compactMap { $0 }
                for choice in step.choiceList { keys.append(choice.label); if let d = choice.detail { keys.append(d) } }
                for source in (step.args ?? [:]).values { if let f = source.fallback { keys.append(f) } }
            }
        }
        return keys
    }
}
