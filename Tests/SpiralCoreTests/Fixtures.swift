import Foundation
@testable import SpiralCore

/// The real prompt script and catalogue shipped in the package, so tests see what parents see.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static var script: PromptScript {
        switch ScriptLoader.load(directory: root + "/Prompts") {
        case let .success(s): return s
        case let .failure(p): fatalError("shipped script is broken: \(p)")
        }
    }

    static let catalogue = MessageCatalogue.load(directory: root + "/Localizations")

    static func answer(_ value: AnswerValue, _ display: String = "") -> Answer {
        Answer(value: value, question: "q", display: display, language: "en", answeredAt: Date(timeIntervalSince1970: 0))
    }

    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "spiral-test-" + UUID().uuidString
        return dir
    }
}

extension DialogueEngine {
    var currentId: String? {
        if case let .step(ref) = position { return ref.key }
        return position == .summary ? "<summary>" : "<finished>"
    }

    mutating func say(_ value: AnswerValue) { record(Fixtures.answer(value)) }
    mutating func text(_ t: String) { record(Fixtures.answer(.text(t), t)) }
    mutating func choose(_ id: String) { record(Fixtures.answer(.choice(id), id)) }
    mutating func skip() { record(Fixtures.answer(.skipped)) }

    /// Skips until the named step is current.
    mutating func skip(until id: String) {
        var guardCount = 0
        while currentId != id, guardCount < 200 {
            if let v = current, !v.step.isSkippable { choose("yes") } else { skip() }
            guardCount += 1
        }
    }
}
