// In-process benchmarks of what makes Spiral feel instant or not: saving after every answer,
// loading the content at start-up, formatting and laying out a screen through ICU, reading plans,
// and exporting. Run with `swift package --package-path Benchmarks benchmark` (or `make bench`,
// which also puts the figures in docs/benchmarks.md). Nothing here is a test: no threshold fails
// a build.
import Benchmark
import Foundation
import SpiralCore
import SpiralText

/// The package root (this file is Benchmarks/Benchmarks/SpiralBenchmarks/SpiralBenchmarks.swift).
let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

func loadScript() -> PromptScript {
    switch ScriptLoader.load(directory: root + "/Prompts") {
    case let .success(script): return script
    case let .failure(failure): fatalError("Prompts/kiosk.json does not load: \(failure.problems)")
    }
}

// MARK: A realistic plan, made the way the kiosk makes one

/// Walks the real prompt script with the real engine, answering every step, with `goals` goals.
func makePlan(script: PromptScript, catalogue: MessageCatalogue, goals: Int) -> Plan {
    let l = Localizer(catalogue: catalogue, language: "en")
    let config = CentreConfig.australianDefaults
    var engine = DialogueEngine(script: script)
    let texts: [String: String] = [
        "name": "Amira", "children": "Mia 4, Sam 7",
        "needs_detail": "We have been sleeping at my sister's place since March.",
        "help_with": "Getting the kids to bed without a fight every night.",
        "matters_most": "Keeping the kids together and safe.",
        "good_week": "Everyone at school on time and dinner together twice.",
        "did_for_child": "I read to Mia every night this week.",
        "child_did": "She helped her little brother put his shoes on.",
        "look_after": "A walk around the block when the kids are asleep.",
        "when_hard": "Talking to my sister.", "child_feels": "Safe, I think. She goes quiet and holds on.",
        "good_day": "Pancakes, the park and Mum not being cranky.",
        "goal_what": "A bedtime routine that works", "goal_why": "So we are not all exhausted in the morning",
        "goal_when": "Within a month", "goal_how": "Bath, book, bed at 7:30", "goal_who": "My partner",
        "best_times": "Weekday mornings", "language_pref": "English",
        "culture": "My mum lives with us and helps with the kids.",
    ]
    var t = Date(timeIntervalSince1970: 1_780_000_000)
    while let v = engine.current {
        let presenter = StepPresenter(engine: engine, localizer: l, config: config)
        let question = presenter.questionText(of: v)
        t += 30
        let step = v.step
        let value: AnswerValue
        var display = ""
        switch step.kind {
        case .info, .crisisContacts:
            value = .shown(question); display = question
        case .choice:
            let id = step.id == "goal_another" ? (v.ref.round < min(goals, 5) ? "yes" : "no") : step.choiceList[0].id
            value = .choice(id); display = l(step.choiceList.first { $0.id == id }!.label)
        case .multiChoice:
            let ids = Array(step.choiceList.prefix(2)).map(\.id)
            value = .choices(ids); display = ids.map { id in l(step.choiceList.first { $0.id == id }!.label) }.joined(separator: "; ")
        case .text:
            let text = step.id == "child_praise" ? presenter.prefill(for: v) : (texts[step.id] ?? "")
            value = text.isEmpty ? .skipped : .text(text); display = text
        }
        engine.record(Answer(value: value, question: question, display: display, language: "en", answeredAt: t))
    }
    var plan = Plan(code: "KMT-47R", language: "en", now: Date(timeIntervalSince1970: 1_780_000_000))
    PlanBuilder.apply(engine, to: &plan, now: t)
    plan.status = .finished
    plan.visits = [Plan.Visit(startedAt: plan.createdAt, language: "en", returning: false)]
    // A practitioner's work: goals agreed and rated at several reviews.
    let who = "Jo Harris"
    while plan.goals.count < goals {
        let n = plan.goals.count + 1
        plan.goals.append(Plan.Goal(id: "session-\(n)", what: "Goal \(n): join the Thursday playgroup",
                                    why: "Time with other parents", when: "This term", how: "Come along with Jo the first time",
                                    whoWith: who, status: .agreed, proposedBy: who, language: "en"))
    }
    for i in plan.goals.indices {
        plan.goals[i].status = [.agreed, .inProgress, .achieved][i % 3]
        plan.goals[i].reviewDate = "2026-08-01"
        for r in 0..<3 {
            plan.goals[i].ratings.append(Plan.Rating(date: "2026-0\(r + 5)-15", parent: 3 + r * 2, practitioner: 2 + r * 2, by: who))
        }
    }
    plan.praise.append(Plan.Praise(kind: .toParent, text: "You kept to the bedtime routine all week: that steadiness helps Mia settle.",
                                   source: .practitioner(who), language: "en", recordedAt: t))
    plan.partnershipSteps.append(Plan.PartnershipStep(kind: .quickWin, note: "Food vouchers given on the day", by: who, at: t))
    plan.contacts.append(Plan.Contact(kind: .kept, date: "2026-05-15", note: nil, by: who))
    plan.history.append(Plan.Change(at: t, who: who, what: "goal kiosk-1 status", old: "proposed", new: "agreed"))
    return plan
}

// MARK: The benchmarks

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .automatic,
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 10_000)

    let script = loadScript()
    let catalogue = MessageCatalogue.load(directory: root + "/Localizations")
    let plan = makePlan(script: script, catalogue: catalogue, goals: 3)

    // Saving: the kiosk saves after every answer, durably (temp file, fsync, rename, fsync dir).
    Benchmark("PlanStore.save (durable, one plan)") { benchmark in
        let dir = NSTemporaryDirectory() + "spiral-bench-save-\(getpid())"
        let store = PlanStore(directory: dir)
        try store.prepare()
        var p = plan
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            p.updatedAt = Date(timeIntervalSince1970: 1_780_000_000 + Double(i))
            try store.save(p)
        }
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(atPath: dir)
    }

    // What the kiosk really calls after an answer: lock, re-read, rebuild, save.
    Benchmark("PlanStore.update (kiosk save after an answer)") { benchmark in
        let dir = NSTemporaryDirectory() + "spiral-bench-update-\(getpid())"
        let store = PlanStore(directory: dir)
        try store.save(plan)
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            _ = try store.update(plan.code, creating: plan) { $0.updatedAt = Date(timeIntervalSince1970: 1_780_000_000 + Double(i)) }
        }
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(atPath: dir)
    }

    // The same, sealed (docs/sealing.md): the kiosk re-reads with the data key it holds for the
    // session, seals the body and listing afresh, and keeps the wraps. Compare with the line above.
    Benchmark("PlanStore.update sealed (kiosk save after an answer)") { benchmark in
        let dir = NSTemporaryDirectory() + "spiral-bench-update-sealed-\(getpid())"
        let store = PlanStore(directory: dir, codec: SealedPlanCodec(centreKey: CentrePrivateKey.generate().publicKey))
        try store.update(plan.code, creating: plan) { _ in }
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            _ = try store.update(plan.code, creating: plan) { $0.updatedAt = Date(timeIntervalSince1970: 1_780_000_000 + Double(i)) }
        }
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(atPath: dir)
    }

    // Reading one plan file: what `spiral review --list` does for every plan in the store.
    Benchmark("PlanStore.load (one plan)") { benchmark in
        let dir = NSTemporaryDirectory() + "spiral-bench-load-\(getpid())"
        let store = PlanStore(directory: dir)
        try store.save(plan)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try store.load(plan.code))
        }
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(atPath: dir)
    }

    Benchmark("PlanOverview.Row.line (one review line)") { benchmark in
        let dir = NSTemporaryDirectory() + "spiral-bench-row-\(getpid())"
        let store = PlanStore(directory: dir)
        try store.save(plan)
        let row = PlanOverview.load(from: store).rows[0]
        try? FileManager.default.removeItem(atPath: dir)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(row.line)
        }
    }

    // Start-up: the prompt script and every language file, as `spiral kiosk` loads them.
    Benchmark("Load prompt script and all catalogues") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ScriptLoader.load(directory: root + "/Prompts"))
            blackHole(MessageCatalogue.load(directory: root + "/Localizations"))
        }
    }

    // What `spiral kiosk` does instead: every file checked and read for the first screen only;
    // English decoded whole (it is the fallback), the family's language when it is chosen.
    Benchmark("Load prompt script and catalogues lazily, as the kiosk does") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ScriptLoader.load(directory: root + "/Prompts"))
            let lazy = MessageCatalogue.load(directory: root + "/Localizations", lazily: true)
            blackHole(lazy.messages(for: "en"))
        }
    }

    // Also at every kiosk start: the English source is checked before a parent sees anything.
    Benchmark("ContentValidator.checkSource (kiosk start)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ContentValidator.checkSource(catalogue, script: script))
        }
    }

    // One screen: the multi-choice "needs" step (progress, question, hint, 11 choices, keys).
    let engineAtNeeds: DialogueEngine = {
        var e = DialogueEngine(script: script)
        while let v = e.current, v.step.id != "needs_now" {
            e.record(Answer(value: v.step.kind == .choice ? .choice(v.step.choiceList[0].id) : .skipped,
                            question: "", display: "", language: "en"))
        }
        return e
    }()
    Benchmark("Format a screen of messages (MessageCatalogue.format)") { benchmark in
        let presenter = StepPresenter(engine: engineAtNeeds, localizer: Localizer(catalogue: catalogue, language: "en"),
                                      config: .australianDefaults)
        let v = engineAtNeeds.current!
        for _ in benchmark.scaledIterations {
            blackHole(presenter.view(of: v))
        }
    }

    // The first time a screen is drawn its ICU MessageFormat patterns are compiled (then cached).
    Benchmark("Format a screen of messages, first time (templates compiled)") { benchmark in
        let files = Array(catalogue.languages.values)
        let v = engineAtNeeds.current!
        for _ in benchmark.scaledIterations {
            let fresh = MessageCatalogue(languages: files)
            let presenter = StepPresenter(engine: engineAtNeeds, localizer: Localizer(catalogue: fresh, language: "en"),
                                          config: .australianDefaults)
            blackHole(presenter.view(of: v))
        }
    }
    // Wrapping 10,000 mixed-script lines and exporting a 100-goal plan are measured by
    // spiral-text-bench and spiral-export-bench (scripts/bench_text.py, bench_export.py), also under callgrind.
}
